package dev.spillway.engine.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Points Claude Code at Spillway through its user settings file: {@code env.ANTHROPIC_BASE_URL} (and
 * {@code env.ANTHROPIC_AUTH_TOKEN} when the proxy needs a master key) in {@code ~/.claude/settings.json}, every
 * other key kept as it was, written atomically after a byte-for-byte backup. {@link #remove()} puts back exactly what
 * was there. The settings window and {@code spillway configure-claude / remove-claude / show-claude} both use it.
 *
 * <pre>{@code
 * ClaudeCodeIntegration claude = ClaudeCodeIntegration.forUser(home, workingDir, System.getenv());
 * claude.plan(URI.create("http://127.0.0.1:47000"), Optional.empty()).forEach(System.out::println);
 * ClaudeCodeIntegration.State state = claude.configure(URI.create("http://127.0.0.1:47000"), Optional.empty());
 * state.conflicts().forEach(c -> System.out.println("warning: " + c));
 * }</pre>
 */
public final class ClaudeCodeIntegration {

    static final String BASE_URL = "ANTHROPIC_BASE_URL";
    static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
    private static final List<String> THIRD_PARTY_SWITCHES =
            List.of("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY");

    /** Whether Claude Code is pointed at Spillway. */
    public enum Status {
        /** Spillway's change is in the user settings file. */
        CONFIGURED,
        /** No {@code ANTHROPIC_BASE_URL} in the user settings file. */
        NOT_CONFIGURED,
        /** The user settings file has an {@code ANTHROPIC_BASE_URL} that Spillway did not put there. */
        CONFIGURED_ELSEWHERE
    }

    /**
     * The integration as it stands.
     *
     * @param status configured by Spillway, not configured, or configured by someone else
     * @param baseUrl the user settings file's {@code env.ANTHROPIC_BASE_URL}, if any
     * @param authTokenSet whether the user settings file sets {@code env.ANTHROPIC_AUTH_TOKEN}
     * @param settingsFile the user settings file
     * @param conflicts what would defeat the setting
     */
    public record State(Status status, Optional<String> baseUrl, boolean authTokenSet, Path settingsFile,
            List<Conflict> conflicts) {
    }

    private final ClaudeCodeFiles files;
    private final Map<String, String> env;

    public ClaudeCodeIntegration(ClaudeCodeFiles files, Map<String, String> env) {
        this.files = files;
        this.env = env;
    }

    /** For the user with this home directory, running Claude Code in {@code workingDir}, with this environment. */
    public static ClaudeCodeIntegration forUser(Path home, Path workingDir, Map<String, String> env) {
        return new ClaudeCodeIntegration(ClaudeCodeFiles.forUser(home, workingDir, env), env);
    }

    public ClaudeCodeFiles files() {
        return files;
    }

    /** What {@link #configure} would change, one human-readable line each, then the conflicts it would leave. */
    public List<String> plan(URI baseUrl, Optional<String> authToken) {
        Path file = files.userSettings();
        ObjectNode settings = SettingsJson.parse(file, SettingsJson.bytes(file));
        JsonNode env = settings.path("env");
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            lines.add("create " + file);
        } else {
            lines.add("back up " + file + " to " + files.backup().getFileName());
        }
        lines.add(change(env, BASE_URL, baseUrl.toString(), baseUrl.toString()));
        authToken.ifPresent(token -> lines.add(change(env, AUTH_TOKEN, token, "<the proxy's master key>")));
        for (Conflict conflict : conflicts(Optional.of(baseUrl.toString()))) {
            lines.add("warning: " + conflict);
        }
        return lines;
    }

    private static String change(JsonNode env, String key, String value, String shown) {
        JsonNode old = env.path(key);
        if (old.isTextual() && old.textValue().equals(value)) {
            return "keep env." + key + " (already " + shown + ")";
        }
        return (old.isMissingNode() ? "set env." : "replace env.") + key + " = " + shown
                + (old.isMissingNode() || key.equals(AUTH_TOKEN) ? "" : " (was " + old.asText() + ")");
    }

    /**
     * Sets {@code env.ANTHROPIC_BASE_URL} (and {@code env.ANTHROPIC_AUTH_TOKEN} if given) in the user settings file.
     * The first time, the file is backed up and the replaced values recorded, so {@link #remove()} can restore them.
     *
     * @throws ClaudeCodeException if the settings file is not valid JSON (it is left untouched)
     */
    public State configure(URI baseUrl, Optional<String> authToken) {
        Path file = files.userSettings();
        Optional<byte[]> before = SettingsJson.bytes(file);
        ObjectNode settings = SettingsJson.parse(file, before);
        Optional<IntegrationRecord> previous = IntegrationRecord.read(files.record());
        IntegrationRecord record = previous.orElseGet(() -> IntegrationRecord.of(file, settings));
        if (previous.isEmpty()) {
            before.ifPresent(bytes -> SettingsJson.write(files.backup(), bytes, true));
        }
        ObjectNode envBlock = settings.path("env") instanceof ObjectNode existing ? existing : settings.putObject("env");
        envBlock.put(BASE_URL, baseUrl.toString());
        if (authToken.isPresent()) {
            envBlock.put(AUTH_TOKEN, authToken.get());
        } else if (previous.isPresent() && previous.get().wroteAuthToken()) {
            record.restore(envBlock, AUTH_TOKEN);
        }
        byte[] written = SettingsJson.print(settings, SettingsJson.endsWithNewline(before));
        SettingsJson.write(file, written, authToken.isPresent() || record.wroteAuthToken());
        record.withWritten(baseUrl.toString(), written, authToken.isPresent()).write(files.record());
        return state();
    }

    /**
     * Undoes {@link #configure}: if the settings file is still exactly what Spillway wrote, the backup is put back
     * byte for byte (or the file deleted, if Spillway created it); if it was edited since, only the values Spillway
     * changed are restored, keeping the edits.
     *
     * @return whether there was anything to undo
     */
    public boolean remove() {
        Optional<IntegrationRecord> found = IntegrationRecord.read(files.record());
        if (found.isEmpty()) {
            return false;
        }
        IntegrationRecord record = found.get();
        Path file = files.userSettings();
        Optional<byte[]> now = SettingsJson.bytes(file);
        try {
            if (now.isPresent() && SettingsJson.sha256(now.get()).equals(record.writtenSha256())) {
                if (record.settingsExisted()) {
                    SettingsJson.write(file, Files.readAllBytes(files.backup()), false);
                    record.restorePermissions(file);
                } else {
                    Files.delete(file);
                }
            } else if (now.isPresent()) {
                ObjectNode settings = SettingsJson.parse(file, now);
                if (settings.path("env") instanceof ObjectNode envBlock) {
                    record.restore(envBlock, BASE_URL);
                    record.restore(envBlock, AUTH_TOKEN);
                    if (envBlock.isEmpty() && !record.envExisted()) {
                        settings.remove("env");
                    }
                }
                SettingsJson.write(file, SettingsJson.print(settings, SettingsJson.endsWithNewline(now)), false);
            }
            Files.deleteIfExists(files.backup());
            Files.deleteIfExists(files.record());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + file, e);
        }
        return true;
    }

    /** Where things stand, with the conflicts that would defeat the setting. */
    public State state() {
        ObjectNode settings = SettingsJson.lenient(files.userSettings());
        JsonNode envBlock = settings.path("env");
        Optional<String> baseUrl = Optional.ofNullable(envBlock.path(BASE_URL).textValue());
        Optional<IntegrationRecord> record = IntegrationRecord.read(files.record());
        Status status = baseUrl.isEmpty() ? Status.NOT_CONFIGURED
                : record.isPresent() && baseUrl.get().equals(record.get().baseUrl()) ? Status.CONFIGURED
                : Status.CONFIGURED_ELSEWHERE;
        return new State(status, baseUrl, envBlock.has(AUTH_TOKEN), files.userSettings(), conflicts(baseUrl));
    }

    /** What would defeat {@code baseUrl} in the user settings file. */
    List<Conflict> conflicts(Optional<String> baseUrl) {
        List<Conflict> conflicts = new ArrayList<>();
        for (String name : THIRD_PARTY_SWITCHES) {
            if (truthy(env.get(name))) {
                conflicts.add(new Conflict("environment", name + "=" + env.get(name) + " makes Claude Code call "
                        + provider(name) + " directly, ignoring ANTHROPIC_BASE_URL",
                        "unset it in your shell profile, or start Claude Code with ./spillway claude"));
            }
        }
        List<Path> overriding = new ArrayList<>(files.projectSettings());
        overriding.addAll(files.managedSettings());
        List<Path> all = new ArrayList<>(List.of(files.userSettings()));
        all.addAll(overriding);
        for (Path file : all) {
            JsonNode fileEnv = SettingsJson.lenient(file).path("env");
            for (String name : THIRD_PARTY_SWITCHES) {
                if (truthy(fileEnv.path(name).asText(null))) {
                    conflicts.add(new Conflict(file.toString(), "env." + name + " makes Claude Code call "
                            + provider(name) + " directly, ignoring ANTHROPIC_BASE_URL",
                            "remove it from that file, or start Claude Code with ./spillway claude"));
                }
            }
        }
        for (Path file : overriding) {
            String other = SettingsJson.lenient(file).path("env").path(BASE_URL).textValue();
            if (other != null && !baseUrl.map(other::equals).orElse(false)) {
                conflicts.add(new Conflict(file.toString(), "env.ANTHROPIC_BASE_URL=" + other
                        + " overrides the user settings in " + (files.managedSettings().contains(file)
                                ? "every project" : "this project"),
                        "remove it from that file, or set it to " + baseUrl.orElse("Spillway's URL")));
            }
        }
        return conflicts;
    }

    private static String provider(String switchName) {
        return switch (switchName) {
            case "CLAUDE_CODE_USE_BEDROCK" -> "AWS Bedrock";
            case "CLAUDE_CODE_USE_VERTEX" -> "Google Vertex AI";
            default -> "Microsoft Foundry";
        };
    }

    /** Claude Code's reading of a boolean variable: set, and not empty, 0 or false. */
    static boolean truthy(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("0") && !v.equals("false") && !v.equals("no") && !v.equals("off");
    }
}
