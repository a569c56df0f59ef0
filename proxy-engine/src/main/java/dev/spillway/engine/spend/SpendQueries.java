package dev.spillway.engine.spend;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The dashboard's read queries; each call uses its own connection. */
final class SpendQueries {

    private final DataSource dataSource;

    SpendQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<DailySpend> dailySpend(LocalDate from, LocalDate to, GroupBy by) throws SQLException {
        String sql = """
                SELECT spend_date, %1$s, SUM(requests), SUM(failed_requests), SUM(input_tokens), SUM(output_tokens),
                    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd)
                FROM spend_daily
                WHERE spend_date BETWEEN ? AND ?
                GROUP BY spend_date, %1$s
                ORDER BY spend_date, %1$s""".formatted(by.column);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            s.setObject(2, to);
            List<DailySpend> days = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(new DailySpend(r.getObject(1, LocalDate.class), r.getString(2), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), money(r, 9)));
                }
            }
            return days;
        }
    }

    /** From the daily totals, so days whose rows retention deleted count too. */
    Totals dailyTotals(LocalDate from, LocalDate to) throws SQLException {
        String sql = """
                SELECT SUM(requests), SUM(failed_requests), SUM(input_tokens), SUM(output_tokens),
                    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd)
                FROM spend_daily
                WHERE spend_date BETWEEN ? AND ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            s.setObject(2, to);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Totals(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        money(r, 7));
            }
        }
    }

    List<DailySpend> dailySpend(LocalDate from, LocalDate to, GroupBy by, SpendFilter filter) throws SQLException {
        String sql = """
                SELECT spend_date, %1$s, SUM(requests), SUM(failed_requests), SUM(input_tokens), SUM(output_tokens),
                    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd)
                FROM spend_daily
                WHERE spend_date BETWEEN ? AND ?%2$s
                GROUP BY spend_date, %1$s
                ORDER BY spend_date, %1$s""".formatted(by.column, filter.sql());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            s.setObject(2, to);
            bind(s, 3, filter);
            List<DailySpend> days = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(new DailySpend(r.getObject(1, LocalDate.class), r.getString(2), r.getLong(3),
                            r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), money(r, 9)));
                }
            }
            return days;
        }
    }

    /** Totals per {@code by} and {@code detail} over the days, from the daily totals; largest cost first. */
    List<SpendTotal> totals(LocalDate from, LocalDate to, GroupBy by, GroupBy detail, SpendFilter filter)
            throws SQLException {
        String sql = """
                SELECT %1$s, %2$s, SUM(requests), SUM(input_tokens + cache_read_tokens + cache_write_tokens),
                    SUM(output_tokens), SUM(cost_usd)
                FROM spend_daily
                WHERE spend_date BETWEEN ? AND ?%3$s
                GROUP BY %1$s, %2$s
                ORDER BY SUM(cost_usd) DESC, %1$s, %2$s""".formatted(by.column, detail.column, filter.sql());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            s.setObject(2, to);
            bind(s, 3, filter);
            List<SpendTotal> totals = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    totals.add(new SpendTotal(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                            r.getLong(5), money(r, 6)));
                }
            }
            return totals;
        }
    }

    private static void bind(PreparedStatement s, int first, SpendFilter filter) throws SQLException {
        int i = first;
        for (String value : filter.values()) {
            s.setString(i++, value);
        }
    }

    Totals totals(Instant since) throws SQLException {
        String sql = """
                SELECT COUNT(*), COUNT(CASE WHEN status >= 400 THEN 1 END), SUM(input_tokens), SUM(output_tokens),
                    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_usd)
                FROM spend_logs
                WHERE time >= ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Totals(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        money(r, 7));
            }
        }
    }

    List<SpendRow> recent(int limit) throws SQLException {
        String sql = """
                SELECT request_id, time, caller, requested_model, model_group, deployment_id, provider,
                    upstream_model, status, stream, latency_ms, ttft_ms, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_tokens, cost_usd, fallback_taken, cache_hit, error, key_alias, user_id
                FROM spend_logs
                ORDER BY time DESC, id DESC
                FETCH FIRST ? ROWS ONLY""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, Math.max(0, limit));
            List<SpendRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    List<SpendRow> between(Instant from, Instant to, int limit) throws SQLException {
        return between(from, to, limit, SpendFilter.ALL);
    }

    List<SpendRow> between(Instant from, Instant to, int limit, SpendFilter filter) throws SQLException {
        String sql = """
                SELECT request_id, time, caller, requested_model, model_group, deployment_id, provider,
                    upstream_model, status, stream, latency_ms, ttft_ms, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_tokens, cost_usd, fallback_taken, cache_hit, error, key_alias, user_id
                FROM spend_logs
                WHERE time >= ? AND time < ?%s
                ORDER BY time DESC, id DESC
                FETCH FIRST ? ROWS ONLY""".formatted(filter.sql());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from.atOffset(java.time.ZoneOffset.UTC));
            s.setObject(2, to.atOffset(java.time.ZoneOffset.UTC));
            bind(s, 3, filter);
            s.setInt(3 + filter.values().size(), Math.max(0, limit));
            List<SpendRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    private static SpendRow row(ResultSet r) throws SQLException {
        long ttft = r.getLong(12);
        Long ttftMs = r.wasNull() ? null : ttft;
        return new SpendRow(
                r.getString(1),
                r.getObject(2, OffsetDateTime.class).toInstant(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getInt(9),
                r.getBoolean(10),
                r.getLong(11),
                ttftMs,
                r.getLong(13),
                r.getLong(14),
                r.getLong(15),
                r.getLong(16),
                money(r, 17),
                r.getBoolean(18),
                r.getBoolean(19),
                r.getString(20),
                r.getString(21),
                r.getString(22));
    }

    /** Money without the column's trailing zeros ({@code 0.0150000000} → {@code 0.015}); zero when none. */
    private static BigDecimal money(ResultSet r, int column) throws SQLException {
        BigDecimal value = r.getBigDecimal(column);
        return value == null || value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
