package dev.spillway.engine.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.engine.files.AtomicFiles.Access;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyAndItsFolderIsCreated() throws Exception {
        Path file = dir.resolve("a/b/settings.json");

        AtomicFiles.write(file, bytes("{}"), Access.AS_BEFORE);

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    @Test
    void asBeforeKeepsTheReplacedFilesPermissionsAndOwnerOnlyTightensThem() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.write(file, bytes("new"), Access.AS_BEFORE);
        assertThat(permissions(file)).isEqualTo("rw-r--r--");

        AtomicFiles.write(file, bytes("secret"), Access.OWNER_ONLY);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("secret");
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws Exception {
        Path target = dir.resolve("dotfiles/.zshrc");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve(".zshrc"), target);

        AtomicFiles.write(link, bytes("new"), Access.AS_BEFORE);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        AtomicFiles.write(dir.resolve("x"), bytes("1"), Access.OWNER_ONLY);
        AtomicFiles.write(dir.resolve("x"), bytes("2"), Access.OWNER_ONLY);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
