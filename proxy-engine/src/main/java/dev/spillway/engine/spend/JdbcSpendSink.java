package dev.spillway.engine.spend;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes batches of rows into {@code spend_logs} and adds them to {@code spend_daily}, in one transaction per batch,
 * over one connection owned by the writer thread.
 */
final class JdbcSpendSink implements SpendSink {

    private static final String INSERT = """
            INSERT INTO spend_logs (request_id, time, caller, requested_model, model_group, deployment_id, provider,
                upstream_model, status, stream, latency_ms, ttft_ms, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, cost_usd, fallback_taken, cache_hit, error, key_alias, user_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String ADD_TO_DAY = """
            MERGE INTO spend_daily d
            USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                    CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),
                    CAST(? AS BIGINT), CAST(? AS DECIMAL(24, 10)), CAST(? AS VARCHAR)))
                AS s (spend_date, provider, model_group, caller, requests, failed_requests, input_tokens,
                    output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, user_id)
            ON d.spend_date = s.spend_date AND d.provider = s.provider AND d.model_group = s.model_group
                AND d.caller = s.caller
            WHEN MATCHED THEN UPDATE SET
                requests = d.requests + s.requests,
                failed_requests = d.failed_requests + s.failed_requests,
                input_tokens = d.input_tokens + s.input_tokens,
                output_tokens = d.output_tokens + s.output_tokens,
                cache_read_tokens = d.cache_read_tokens + s.cache_read_tokens,
                cache_write_tokens = d.cache_write_tokens + s.cache_write_tokens,
                cost_usd = d.cost_usd + s.cost_usd
            WHEN NOT MATCHED THEN INSERT (spend_date, provider, model_group, caller, requests, failed_requests,
                    input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, user_id)
                VALUES (s.spend_date, s.provider, s.model_group, s.caller, s.requests, s.failed_requests,
                    s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens, s.cost_usd, s.user_id)""";

    private static final String DELETE_BEFORE = "DELETE FROM spend_logs WHERE time < ?";

    private final Connection connection;
    private final ZoneId zone;
    private final PreparedStatement insert;
    private final PreparedStatement addToDay;

    /** Takes ownership of the connection. {@code zone} decides which day a request counts for. */
    JdbcSpendSink(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.zone = zone;
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement(INSERT);
        this.addToDay = connection.prepareStatement(ADD_TO_DAY);
    }

    @Override
    public void write(List<SpendRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            for (SpendRow row : rows) {
                bindRow(row);
                insert.addBatch();
            }
            insert.executeBatch();
            for (Map.Entry<DayKey, Day> day : byDay(rows).entrySet()) {
                bindDay(day.getKey(), day.getValue());
                addToDay.addBatch();
            }
            addToDay.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            insert.clearBatch();
            addToDay.clearBatch();
            connection.rollback();
            throw e;
        }
    }

    @Override
    public int deleteBefore(Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_BEFORE)) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            int deleted = delete.executeUpdate();
            connection.commit();
            return deleted;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    @Override
    public int deleteAll() throws SQLException {
        try (PreparedStatement rows = connection.prepareStatement("DELETE FROM spend_logs");
                PreparedStatement days = connection.prepareStatement("DELETE FROM spend_daily")) {
            int deleted = rows.executeUpdate();
            days.executeUpdate();
            connection.commit();
            return deleted;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private void bindRow(SpendRow row) throws SQLException {
        int i = 0;
        insert.setString(++i, row.requestId());
        insert.setObject(++i, OffsetDateTime.ofInstant(row.time(), ZoneOffset.UTC));
        insert.setString(++i, row.caller());
        insert.setString(++i, row.requestedModel());
        insert.setString(++i, row.modelGroup());
        insert.setString(++i, row.deploymentId());
        insert.setString(++i, row.provider());
        insert.setString(++i, row.upstreamModel());
        insert.setInt(++i, row.status());
        insert.setBoolean(++i, row.stream());
        insert.setLong(++i, row.latencyMs());
        if (row.ttftMs() == null) {
            insert.setNull(++i, Types.BIGINT);
        } else {
            insert.setLong(++i, row.ttftMs());
        }
        insert.setLong(++i, row.inputTokens());
        insert.setLong(++i, row.outputTokens());
        insert.setLong(++i, row.cacheReadTokens());
        insert.setLong(++i, row.cacheWriteTokens());
        insert.setBigDecimal(++i, row.costUsd());
        insert.setBoolean(++i, row.fallbackTaken());
        insert.setBoolean(++i, row.cacheHit());
        insert.setString(++i, row.error());
        insert.setString(++i, row.keyAlias());
        insert.setString(++i, row.userId());
    }

    private void bindDay(DayKey key, Day day) throws SQLException {
        int i = 0;
        addToDay.setObject(++i, key.date());
        addToDay.setString(++i, key.provider());
        addToDay.setString(++i, key.modelGroup());
        addToDay.setString(++i, key.caller());
        addToDay.setLong(++i, day.requests);
        addToDay.setLong(++i, day.failedRequests);
        addToDay.setLong(++i, day.inputTokens);
        addToDay.setLong(++i, day.outputTokens);
        addToDay.setLong(++i, day.cacheReadTokens);
        addToDay.setLong(++i, day.cacheWriteTokens);
        addToDay.setBigDecimal(++i, day.costUsd);
        addToDay.setString(++i, day.userId);
    }

    /** Sums the batch per day and key first, so each aggregate row is touched once per batch. */
    private Map<DayKey, Day> byDay(List<SpendRow> rows) {
        Map<DayKey, Day> days = new LinkedHashMap<>();
        for (SpendRow row : rows) {
            DayKey key = new DayKey(LocalDate.ofInstant(row.time(), zone), orEmpty(row.provider()),
                    orEmpty(row.modelGroup()), orEmpty(row.caller()));
            days.computeIfAbsent(key, k -> new Day()).add(row);
        }
        return days;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws SQLException {
        try (connection; insert; addToDay) {
            // closes all three
        }
    }

    private record DayKey(LocalDate date, String provider, String modelGroup, String caller) {}

    private static final class Day {
        long requests;
        long failedRequests;
        long inputTokens;
        long outputTokens;
        long cacheReadTokens;
        long cacheWriteTokens;
        BigDecimal costUsd = BigDecimal.ZERO;
        String userId = "";

        void add(SpendRow row) {
            if (row.userId() != null) {
                userId = row.userId();
            }
            requests++;
            failedRequests += row.failed() ? 1 : 0;
            inputTokens += row.inputTokens();
            outputTokens += row.outputTokens();
            cacheReadTokens += row.cacheReadTokens();
            cacheWriteTokens += row.cacheWriteTokens();
            costUsd = costUsd.add(row.costUsd());
        }
    }
}
