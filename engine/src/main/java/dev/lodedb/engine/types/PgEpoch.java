package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between the Java date/time values of {@link Values} and PostgreSQL's integer
 * representations, which the key and row encodings store: a date is a signed 32-bit day count
 * and a timestamp a signed 64-bit microsecond count, both from PostgreSQL's epoch 2000-01-01
 * ({@code POSTGRES_EPOCH_JDATE}); a time is microseconds since midnight. These are also the
 * binary wire-protocol formats, so the server can send them without conversion.
 *
 * <p>Infinities follow PostgreSQL ({@code DATEVAL_NOBEGIN/NOEND}, {@code DT_NOBEGIN/NOEND}):
 * {@code -infinity} is the minimum integer and {@code infinity} the maximum. In Java they are
 * {@link LocalDate#MIN}/{@link LocalDate#MAX}, {@link LocalDateTime#MIN}/{@link
 * LocalDateTime#MAX} and {@link Values#TIMESTAMPTZ_MINUS_INFINITY}/{@link
 * Values#TIMESTAMPTZ_INFINITY}, as pgjdbc maps them.
 *
 * <p>Finite ranges are PostgreSQL's: dates from 4714-11-24 BC to 5874897-12-31, timestamps from
 * 4714-11-24 00:00 BC to 294276-12-31 23:59:59.999999. Java's proleptic ISO calendar numbers
 * 1 BC as year 0, so 4714 BC is year -4713.
 *
 * <p>Stateless and thread-safe.
 */
public final class PgEpoch {
    /** 2000-01-01 as a Java epoch day (days since 1970-01-01). */
    public static final long EPOCH_DAY_2000 = 10_957L;
    /** 2000-01-01T00:00Z in Unix seconds. */
    public static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400L;
    /** The first finite date, 4714-11-24 BC (Julian day 0). */
    public static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
    /** The last finite date, 5874897-12-31. */
    public static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
    /** The first finite timestamp, 4714-11-24 00:00:00 BC. */
    public static final LocalDateTime MIN_TIMESTAMP = MIN_DATE.atStartOfDay();
    /** {@link #MIN_DATE} as days from 2000-01-01. */
    public static final int MIN_PG_DAYS = (int) (MIN_DATE.toEpochDay() - EPOCH_DAY_2000);
    /** {@link #MAX_DATE} as days from 2000-01-01. */
    public static final int MAX_PG_DAYS = (int) (MAX_DATE.toEpochDay() - EPOCH_DAY_2000);
    /** The last finite timestamp, 294276-12-31 23:59:59.999999. */
    public static final LocalDateTime MAX_TIMESTAMP =
            LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000);

    private PgEpoch() {
    }

    /**
     * @return days since 2000-01-01; {@link Integer#MAX_VALUE} for {@link LocalDate#MAX}
     *     (infinity) and {@link Integer#MIN_VALUE} for {@link LocalDate#MIN} (-infinity)
     * @throws SqlException 22008 {@code date out of range} outside PostgreSQL's range
     */
    public static int toPgDays(LocalDate d) {
        int year = d.getYear();
        if (year > -4713 && year < 5_874_897) {
            return (int) (d.toEpochDay() - EPOCH_DAY_2000); // finite and in range: the common case
        }
        if (d.equals(LocalDate.MAX)) {
            return Integer.MAX_VALUE;
        }
        if (d.equals(LocalDate.MIN)) {
            return Integer.MIN_VALUE;
        }
        checkDate(d);
        return (int) (d.toEpochDay() - EPOCH_DAY_2000);
    }

    /** @return the date {@code days} after 2000-01-01 (with the infinities of {@link #toPgDays}) */
    public static LocalDate fromPgDays(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days + EPOCH_DAY_2000);
    }

    /**
     * @throws SqlException 22008 {@code date out of range} if {@code d} is finite and outside
     *     PostgreSQL's date range
     */
    public static void checkDate(LocalDate d) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            return;
        }
        if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
    }

    /**
     * @throws SqlException 22008 {@code timestamp out of range} if {@code ts} is finite and
     *     outside PostgreSQL's timestamp range
     */
    public static void checkTimestamp(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX) || ts.equals(LocalDateTime.MIN)) {
            return;
        }
        if (ts.isBefore(MIN_TIMESTAMP) || ts.isAfter(MAX_TIMESTAMP)) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    /**
     * @return microseconds since 2000-01-01 00:00:00; {@link Long#MAX_VALUE} / {@link
     *     Long#MIN_VALUE} for the infinities
     * @throws SqlException 22008 outside PostgreSQL's timestamp range
     * @throws IllegalArgumentException if {@code ts} has sub-microsecond precision
     */
    public static long toPgMicros(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (ts.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        checkTimestamp(ts);
        int nanos = ts.getNano();
        if (nanos % 1000 != 0) {
            throw new IllegalArgumentException("sub-microsecond timestamp: " + ts);
        }
        long seconds = ts.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECOND_2000;
        return seconds * 1_000_000L + nanos / 1000;
    }

    /** @return the timestamp {@code micros} after 2000-01-01 (infinities as {@link #toPgMicros}) */
    public static LocalDateTime fromPgMicros(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int micro = (int) Math.floorMod(micros, 1_000_000L);
        return LocalDateTime.ofEpochSecond(seconds + EPOCH_SECOND_2000, micro * 1000,
                ZoneOffset.UTC);
    }

    /**
     * @return microseconds since 2000-01-01 00:00:00 UTC of the instant {@code ts}
     * @throws SqlException 22008 outside PostgreSQL's timestamp range
     */
    public static long toPgMicros(OffsetDateTime ts) {
        if (ts.equals(Values.TIMESTAMPTZ_INFINITY)) {
            return Long.MAX_VALUE;
        }
        if (ts.equals(Values.TIMESTAMPTZ_MINUS_INFINITY)) {
            return Long.MIN_VALUE;
        }
        return toPgMicros(ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }

    /** @return the UTC timestamp with time zone {@code micros} after 2000-01-01 00:00:00 UTC */
    public static OffsetDateTime fromPgMicrosTz(long micros) {
        if (micros == Long.MAX_VALUE) {
            return Values.TIMESTAMPTZ_INFINITY;
        }
        if (micros == Long.MIN_VALUE) {
            return Values.TIMESTAMPTZ_MINUS_INFINITY;
        }
        return fromPgMicros(micros).atOffset(ZoneOffset.UTC);
    }

    /**
     * @return microseconds since midnight
     * @throws IllegalArgumentException if {@code t} has sub-microsecond precision
     */
    public static long toMicrosOfDay(LocalTime t) {
        long nanos = t.toNanoOfDay();
        if (nanos % 1000 != 0) {
            throw new IllegalArgumentException("sub-microsecond time: " + t);
        }
        return nanos / 1000;
    }

    /**
     * @return the time {@code micros} after midnight
     * @throws SqlException 22008 {@code time out of range} unless {@code 0 <= micros < 86400000000}
     */
    public static LocalTime fromMicrosOfDay(long micros) {
        if (micros < 0 || micros >= Interval.MICROS_PER_DAY) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "time out of range");
        }
        return LocalTime.ofNanoOfDay(micros * 1000);
    }
}
