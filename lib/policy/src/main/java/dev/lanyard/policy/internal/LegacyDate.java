package dev.lanyard.policy.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The grammar IAM applies to Date condition values at write time (iam-policy.md §1.3, "legacy parsing").
 *
 * <p>A value containing {@code t}/{@code T} or {@code -} is ISO-8601 in the shape of Joda-Time's
 * {@code dateTimeParser} (the year bounds IAM enforces are Joda's): {@code [-]year[-MM[-dd]]['T'[HH[:mm[:ss[.f]]]]
 * [Z|±HH[:mm]]]} with 1-9 fraction digits, two-digit offsets, a real calendar date, and year in
 * [-292275054, 292278993]. Anything else must be an epoch-seconds integer in [0, Long.MAX_VALUE].
 */
final class LegacyDate {
    private static final long MIN_YEAR = -292_275_054L;
    private static final long MAX_YEAR = 292_278_993L;

    private final String text;
    private int position;

    private LegacyDate(String text) {
        this.text = text;
    }

    static Optional<DateValue> parse(String text) {
        if (text.indexOf('t') >= 0 || text.indexOf('T') >= 0 || text.indexOf('-') >= 0) {
            return new LegacyDate(text).iso();
        }
        return epoch(text);
    }

    private static Optional<DateValue> epoch(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return Optional.empty();
            }
            value = value * 10 + (c - '0');
        }
        return Optional.of(new DateValue(value, 0));
    }

    private Optional<DateValue> iso() {
        long epochDay = 0;
        if (!atTimeSeparator()) {
            Long day = date();
            if (day == null) {
                return Optional.empty();
            }
            epochDay = day;
        }
        long seconds = epochDay * 86_400L;
        int nano = 0;
        if (atTimeSeparator()) {
            position++;
            long[] time = time();
            if (time == null) {
                return Optional.empty();
            }
            seconds += time[0];
            nano = (int) time[1];
        }
        return position == text.length() ? Optional.of(new DateValue(seconds, nano)) : Optional.empty();
    }

    private boolean atTimeSeparator() {
        return position < text.length() && (text.charAt(position) == 'T' || text.charAt(position) == 't');
    }

    /** {@code [-]year[-MM[-dd]]} as an epoch day, or null. */
    private Long date() {
        boolean negative = consume('-');
        long year = digits(1, 9);
        if (year < 0) {
            return null;
        }
        year = negative ? -year : year;
        long month = 1;
        long day = 1;
        if (consume('-')) {
            month = digits(1, 2);
            if (consume('-')) {
                day = digits(1, 2);
            }
        }
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) {
            return null;
        }
        try {
            return LocalDate.of((int) year, (int) month, (int) day).toEpochDay();
        } catch (DateTimeException invalidDay) {
            return null;
        }
    }

    /** {@code [HH[:mm[:ss[.f]]]][offset]} as {seconds (offset applied), nanos}, or null. */
    private long[] time() {
        long seconds = 0;
        long nano = 0;
        if (position < text.length() && isDigit(text.charAt(position))) {
            long[] clock = clock();
            if (clock == null) {
                return null;
            }
            seconds = clock[0];
            nano = clock[1];
        }
        Long offset = offset();
        return offset == null ? null : new long[] {seconds - offset, nano};
    }

    private long[] clock() {
        long hour = digits(1, 2);
        long minute = 0;
        long second = 0;
        long nano = 0;
        if (consume(':')) {
            minute = digits(1, 2);
            if (consume(':')) {
                second = digits(1, 2);
                if (consume('.') || consume(',')) {
                    nano = fraction();
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nano < 0) {
            return null;
        }
        return new long[] {hour * 3600 + minute * 60 + second, nano};
    }

    /** Offset in seconds east of UTC; 0 when absent; null when malformed. */
    private Long offset() {
        if (consume('Z') || consume('z') || position == text.length()) {
            return 0L;
        }
        boolean negative = consume('-');
        if (!negative && !consume('+')) {
            return null;
        }
        long hours = exactDigits(2);
        long minutes = consume(':') ? exactDigits(2) : 0;
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return null;
        }
        long offset = hours * 3600 + minutes * 60;
        return negative ? -offset : offset;
    }

    private long fraction() {
        int start = position;
        long value = digits(1, 9);
        if (value < 0 || (position < text.length() && isDigit(text.charAt(position)))) {
            return -1;
        }
        for (int width = position - start; width < 9; width++) {
            value *= 10;
        }
        return value;
    }

    private long exactDigits(int count) {
        int start = position;
        long value = digits(count, count);
        return position - start == count ? value : -1;
    }

    /** Between min and max ASCII digits as a number, or -1. */
    private long digits(int min, int max) {
        int start = position;
        long value = 0;
        while (position < text.length() && position - start < max && isDigit(text.charAt(position))) {
            value = value * 10 + (text.charAt(position) - '0');
            position++;
        }
        return position - start >= min ? value : -1;
    }

    private boolean consume(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
