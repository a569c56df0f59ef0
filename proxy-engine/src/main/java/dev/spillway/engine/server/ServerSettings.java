package dev.spillway.engine.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the HTTP front listens and whom it admits.
 *
 * @param host the address to bind
 * @param port the port, 0 for any free one
 * @param masterKey the key clients must present, if any
 * @param allowClientCredentials whether an Anthropic credential alone is admitted when a master key is set
 * @param allowedOrigins browser origins admitted
 * @param keepAlive how often to ping a silent stream whose upstream sends no pings
 * @param streamIdleTimeout how long a stream may stay silent before it is ended with an error
 * @param version shown by {@code /health/readiness}
 */
public record ServerSettings(String host, int port, Optional<String> masterKey, boolean allowClientCredentials,
        List<String> allowedOrigins, Duration keepAlive, Duration streamIdleTimeout, String version) {

    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public String toString() {
        return "ServerSettings[" + host + ":" + port + ", masterKey=" + (masterKey.isPresent() ? "set" : "none") + "]";
    }
}
