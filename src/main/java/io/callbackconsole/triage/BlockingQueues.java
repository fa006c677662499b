package io.callbackconsole.triage;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Waits of a bulk run's threads that an interrupt does not cut short: every journaled decision is seen through to
 * its outcome, so an interrupt is only remembered (the thread's flag is set again) and acted on by the journal writer.
 */
final class BlockingQueues {
    private BlockingQueues() {
    }

    /** The next element, waiting at most {@code millis} (none when 0 or less); null when none came. */
    static <T> T pollUninterruptibly(BlockingQueue<T> queue, long millis) {
        if (millis <= 0) {
            return queue.poll();
        }
        if (millis == Long.MAX_VALUE) {
            return takeUninterruptibly(queue);
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (true) {
                try {
                    return queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static <T> T takeUninterruptibly(BlockingQueue<T> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
