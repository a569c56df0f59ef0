package dev.spillway.engine.aws;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory as the AWS SDK, the AWS CLI and Claude Code find it: {@code $HOME} (then
 * {@code %USERPROFILE%} on Windows), and only then Java's {@code user.home}, which ignores {@code $HOME}.
 */
public final class UserHome {

    private UserHome() {
    }

    public static Path of(Map<String, String> env) {
        for (String name : new String[] {"HOME", "USERPROFILE"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Path.of(value);
            }
        }
        return Path.of(System.getProperty("user.home"));
    }
}
