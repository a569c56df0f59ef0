package dev.spillway.engine.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * What Spillway changed in Claude Code's user settings, kept next to them (owner-only: a replaced token is a secret)
 * so the change can be undone exactly: the values it replaced, whether the file and its {@code env} block existed,
 * the file's permissions, and the hash of what Spillway wrote (to tell whether the user edited it since).
 */
final class IntegrationRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json;

    private IntegrationRecord(ObjectNode json) {
        this.json = json;
    }

    /** A record of {@code settings} as they are before the first change. */
    static IntegrationRecord of(Path file, ObjectNode settings) {
        ObjectNode json = JSON.createObjectNode();
        json.put("settingsExisted", Files.exists(file));
        json.put("envExisted", settings.has("env"));
        ObjectNode previous = json.putObject("previous");
        for (String key : new String[] {ClaudeCodeIntegration.BASE_URL, ClaudeCodeIntegration.AUTH_TOKEN}) {
            JsonNode value = settings.path("env").path(key);
            if (!value.isMissingNode()) {
                previous.set(key, value);
            }
        }
        try {
            if (Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                json.put("permissions", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + file, e);
        }
        return new IntegrationRecord(json);
    }

    static Optional<IntegrationRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(file.toFile()) instanceof ObjectNode object ? Optional.of(new IntegrationRecord(object))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    IntegrationRecord withWritten(String baseUrl, byte[] written, boolean authToken) {
        ObjectNode copy = json.deepCopy();
        copy.put("baseUrl", baseUrl);
        copy.put("writtenSha256", SettingsJson.sha256(written));
        copy.put("wroteAuthToken", authToken);
        return new IntegrationRecord(copy);
    }

    void write(Path file) {
        try {
            SettingsJson.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Puts {@code key} back in {@code env} as it was, or removes it if it was not there. */
    void restore(ObjectNode env, String key) {
        JsonNode previous = json.path("previous").path(key);
        if (previous.isMissingNode()) {
            env.remove(key);
        } else {
            env.set(key, previous);
        }
    }

    void restorePermissions(Path file) throws IOException {
        String permissions = json.path("permissions").textValue();
        if (permissions != null && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
    }

    boolean settingsExisted() {
        return json.path("settingsExisted").asBoolean();
    }

    boolean envExisted() {
        return json.path("envExisted").asBoolean();
    }

    boolean wroteAuthToken() {
        return json.path("wroteAuthToken").asBoolean();
    }

    String baseUrl() {
        return json.path("baseUrl").asText(null);
    }

    String writtenSha256() {
        return json.path("writtenSha256").asText("");
    }
}
