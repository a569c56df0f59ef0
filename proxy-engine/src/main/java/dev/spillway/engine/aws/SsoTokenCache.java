package dev.spillway.engine.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SSO token cache the AWS CLI and SDKs share: {@code ~/.aws/sso/cache/<sha1 of session name or start URL>.json},
 * same file name, same field names, timestamps as {@code 2025-12-01T18:00:00Z}, owner-only permissions. A token
 * written here works for {@code aws} and the SDK, and one {@code aws sso login} wrote works here.
 */
public final class SsoTokenCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public SsoTokenCache(Path directory) {
        this.directory = directory;
    }

    /** {@code <home>/.aws/sso/cache}. */
    public static SsoTokenCache inHome(Path home) {
        return new SsoTokenCache(home.resolve(".aws").resolve("sso").resolve("cache"));
    }

    /** The cache file for a session name or legacy start URL. */
    public Path fileFor(String cacheKey) {
        return directory.resolve(sha1Hex(cacheKey) + ".json");
    }

    /**
     * The cached token for {@code sso}, or empty when there is none.
     *
     * @throws IllegalStateException if the file exists but is not a token (with the file named)
     */
    public Optional<SsoToken> read(SsoSettings sso) {
        Path file = fileFor(sso.cacheKey());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("the SSO token cache file " + file + " is not valid JSON; sign in again", e);
        }
        String accessToken = json.path("accessToken").asText(null);
        Optional<Instant> expiresAt = instant(json, "expiresAt");
        if (accessToken == null || expiresAt.isEmpty()) {
            throw new IllegalStateException("the SSO token cache file " + file + " has no accessToken/expiresAt; "
                    + "sign in again");
        }
        return Optional.of(new SsoToken(json.path("startUrl").asText(sso.startUrl()),
                json.path("region").asText(sso.ssoRegion()), accessToken, expiresAt.get(), text(json, "refreshToken"),
                text(json, "clientId"), text(json, "clientSecret"), instant(json, "registrationExpiresAt")));
    }

    /**
     * Writes {@code token} for {@code sso}, replacing the file atomically and keeping any fields it had that this
     * class does not know (other tools may add their own).
     */
    public void write(SsoSettings sso, SsoToken token) {
        Path file = fileFor(sso.cacheKey());
        try {
            Files.createDirectories(directory);
            ObjectNode json = JSON.createObjectNode();
            if (Files.isRegularFile(file)) {
                try {
                    if (JSON.readTree(file.toFile()) instanceof ObjectNode old) {
                        json = old;
                    }
                } catch (IOException unreadable) {
                    // replaced below
                }
            }
            json.put("startUrl", token.startUrl());
            json.put("region", token.region());
            json.put("accessToken", token.accessToken());
            json.put("expiresAt", format(token.expiresAt()));
            putOrRemove(json, "clientId", token.clientId());
            putOrRemove(json, "clientSecret", token.clientSecret());
            putOrRemove(json, "registrationExpiresAt", token.registrationExpiresAt().map(SsoTokenCache::format));
            putOrRemove(json, "refreshToken", token.refreshToken());
            AtomicFiles.write(file, JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8),
                    AtomicFiles.Access.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SSO token cache file " + file, e);
        }
    }

    /** The AWS CLI's format: whole seconds, {@code Z}. */
    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void putOrRemove(ObjectNode json, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> json.put(field, v), () -> json.remove(field));
    }

    private static Optional<String> text(JsonNode json, String field) {
        return Optional.ofNullable(json.path(field).textValue()).filter(s -> !s.isEmpty());
    }

    /** Accepts {@code 2025-12-01T18:00:00Z} and the botocore variant with an offset ({@code +00:00}, {@code UTC}). */
    private static Optional<Instant> instant(JsonNode json, String field) {
        String value = json.path(field).textValue();
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.replace("UTC", "Z")).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String sha1Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }
}
