package dev.spillway.ui.settings;

import dev.spillway.engine.config.SpillwayConfig;

/** Hands a saved, validated configuration to the running engine (the desktop app reloads it in place). */
@FunctionalInterface
public interface ConfigApplier {

    /**
     * @return what the user should know, e.g. "Applied" or "Restarted on port 47001"
     * @throws RuntimeException with a message for the user if the engine could not take it
     */
    String apply(SpillwayConfig config);
}
