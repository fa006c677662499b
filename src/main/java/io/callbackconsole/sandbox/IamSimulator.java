package io.callbackconsole.sandbox;

import static io.callbackconsole.sandbox.QueryProtocol.escape;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process IAM endpoint on loopback that answers {@code ListAccountAliases} in the AWS Query protocol (a
 * form-encoded {@code POST /} with {@code Action} and {@code Version}; an XML answer), so the header's account alias
 * comes from the unmodified SDK in the sandbox too. It can refuse ({@code AccessDenied}, as for a role without
 * {@code iam:ListAccountAliases}) or never answer, to rehearse both. Other actions get {@code InvalidAction}.
 * Signatures are not checked.
 */
public final class IamSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IamSimulator.class);
    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** The alias the sandbox's account carries. */
    public static final String SANDBOX_ALIAS = "callback-sandbox";

    /** How {@code ListAccountAliases} is answered. */
    public enum Behaviour {
        /** With the alias (or an empty list when none is set). */
        ANSWER,
        /** 403 AccessDenied, as for a principal without {@code iam:ListAccountAliases}. */
        DENY,
        /** Never: the request waits until the simulator closes. */
        HANG
    }

    private final String account;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String alias;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private LoopbackHttp http; // set by start, before any request can arrive

    private IamSimulator(String account, String alias) {
        this.account = account;
        this.alias = alias;
    }

    /**
     * @param port  the port, or 0 for a free one
     * @param alias the account's alias, or null for an account without one
     */
    public static IamSimulator start(int port, String account, String alias) {
        if (account == null || !account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("Account id must be 12 digits, not '" + account + "'");
        }
        IamSimulator simulator = new IamSimulator(account, alias);
        simulator.http = LoopbackHttp.serve(port, 2, "iam-simulator", simulator::handle);
        log.info("IAM simulator listening on {}", simulator.endpoint());
        return simulator;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    /** The alias answered from now on; null for none. */
    public void alias(String newAlias) {
        this.alias = newAlias;
    }

    public void behaviour(Behaviour newBehaviour) {
        this.behaviour = java.util.Objects.requireNonNull(newBehaviour, "behaviour");
    }

    @Override
    public void close() {
        closed.countDown();
        http.close();
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        int status;
        String xml;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = QueryProtocol.parseForm(body);
            String action = form.get("Action");
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 400;
                xml = error("InvalidAction", "Only POST / is served; got " + exchange.getRequestMethod(), requestId);
            } else if (!"ListAccountAliases".equals(action)) {
                status = 400;
                xml = error("InvalidAction", "The action " + (action == null ? "(none)" : escape(action))
                        + " is not valid for this web service.", requestId);
            } else if (behaviour == Behaviour.HANG) {
                closed.await();
                return;
            } else if (behaviour == Behaviour.DENY) {
                status = 403;
                xml = error("AccessDenied", "User: arn:aws:sts::" + account + ":" + StsSimulator.ROLE_SESSION
                        + " is not authorized to perform: iam:ListAccountAliases on resource: *", requestId);
            } else {
                String current = alias;
                status = 200;
                xml = """
                        <ListAccountAliasesResponse xmlns="%s">
                          <ListAccountAliasesResult>
                            <IsTruncated>false</IsTruncated>
                            <AccountAliases>%s</AccountAliases>
                          </ListAccountAliasesResult>
                          <ResponseMetadata>
                            <RequestId>%s</RequestId>
                          </ResponseMetadata>
                        </ListAccountAliasesResponse>
                        """.formatted(NAMESPACE, current == null ? "" : "<member>" + escape(current) + "</member>",
                        requestId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (IOException | RuntimeException e) {
            log.error("Internal error answering an IAM request", e);
            status = 500;
            xml = error("ServiceFailure", "The simulator failed: " + escape(e.toString()), requestId);
        }
        QueryProtocol.answer(exchange, status, xml, requestId, "IAM", log);
    }

    private static String error(String code, String message, String requestId) {
        return QueryProtocol.error(NAMESPACE, code, message, requestId);
    }
}
