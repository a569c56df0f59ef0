package dev.spillway.engine.keys;

import dev.spillway.engine.routing.Ticker;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual keys and users, with their budgets and rate limits. Everything a proxied request needs is in memory: the
 * keys and users are loaded once at start, admin changes write through to the database, and spend is kept as running
 * totals that a background thread stores every {@link #DEFAULT_FLUSH_INTERVAL} (and at {@link #close}).
 *
 * <p>Budgets reset lazily: when a key's or user's period is over, the next look at its spend starts a new period (the
 * flusher looks at every account each round, so resets are also stored on schedule). Requests are counted against
 * {@code rpm_limit} when admitted, tokens against {@code tpm_limit} when the answer has reported them; both over a
 * sliding minute. A key's limits and its user's limits both apply.
 */
public final class KeyRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyRegistry.class);

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private record KeyEntry(VirtualKey key, Account account) {}

    private record UserEntry(KeyUser user, Account account) {}

    private final KeyTables tables;
    private final Clock clock;
    private final Ticker ticker;
    private final Duration flushInterval;
    private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
    private final Map<String, UserEntry> users = new ConcurrentHashMap<>();
    private final Object adminLock = new Object();
    private final Thread flusher;
    private volatile boolean closing;
    private boolean flushFailing;

    private KeyRegistry(KeyTables tables, Clock clock, Ticker ticker, Duration flushInterval) {
        this.tables = tables;
        this.clock = clock;
        this.ticker = ticker;
        this.flushInterval = flushInterval;
        this.flusher = new Thread(this::flushLoop, "spillway-key-spend");
        flusher.setDaemon(true);
    }

    /** Opens the key tables of the (already migrated) spend database at {@code jdbcUrl}. */
    public static KeyRegistry open(String jdbcUrl) {
        return open(jdbcUrl, Clock.systemUTC(), Ticker.system(), DEFAULT_FLUSH_INTERVAL);
    }

    /**
     * @param clock decides expiry and budget periods
     * @param ticker measures the rate-limit minute
     * @param flushInterval how often changed spend is stored
     * @throws KeyStoreException if the tables cannot be read
     */
    public static KeyRegistry open(String jdbcUrl, Clock clock, Ticker ticker, Duration flushInterval) {
        KeyTables tables;
        try {
            tables = new KeyTables(jdbcUrl);
        } catch (SQLException e) {
            throw new KeyStoreException("Could not open the key tables: " + e.getMessage(), e);
        }
        KeyRegistry registry = new KeyRegistry(tables, clock, ticker, flushInterval);
        try {
            for (KeyTables.StoredUser u : tables.loadUsers()) {
                registry.users.put(u.user().userId(), new UserEntry(u.user(), account(u.user().limits(), u.spend())));
            }
            for (KeyTables.StoredKey k : tables.loadKeys()) {
                registry.keys.put(k.key().token(), new KeyEntry(k.key(), account(k.key().limits(), k.spend())));
            }
        } catch (SQLException | RuntimeException e) {
            try {
                tables.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new KeyStoreException("Could not load the virtual keys: " + e.getMessage(), e);
        }
        registry.flusher.start();
        return registry;
    }

    private static Account account(Limits limits, SpendState spend) {
        return new Account(limits, spend.spend(), spend.budgetResetAt().orElse(null));
    }

    // ---- the request path ----

    /**
     * The virtual key whose text is {@code presented}, if there is one. Anthropic credentials ({@code sk-ant-…}) are
     * never virtual keys and are not even hashed.
     */
    public Optional<VirtualKey> find(String presented) {
        if (presented == null || keys.isEmpty() || KeyTokens.isAnthropicShaped(presented)) {
            return Optional.empty();
        }
        KeyEntry entry = keys.get(KeyTokens.hash(presented.trim()));
        return entry == null ? Optional.empty() : Optional.of(entry.key());
    }

    /** Why {@code key} cannot be used at all (blocked, expired), or empty if it can. */
    public Optional<String> refusal(VirtualKey key) {
        if (key.blocked()) {
            return Optional.of("The Spillway key " + key.displayName() + " is blocked.");
        }
        if (key.expires().isPresent() && !clock.instant().isBefore(key.expires().get())) {
            return Optional.of("The Spillway key " + key.displayName() + " expired at " + key.expires().get()
                    + "; ask the admin for a new key.");
        }
        return Optional.empty();
    }

    /**
     * Decides whether {@code key} may send a request for {@code requestedModel}, which resolved to {@code modelGroup}:
     * the model must be allowed, the key and its user within budget and under their rate limits. An admitted request
     * counts towards the {@code rpm_limit}s.
     */
    public Admission admit(VirtualKey key, String requestedModel, String modelGroup) {
        return admit(key, requestedModel, modelGroup, true);
    }

    /**
     * Like {@link #admit} for a request that costs nothing and is not counted against rate limits (token counting):
     * only the model and the budgets are checked.
     */
    public Admission check(VirtualKey key, String requestedModel, String modelGroup) {
        return admit(key, requestedModel, modelGroup, false);
    }

    private Admission admit(VirtualKey key, String requestedModel, String modelGroup, boolean rateLimited) {
        KeyEntry entry = keys.get(key.token());
        if (entry == null) {
            return new Admission.Denied(401, "The Spillway key " + key.displayName() + " was deleted.",
                    Optional.empty());
        }
        UserEntry user = key.userId().map(users::get).orElse(null);
        String keyName = "key " + key.displayName();
        String userName = user == null ? "" : "user '" + user.user().userId() + "'";
        Optional<Admission.Denied> denied = AdmissionRules.modelDenied(keyName, key.limits().models(), requestedModel, modelGroup);
        if (denied.isEmpty() && user != null) {
            denied = AdmissionRules.modelDenied(userName, user.account().limits().models(), requestedModel, modelGroup);
        }
        Instant now = clock.instant();
        if (denied.isEmpty()) {
            denied = AdmissionRules.overBudget(keyName, entry.account(), now);
        }
        if (denied.isEmpty() && user != null) {
            denied = AdmissionRules.overBudget(userName, user.account(), now);
        }
        if (denied.isPresent()) {
            return denied.get();
        }
        if (!rateLimited) {
            return Admission.ADMITTED;
        }
        long nanos = ticker.read();
        return user == null ? AdmissionRules.countRequest(keyName, entry.account(), null, null, nanos)
                : AdmissionRules.countRequest(keyName, entry.account(), userName, user.account(), nanos);
    }

    /** Whether {@code key} (and its user) may use model group {@code group}: for listing models. */
    public boolean allowsGroup(VirtualKey key, String group) {
        UserEntry user = key.userId().map(users::get).orElse(null);
        return ModelAccess.allows(key.limits().models(), group)
                && (user == null || ModelAccess.allows(user.account().limits().models(), group));
    }

    /**
     * Adds a finished request's cost and tokens to its key and the key's user; for the request-event listener. Does
     * nothing for a token that is not a key's.
     */
    public void recordUsage(String token, double costUsd, long tokens) {
        KeyEntry entry = token == null ? null : keys.get(token);
        if (entry == null) {
            return;
        }
        Instant now = clock.instant();
        long nanos = ticker.read();
        add(entry.account(), costUsd, tokens, now, nanos);
        UserEntry user = entry.key().userId().map(users::get).orElse(null);
        if (user != null) {
            add(user.account(), costUsd, tokens, now, nanos);
        }
    }

    private static void add(Account account, double costUsd, long tokens, Instant now, long nanos) {
        account.add(costUsd, now);
        if (tokens > 0) {
            account.tokens().add(nanos, tokens);
        }
    }

    // ---- reading ----

    /** The key with this token (its hash) or, given a key's text, that key. */
    public Optional<VirtualKey> key(String tokenOrKey) {
        KeyEntry entry = entry(tokenOrKey);
        return entry == null ? Optional.empty() : Optional.of(entry.key());
    }

    private KeyEntry entry(String tokenOrKey) {
        if (tokenOrKey == null || tokenOrKey.isBlank()) {
            return null;
        }
        String t = tokenOrKey.trim();
        KeyEntry entry = KeyTokens.isHash(t) ? keys.get(t) : null;
        return entry != null ? entry : keys.get(KeyTokens.hash(t));
    }

    /** A key's spend in its current budget period. */
    public Optional<SpendState> keySpend(String token) {
        KeyEntry entry = keys.get(token);
        return entry == null ? Optional.empty() : Optional.of(entry.account().spend(clock.instant()));
    }

    /** Keys, oldest first; only those of {@code userId} if given. */
    public List<VirtualKey> keys(Optional<String> userId) {
        return keys.values().stream()
                .map(KeyEntry::key)
                .filter(k -> userId.isEmpty() || userId.equals(k.userId()))
                .sorted(Comparator.comparing(VirtualKey::createdAt).thenComparing(VirtualKey::token))
                .toList();
    }

    public Optional<KeyUser> user(String userId) {
        UserEntry entry = userId == null ? null : users.get(userId);
        return entry == null ? Optional.empty() : Optional.of(entry.user());
    }

    public Optional<SpendState> userSpend(String userId) {
        UserEntry entry = userId == null ? null : users.get(userId);
        return entry == null ? Optional.empty() : Optional.of(entry.account().spend(clock.instant()));
    }

    /** The alias of the key with this token, if it has one: for metrics and spend logs. */
    public Optional<String> aliasOf(String token) {
        KeyEntry entry = token == null ? null : keys.get(token);
        return entry == null ? Optional.empty() : entry.key().keyAlias();
    }

    /** The user of the key with this token, if it has one. */
    public Optional<String> userOf(String token) {
        KeyEntry entry = token == null ? null : keys.get(token);
        return entry == null ? Optional.empty() : entry.key().userId();
    }

    // ---- admin changes (write through) ----

    /**
     * Makes a key. If {@code spec} names a user that does not exist yet, the user is created without limits.
     *
     * @throws IllegalArgumentException if the spec cannot be served (alias taken, key not {@code sk-…}, …)
     * @throws KeyStoreException if it could not be stored
     */
    public GeneratedKey generate(KeySpec spec) {
        String text = spec.key().map(String::trim).orElseGet(KeyTokens::generate);
        if (!text.startsWith("sk-") || text.length() < 12 || KeyTokens.isAnthropicShaped(text)) {
            throw new IllegalArgumentException("key must start with 'sk-' (not 'sk-ant-') and be at least 12 "
                    + "characters long");
        }
        Instant now = now();
        String token = KeyTokens.hash(text);
        synchronized (adminLock) {
            if (keys.containsKey(token)) {
                throw new IllegalArgumentException("a key with this value exists already");
            }
            if (spec.keyAlias().isPresent() && keys.values().stream()
                    .anyMatch(e -> e.key().keyAlias().equals(spec.keyAlias()))) {
                throw new IllegalArgumentException("key_alias '" + spec.keyAlias().get() + "' is taken");
            }
            if (spec.userId().isPresent() && !users.containsKey(spec.userId().get())) {
                createUser(new KeyUser(spec.userId().get(), Optional.empty(), Optional.empty(), Limits.NONE, "{}",
                        now));
            }
            VirtualKey key = new VirtualKey(token, KeyTokens.displayName(text), spec.keyAlias(), spec.userId(),
                    spec.limits(), spec.duration().map(d -> d.end(now)), spec.blocked(), spec.metadata(), now);
            SpendState spend = new SpendState(0, spec.limits().budgetDuration().map(p -> p.end(now)));
            try {
                tables.insertKey(key, spend);
            } catch (SQLException e) {
                throw new KeyStoreException("Could not store the key: " + e.getMessage(), e);
            }
            keys.put(token, new KeyEntry(key, account(key.limits(), spend)));
            return new GeneratedKey(text, key, spend);
        }
    }

    /**
     * Changes a key; its spend and minute counters carry on.
     *
     * @return the key as it is now, with its spend; empty if there is no such key
     * @throws IllegalArgumentException if the new alias is taken
     */
    public Optional<KeyView> update(String tokenOrKey, KeyUpdate update) {
        synchronized (adminLock) {
            KeyEntry entry = entry(tokenOrKey);
            if (entry == null) {
                return Optional.empty();
            }
            VirtualKey old = entry.key();
            if (update.keyAlias().isPresent() && !update.keyAlias().equals(old.keyAlias()) && keys.values().stream()
                    .anyMatch(e -> e.key().keyAlias().equals(update.keyAlias()))) {
                throw new IllegalArgumentException("key_alias '" + update.keyAlias().get() + "' is taken");
            }
            Instant now = now();
            Limits limits = update.applyTo(old.limits());
            VirtualKey key = new VirtualKey(old.token(), old.keyName(), update.keyAlias().or(old::keyAlias),
                    old.userId(), limits, update.duration().map(d -> d.end(now)).or(old::expires),
                    update.blocked().orElse(old.blocked()), update.metadata().orElse(old.metadata()),
                    old.createdAt());
            boolean newPeriod = update.budgetDuration().isPresent();
            SpendState spend = entry.account().reconfigure(limits, newPeriod,
                    update.spend().isPresent() ? update.spend().getAsDouble() : Double.NaN, now);
            try {
                tables.updateKey(key, spend);
            } catch (SQLException e) {
                throw new KeyStoreException("Could not store the key: " + e.getMessage(), e);
            }
            keys.put(key.token(), new KeyEntry(key, entry.account()));
            return Optional.of(new KeyView(key, spend));
        }
    }

    /**
     * Deletes the keys given by text or token, and those with the given aliases.
     *
     * @return the deleted keys' tokens
     */
    public List<String> delete(Collection<String> keysOrTokens, Collection<String> aliases) {
        synchronized (adminLock) {
            Set<String> tokens = new LinkedHashSet<>();
            for (String k : keysOrTokens) {
                KeyEntry entry = entry(k);
                if (entry != null) {
                    tokens.add(entry.key().token());
                }
            }
            for (KeyEntry e : keys.values()) {
                if (e.key().keyAlias().filter(aliases::contains).isPresent()) {
                    tokens.add(e.key().token());
                }
            }
            try {
                tables.deleteKeys(tokens);
            } catch (SQLException e) {
                throw new KeyStoreException("Could not delete keys: " + e.getMessage(), e);
            }
            tokens.forEach(keys::remove);
            return List.copyOf(tokens);
        }
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException if the user id is taken
     */
    public KeyUser newUser(UserSpec spec) {
        synchronized (adminLock) {
            String id = spec.userId().orElseGet(() -> UUID.randomUUID().toString());
            if (users.containsKey(id)) {
                throw new IllegalArgumentException("user_id '" + id + "' exists already");
            }
            KeyUser user = new KeyUser(id, spec.userAlias(), spec.userEmail(), spec.limits(), spec.metadata(), now());
            createUser(user);
            return user;
        }
    }

    private void createUser(KeyUser user) {
        SpendState spend = new SpendState(0, user.limits().budgetDuration().map(p -> p.end(user.createdAt())));
        try {
            tables.insertUser(user, spend);
        } catch (SQLException e) {
            throw new KeyStoreException("Could not store the user: " + e.getMessage(), e);
        }
        users.put(user.userId(), new UserEntry(user, account(user.limits(), spend)));
    }

    /** Timestamps at the database's precision, so a restart reads back the same values. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- persistence of running totals ----

    private void flushLoop() {
        while (!closing) {
            LockSupport.parkNanos(this, flushInterval.toNanos());
            if (!closing) {
                flush();
            }
        }
    }

    /** Stores the spend of every key and user that changed (or whose budget reset) since the last flush. */
    void flush() {
        Instant now = clock.instant();
        Map<String, SpendState> changedKeys = new LinkedHashMap<>();
        Map<String, SpendState> changedUsers = new LinkedHashMap<>();
        keys.forEach((token, e) -> e.account().takeChanged(now).ifPresent(s -> changedKeys.put(token, s)));
        users.forEach((id, e) -> e.account().takeChanged(now).ifPresent(s -> changedUsers.put(id, s)));
        if (changedKeys.isEmpty() && changedUsers.isEmpty()) {
            return;
        }
        try {
            tables.saveSpend(changedKeys, changedUsers);
            if (flushFailing) {
                flushFailing = false;
                log.info("Key spend is being stored again");
            }
        } catch (SQLException | RuntimeException e) {
            changedKeys.keySet().forEach(t -> markChanged(keys.get(t) == null ? null : keys.get(t).account()));
            changedUsers.keySet().forEach(id -> markChanged(users.get(id) == null ? null : users.get(id).account()));
            if (!flushFailing) {
                flushFailing = true;
                log.warn("Could not store key spend (kept in memory, retried); requests are not affected", e);
            }
        }
    }

    private static void markChanged(Account account) {
        if (account != null) {
            account.markChanged();
        }
    }

    /** Stores the running totals one last time and closes the tables. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(flusher);
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            tables.close();
        } catch (SQLException e) {
            log.warn("Could not close the key tables", e);
        }
    }

    /** Keys in memory, for tests and the admin API's counts. */
    int size() {
        return keys.size();
    }
}
