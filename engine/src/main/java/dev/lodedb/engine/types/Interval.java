package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A PostgreSQL {@code interval}: three independent fields, as PostgreSQL stores them ({@code
 * Interval} in {@code src/include/datatype/timestamp.h}): {@code months}, {@code days} and {@code
 * micros} (the time part in microseconds). The fields are kept apart because a month has no fixed
 * number of days and a day has no fixed number of hours across daylight-saving changes: {@code
 * '1 mon'} added to January 31 is February 28/29, while {@code '30 days'} is March 1/2.
 *
 * <p>Comparison follows PostgreSQL's {@code interval_cmp}: both intervals are reduced to one
 * 128-bit microsecond count with a month taken as 30 days and a day as 24 hours, so {@code
 * '1 mon'} equals {@code '30 days'} and {@code '1 day'} equals {@code '24:00:00'}. {@link
 * #compareTo} is therefore not consistent with {@link #equals} (which compares the three fields,
 * like the record it is), in the same way as {@link java.math.BigDecimal}.
 *
 * <p>{@link #toString()} is PostgreSQL's output with the default {@code IntervalStyle =
 * postgres}, e.g. {@code 1 year 2 mons 3 days 04:05:06}; {@link #parse(String)} is PostgreSQL's
 * input (see {@code docs/engine/types.md} for the accepted forms).
 *
 * <p>Immutable and thread-safe.
 *
 * @param months whole months (years are 12 months)
 * @param days whole days
 * @param micros the time part in microseconds
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    /** Microseconds per second. */
    public static final long MICROS_PER_SECOND = 1_000_000L;
    /** Microseconds per minute. */
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    /** Microseconds per hour. */
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    /** Microseconds per day (24 hours; PostgreSQL's {@code USECS_PER_DAY}). */
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    /** Days per month in comparisons and justification ({@code DAYS_PER_MONTH}). */
    public static final int DAYS_PER_MONTH = 30;
    /** The zero interval, {@code 00:00:00}. */
    public static final Interval ZERO = new Interval(0, 0, 0);

    /**
     * @param text PostgreSQL interval input, e.g. {@code 1 year 2 months}, {@code -1 day +02:03},
     *     {@code P1Y2M3DT4H5M6S}, {@code 1-2}, {@code 3 4:05:06}, {@code @ 1 hour ago}
     * @return the interval
     * @throws SqlException 22007 for malformed input, 22008 when a field overflows
     */
    public static Interval parse(String text) {
        return IntervalText.parse(text);
    }

    /**
     * @param years years
     * @param months months
     * @param days days
     * @param hours hours
     * @param minutes minutes
     * @param seconds seconds
     * @param micros microseconds
     * @return the interval with those fields (PostgreSQL's {@code make_interval} without weeks)
     * @throws SqlException 22008 {@code interval out of range} on overflow
     */
    public static Interval of(int years, int months, int days, long hours, long minutes,
                              long seconds, long micros) {
        try {
            int m = Math.addExact(Math.multiplyExact(years, 12), months);
            long t = Math.addExact(Math.addExact(Math.multiplyExact(hours, MICROS_PER_HOUR),
                    Math.multiplyExact(minutes, MICROS_PER_MINUTE)),
                    Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), micros));
            return new Interval(m, days, t);
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    static SqlException outOfRange() {
        return new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    /**
     * @return the comparison value as a 128-bit integer {@code [high, low]} (two's complement,
     *     {@code low} unsigned): {@code (months * 30 + days) * 86400000000 + micros}, PostgreSQL's
     *     {@code interval_cmp_value}
     */
    public long[] span() {
        long totalDays = (long) months * DAYS_PER_MONTH + days;
        long lo = totalDays * MICROS_PER_DAY;
        long hi = Math.multiplyHigh(totalDays, MICROS_PER_DAY);
        long sum = lo + micros;
        long carry = Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        return new long[] {hi + (micros >> 63) + carry, sum};
    }

    /**
     * @return negative, zero or positive as this interval is shorter than, as long as or longer
     *     than {@code o} by PostgreSQL's {@code interval_cmp} (30-day months, 24-hour days)
     */
    @Override
    public int compareTo(Interval o) {
        long[] a = span();
        long[] b = o.span();
        int c = Long.compare(a[0], b[0]);
        return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
    }

    /**
     * @param span a comparison value as returned by {@link #span()}
     * @return the justified interval with that comparison value: whole 30-day months, then whole
     *     days, then microseconds, all with the sign of {@code span} (PostgreSQL's {@code
     *     justify_interval} applied to the span); a field that would overflow is clamped and the
     *     rest carried into the next finer field
     */
    public static Interval fromSpan(long[] span) {
        BigInteger v = BigInteger.valueOf(span[0]).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(span[1])));
        BigInteger monthMicros = BigInteger.valueOf(
                DAYS_PER_MONTH * MICROS_PER_DAY);
        BigInteger dayMicros = BigInteger.valueOf(MICROS_PER_DAY);
        BigInteger m = clamp(v.divide(monthMicros), Integer.MIN_VALUE, Integer.MAX_VALUE);
        v = v.subtract(m.multiply(monthMicros));
        BigInteger d = clamp(v.divide(dayMicros), Integer.MIN_VALUE, Integer.MAX_VALUE);
        v = v.subtract(d.multiply(dayMicros));
        if (v.bitLength() > 63) {
            throw outOfRange();
        }
        return new Interval(m.intValueExact(), d.intValueExact(), v.longValueExact());
    }

    private static BigInteger clamp(BigInteger v, long min, long max) {
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            return BigInteger.valueOf(max);
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            return BigInteger.valueOf(min);
        }
        return v;
    }

    /**
     * @return this interval with every field negated (PostgreSQL's unary minus)
     * @throws SqlException 22008 if a field is at its minimum value
     */
    public Interval negate() {
        if (months == Integer.MIN_VALUE || days == Integer.MIN_VALUE || micros == Long.MIN_VALUE) {
            throw outOfRange();
        }
        return new Interval(-months, -days, -micros);
    }

    /**
     * @return the field-wise sum (PostgreSQL's {@code interval_pl})
     * @throws SqlException 22008 on overflow of any field
     */
    public Interval plus(Interval o) {
        try {
            return new Interval(Math.addExact(months, o.months), Math.addExact(days, o.days),
                    Math.addExact(micros, o.micros));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /**
     * Adds this interval to a timestamp as PostgreSQL's {@code timestamp_pl_interval} does: first
     * the months (keeping the day of month, clamped to the last day of the resulting month), then
     * the days, then the microseconds. Infinite timestamps ({@link LocalDateTime#MAX} and {@link
     * LocalDateTime#MIN}, see {@link Values}) are returned unchanged.
     *
     * @return the shifted timestamp
     * @throws SqlException 22008 {@code timestamp out of range} if the result leaves PostgreSQL's
     *     timestamp range
     */
    public LocalDateTime addTo(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX) || ts.equals(LocalDateTime.MIN)) {
            return ts;
        }
        LocalDateTime r;
        try {
            r = ts.plusMonths(months).plusDays(days).plus(micros, ChronoUnit.MICROS);
        } catch (DateTimeException | ArithmeticException e) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        PgEpoch.checkTimestamp(r);
        return r;
    }

    /**
     * @return {@code date + interval} as PostgreSQL computes it: the date as a timestamp at
     *     midnight plus this interval (the result type is timestamp); an infinite date gives the
     *     infinite timestamp of the same sign
     * @throws SqlException 22008 if the result is out of range
     */
    public LocalDateTime addTo(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return LocalDateTime.MAX;
        }
        if (date.equals(LocalDate.MIN)) {
            return LocalDateTime.MIN;
        }
        return addTo(date.atStartOfDay());
    }

    /**
     * @return {@code timestamptz + interval} with month and day arithmetic done in the session
     *     time zone, which is UTC in this layer; the result is normalized to UTC
     * @throws SqlException 22008 if the result is out of range
     */
    public OffsetDateTime addTo(OffsetDateTime ts) {
        if (ts.equals(Values.TIMESTAMPTZ_INFINITY) || ts.equals(Values.TIMESTAMPTZ_MINUS_INFINITY)) {
            return ts;
        }
        LocalDateTime utc = ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return addTo(utc).atOffset(ZoneOffset.UTC);
    }

    /**
     * @return PostgreSQL's output in {@code IntervalStyle = postgres}: {@code N year(s)}, {@code N
     *     mon(s)}, {@code N day(s)}, then {@code [-+]HH:MM:SS[.ffffff]} when the time part is not
     *     zero or everything is zero; a field after a negative one carries an explicit {@code +}
     *     (PostgreSQL's {@code EncodeInterval}, {@code INTSTYLE_POSTGRES})
     */
    @Override
    public String toString() {
        return IntervalText.format(this);
    }
}
