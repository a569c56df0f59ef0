package dev.spillway.engine;

import dev.spillway.engine.routing.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * How the engine runs, beyond what the config file says.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the port (default 47000; 0 picks a free one)
 * @param keepAliveInterval how often a silent Bedrock stream gets a {@code ping} (default 10 s)
 * @param streamIdleTimeout how long any stream may stay silent before it is ended (default 10 min)
 * @param shutdownGrace how long in-flight requests get to finish when the engine stops (default 30 s)
 * @param spendDatabase the JDBC URL of the spend store, or empty to keep no spend records (the default for an engine
 *     embedded in tests; {@code spillway serve} and the desktop app use the user's data directory)
 * @param ticker the time source of cooldowns and load figures (default {@link Ticker#system()}; tests pass one they
 *     can move forward)
 */
public record SpillwayOptions(String host, int port, Duration keepAliveInterval, Duration streamIdleTimeout,
        Duration shutdownGrace, Optional<String> spendDatabase, Ticker ticker) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 47000;

    public static SpillwayOptions defaults() {
        return new SpillwayOptions(DEFAULT_HOST, DEFAULT_PORT, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Optional.empty(), Ticker.system());
    }

    public SpillwayOptions withHost(String newHost) {
        return new SpillwayOptions(newHost, port, keepAliveInterval, streamIdleTimeout, shutdownGrace, spendDatabase,
                ticker);
    }

    public SpillwayOptions withPort(int newPort) {
        return new SpillwayOptions(host, newPort, keepAliveInterval, streamIdleTimeout, shutdownGrace, spendDatabase,
                ticker);
    }

    public SpillwayOptions withKeepAliveInterval(Duration interval) {
        return new SpillwayOptions(host, port, interval, streamIdleTimeout, shutdownGrace, spendDatabase,
                ticker);
    }

    public SpillwayOptions withStreamIdleTimeout(Duration timeout) {
        return new SpillwayOptions(host, port, keepAliveInterval, timeout, shutdownGrace, spendDatabase,
                ticker);
    }

    public SpillwayOptions withShutdownGrace(Duration grace) {
        return new SpillwayOptions(host, port, keepAliveInterval, streamIdleTimeout, grace, spendDatabase, ticker);
    }

    public SpillwayOptions withSpendDatabase(String jdbcUrl) {
        return new SpillwayOptions(host, port, keepAliveInterval, streamIdleTimeout, shutdownGrace,
                Optional.of(jdbcUrl), ticker);
    }

    public SpillwayOptions withTicker(Ticker newTicker) {
        return new SpillwayOptions(host, port, keepAliveInterval, streamIdleTimeout, shutdownGrace, spendDatabase,
                newTicker);
    }
}
