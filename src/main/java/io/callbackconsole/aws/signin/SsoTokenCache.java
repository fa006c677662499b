package io.callbackconsole.aws.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The AWS CLI's SSO token cache: {@code <folder>/<sha1 of the session name or start URL>.json}, with the fields the CLI
 * and the SDK read (accessToken, expiresAt, refreshToken, clientId, clientSecret, registrationExpiresAt, region,
 * startUrl). Files are written 0600. A file that cannot be read counts as no sign-in.
 */
public final class SsoTokenCache {
    private final Path folder;
    private final ObjectMapper mapper = new ObjectMapper();

    public SsoTokenCache(Path folder) {
        this.folder = folder;
    }

    /** The file the AWS CLI and the SDK use for this session name or start URL. */
    public Path fileFor(String cacheKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(cacheKey.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }

    /** The cached sign-in; empty when there is none, or the file is not a token (a half-written or foreign file). */
    public Optional<SsoToken> load(String cacheKey) {
        Path file = fileFor(cacheKey);
        JsonNode node;
        try {
            node = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.path("accessToken").isTextual() || !node.path("expiresAt").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SsoToken(node.get("accessToken").asText(), Instant.parse(node.get("expiresAt").asText()),
                    text(node, "refreshToken"), text(node, "clientId"), text(node, "clientSecret"),
                    instant(node, "registrationExpiresAt"), text(node, "region"), text(node, "startUrl")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Writes (or replaces) the sign-in, 0600. */
    public void store(String cacheKey, SsoToken token) {
        ObjectNode node = mapper.createObjectNode();
        node.put("startUrl", token.startUrl());
        node.put("region", token.region());
        node.put("accessToken", token.accessToken());
        node.put("expiresAt", token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        putIfPresent(node, "refreshToken", token.refreshToken());
        putIfPresent(node, "clientId", token.clientId());
        putIfPresent(node, "clientSecret", token.clientSecret());
        if (token.registrationExpiresAt() != null) {
            node.put("registrationExpiresAt", token.registrationExpiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        Path file = fileFor(cacheKey);
        try {
            OwnerOnlyCacheFile.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the SSO token cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
