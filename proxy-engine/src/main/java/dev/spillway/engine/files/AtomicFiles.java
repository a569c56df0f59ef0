package dev.spillway.engine.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a reader sees the old content or the new, never half of it: the bytes go to a temporary file
 * beside it, which is then renamed over it. Used for every file Spillway writes in the user's home (config, keys, SSO
 * token cache, Claude Code settings, login entries).
 */
public final class AtomicFiles {

    /** Who may read the file once written. */
    public enum Access {
        /** Only its owner (0600): it holds a secret. */
        OWNER_ONLY,
        /** What the existing file allowed; owner-only for a new file. */
        AS_BEFORE
    }

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code path}, creating its folder if needed. A symbolic link stays a link: the file it
     * points to is replaced (a dotfile kept in a dotfiles repository stays there).
     */
    public static void write(Path path, byte[] bytes, Access access) throws IOException {
        Path file = Files.isSymbolicLink(path) ? path.toRealPath() : path.toAbsolutePath();
        Path folder = file.getParent();
        Files.createDirectories(folder);
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        // createTempFile makes the file owner-only on POSIX systems, so a secret is never readable by others
        Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            if (posix) {
                Files.setPosixFilePermissions(temp, access == Access.AS_BEFORE && Files.exists(file)
                        ? Files.getPosixFilePermissions(file) : OWNER_READ_WRITE);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
