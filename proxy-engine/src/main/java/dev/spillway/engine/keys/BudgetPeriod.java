package dev.spillway.engine.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LiteLLM duration such as {@code budget_duration} or a key's {@code duration}: {@code 30s}, {@code 30m},
 * {@code 12h}, {@code 1d}, {@code 7d}, {@code 30d}, {@code 2w}, {@code 1mo}, or {@code daily}, {@code weekly},
 * {@code monthly}. Fixed lengths repeat from when they started; {@code monthly} and {@code Nmo} end at the start of a
 * calendar month (UTC), so a monthly budget resets on the 1st.
 *
 * @param text the duration as written
 */
public record BudgetPeriod(String text, Duration fixed, int months) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*(mo|s|m|h|d|w)");

    public BudgetPeriod {
        if ((fixed == null) == (months == 0)) {
            throw new IllegalArgumentException("a period is either fixed or in months");
        }
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms, if {@code text} is none of them
     */
    public static BudgetPeriod parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "daily":
                return new BudgetPeriod(t, Duration.ofDays(1), 0);
            case "weekly":
                return new BudgetPeriod(t, Duration.ofDays(7), 0);
            case "monthly":
                return new BudgetPeriod(t, null, 1);
            default:
                break;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 30s, 30m, 12h, 1d, 7d, "
                    + "30d, 2w, 1mo, daily, weekly or monthly");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> new BudgetPeriod(t, Duration.ofSeconds(n), 0);
            case "m" -> new BudgetPeriod(t, Duration.ofMinutes(n), 0);
            case "h" -> new BudgetPeriod(t, Duration.ofHours(n), 0);
            case "d" -> new BudgetPeriod(t, Duration.ofDays(n), 0);
            case "w" -> new BudgetPeriod(t, Duration.ofDays(7 * n), 0);
            default -> new BudgetPeriod(t, null, (int) n);
        };
    }

    /** When a period that starts at {@code start} ends. */
    public Instant end(Instant start) {
        if (fixed != null) {
            return start.plus(fixed);
        }
        LocalDate firstOfMonth = LocalDate.ofInstant(start, ZoneOffset.UTC).withDayOfMonth(1);
        return firstOfMonth.plusMonths(months).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first end of a period after {@code now}, for periods following one another from {@code end}. */
    public Instant nextEndAfter(Instant end, Instant now) {
        Instant next = end;
        while (!next.isAfter(now)) {
            Instant following = end(next);
            if (fixed != null && following.isBefore(now)) {
                // a long gap (the gateway was stopped): skip whole periods at once
                long behind = Duration.between(next, now).toNanos() / fixed.toNanos();
                following = next.plus(fixed.multipliedBy(Math.max(1, behind)));
            }
            next = following;
        }
        return next;
    }

    @Override
    public String toString() {
        return text;
    }
}
