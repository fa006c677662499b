package io.callbackconsole.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The AWS Query protocol as the STS and IAM simulators speak it: a form-encoded request, an XML answer with the
 * request id in a header, and the XML error shape the SDK and the AWS CLI read.
 */
final class QueryProtocol {

    private QueryProtocol() {
    }

    /** The request's form fields, decoded; a field without a value is empty. */
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

    /** An error the caller made ({@code Sender}), in the service's namespace. */
    static String error(String namespace, String code, String message, String requestId) {
        return """
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(namespace, code, message, requestId);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Sends the answer and closes the exchange; a caller that went away is logged, not thrown. */
    static void answer(HttpExchange exchange, int status, String xml, String requestId, String service, Logger log) {
        try {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.warn("Cannot send the {} answer ({}): {}", service, requestId, e.getMessage());
        } finally {
            exchange.close();
        }
    }
}
