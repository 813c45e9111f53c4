package dev.hygge.polish;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@code timestamps} rule: a column {@code name} holding the run's load time, the same in every
 * row and every batch of the run. {@code source: now_utc} is a {@code Timestamp(MICROSECOND, UTC)},
 * {@code now_local} the machine's wall clock as a {@code Timestamp(MICROSECOND)} without a zone;
 * {@code type: string} writes it as text instead: Python's {@code isoformat()} (the original's
 * default, {@code 2026-12-01T14:03:07.123456+00:00}), or the {@code format} (strftime) given.
 *
 * @param local {@code now_local} when true, {@code now_utc} when false
 * @param text {@code type: string} when true, {@code type: datetime} when false
 * @param format the strftime pattern of a text timestamp, if any
 * @param where where the rule was written, for messages; null from code
 * @since 0.1
 */
public record LoadTimestamp(String name, boolean local, boolean text, Optional<String> format, String where) {
    public LoadTimestamp {
        requireNonNull(name, "name is null");
        requireNonNull(format, "format is null");
        format.ifPresent(Strftime::check);
    }

    /** {@code source: now_utc, type: datetime}, the original's defaults. */
    public static LoadTimestamp utc(String name) {
        return new LoadTimestamp(name, false, false, Optional.empty(), null);
    }

    String described() {
        return (where != null ? where + ": " : "") + "timestamps '" + name + "'";
    }
}
