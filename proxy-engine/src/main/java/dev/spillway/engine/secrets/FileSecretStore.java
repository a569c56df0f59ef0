package dev.spillway.engine.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.engine.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Secrets in a JSON file readable by its owner only (file 0600 in a 0700 folder on POSIX systems; on Windows the
 * user's profile folder already keeps other users out). The fallback where the OS offers no credential store.
 *
 * <p>Writes go to a temporary file created owner-only, then replace the file in one move, so a crash never leaves
 * a half-written file and the secrets are never readable by others, even for a moment. Thread-safe.
 */
public final class FileSecretStore implements SecretStore {

    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Path file;

    public FileSecretStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(read().get(SecretStore.requireValidName(name)));
    }

    @Override
    public synchronized void put(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an empty secret cannot be stored; remove it instead");
        }
        TreeMap<String, String> secrets = read();
        secrets.put(SecretStore.requireValidName(name), value);
        write(secrets);
    }

    @Override
    public synchronized void remove(String name) {
        TreeMap<String, String> secrets = read();
        if (secrets.remove(SecretStore.requireValidName(name)) != null) {
            write(secrets);
        }
    }

    @Override
    public String description() {
        return "a file readable only by you (" + file + ")";
    }

    public Path file() {
        return file;
    }

    private TreeMap<String, String> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), MAP);
        } catch (IOException e) {
            // The parser's message may quote the file's content, so only the file is named.
            throw new SecretStoreException("cannot read the key file " + file + " (" + e.getClass().getSimpleName()
                    + "); fix or delete it and enter the keys again");
        }
    }

    private void write(Map<String, String> secrets) {
        try {
            Path dir = file.getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(secrets),
                    AtomicFiles.Access.OWNER_ONLY);
        } catch (IOException e) {
            throw new SecretStoreException("cannot write the key file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FileSecretStore[" + file + "]";
    }
}
