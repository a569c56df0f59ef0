package dev.spillway.engine.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the credential store of the OS Spillway runs on. */
public final class SecretStores {

    /** The file the fallback store uses, in Spillway's config folder. */
    public static final String FILE_NAME = "secrets.json";

    private SecretStores() {}

    /**
     * The macOS Keychain, Windows Credential Manager, the Secret Service where {@code secret-tool} and a keyring are
     * available; else a file in {@code configDirectory} readable only by the user.
     */
    public static SecretStore forCurrentUser(Path configDirectory) {
        return select(System.getProperty("os.name", ""), configDirectory, CommandRunner.system());
    }

    static SecretStore select(String osName, Path configDirectory, CommandRunner runner) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") && Files.isExecutable(Path.of("/usr/bin/security"))) {
            return new KeychainStore(runner);
        }
        if (os.startsWith("windows")) {
            return WindowsCredentialStore.isAvailable(runner) ? new WindowsCredentialStore(runner)
                    : new FileSecretStore(configDirectory.resolve(FILE_NAME));
        }
        if (SecretServiceStore.isAvailable(runner)) {
            return new SecretServiceStore(runner);
        }
        return new FileSecretStore(configDirectory.resolve(FILE_NAME));
    }
}
