package io.callbackconsole.aws.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assume-role sessions cached as the AWS CLI caches them in ~/.aws/cli/cache: one 0600 file per role, named by the
 * SHA-1 of the AssumeRole arguments that identify it (role, external id, MFA device, duration; never the code), holding
 * the AssumeRole answer ({@code Credentials} with {@code Expiration}, {@code AssumedRoleUser}). A file that cannot be
 * read counts as no session.
 */
public final class AssumedRoleSessionCache {
    private final Path folder;
    private final ObjectMapper mapper = new ObjectMapper();

    public AssumedRoleSessionCache(Path folder) {
        this.folder = folder;
    }

    /** The file of the role's session: the CLI's key, {@code json.dumps(args, sort_keys=True)} hashed. */
    public Path fileFor(SignInProfile.MfaRole role) {
        TreeMap<String, Object> arguments = new TreeMap<>();
        arguments.put("RoleArn", role.roleArn());
        if (role.externalId() != null) {
            arguments.put("ExternalId", role.externalId());
        }
        arguments.put("SerialNumber", role.mfaSerial());
        if (role.durationSeconds() != null) {
            arguments.put("DurationSeconds", role.durationSeconds());
        }
        StringBuilder json = new StringBuilder("{");
        arguments.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(quoted(key)).append(": ").append(value instanceof Integer ? value.toString() : quoted((String) value));
        });
        json.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }

    public Optional<AssumedRoleSession> load(SignInProfile.MfaRole role) {
        JsonNode credentials;
        JsonNode node;
        try {
            node = mapper.readTree(Files.readAllBytes(fileFor(role)));
            credentials = node == null ? null : node.get("Credentials");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (credentials == null || !credentials.path("AccessKeyId").isTextual()
                || !credentials.path("SecretAccessKey").isTextual() || !credentials.path("SessionToken").isTextual()
                || !credentials.path("Expiration").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssumedRoleSession(credentials.get("AccessKeyId").asText(),
                    credentials.get("SecretAccessKey").asText(), credentials.get("SessionToken").asText(),
                    parseExpiration(credentials.get("Expiration").asText()),
                    node.path("AssumedRoleUser").path("Arn").asText(null)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public void store(SignInProfile.MfaRole role, AssumedRoleSession session) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode credentials = node.putObject("Credentials");
        credentials.put("AccessKeyId", session.accessKeyId());
        credentials.put("SecretAccessKey", session.secretAccessKey());
        credentials.put("SessionToken", session.sessionToken());
        credentials.put("Expiration", session.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        if (session.assumedRoleArn() != null) {
            node.putObject("AssumedRoleUser").put("Arn", session.assumedRoleArn());
        }
        Path file = fileFor(role);
        try {
            OwnerOnlyCacheFile.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the assume-role cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** "2026-12-02T01:00:00Z" as the console writes it, or the CLI's "…+00:00" and "…UTC". */
    static Instant parseExpiration(String text) {
        String value = text.strip();
        if (value.endsWith("UTC")) {
            value = value.substring(0, value.length() - 3) + "Z";
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
