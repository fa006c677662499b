package io.callbackconsole.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process STS endpoint on loopback that answers {@code GetCallerIdentity} in the AWS Query protocol (a
 * form-encoded {@code POST /} with {@code Action} and {@code Version}; an XML answer), with a fixed sandbox identity,
 * so the console's audit path (who acted, in which account) runs without AWS. Other actions get the Query protocol's
 * {@code InvalidAction} error. Signatures are not checked.
 */
public final class StsSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StsSimulator.class);
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The role session the sandbox says the console acts as. */
    public static final String ROLE_SESSION = "assumed-role/SandboxOperator/sandbox";

    private final String account;
    private LoopbackHttp http; // set by start, before any request can arrive

    private StsSimulator(String account) {
        this.account = account;
    }

    /**
     * @param port    the port, or 0 for a free one
     * @param account the 12-digit account the identity belongs to
     */
    public static StsSimulator start(int port, String account) {
        if (account == null || !account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("Account id must be 12 digits, not '" + account + "'");
        }
        StsSimulator simulator = new StsSimulator(account);
        simulator.http = LoopbackHttp.serve(port, 1, "sts-simulator", simulator::handle);
        log.info("STS simulator listening on {}", simulator.endpoint());
        return simulator;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    /** The ARN {@code GetCallerIdentity} answers with. */
    public String callerArn() {
        return "arn:aws:sts::" + account + ":" + ROLE_SESSION;
    }

    public String account() {
        return account;
    }

    @Override
    public void close() {
        http.close();
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        int status;
        String xml;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parseForm(body);
            String action = form.get("Action");
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 400;
                xml = error("InvalidAction", "Only POST / is served; got " + exchange.getRequestMethod(), requestId);
            } else if ("GetCallerIdentity".equals(action)) {
                status = 200;
                xml = """
                        <GetCallerIdentityResponse xmlns="%s">
                          <GetCallerIdentityResult>
                            <Arn>%s</Arn>
                            <UserId>AROASANDBOXOPERATOR0:sandbox</UserId>
                            <Account>%s</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata>
                            <RequestId>%s</RequestId>
                          </ResponseMetadata>
                        </GetCallerIdentityResponse>
                        """.formatted(NAMESPACE, callerArn(), account, requestId);
            } else {
                status = 400;
                xml = error("InvalidAction", "The action " + (action == null ? "(none)" : escape(action))
                        + " is not valid for this web service.", requestId);
            }
        } catch (IOException | RuntimeException e) {
            log.error("Internal error answering an STS request", e);
            status = 500;
            xml = error("InternalFailure", "The simulator failed: " + escape(e.toString()), requestId);
        }
        try {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.warn("Cannot send the STS answer ({}): {}", requestId, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private static String error(String code, String message, String requestId) {
        return """
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(NAMESPACE, code, message, requestId);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
