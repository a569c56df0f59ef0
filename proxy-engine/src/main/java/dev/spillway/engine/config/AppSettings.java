package dev.spillway.engine.config;

import java.util.Optional;

/**
 * {@code spillway_settings}: what the desktop app's settings window keeps in the config file besides LiteLLM's
 * sections. {@code spillway serve --port/--host} override the first two.
 *
 * @param port the port to listen on, if the file sets one
 * @param host the address to bind, if the file sets one
 * @param notifications whether the desktop app announces fail-overs and recoveries (default true)
 */
public record AppSettings(Optional<Integer> port, Optional<String> host, boolean notifications) {

    public static AppSettings defaults() {
        return new AppSettings(Optional.empty(), Optional.empty(), true);
    }
}
