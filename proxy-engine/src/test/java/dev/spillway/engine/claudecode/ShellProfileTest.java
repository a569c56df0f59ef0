package dev.spillway.engine.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.claudecode.ShellProfile.Shell;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellProfileTest {

    private static final URI SPILLWAY = URI.create("http://127.0.0.1:47000");

    @TempDir
    Path home;

    @Test
    void bashGetsAMarkedBlockThatRemovesCleanly() throws Exception {
        Path bashrc = home.resolve(".bashrc");
        String original = "alias ll='ls -l'\nexport CLAUDE_CODE_USE_BEDROCK=1\n";
        Files.writeString(bashrc, original);
        ShellProfile profile = new ShellProfile(home, Shell.BASH);

        profile.install(SPILLWAY, Optional.of("sk-it's-a-key"));

        assertThat(Files.readString(bashrc)).isEqualTo(original + """
                # >>> spillway >>> managed by Spillway: ./spillway remove-claude --shell bash
                export ANTHROPIC_BASE_URL='http://127.0.0.1:47000'
                export ANTHROPIC_AUTH_TOKEN='sk-it'\\''s-a-key'
                unset CLAUDE_CODE_USE_BEDROCK
                # <<< spillway <<<
                """);
        assertThat(profile.installed()).isTrue();
        assertThat(profile.remove()).isTrue();
        assertThat(Files.readString(bashrc)).isEqualTo(original);
        assertThat(profile.remove()).isFalse();
    }

    @Test
    void installingAgainReplacesTheBlockInPlace() throws Exception {
        Path zshrc = home.resolve(".zshrc");
        Files.writeString(zshrc, "before\n");
        ShellProfile profile = new ShellProfile(home, Shell.ZSH);
        profile.install(SPILLWAY, Optional.empty());
        Files.writeString(zshrc, Files.readString(zshrc) + "after\n");

        profile.install(URI.create("http://127.0.0.1:48000"), Optional.empty());

        String text = Files.readString(zshrc);
        assertThat(text).startsWith("before\n# >>> spillway >>>").endsWith("# <<< spillway <<<\nafter\n")
                .contains("48000").doesNotContain("47000");
    }

    @Test
    void fishGetsAFileOfItsOwn() throws Exception {
        ShellProfile profile = new ShellProfile(home, Shell.FISH);

        profile.install(SPILLWAY, Optional.empty());

        Path file = home.resolve(".config/fish/conf.d/spillway.fish");
        assertThat(Files.readString(file)).contains("set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:47000'\n")
                .contains("set -e CLAUDE_CODE_USE_BEDROCK\n");
        profile.remove();
        assertThat(file).doesNotExist();
    }

    @Test
    void aSymlinkedProfileStaysALink() throws Exception {
        Path real = Files.writeString(Files.createDirectories(home.resolve("dotfiles")).resolve("zshrc"), "mine\n");
        Path link = Files.createSymbolicLink(home.resolve(".zshrc"), real);
        ShellProfile profile = new ShellProfile(home, Shell.ZSH);

        profile.install(SPILLWAY, Optional.empty());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("ANTHROPIC_BASE_URL");
        profile.remove();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("mine\n");
    }

    @Test
    void unknownShellsAreNamed() {
        assertThatThrownBy(() -> Shell.of("tcsh")).hasMessage("unknown shell 'tcsh': use bash, zsh or fish");
    }
}
