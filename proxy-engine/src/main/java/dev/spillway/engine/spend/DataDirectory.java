package dev.spillway.engine.spend;

import dev.spillway.engine.files.UserFolders;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/** Where Spillway keeps its data on each OS, and making that folder private to the user. */
final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {}

    static Path forCurrentUser() {
        return forUser(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * {@code %APPDATA%\Spillway} on Windows, {@code ~/Library/Application Support/Spillway} on macOS, and
     * {@code $XDG_DATA_HOME/spillway} (by default {@code ~/.local/share/spillway}) elsewhere.
     */
    static Path forUser(String osName, Map<String, String> env, Path home) {
        return UserFolders.spillwayFolder(osName, env, home, "XDG_DATA_HOME", ".local/share");
    }

    /** Creates the folder if needed; on POSIX file systems it is made (or kept) readable by its owner only. */
    static Path ensure(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(dir);
            }
        }
        if (posix && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
