package dev.spillway.engine.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
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
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads and writes Claude Code's JSON settings files: key order kept, printed the way Claude Code prints them
 * ({@code JSON.stringify(settings, null, 2)}), replaced atomically with the file's permissions kept. Shell profiles
 * are written the same way.
 */
final class SettingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER;

    static {
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(twoSpaces)
                .withArrayIndenter(twoSpaces);
    }

    private SettingsJson() {
    }

    /** The file's bytes, or empty if it does not exist. */
    static Optional<byte[]> bytes(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The file's top-level object; empty object if the file is missing or blank.
     *
     * @throws ClaudeCodeException if it is not a JSON object (the file is then never written)
     */
    static ObjectNode parse(Path file, Optional<byte[]> bytes) {
        if (bytes.isEmpty() || new String(bytes.get(), StandardCharsets.UTF_8).isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes.get());
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new ClaudeCodeException(file + " is not a JSON object; fix or move it, then try again");
        } catch (JsonProcessingException e) {
            throw new ClaudeCodeException(file + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); fix it, then try again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a settings file for inspection; a missing or broken file reads as empty. */
    static ObjectNode lenient(Path file) {
        try {
            return parse(file, bytes(file));
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** {@code settings} printed as Claude Code prints it, with a final newline if {@code trailingNewline}. */
    static byte[] print(ObjectNode settings, boolean trailingNewline) {
        try {
            String text = JSON.writer(PRINTER).writeValueAsString(settings);
            return (trailingNewline ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically (a temporary file in the same directory, then a rename),
     * keeping the old file's permissions, or {@code ownerOnly} ones for new files and files that hold a secret.
     */
    static void write(Path link, byte[] bytes, boolean ownerOnly) {
        try {
            AtomicFiles.write(link, bytes, ownerOnly ? AtomicFiles.Access.OWNER_ONLY : AtomicFiles.Access.AS_BEFORE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + link, e);
        }
    }

    static boolean endsWithNewline(Optional<byte[]> bytes) {
        return bytes.map(b -> b.length > 0 && b[b.length - 1] == '\n').orElse(true);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
