package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IAM Identity Center on loopback, on its real REST-JSON protocols, so the unmodified SDK signs in against it: the SSO
 * OIDC service ({@code POST /client/register}, {@code /device_authorization}, {@code /token} with the device-code and
 * refresh-token grants and the {@code authorization_pending}, {@code slow_down} and {@code expired_token} errors) and
 * the SSO portal ({@code GET /federation/credentials}, {@code GetRoleCredentials}). Both are served from one port; the
 * real service has two host names for them, but no path is shared.
 *
 * <p>What a user does in the browser is a test hook: {@link #approve(String)} approves a user code. Tokens and role
 * credentials are short-lived (configurable), so expiry can be tested in seconds. Nothing it issues is logged.
 */
public final class IdentityCenterSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdentityCenterSimulator.class);
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String REFRESH_GRANT = "refresh_token";

    private record Client(String secret, Instant expiresAt) {
    }

    private static final class Device {
        final String clientId;
        final String userCode;
        final Instant expiresAt;
        volatile boolean approved;
        Instant lastPoll;

        Device(String clientId, String userCode, Instant expiresAt) {
            this.clientId = clientId;
            this.userCode = userCode;
            this.expiresAt = expiresAt;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // refresh token -> client id
    private final Set<String> accountRoles = ConcurrentHashMap.newKeySet(); // "account/role"
    private volatile Duration accessTokenLifetime = Duration.ofHours(8);
    private volatile Duration credentialLifetime = Duration.ofHours(1);
    private volatile Duration deviceCodeLifetime = Duration.ofMinutes(10);
    private volatile int intervalSeconds = 1;
    private volatile boolean slowDownNextPoll;
    private volatile Clock clock = Clock.systemUTC();
    private LoopbackHttp http;

    private IdentityCenterSimulator() {
    }

    /** @param port the port, or 0 for a free one */
    public static IdentityCenterSimulator start(int port) {
        IdentityCenterSimulator simulator = new IdentityCenterSimulator();
        simulator.http = LoopbackHttp.serve(port, 2, "identity-center-simulator", simulator::handle);
        log.info("IAM Identity Center simulator (SSO OIDC and portal) listening on {}", simulator.endpoint());
        return simulator;
    }

    /** The endpoint of both the SSO OIDC service and the SSO portal. */
    public URI endpoint() {
        return http.endpoint();
    }

    /** Lets {@code GetRoleCredentials} hand out credentials for this role in this account. */
    public void addAccountRole(String accountId, String roleName) {
        accountRoles.add(accountId + "/" + roleName);
    }

    /** How long access tokens issued from now on last (8 h by default). */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = positive(lifetime);
    }

    /** How long role credentials issued from now on last (1 h by default). */
    public void credentialLifetime(Duration lifetime) {
        this.credentialLifetime = positive(lifetime);
    }

    /** How long a device code waits for its approval (10 min by default). */
    public void deviceCodeLifetime(Duration lifetime) {
        this.deviceCodeLifetime = positive(lifetime);
    }

    /** The polling interval StartDeviceAuthorization asks for (1 s by default); polling sooner is a slow_down. */
    public void intervalSeconds(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("The interval is at least 1 s, not " + seconds);
        }
        this.intervalSeconds = seconds;
    }

    /** The next CreateToken poll on a waiting device code is answered slow_down, as a busy service does. */
    public void slowDownNextPoll() {
        this.slowDownNextPoll = true;
    }

    /** The clock expirations are reckoned by (a test can move it to expire codes and tokens at once). */
    public void clock(Clock newClock) {
        this.clock = newClock;
    }

    /** What the user does in the browser: approves the device authorization showing this user code. */
    public boolean approve(String userCode) {
        for (Device device : devices.values()) {
            if (device.userCode.equals(userCode)) {
                device.approved = true;
                return true;
            }
        }
        return false;
    }

    /** Ends every access token issued so far, as signing out in the portal (or their expiry) does. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** The user code of the latest device authorization still waiting, as the browser would show it. */
    public Optional<String> waitingUserCode() {
        return devices.values().stream().filter(d -> !d.approved).map(d -> d.userCode).reduce((a, b) -> b);
    }

    @Override
    public void close() {
        http.close();
    }

    private static Duration positive(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A lifetime must be positive, not " + lifetime);
        }
        return lifetime;
    }

    /** An error answer: the status, the code the SDK reads from x-amzn-ErrorType, and OAuth's error word. */
    private record Failure(int status, String code, String oauthError, String description) {
    }

    private static final class Refused extends Exception {
        final Failure failure;

        Refused(int status, String code, String oauthError, String description) {
            super(code, null, false, false);
            this.failure = new Failure(status, code, oauthError, description);
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        JsonNode answer;
        String errorCode = null;
        try {
            answer = route(exchange);
        } catch (Refused refused) {
            Failure f = refused.failure;
            status = f.status();
            errorCode = f.code();
            ObjectNode body = mapper.createObjectNode();
            if (f.oauthError() != null) {
                body.put("error", f.oauthError());
                body.put("error_description", f.description());
            } else {
                body.put("message", f.description());
            }
            answer = body;
        } catch (IOException | RuntimeException e) {
            log.error("Internal error answering an IAM Identity Center request", e);
            status = 500;
            errorCode = "InternalServerException";
            answer = mapper.createObjectNode().put("error", "server_error").put("error_description", e.toString());
        }
        try {
            byte[] bytes = mapper.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            if (errorCode != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorCode);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.warn("Cannot send the IAM Identity Center answer ({}): {}", requestId, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private JsonNode route(HttpExchange exchange) throws IOException, Refused {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(method) && "/federation/credentials".equals(path)) {
            return roleCredentials(query(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token"));
        }
        if (!"POST".equals(method)) {
            throw new Refused(400, "InvalidRequestException", "invalid_request", method + " " + path + " is not served");
        }
        JsonNode body = mapper.readTree(exchange.getRequestBody().readAllBytes());
        if (body == null || !body.isObject()) {
            throw new Refused(400, "InvalidRequestException", "invalid_request", "The body is not a JSON object");
        }
        return switch (path) {
            case "/client/register" -> registerClient(body);
            case "/device_authorization" -> startDeviceAuthorization(body);
            case "/token" -> createToken(body);
            default -> throw new Refused(404, "InvalidRequestException", "invalid_request", "No operation at " + path);
        };
    }

    private JsonNode registerClient(JsonNode body) throws Refused {
        if (body.path("clientName").asText().isEmpty() || !"public".equals(body.path("clientType").asText())) {
            throw new Refused(400, "InvalidClientMetadataException", "invalid_client_metadata",
                    "clientName is required and clientType must be public");
        }
        String clientId = "client-" + randomText(22);
        String secret = randomText(64);
        Instant issued = clock.instant();
        Instant expires = issued.plus(Duration.ofDays(90));
        clients.put(clientId, new Client(secret, expires));
        return mapper.createObjectNode().put("clientId", clientId).put("clientSecret", secret)
                .put("clientIdIssuedAt", issued.getEpochSecond()).put("clientSecretExpiresAt", expires.getEpochSecond());
    }

    private String authenticatedClient(JsonNode body) throws Refused {
        String clientId = body.path("clientId").asText();
        Client client = clients.get(clientId);
        if (client == null || !client.secret().equals(body.path("clientSecret").asText())) {
            throw new Refused(401, "InvalidClientException", "invalid_client", "Invalid client credentials");
        }
        if (!clock.instant().isBefore(client.expiresAt())) {
            throw new Refused(401, "InvalidClientException", "invalid_client", "The client registration has expired");
        }
        return clientId;
    }

    private JsonNode startDeviceAuthorization(JsonNode body) throws Refused {
        String clientId = authenticatedClient(body);
        String startUrl = body.path("startUrl").asText();
        if (!startUrl.startsWith("https://") && !startUrl.startsWith("http://")) {
            throw new Refused(400, "InvalidRequestException", "invalid_request", "startUrl must be a URL");
        }
        String deviceCode = randomText(48);
        String userCode = randomLetters(4) + "-" + randomLetters(4);
        Duration lifetime = deviceCodeLifetime;
        devices.put(deviceCode, new Device(clientId, userCode, clock.instant().plus(lifetime)));
        String verification = endpoint() + "/start/#/device";
        return mapper.createObjectNode().put("deviceCode", deviceCode).put("userCode", userCode)
                .put("verificationUri", verification)
                .put("verificationUriComplete", verification + "?user_code=" + userCode)
                .put("expiresIn", (int) lifetime.toSeconds()).put("interval", intervalSeconds);
    }

    private JsonNode createToken(JsonNode body) throws Refused {
        String clientId = authenticatedClient(body);
        String grant = body.path("grantType").asText();
        if (DEVICE_GRANT.equals(grant)) {
            return deviceCodeToken(clientId, body.path("deviceCode").asText());
        }
        if (REFRESH_GRANT.equals(grant)) {
            String refresh = body.path("refreshToken").asText();
            if (!clientId.equals(refreshTokens.remove(refresh))) {
                throw new Refused(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided");
            }
            return issueTokens(clientId);
        }
        throw new Refused(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                "Unsupported grant type: " + grant);
    }

    private JsonNode deviceCodeToken(String clientId, String deviceCode) throws Refused {
        Device device = devices.get(deviceCode);
        if (device == null || !device.clientId.equals(clientId)) {
            throw new Refused(400, "InvalidGrantException", "invalid_grant", "Invalid grant provided");
        }
        Instant now = clock.instant();
        if (!now.isBefore(device.expiresAt)) {
            devices.remove(deviceCode);
            throw new Refused(400, "ExpiredTokenException", "expired_token", "The device code has expired");
        }
        synchronized (device) {
            Instant last = device.lastPoll;
            device.lastPoll = now;
            if (!device.approved) {
                // RFC 8628: a poll sooner than the interval is answered slow_down.
                boolean tooSoon = last != null && Duration.between(last, now).toMillis() < intervalSeconds * 1000L - 250;
                if (slowDownNextPoll || tooSoon) {
                    slowDownNextPoll = false;
                    throw new Refused(400, "SlowDownException", "slow_down", "Client is polling too quickly");
                }
                throw new Refused(400, "AuthorizationPendingException", "authorization_pending",
                        "Authorization is still pending");
            }
        }
        devices.remove(deviceCode);
        return issueTokens(clientId);
    }

    private JsonNode issueTokens(String clientId) {
        String access = "aoa" + randomText(60);
        String refresh = "aor" + randomText(60);
        Duration lifetime = accessTokenLifetime;
        accessTokens.put(access, clock.instant().plus(lifetime));
        refreshTokens.put(refresh, clientId);
        return mapper.createObjectNode().put("accessToken", access).put("tokenType", "Bearer")
                .put("expiresIn", (int) lifetime.toSeconds()).put("refreshToken", refresh);
    }

    private JsonNode roleCredentials(Map<String, String> query, String bearer) throws Refused {
        Instant expires = bearer == null ? null : accessTokens.get(bearer);
        if (expires == null || !clock.instant().isBefore(expires)) {
            throw new Refused(401, "UnauthorizedException", null, "Session token not found or invalid");
        }
        String account = query.getOrDefault("account_id", "");
        String role = query.getOrDefault("role_name", "");
        if (!accountRoles.contains(account + "/" + role)) {
            throw new Refused(403, "ForbiddenException", null, "No access");
        }
        ObjectNode credentials = mapper.createObjectNode()
                .put("accessKeyId", "ASIA" + randomLetters(16))
                .put("secretAccessKey", randomText(40))
                .put("sessionToken", randomText(120))
                .put("expiration", clock.instant().plus(credentialLifetime).toEpochMilli());
        ObjectNode answer = mapper.createObjectNode();
        answer.set("roleCredentials", credentials);
        return answer;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private String randomText(int length) {
        return random(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    }

    private String randomLetters(int length) {
        return random(length, "BCDFGHJKLMNPQRSTVWXZ");
    }

    private String random(int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
