package dev.spillway.engine.secrets;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a config is loaded with: the process environment, plus each {@code os.environ/NAME} the config
 * text refers to that the environment lacks, taken from the {@link SecretStore}. The real environment wins, as it does
 * over a {@code .env} file.
 */
public final class SecretEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("os\\.environ/([A-Za-z_][A-Za-z0-9_]*)");

    private SecretEnvironment() {}

    public static Map<String, String> of(Map<String, String> environment, SecretStore store, String configText) {
        Map<String, String> layered = new HashMap<>(environment);
        Matcher references = REFERENCE.matcher(configText);
        while (references.find()) {
            String name = references.group(1);
            if (!layered.containsKey(name)) {
                store.get(name).ifPresent(value -> layered.put(name, value));
            }
        }
        return layered;
    }
}
