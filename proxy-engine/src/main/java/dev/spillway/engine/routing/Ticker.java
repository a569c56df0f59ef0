package dev.spillway.engine.routing;

/** A source of nanosecond time, injectable so that cooldowns can be tested without waiting. */
@FunctionalInterface
public interface Ticker {

    long read();

    static Ticker system() {
        return System::nanoTime;
    }
}
