package io.callbackconsole.sandbox;

/** Settings of the JDK's HTTP server that the simulators need. */
final class LoopbackHttp {
    private LoopbackHttp() {
    }

    /**
     * Sends answers at once: without TCP_NODELAY, Nagle's algorithm meets the client's delayed ACK and every call on
     * loopback waits about 40 ms. The JDK server reads this once, when it is first used, so it is set before then.
     */
    static void answerWithoutDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
}
