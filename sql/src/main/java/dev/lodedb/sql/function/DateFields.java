package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.PgEpoch;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code EXTRACT}/{@code date_part} fields and {@code date_trunc} units with PostgreSQL 14+
 * semantics ({@code src/backend/utils/adt/timestamp.c} {@code timestamp_part_common}, {@code
 * timestamp_trunc}, {@code interval_part_common}, {@code interval_trunc}, {@code date.c} {@code
 * extract_date}, {@code time_part_common}; unit spellings from {@code datetime.c} {@code
 * deltatktbl}).
 *
 * <p>{@code extract} returns numeric with PostgreSQL's scales (seconds and epochs of timestamps,
 * times and intervals have scale 6, milliseconds scale 3, julian of a timestamp is a numeric
 * quotient); {@code date_part} returns the same value as double precision. Years before 1 AD
 * count as PostgreSQL does (no year 0: 44 BC is -44). Infinite timestamps give ±Infinity for the
 * monotonic fields (epoch, julian, year, isoyear, decade, century, millennium) from {@code
 * date_part} and NULL for the others; {@code extract} cannot return a numeric infinity (LodeDB's
 * numeric has none) and raises 0A000 there. Errors: 22023 {@code unit "x" not recognized for type
 * ...}, 0A000 {@code unit "x" not supported for type ...}. Stateless and thread-safe.
 */
final class DateFields {
    /** The fields and units. */
    enum Unit {
        MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE,
        CENTURY, MILLENNIUM, EPOCH, JULIAN, DOW, ISODOW, DOY, ISOYEAR, TIMEZONE, TIMEZONE_HOUR,
        TIMEZONE_MINUTE
    }

    private static final Map<String, Unit> UNITS = new HashMap<>();

    static {
        put(Unit.MICROSECONDS, "microsecond", "microseconds", "microsecon", "us", "usec", "usecs",
                "usecond", "useconds");
        put(Unit.MILLISECONDS, "millisecond", "milliseconds", "millisecon", "ms", "msec", "msecs",
                "msecond", "mseconds");
        put(Unit.SECOND, "second", "seconds", "s", "sec", "secs");
        put(Unit.MINUTE, "minute", "minutes", "m", "min", "mins");
        put(Unit.HOUR, "hour", "hours", "h", "hr", "hrs");
        put(Unit.DAY, "day", "days", "d");
        put(Unit.WEEK, "week", "weeks", "w");
        put(Unit.MONTH, "month", "months", "mon", "mons");
        put(Unit.QUARTER, "quarter", "qtr");
        put(Unit.YEAR, "year", "years", "y", "yr", "yrs");
        put(Unit.DECADE, "decade", "decades", "dec", "decs");
        put(Unit.CENTURY, "century", "centuries", "c", "cent");
        put(Unit.MILLENNIUM, "millennium", "millennia", "mil", "mils", "millenniums");
        put(Unit.EPOCH, "epoch");
        put(Unit.JULIAN, "julian", "j");
        put(Unit.DOW, "dow");
        put(Unit.ISODOW, "isodow");
        put(Unit.DOY, "doy");
        put(Unit.ISOYEAR, "isoyear");
        put(Unit.TIMEZONE, "timezone");
        put(Unit.TIMEZONE_HOUR, "timezone_h", "timezone_hour");
        put(Unit.TIMEZONE_MINUTE, "timezone_m", "timezone_minute");
    }

    private static void put(Unit u, String... names) {
        for (String n : names) {
            UNITS.put(n, u);
        }
    }

    private DateFields() {
    }

    /**
     * @param text the unit as written (case-insensitive)
     * @param typeName the argument type's name for the error message
     * @throws SqlException 22023 if unknown
     */
    static Unit unit(String text, String typeName) {
        Unit u = UNITS.get(text.toLowerCase(Locale.ROOT));
        if (u == null) {
            throw Errors.invalidParameter("unit \"" + text + "\" not recognized for type " + typeName);
        }
        return u;
    }

    static SqlException unsupported(String text, String typeName) {
        return new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                "unit \"" + text + "\" not supported for type " + typeName);
    }

    private static BigDecimal num(long v) {
        return BigDecimal.valueOf(v);
    }

    /** @return PostgreSQL's year number: 1 BC is -1 (Java's year 0) */
    private static int pgYear(int javaYear) {
        return javaYear > 0 ? javaYear : javaYear - 1;
    }

    /** {@code date2j}: the Julian day number. */
    static long julianDay(LocalDate d) {
        return d.toEpochDay() + 2_440_588L;
    }

    /** Fields shared by dates and timestamps (everything that depends only on the date). */
    private static BigDecimal dateField(Unit u, LocalDate d) {
        int y = d.getYear();
        return switch (u) {
            case DAY -> num(d.getDayOfMonth());
            case MONTH -> num(d.getMonthValue());
            case QUARTER -> num((d.getMonthValue() - 1) / 3 + 1);
            case WEEK -> num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case YEAR -> num(pgYear(y));
            case DECADE -> num(y >= 0 ? y / 10 : -((8 - (y - 1)) / 10));
            case CENTURY -> num(y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100));
            case MILLENNIUM -> num(y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000));
            case DOW -> num(d.getDayOfWeek().getValue() % 7);
            case ISODOW -> num(d.getDayOfWeek().getValue());
            case DOY -> num(d.getDayOfYear());
            case ISOYEAR -> {
                int iy = d.get(IsoFields.WEEK_BASED_YEAR);
                yield num(iy > 0 ? iy : iy - 1);
            }
            default -> null;
        };
    }

    private static boolean monotonic(Unit u) {
        return switch (u) {
            case EPOCH, JULIAN, YEAR, ISOYEAR, DECADE, CENTURY, MILLENNIUM -> true;
            default -> false;
        };
    }

    /** The value of a field of an infinite value: ±Infinity (as double) or null. */
    private static Object infinite(Unit u, boolean positive, boolean numeric) {
        if (!monotonic(u)) {
            return null;
        }
        if (numeric) {
            throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                    "numeric infinity is not supported");
        }
        return positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * @param text the field name; {@code tz} whether the value is a timestamptz
     * @return the field as numeric ({@code numeric} true) or double, or null
     */
    static Object ofTimestamp(String text, LocalDateTime ts, boolean tz, boolean numeric) {
        String typeName = tz ? "timestamp with time zone" : "timestamp without time zone";
        Unit u = unit(text, typeName);
        if ((u == Unit.TIMEZONE || u == Unit.TIMEZONE_HOUR || u == Unit.TIMEZONE_MINUTE) && !tz) {
            throw unsupported(text, typeName);
        }
        if (ts.equals(LocalDateTime.MAX) || ts.equals(LocalDateTime.MIN)) {
            return infinite(u, ts.equals(LocalDateTime.MAX), numeric);
        }
        long secMicros = ts.getSecond() * 1_000_000L + ts.getNano() / 1000;
        BigDecimal r = switch (u) {
            case MICROSECONDS -> num(secMicros);
            case MILLISECONDS -> BigDecimal.valueOf(secMicros, 3);
            case SECOND -> BigDecimal.valueOf(secMicros, 6);
            case MINUTE -> num(ts.getMinute());
            case HOUR -> num(ts.getHour());
            case EPOCH -> BigDecimal.valueOf(PgEpoch.toPgMicros(ts)
                    + PgEpoch.EPOCH_SECOND_2000 * 1_000_000L, 6);
            case JULIAN -> num(julianDay(ts.toLocalDate())).add(NumericMath.divide(
                    num(ts.toLocalTime().toNanoOfDay() / 1000), num(Interval.MICROS_PER_DAY)));
            case TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE -> BigDecimal.ZERO;
            default -> dateField(u, ts.toLocalDate());
        };
        return numeric ? r : r.doubleValue();
    }

    /** {@code extract(field from date)} (numeric); {@code date_part} on dates uses timestamps. */
    static Object ofDate(String text, LocalDate d) {
        Unit u = unit(text, "date");
        switch (u) {
            case MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, TIMEZONE, TIMEZONE_HOUR,
                    TIMEZONE_MINUTE:
                throw unsupported(text, "date");
            default:
                break;
        }
        if (DateTimeArithmetic.isInfinite(d)) {
            return infinite(u, d.equals(LocalDate.MAX), true);
        }
        if (u == Unit.EPOCH) {
            return num(d.toEpochDay() * 86_400L);
        }
        if (u == Unit.JULIAN) {
            return num(julianDay(d));
        }
        return dateField(u, d);
    }

    /** {@code extract}/{@code date_part} of a time. */
    static Object ofTime(String text, LocalTime t, boolean numeric) {
        Unit u = unit(text, "time without time zone");
        long us = PgEpoch.toMicrosOfDay(t);
        long secMicros = us % 60_000_000L;
        BigDecimal r = switch (u) {
            case MICROSECONDS -> num(secMicros);
            case MILLISECONDS -> BigDecimal.valueOf(secMicros, 3);
            case SECOND -> BigDecimal.valueOf(secMicros, 6);
            case MINUTE -> num(t.getMinute());
            case HOUR -> num(t.getHour());
            case EPOCH -> BigDecimal.valueOf(us, 6);
            default -> throw unsupported(text, "time without time zone");
        };
        return numeric ? r : r.doubleValue();
    }

    /** {@code extract}/{@code date_part} of an interval ({@code interval_part_common}). */
    static Object ofInterval(String text, Interval iv, boolean numeric) {
        Unit u = unit(text, "interval");
        long time = iv.micros();
        int years = iv.months() / 12;
        int months = iv.months() % 12;
        long secMicros = time % 60_000_000L;
        BigDecimal r = switch (u) {
            case MICROSECONDS -> num(secMicros);
            case MILLISECONDS -> BigDecimal.valueOf(secMicros, 3);
            case SECOND -> BigDecimal.valueOf(secMicros, 6);
            case MINUTE -> num(time / 60_000_000L % 60);
            case HOUR -> num(time / Interval.MICROS_PER_HOUR);
            case DAY -> num(iv.days());
            case MONTH -> num(months);
            case QUARTER -> num(months / 3 + 1);
            case YEAR -> num(years);
            case DECADE -> num(years / 10);
            case CENTURY -> num(years / 100);
            case MILLENNIUM -> num(years / 1000);
            case EPOCH -> {
                long secs = 31_557_600L * years + 2_592_000L * months + 86_400L * iv.days();
                yield BigDecimal.valueOf(time, 6).add(num(secs));
            }
            default -> throw unsupported(text, "interval");
        };
        return numeric ? r : r.doubleValue();
    }

    /** {@code date_trunc} of a timestamp ({@code timestamp_trunc}). */
    static LocalDateTime trunc(String text, LocalDateTime ts, String typeName) {
        Unit u = unit(text, typeName);
        if (ts.equals(LocalDateTime.MAX) || ts.equals(LocalDateTime.MIN)) {
            return ts;
        }
        int y = ts.getYear();
        LocalDate d = ts.toLocalDate();
        LocalTime t = ts.toLocalTime();
        switch (u) {
            case WEEK:
                return d.with(DayOfWeek.MONDAY).atStartOfDay();
            case MILLENNIUM:
                y = y > 0 ? (y + 999) / 1000 * 1000 - 999 : -((999 - (y - 1)) / 1000) * 1000 + 1;
                return LocalDate.of(y, 1, 1).atStartOfDay();
            case CENTURY:
                y = y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1;
                return LocalDate.of(y, 1, 1).atStartOfDay();
            case DECADE:
                y = y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10;
                return LocalDate.of(y, 1, 1).atStartOfDay();
            case YEAR:
                return LocalDate.of(y, 1, 1).atStartOfDay();
            case QUARTER:
                return LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case MONTH:
                return d.withDayOfMonth(1).atStartOfDay();
            case DAY:
                return d.atStartOfDay();
            case HOUR:
                return d.atTime(t.getHour(), 0);
            case MINUTE:
                return d.atTime(t.getHour(), t.getMinute());
            case SECOND:
                return d.atTime(t.getHour(), t.getMinute(), t.getSecond());
            case MILLISECONDS:
                return d.atTime(t.getHour(), t.getMinute(), t.getSecond(),
                        t.getNano() / 1_000_000 * 1_000_000);
            case MICROSECONDS:
                return ts;
            default:
                throw unsupported(text, typeName);
        }
    }

    /** {@code date_trunc} of an interval ({@code interval_trunc}). */
    static Interval trunc(String text, Interval iv) {
        Unit u = unit(text, "interval");
        int years = iv.months() / 12;
        int months = iv.months() % 12;
        int days = iv.days();
        long time = iv.micros();
        long hours = time / Interval.MICROS_PER_HOUR;
        long mins = time / Interval.MICROS_PER_MINUTE % 60;
        long micros = time % Interval.MICROS_PER_SECOND;
        switch (u) {
            case MILLENNIUM:
                return new Interval(years / 1000 * 1000 * 12, 0, 0);
            case CENTURY:
                return new Interval(years / 100 * 100 * 12, 0, 0);
            case DECADE:
                return new Interval(years / 10 * 10 * 12, 0, 0);
            case YEAR:
                return new Interval(years * 12, 0, 0);
            case QUARTER:
                return new Interval(years * 12 + months / 3 * 3, 0, 0);
            case MONTH:
                return new Interval(iv.months(), 0, 0);
            case DAY:
                return new Interval(iv.months(), days, 0);
            case HOUR:
                return new Interval(iv.months(), days, hours * Interval.MICROS_PER_HOUR);
            case MINUTE:
                return new Interval(iv.months(), days, hours * Interval.MICROS_PER_HOUR
                        + mins * Interval.MICROS_PER_MINUTE);
            case SECOND:
                return new Interval(iv.months(), days, time - micros);
            case MILLISECONDS:
                return new Interval(iv.months(), days, time - micros % 1000);
            case MICROSECONDS:
                return iv;
            default:
                throw unsupported(text, "interval");
        }
    }
}
