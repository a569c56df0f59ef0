package dev.spillway.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.aws.MutableClock;
import dev.spillway.engine.spend.SpendStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over a real H2 file database, with a clock and ticker the test moves. */
class KeyRegistryTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private String url;
    private KeyRegistry registry;

    @BeforeEach
    void open() throws Exception {
        url = SpendStore.defaultJdbcUrl(data);
        SpendStore.open(url, SpendStore.DEFAULT_RETENTION).close(); // migrates
        registry = reopen();
    }

    private KeyRegistry reopen() {
        return KeyRegistry.open(url, clock, nanos::get, Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private static Limits budget(double max, String period) {
        return new Limits(OptionalDouble.of(max), Optional.ofNullable(period).map(BudgetPeriod::parse),
                OptionalLong.empty(), OptionalLong.empty(), List.of());
    }

    private GeneratedKey key(Limits limits) {
        return registry.generate(new KeySpec(Optional.empty(), Optional.empty(), Optional.empty(), limits,
                Optional.empty(), false, "{}"));
    }

    @Test
    void aBudgetResetsOnScheduleAndTheResetIsStored() {
        GeneratedKey key = key(budget(1.0, "1d"));
        registry.recordUsage(key.virtualKey().token(), 1.5, 100);
        assertThat(registry.admit(key.virtualKey(), "m", "m")).isInstanceOf(Admission.Denied.class);

        clock.set(clock.instant().plus(Duration.ofHours(23)));
        assertThat(registry.admit(key.virtualKey(), "m", "m")).as("still the same day").isInstanceOf(Admission.Denied.class);
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(registry.admit(key.virtualKey(), "m", "m")).isEqualTo(Admission.ADMITTED);
        registry.flush();
        registry.close();
        registry = reopen();

        SpendState stored = registry.keySpend(key.virtualKey().token()).orElseThrow();
        assertThat(stored.spend()).isZero();
        assertThat(stored.budgetResetAt()).contains(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void aMonthlyBudgetResetsOnTheFirstOfTheMonth() {
        GeneratedKey key = key(budget(1.0, "monthly"));

        assertThat(key.spend().budgetResetAt()).contains(Instant.parse("2026-12-01T00:00:00Z"));
        registry.recordUsage(key.virtualKey().token(), 2, 0);
        clock.set(Instant.parse("2027-02-14T00:00:00Z"));
        assertThat(registry.keySpend(key.virtualKey().token()).orElseThrow())
                .isEqualTo(new SpendState(0, Optional.of(Instant.parse("2027-03-01T00:00:00Z"))));
    }

    @Test
    void aBudgetWithoutDurationNeverResetsAndSaysSo() {
        GeneratedKey key = key(budget(0.5, null));
        registry.recordUsage(key.virtualKey().token(), 0.5, 0);
        clock.set(clock.instant().plus(Duration.ofDays(400)));

        Admission admission = registry.admit(key.virtualKey(), "m", "m");

        assertThat(admission).isInstanceOf(Admission.Denied.class);
        Admission.Denied denied = (Admission.Denied) admission;
        assertThat(denied.status()).isEqualTo(429);
        assertThat(denied.message()).contains("spent $0.5000 of its max_budget $0.5000").contains("does not reset");
        assertThat(denied.retryAfter()).isEmpty();
    }

    @Test
    void anUpdateKeepsSpendAndCountersStartsANewPeriodAndIsStored() {
        GeneratedKey key = registry.generate(new KeySpec(Optional.empty(), Optional.of("a"), Optional.empty(),
                new Limits(OptionalDouble.of(1), Optional.empty(), OptionalLong.of(1), OptionalLong.empty(),
                        List.of()), Optional.empty(), false, "{}"));
        registry.generate(new KeySpec(Optional.empty(), Optional.of("b"), Optional.empty(), Limits.NONE,
                Optional.empty(), false, "{}"));
        String token = key.virtualKey().token();
        assertThat(registry.admit(key.virtualKey(), "m", "m")).isEqualTo(Admission.ADMITTED);
        registry.recordUsage(token, 1.2, 0);

        KeyView updated = registry.update(token, new KeyUpdate(Optional.of("a2"), Optional.empty(),
                OptionalDouble.of(5), Optional.of(BudgetPeriod.parse("7d")), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty()))
                .orElseThrow();

        assertThat(updated.spend()).isEqualTo(new SpendState(1.2, Optional.of(clock.instant().plus(Duration.ofDays(7)))));
        assertThat(updated.key().keyAlias()).contains("a2");
        VirtualKey current = registry.find(key.key()).orElseThrow();
        Admission admission = registry.admit(current, "m", "m");
        assertThat(admission).as("the budget is raised, the rpm counter carried on").isInstanceOf(Admission.Denied.class);
        assertThat(((Admission.Denied) admission).message()).contains("rpm_limit");
        assertThatThrownBy(() -> registry.update(token, new KeyUpdate(Optional.of("b"), Optional.empty(),
                OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalDouble.empty()))).hasMessageContaining("'b' is taken");
        registry.close();
        registry = reopen();
        assertThat(registry.keySpend(token)).contains(updated.spend());
        assertThat(registry.key(token).orElseThrow().limits().maxBudget()).hasValue(5);
    }

    @Test
    void theUsersBudgetAppliesToAllItsKeys() {
        registry.newUser(new UserSpec(Optional.of("ada"), Optional.empty(), Optional.empty(), budget(1, "7d"), "{}"));
        GeneratedKey a = registry.generate(new KeySpec(Optional.empty(), Optional.empty(), Optional.of("ada"),
                Limits.NONE, Optional.empty(), false, "{}"));
        GeneratedKey b = registry.generate(new KeySpec(Optional.empty(), Optional.empty(), Optional.of("ada"),
                Limits.NONE, Optional.empty(), false, "{}"));

        registry.recordUsage(a.virtualKey().token(), 0.6, 0);
        registry.recordUsage(b.virtualKey().token(), 0.6, 0);

        Admission admission = registry.admit(a.virtualKey(), "m", "m");
        assertThat(admission).isInstanceOf(Admission.Denied.class);
        assertThat(((Admission.Denied) admission).message()).contains("user 'ada'");
        assertThat(registry.keySpend(a.virtualKey().token()).orElseThrow().spend()).isEqualTo(0.6);
    }

    @Test
    void aTpmLimitCountsReportedTokensOverASlidingMinute() {
        GeneratedKey key = key(new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.of(1000), List.of()));
        registry.recordUsage(key.virtualKey().token(), 0, 1200);

        Admission limited = registry.admit(key.virtualKey(), "m", "m");
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        Admission later = registry.admit(key.virtualKey(), "m", "m");

        assertThat(limited).isInstanceOf(Admission.Denied.class);
        assertThat(((Admission.Denied) limited).message()).contains("tpm_limit is 1000 tokens per minute");
        assertThat(((Admission.Denied) limited).retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(59),
                Duration.ofSeconds(61));
        assertThat(later).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aRefusedRequestDoesNotCountTowardsTheRpmLimit() {
        registry.newUser(new UserSpec(Optional.of("bo"), Optional.empty(), Optional.empty(),
                new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.of(1), OptionalLong.empty(),
                        List.of()), "{}"));
        GeneratedKey key = registry.generate(new KeySpec(Optional.empty(), Optional.empty(), Optional.of("bo"),
                new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.of(2), OptionalLong.empty(),
                        List.of()), Optional.empty(), false, "{}"));

        assertThat(registry.admit(key.virtualKey(), "m", "m")).isEqualTo(Admission.ADMITTED);
        for (int i = 0; i < 3; i++) {
            assertThat(registry.admit(key.virtualKey(), "m", "m")).as("the user's rpm_limit")
                    .isInstanceOf(Admission.Denied.class);
        }
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(registry.admit(key.virtualKey(), "m", "m")).as("the refusals did not use up the key's limit")
                .isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aCheckForAFreeRequestDoesNotCountTowardsTheRpmLimit() {
        GeneratedKey key = key(new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.of(1),
                OptionalLong.empty(), List.of()));

        assertThat(registry.check(key.virtualKey(), "m", "m")).isEqualTo(Admission.ADMITTED);
        assertThat(registry.admit(key.virtualKey(), "m", "m")).isEqualTo(Admission.ADMITTED);
        assertThat(registry.check(key.virtualKey(), "m", "m")).as("at the rpm_limit, token counting still works")
                .isEqualTo(Admission.ADMITTED);
        assertThat(registry.admit(key.virtualKey(), "m", "m")).isInstanceOf(Admission.Denied.class);
    }

    @Test
    void anExpiredKeyIsRefusedByName() {
        GeneratedKey key = registry.generate(new KeySpec(Optional.empty(), Optional.of("temp"), Optional.empty(),
                Limits.NONE, Optional.of(BudgetPeriod.parse("1h")), false, "{}"));

        assertThat(registry.refusal(key.virtualKey())).isEmpty();
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        assertThat(registry.refusal(key.virtualKey())).hasValueSatisfying(m -> assertThat(m)
                .contains("'temp'").contains("expired at 2026-11-23T11:00:00Z"));
    }

    @Test
    void modelsAllowNamesGroupsAndPatterns() {
        GeneratedKey key = key(new Limits(OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), List.of("claude-*", "gpt-4o")));

        assertThat(registry.admit(key.virtualKey(), "claude-sonnet-4-5", "anthropic-all"))
                .isEqualTo(Admission.ADMITTED);
        assertThat(registry.admit(key.virtualKey(), "gpt4", "gpt-4o")).isEqualTo(Admission.ADMITTED);
        assertThat(registry.admit(key.virtualKey(), "o3", "o3")).isInstanceOf(Admission.Denied.class);
        assertThat(registry.allowsGroup(key.virtualKey(), "gpt-4o")).isTrue();
        assertThat(registry.allowsGroup(key.virtualKey(), "deepseek-chat")).isFalse();
    }

    @Test
    void keysAreFoundByTheirTextOnlyAndAnthropicKeysAreNeverLookedUp() {
        GeneratedKey key = registry.generate(new KeySpec(Optional.of("sk-chosen-by-admin"), Optional.empty(),
                Optional.empty(), Limits.NONE, Optional.empty(), false, "{}"));

        assertThat(registry.find("sk-chosen-by-admin")).contains(key.virtualKey());
        assertThat(registry.find(key.virtualKey().token())).as("the hash is not a key").isEmpty();
        assertThatThrownBy(() -> registry.generate(new KeySpec(Optional.of("sk-ant-api03-test-x"), Optional.empty(),
                Optional.empty(), Limits.NONE, Optional.empty(), false, "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sk-ant-");
        assertThatThrownBy(() -> registry.generate(new KeySpec(Optional.of("sk-chosen-by-admin"), Optional.empty(),
                Optional.empty(), Limits.NONE, Optional.empty(), false, "{}")))
                .hasMessageContaining("exists already");
    }

    @Test
    void periodsParseLiteLlmsForms() {
        Instant start = Instant.parse("2026-01-31T12:00:00Z");
        assertThat(BudgetPeriod.parse("30s").end(start)).isEqualTo(start.plusSeconds(30));
        assertThat(BudgetPeriod.parse("30m").end(start)).isEqualTo(start.plusSeconds(1800));
        assertThat(BudgetPeriod.parse("7d").end(start)).isEqualTo(start.plus(Duration.ofDays(7)));
        assertThat(BudgetPeriod.parse("1mo").end(start)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(BudgetPeriod.parse("Monthly").end(start)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThatThrownBy(() -> BudgetPeriod.parse("0d")).hasMessageContaining("30d");
        assertThatThrownBy(() -> BudgetPeriod.parse("soon")).hasMessageContaining("monthly");
    }
}
