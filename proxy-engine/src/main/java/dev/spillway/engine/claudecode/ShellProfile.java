package dev.spillway.engine.claudecode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The optional shell-profile mode: a marked block in {@code ~/.bashrc}, {@code ~/.zshrc} or fish's
 * {@code conf.d/spillway.fish} that exports {@code ANTHROPIC_BASE_URL} (and {@code ANTHROPIC_AUTH_TOKEN}) and unsets
 * {@code CLAUDE_CODE_USE_BEDROCK} for every new shell. Installing twice replaces the block; removing takes out
 * exactly the block (and the fish file, which is Spillway's alone).
 */
public final class ShellProfile {

    /** The shells Spillway can configure. */
    public enum Shell {
        BASH, ZSH, FISH;

        /** Parses {@code bash}, {@code zsh} or {@code fish}. */
        public static Shell of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ClaudeCodeException("unknown shell '" + name + "': use bash, zsh or fish");
            }
        }
    }

    static final String BEGIN = "# >>> spillway >>>";
    static final String END = "# <<< spillway <<<";

    private final Path home;
    private final Shell shell;

    public ShellProfile(Path home, Shell shell) {
        this.home = home;
        this.shell = shell;
    }

    /** The file this shell reads at start-up. */
    public Path file() {
        return switch (shell) {
            case BASH -> home.resolve(".bashrc");
            case ZSH -> home.resolve(".zshrc");
            case FISH -> home.resolve(".config/fish/conf.d/spillway.fish");
        };
    }

    /** Writes (or replaces) Spillway's block. */
    public void install(URI baseUrl, Optional<String> authToken) {
        String text = read();
        String block = block(baseUrl, authToken);
        int start = text.indexOf(BEGIN);
        int end = text.indexOf(END, Math.max(start, 0));
        String updated;
        if (start >= 0 && end > start) {
            int after = text.indexOf('\n', end);
            updated = text.substring(0, start) + block + (after < 0 ? "" : text.substring(after + 1));
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block;
        }
        SettingsJson.write(file(), updated.getBytes(StandardCharsets.UTF_8), authToken.isPresent());
    }

    /** Removes Spillway's block; returns whether there was one. */
    public boolean remove() {
        Path file = file();
        String text = read();
        int start = text.indexOf(BEGIN);
        int end = text.indexOf(END, Math.max(start, 0));
        if (start < 0 || end < start) {
            return false;
        }
        int after = text.indexOf('\n', end);
        String updated = text.substring(0, start) + (after < 0 ? "" : text.substring(after + 1));
        try {
            if (shell == Shell.FISH && updated.isEmpty()) {
                Files.delete(file);
            } else {
                SettingsJson.write(file, updated.getBytes(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return true;
    }

    /** Whether the block is installed. */
    public boolean installed() {
        return read().contains(BEGIN);
    }

    private String block(URI baseUrl, Optional<String> authToken) {
        StringBuilder b = new StringBuilder(BEGIN).append(" managed by Spillway: ./spillway remove-claude --shell ")
                .append(shell.name().toLowerCase(Locale.ROOT)).append('\n');
        if (shell == Shell.FISH) {
            b.append("set -gx ANTHROPIC_BASE_URL ").append(quote(baseUrl.toString())).append('\n');
            authToken.ifPresent(t -> b.append("set -gx ANTHROPIC_AUTH_TOKEN ").append(quote(t)).append('\n'));
            b.append("set -e CLAUDE_CODE_USE_BEDROCK\n");
        } else {
            b.append("export ANTHROPIC_BASE_URL=").append(quote(baseUrl.toString())).append('\n');
            authToken.ifPresent(t -> b.append("export ANTHROPIC_AUTH_TOKEN=").append(quote(t)).append('\n'));
            b.append("unset CLAUDE_CODE_USE_BEDROCK\n");
        }
        return b.append(END).append('\n').toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private String read() {
        try {
            Path file = file();
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }
}
