package io.callbackconsole.sandbox;

import static io.callbackconsole.sandbox.QueryProtocol.escape;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process STS endpoint on loopback in the AWS Query protocol (a form-encoded {@code POST /} with {@code Action}
 * and {@code Version}; an XML answer), so the console's audit path (who acted, in which account) and its sign-in to
 * MFA-protected roles run without AWS.
 *
 * <p>{@code GetCallerIdentity} answers the fixed sandbox identity, or the assumed role when the request is signed with
 * keys this simulator issued (and {@code ExpiredToken} once they have expired). {@code AssumeRole} issues short-lived
 * keys for the roles {@link #addRole added}; a role added with an MFA device needs {@code SerialNumber} and the current
 * {@code TokenCode}, as IAM's {@code aws:MultiFactorAuthPresent} condition would. Everything else is {@code AccessDenied}
 * as AWS words it. Other actions get the Query protocol's {@code InvalidAction} error. Signatures are not checked.
 */
public final class StsSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StsSimulator.class);
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The role session the sandbox says the console acts as. */
    public static final String ROLE_SESSION = "assumed-role/SandboxOperator/sandbox";

    // "Credential=ASIA.../20261202/us-east-2/sts/aws4_request" in the SigV4 Authorization header.
    private static final Pattern SIGNED_KEY = Pattern.compile("Credential=([A-Z0-9]+)/");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** A role that can be assumed: with {@code mfaSerial} null it needs no MFA. */
    private record Role(String mfaSerial, String mfaCode) {
    }

    /** Keys issued by AssumeRole: whom they act as, until when. */
    private record IssuedKeys(String assumedRoleArn, Instant expiration) {
    }

    private final String account;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, IssuedKeys> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Duration credentialLifetime = Duration.ofHours(1);
    private volatile Clock clock = Clock.systemUTC();
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

    /**
     * Lets {@code AssumeRole} issue keys for {@code roleArn}; with an MFA device, only with its serial number and
     * {@code mfaCode} (the code the device shows now; call again to change it).
     */
    public void addRole(String roleArn, String mfaSerial, String mfaCode) {
        if ((mfaSerial == null) != (mfaCode == null)) {
            throw new IllegalArgumentException("An MFA device needs its serial number and its current code");
        }
        roles.put(roleArn, new Role(mfaSerial, mfaCode));
    }

    /** How long the keys AssumeRole issues from now on last, whatever DurationSeconds asks (1 h by default). */
    public void credentialLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A credential lifetime must be positive, not " + lifetime);
        }
        this.credentialLifetime = lifetime;
    }

    /** The clock expirations are reckoned by (a test can move it to expire keys at once). */
    public void clock(Clock newClock) {
        this.clock = newClock;
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
            Map<String, String> form = QueryProtocol.parseForm(body);
            String action = form.get("Action");
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 400;
                xml = error("InvalidAction", "Only POST / is served; got " + exchange.getRequestMethod(), requestId);
            } else if ("AssumeRole".equals(action)) {
                Answer answer = assumeRole(form, requestId);
                status = answer.status();
                xml = answer.xml();
            } else if ("GetCallerIdentity".equals(action) && signedWithExpiredKeys(exchange)) {
                status = 403;
                xml = error("ExpiredToken", "The security token included in the request is expired", requestId);
            } else if ("GetCallerIdentity".equals(action)) {
                IssuedKeys caller = issuedKeysOf(exchange);
                String arn = caller == null ? callerArn() : caller.assumedRoleArn();
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
                        """.formatted(NAMESPACE, arn, account, requestId);
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
        QueryProtocol.answer(exchange, status, xml, requestId, "STS", log);
    }

    private record Answer(int status, String xml) {
    }

    private Answer assumeRole(Map<String, String> form, String requestId) {
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        if (roleArn == null || roleArn.length() < 20) {
            return new Answer(400, error("ValidationError", "1 validation error detected: Value at 'roleArn' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 20", requestId));
        }
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            return new Answer(400, error("ValidationError", "1 validation error detected: Value at 'roleSessionName' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                    requestId));
        }
        Role role = roles.get(roleArn);
        String notAuthorized = "User: arn:aws:iam::" + account + ":user/sandbox-operator is not authorized to perform: "
                + "sts:AssumeRole on resource: " + escape(roleArn);
        if (role == null || (role.mfaSerial() != null && form.get("SerialNumber") == null)) {
            return new Answer(403, error("AccessDenied", notAuthorized, requestId));
        }
        if (role.mfaSerial() != null && (!role.mfaSerial().equals(form.get("SerialNumber"))
                || !role.mfaCode().equals(form.get("TokenCode")))) {
            return new Answer(403, error("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time "
                    + "pass code. ", requestId));
        }
        String keyId = "ASIA" + randomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        String secret = randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        String sessionToken = randomText(120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        Instant expiration = clock.instant().plus(credentialLifetime).truncatedTo(ChronoUnit.SECONDS);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        issued.put(keyId, new IssuedKeys(assumedArn, expiration));
        return new Answer(200, """
                <AssumeRoleResponse xmlns="%s">
                  <AssumeRoleResult>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROASANDBOXROLE00000:%s</AssumedRoleId>
                      <Arn>%s</Arn>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(NAMESPACE, escape(sessionName), escape(assumedArn), keyId, escape(secret),
                escape(sessionToken), expiration, requestId));
    }

    private IssuedKeys issuedKeysOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher key = SIGNED_KEY.matcher(authorization == null ? "" : authorization);
        return key.find() ? issued.get(key.group(1)) : null;
    }

    private boolean signedWithExpiredKeys(HttpExchange exchange) {
        IssuedKeys keys = issuedKeysOf(exchange);
        return keys != null && !clock.instant().isBefore(keys.expiration());
    }

    private String randomText(int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String error(String code, String message, String requestId) {
        return QueryProtocol.error(NAMESPACE, code, message, requestId);
    }
}
