package dev.spillway.engine.server;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code start_date} / {@code end_date} of spend queries: inclusive days, the last 30 days by default. */
record DateRange(LocalDate from, LocalDate to) {

    /** @throws IllegalArgumentException if a date is not {@code YYYY-MM-DD} or the range is backwards */
    static DateRange of(Optional<String> start, Optional<String> end) {
        try {
            LocalDate to = end.map(LocalDate::parse).orElse(LocalDate.now(ZoneOffset.UTC));
            LocalDate from = start.map(LocalDate::parse).orElse(to.minusDays(29));
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("start_date " + from + " is after end_date " + to);
            }
            return new DateRange(from, to);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start_date and end_date must be dates such as 2026-11-23");
        }
    }
}
