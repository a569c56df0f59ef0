package dev.spillway.app;

import dev.spillway.engine.config.UserConfigLocation;
import dev.spillway.engine.spend.SpendStore;
import java.nio.file.Path;

/**
 * Where the desktop app keeps things.
 *
 * @param configDirectory {@code config.yaml} and, without an OS key store, {@code secrets.json}
 * @param dataDirectory the spend database and the single-instance lock
 */
public record AppPaths(Path configDirectory, Path dataDirectory) {

    public static AppPaths forCurrentUser() {
        return new AppPaths(UserConfigLocation.forCurrentUser().directory(), SpendStore.defaultDataDirectory());
    }

    public Path configFile() {
        return configDirectory.resolve(UserConfigLocation.FILE_NAME);
    }
}
