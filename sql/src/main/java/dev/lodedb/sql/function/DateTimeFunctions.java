package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BOOLEAN;
import static dev.lodedb.engine.types.TypeId.DATE;
import static dev.lodedb.engine.types.TypeId.DOUBLE;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.INTERVAL;
import static dev.lodedb.engine.types.TypeId.NUMERIC;
import static dev.lodedb.engine.types.TypeId.TEXT;
import static dev.lodedb.engine.types.TypeId.TIME;
import static dev.lodedb.engine.types.TypeId.TIMESTAMP;
import static dev.lodedb.engine.types.TypeId.TIMESTAMPTZ;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.PgEpoch;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The date/time functions of PostgreSQL's documentation section 9.9 (semantics of {@code
 * src/backend/utils/adt/timestamp.c} and {@code date.c}); the session time zone is UTC:
 *
 * <ul>
 *   <li>{@code now()}, {@code transaction_timestamp()} (the transaction start, {@link
 *       FunctionContext#transactionTimestamp()}), {@code statement_timestamp()}, {@code
 *       clock_timestamp()} (volatile, the wall clock) → timestamptz; {@code current_date()} →
 *       date; {@code localtimestamp()} → timestamp; {@code current_time()} and {@code
 *       localtime()} → time (PostgreSQL's {@code current_time} is {@code time with time zone},
 *       which LodeDB does not have);</li>
 *   <li>{@code date_trunc(text, timestamp|timestamptz|interval)}, {@code date_part(text,
 *       date|timestamp|timestamptz|time|interval)} → double precision, {@code extract(text,
 *       ...)} → numeric (see {@link DateFields});</li>
 *   <li>{@code age(timestamp, timestamp)}, {@code age(timestamp)} (from {@code current_date}
 *       midnight) and their timestamptz forms: PostgreSQL's symbolic field-by-field difference
 *       in years, months and days ({@code timestamp_age});</li>
 *   <li>{@code make_date}, {@code make_time}, {@code make_timestamp}, {@code make_timestamptz}
 *       (UTC), {@code make_interval(years, months, weeks, days, hours, mins, secs)} with any
 *       number of leading arguments (the rest default to 0; named arguments are not supported);
 *       </li>
 *   <li>{@code justify_days}, {@code justify_hours}, {@code justify_interval}, {@code isfinite},
 *       {@code to_timestamp(double precision)} (Unix epoch seconds).</li>
 * </ul>
 *
 * <p>{@code to_char}, {@code to_date} and {@code to_timestamp(text, text)} are in {@link ToChar}.
 * Stateless and thread-safe.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {
    }

    private static String s(Object o) {
        return (String) o;
    }

    private static LocalDateTime utc(Object tz) {
        OffsetDateTime t = (OffsetDateTime) tz;
        if (DateTimeArithmetic.isInfinite(t)) {
            return t.equals(Values.TIMESTAMPTZ_INFINITY) ? LocalDateTime.MAX : LocalDateTime.MIN;
        }
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static OffsetDateTime tz(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return Values.TIMESTAMPTZ_INFINITY;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return Values.TIMESTAMPTZ_MINUS_INFINITY;
        }
        return t.atOffset(ZoneOffset.UTC);
    }

    private static LocalDateTime startOfDay(LocalDate d) {
        return d.equals(LocalDate.MAX) ? LocalDateTime.MAX
                : d.equals(LocalDate.MIN) ? LocalDateTime.MIN : d.atStartOfDay();
    }

    static void register(Registrar r) {
        // current time
        for (String name : new String[] {"now", "transaction_timestamp"}) {
            r.f0(name, TIMESTAMPTZ, (c, a) -> c.transactionTimestamp());
        }
        r.f0("statement_timestamp", TIMESTAMPTZ, (c, a) -> c.statementTimestamp());
        r.fn("clock_timestamp", TIMESTAMPTZ, true, true, false, (c, a) ->
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        r.f0("current_date", DATE, (c, a) -> utc(c.transactionTimestamp()).toLocalDate());
        r.f0("localtimestamp", TIMESTAMP, (c, a) -> utc(c.transactionTimestamp()));
        for (String name : new String[] {"current_time", "localtime"}) {
            r.f0(name, TIME, (c, a) -> utc(c.transactionTimestamp()).toLocalTime());
        }
        // fields
        r.f2("date_trunc", TIMESTAMP, TEXT, TIMESTAMP, (a, b) ->
                DateFields.trunc(s(a), (LocalDateTime) b, "timestamp without time zone"));
        r.f2("date_trunc", TIMESTAMPTZ, TEXT, TIMESTAMPTZ, (a, b) ->
                tz(DateFields.trunc(s(a), utc(b), "timestamp with time zone")));
        r.f2("date_trunc", INTERVAL, TEXT, INTERVAL, (a, b) -> DateFields.trunc(s(a), (Interval) b));
        r.f2("date_part", DOUBLE, TEXT, TIMESTAMP,
                (a, b) -> DateFields.ofTimestamp(s(a), (LocalDateTime) b, false, false));
        r.f2("date_part", DOUBLE, TEXT, TIMESTAMPTZ,
                (a, b) -> DateFields.ofTimestamp(s(a), utc(b), true, false));
        r.f2("date_part", DOUBLE, TEXT, DATE, (a, b) ->
                DateFields.ofTimestamp(s(a), startOfDay((LocalDate) b), false, false));
        r.f2("date_part", DOUBLE, TEXT, TIME,
                (a, b) -> DateFields.ofTime(s(a), (LocalTime) b, false));
        r.f2("date_part", DOUBLE, TEXT, INTERVAL,
                (a, b) -> DateFields.ofInterval(s(a), (Interval) b, false));
        r.f2("extract", NUMERIC, TEXT, TIMESTAMP,
                (a, b) -> DateFields.ofTimestamp(s(a), (LocalDateTime) b, false, true));
        r.f2("extract", NUMERIC, TEXT, TIMESTAMPTZ,
                (a, b) -> DateFields.ofTimestamp(s(a), utc(b), true, true));
        r.f2("extract", NUMERIC, TEXT, DATE, (a, b) -> DateFields.ofDate(s(a), (LocalDate) b));
        r.f2("extract", NUMERIC, TEXT, TIME,
                (a, b) -> DateFields.ofTime(s(a), (LocalTime) b, true));
        r.f2("extract", NUMERIC, TEXT, INTERVAL,
                (a, b) -> DateFields.ofInterval(s(a), (Interval) b, true));
        // age
        r.f2("age", INTERVAL, TIMESTAMP, TIMESTAMP,
                (a, b) -> age((LocalDateTime) a, (LocalDateTime) b));
        r.f2("age", INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ, (a, b) -> age(utc(a), utc(b)));
        r.fn("age", INTERVAL, true, false, false, (c, a) -> age(
                utc(c.transactionTimestamp()).toLocalDate().atStartOfDay(), (LocalDateTime) a[0]),
                TIMESTAMP);
        r.fn("age", INTERVAL, true, false, false, (c, a) -> age(
                utc(c.transactionTimestamp()).toLocalDate().atStartOfDay(), utc(a[0])),
                TIMESTAMPTZ);
        // constructors
        r.f3("make_date", DATE, INTEGER, INTEGER, INTEGER,
                (a, b, c) -> makeDate((Integer) a, (Integer) b, (Integer) c));
        r.f3("make_time", TIME, INTEGER, INTEGER, DOUBLE,
                (a, b, c) -> makeTime((Integer) a, (Integer) b, (Double) c));
        TypeId[] tsArgs = {INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE};
        r.fn("make_timestamp", TIMESTAMP, true, false, false, (c, a) -> makeTimestamp(a), tsArgs);
        r.fn("make_timestamptz", TIMESTAMPTZ, true, false, false,
                (c, a) -> tz(makeTimestamp(a)), tsArgs);
        TypeId[] ivArgs = {INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE};
        for (int n = 0; n <= ivArgs.length; n++) {
            r.fn("make_interval", INTERVAL, true, false, false, (c, a) -> makeInterval(a),
                    Arrays.copyOf(ivArgs, n));
        }
        r.f1("justify_days", INTERVAL, INTERVAL,
                a -> DateTimeArithmetic.justifyDays((Interval) a));
        r.f1("justify_hours", INTERVAL, INTERVAL,
                a -> DateTimeArithmetic.justifyHours((Interval) a));
        r.f1("justify_interval", INTERVAL, INTERVAL,
                a -> DateTimeArithmetic.justifyInterval((Interval) a));
        r.f1("isfinite", BOOLEAN, DATE, a -> !DateTimeArithmetic.isInfinite((LocalDate) a));
        r.f1("isfinite", BOOLEAN, TIMESTAMP,
                a -> !DateTimeArithmetic.isInfinite((LocalDateTime) a));
        r.f1("isfinite", BOOLEAN, TIMESTAMPTZ,
                a -> !DateTimeArithmetic.isInfinite((OffsetDateTime) a));
        r.f1("isfinite", BOOLEAN, INTERVAL, a -> true);
        r.f1("to_timestamp", TIMESTAMPTZ, DOUBLE, a -> toTimestamp((Double) a));
    }

    private static final int[][] DAY_TAB = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    /** {@code timestamp_age}: the symbolic difference, field by field with borrowing. */
    static Interval age(LocalDateTime t1, LocalDateTime t2) {
        if (DateTimeArithmetic.isInfinite(t1) || DateTimeArithmetic.isInfinite(t2)) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        boolean neg = t1.isBefore(t2);
        long usec = t1.getNano() / 1000 - t2.getNano() / 1000;
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = (long) t1.getYear() - t2.getYear();
        if (neg) {
            usec = -usec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        while (usec < 0) {
            usec += 1_000_000;
            sec--;
        }
        while (sec < 0) {
            sec += 60;
            min--;
        }
        while (min < 0) {
            min += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            mday--;
        }
        while (mday < 0) {
            LocalDateTime ref = neg ? t1 : t2;
            mday += DAY_TAB[ref.toLocalDate().isLeapYear() ? 1 : 0][ref.getMonthValue() - 1];
            mon--;
        }
        while (mon < 0) {
            mon += 12;
            year--;
        }
        long months = year * 12 + mon;
        long time = ((hour * 60 + min) * 60 + sec) * 1_000_000 + usec;
        if (neg) {
            months = -months;
            mday = -mday;
            time = -time;
        }
        if (months != (int) months) {
            throw DateTimeArithmetic.intervalOutOfRange();
        }
        return new Interval((int) months, (int) mday, time);
    }

    private static SqlException dateFieldRange(int y, int m, int d) {
        return new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                String.format("date field value out of range: %d-%02d-%02d", y, m, d));
    }

    /** {@code make_date}: negative years are BC (-44 is 44 BC), year 0 does not exist. */
    static LocalDate makeDate(int y, int m, int d) {
        if (y == 0) {
            throw dateFieldRange(y, m, d);
        }
        LocalDate r;
        try {
            r = LocalDate.of(y < 0 ? y + 1 : y, m, d);
        } catch (java.time.DateTimeException e) {
            throw dateFieldRange(y, m, d);
        }
        try {
            PgEpoch.checkDate(r);
        } catch (SqlException e) {
            throw dateFieldRange(y, m, d);
        }
        return r;
    }

    private static String fmtSeconds(double sec) {
        String s = Double.toString(sec);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return sec < 10 && sec >= 0 ? "0" + s : s;
    }

    /** {@code make_time}. */
    static LocalTime makeTime(int h, int m, double sec) {
        long us = Math.round(sec * 1e6);
        if (h < 0 || m < 0 || m > 59 || sec < 0 || Double.isNaN(sec) || us > 60_000_000L
                || h > 24 || h == 24 && (m > 0 || us > 0)
                || (long) h * Interval.MICROS_PER_HOUR + m * Interval.MICROS_PER_MINUTE + us
                        >= Interval.MICROS_PER_DAY) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    String.format("time field value out of range: %d:%02d:%s", h, m,
                            fmtSeconds(sec)));
        }
        return PgEpoch.fromMicrosOfDay((long) h * Interval.MICROS_PER_HOUR
                + m * Interval.MICROS_PER_MINUTE + us);
    }

    /** {@code make_timestamp(year, month, mday, hour, min, sec)}. */
    static LocalDateTime makeTimestamp(Object[] a) {
        LocalDate d = makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]);
        LocalTime t = makeTime((Integer) a[3], (Integer) a[4], (Double) a[5]);
        LocalDateTime r = d.atTime(t);
        PgEpoch.checkTimestamp(r);
        return r;
    }

    /** {@code make_interval} with missing trailing arguments as 0. */
    static Interval makeInterval(Object[] a) {
        int[] f = new int[6];
        for (int i = 0; i < Math.min(6, a.length); i++) {
            f[i] = (Integer) a[i];
        }
        double secs = a.length > 6 ? (Double) a[6] : 0.0;
        try {
            int months = Math.addExact(Math.multiplyExact(f[0], 12), f[1]);
            int days = Math.addExact(Math.multiplyExact(f[2], 7), f[3]);
            double us = Math.rint(secs * 1e6);
            if (Double.isNaN(us) || Double.isInfinite(us) || Math.abs(us) >= 0x1p63) {
                throw new ArithmeticException();
            }
            long time = Math.addExact(Math.addExact(
                    Math.multiplyExact((long) f[4], Interval.MICROS_PER_HOUR),
                    Math.multiplyExact((long) f[5], Interval.MICROS_PER_MINUTE)), (long) us);
            return new Interval(months, days, time);
        } catch (ArithmeticException e) {
            throw DateTimeArithmetic.intervalOutOfRange();
        }
    }

    /** {@code float8_timestamptz}: Unix epoch seconds to timestamptz, rounded to microseconds. */
    static OffsetDateTime toTimestamp(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? Values.TIMESTAMPTZ_INFINITY : Values.TIMESTAMPTZ_MINUS_INFINITY;
        }
        double min = (double) PgEpoch.MIN_TIMESTAMP.toEpochSecond(ZoneOffset.UTC);
        double max = (double) PgEpoch.MAX_TIMESTAMP.toLocalDate().plusDays(1).atStartOfDay()
                .toEpochSecond(ZoneOffset.UTC);
        if (seconds < min || seconds >= max) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "timestamp out of range: \"" + seconds + "\"");
        }
        long us = (long) Math.rint((seconds - PgEpoch.EPOCH_SECOND_2000) * 1e6);
        return PgEpoch.fromPgMicrosTz(us);
    }
}
