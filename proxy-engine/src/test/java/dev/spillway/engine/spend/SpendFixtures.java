package dev.spillway.engine.spend;

import dev.spillway.engine.events.RequestEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

final class SpendFixtures {

    private SpendFixtures() {}

    static RequestEvent event(String id, Instant time, String provider, String group, int status, boolean stream,
            RequestEvent.Usage usage) {
        return new RequestEvent(id, time, group + "-requested", Optional.of(group), Optional.of(group + "-dep"),
                Optional.of(provider), Optional.of(group + "-upstream"), status, stream, Duration.ofMillis(1234),
                stream ? Optional.of(Duration.ofMillis(321)) : Optional.empty(), usage, false, 0, 0,
                status >= 400 ? Optional.of("api_error") : Optional.empty(), false);
    }

    static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Waits (up to 10 s) until the condition holds. */
    static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(condition::getAsBoolean);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        MutableClock(Instant now) {
            this(now, ZoneOffset.UTC);
        }

        MutableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new MutableClock(now, z);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
