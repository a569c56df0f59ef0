package dev.spillway.engine.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.spillway.engine.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The {@code virtual_keys} and {@code users} tables (Flyway migration V2), over one connection. Used by admin
 * requests and the spend flusher, never by a proxied request; calls are serialised.
 */
final class KeyTables implements AutoCloseable {

    record StoredKey(VirtualKey key, SpendState spend) {}

    record StoredUser(KeyUser user, SpendState spend) {}

    private static final String KEY_COLUMNS = "token, key_name, key_alias, user_id, models, max_budget, "
            + "budget_duration, budget_reset_at, spend, rpm_limit, tpm_limit, expires, blocked, metadata, created_at";
    private static final String USER_COLUMNS = "user_id, user_alias, user_email, models, max_budget, "
            + "budget_duration, budget_reset_at, spend, rpm_limit, tpm_limit, metadata, created_at";

    private final Connection connection;

    KeyTables(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
    }

    synchronized List<StoredKey> loadKeys() throws SQLException {
        List<StoredKey> keys = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + KEY_COLUMNS + " FROM virtual_keys");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Limits limits = limits(r, 5);
                keys.add(new StoredKey(new VirtualKey(r.getString(1), r.getString(2),
                        Optional.ofNullable(r.getString(3)), Optional.ofNullable(r.getString(4)), limits,
                        instant(r, 12), r.getBoolean(13), r.getString(14), instant(r, 15).orElseThrow()),
                        new SpendState(money(r, 9), instant(r, 8))));
            }
        }
        return keys;
    }

    synchronized List<StoredUser> loadUsers() throws SQLException {
        List<StoredUser> users = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + USER_COLUMNS + " FROM users");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                users.add(new StoredUser(new KeyUser(r.getString(1), Optional.ofNullable(r.getString(2)),
                        Optional.ofNullable(r.getString(3)), limits(r, 4), r.getString(11),
                        instant(r, 12).orElseThrow()), new SpendState(money(r, 8), instant(r, 7))));
            }
        }
        return users;
    }

    synchronized void insertKey(VirtualKey key, SpendState spend) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO virtual_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.token());
            s.setString(2, key.keyName());
            s.setString(3, key.keyAlias().orElse(null));
            s.setString(4, key.userId().orElse(null));
            bindLimits(s, 5, key.limits(), spend);
            setInstant(s, 12, key.expires());
            s.setBoolean(13, key.blocked());
            s.setString(14, key.metadata());
            setInstant(s, 15, Optional.of(key.createdAt()));
            s.executeUpdate();
        }
    }

    /** Stores every field of an existing key but its token, name, user and creation time. */
    synchronized void updateKey(VirtualKey key, SpendState spend) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE virtual_keys SET key_alias = ?, models = ?, "
                + "max_budget = ?, budget_duration = ?, budget_reset_at = ?, spend = ?, rpm_limit = ?, tpm_limit = ?, "
                + "expires = ?, blocked = ?, metadata = ? WHERE token = ?")) {
            s.setString(1, key.keyAlias().orElse(null));
            bindLimits(s, 2, key.limits(), spend);
            setInstant(s, 9, key.expires());
            s.setBoolean(10, key.blocked());
            s.setString(11, key.metadata());
            s.setString(12, key.token());
            s.executeUpdate();
        }
    }

    synchronized void insertUser(KeyUser user, SpendState spend) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, user.userId());
            s.setString(2, user.userAlias().orElse(null));
            s.setString(3, user.userEmail().orElse(null));
            bindLimits(s, 4, user.limits(), spend);
            s.setString(11, user.metadata());
            setInstant(s, 12, Optional.of(user.createdAt()));
            s.executeUpdate();
        }
    }

    synchronized void deleteKeys(Collection<String> tokens) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM virtual_keys WHERE token = ?")) {
            for (String token : tokens) {
                s.setString(1, token);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Stores spend snapshots in one transaction. */
    synchronized void saveSpend(Map<String, SpendState> keys, Map<String, SpendState> users) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement k = connection.prepareStatement(
                "UPDATE virtual_keys SET spend = ?, budget_reset_at = ? WHERE token = ?");
                PreparedStatement u = connection.prepareStatement(
                        "UPDATE users SET spend = ?, budget_reset_at = ? WHERE user_id = ?")) {
            addSpendBatch(k, keys);
            addSpendBatch(u, users);
            k.executeBatch();
            u.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void addSpendBatch(PreparedStatement s, Map<String, SpendState> states) throws SQLException {
        for (Map.Entry<String, SpendState> e : states.entrySet()) {
            s.setBigDecimal(1, BigDecimal.valueOf(e.getValue().spend()));
            setInstant(s, 2, e.getValue().budgetResetAt());
            s.setString(3, e.getKey());
            s.addBatch();
        }
    }

    /** models, max_budget, budget_duration, budget_reset_at, spend, rpm_limit, tpm_limit from {@code first} on. */
    private static void bindLimits(PreparedStatement s, int first, Limits limits, SpendState spend)
            throws SQLException {
        int i = first;
        s.setString(i++, new String(Json.bytes(limits.models()), java.nio.charset.StandardCharsets.UTF_8));
        if (limits.maxBudget().isPresent()) {
            s.setBigDecimal(i++, BigDecimal.valueOf(limits.maxBudget().getAsDouble()));
        } else {
            s.setNull(i++, Types.DECIMAL);
        }
        s.setString(i++, limits.budgetDuration().map(BudgetPeriod::text).orElse(null));
        setInstant(s, i++, spend.budgetResetAt());
        s.setBigDecimal(i++, BigDecimal.valueOf(spend.spend()));
        setLong(s, i++, limits.rpmLimit());
        setLong(s, i, limits.tpmLimit());
    }

    /** Reads what {@link #bindLimits} wrote, from {@code first} (the models column) on. */
    private static Limits limits(ResultSet r, int first) throws SQLException {
        List<String> models;
        try {
            models = Json.MAPPER.readValue(r.getString(first), new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new SQLException("models is not a JSON list of names: " + r.getString(first), e);
        }
        BigDecimal budget = r.getBigDecimal(first + 1);
        String duration = r.getString(first + 2);
        return new Limits(budget == null ? OptionalDouble.empty() : OptionalDouble.of(budget.doubleValue()),
                Optional.ofNullable(duration).map(BudgetPeriod::parse), optionalLong(r, first + 5),
                optionalLong(r, first + 6), models);
    }

    private static OptionalLong optionalLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static void setLong(PreparedStatement s, int column, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(column, value.getAsLong());
        } else {
            s.setNull(column, Types.BIGINT);
        }
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    private static void setInstant(PreparedStatement s, int column, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setObject(column, OffsetDateTime.ofInstant(value.get(), ZoneOffset.UTC));
        } else {
            s.setNull(column, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static double money(ResultSet r, int column) throws SQLException {
        BigDecimal value = r.getBigDecimal(column);
        return value == null ? 0 : value.doubleValue();
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
