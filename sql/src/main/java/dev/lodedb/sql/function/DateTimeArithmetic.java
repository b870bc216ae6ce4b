package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.DATE;
import static dev.lodedb.engine.types.TypeId.DOUBLE;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.INTERVAL;
import static dev.lodedb.engine.types.TypeId.TIME;
import static dev.lodedb.engine.types.TypeId.TIMESTAMP;
import static dev.lodedb.engine.types.TypeId.TIMESTAMPTZ;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.PgEpoch;
import dev.lodedb.engine.types.Values;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The date/time operators of PostgreSQL's documentation section 9.9 "Date/Time Functions and
 * Operators", table 9.31 ({@code src/backend/utils/adt/date.c}, {@code timestamp.c}):
 *
 * <ul>
 *   <li>{@code date + integer}, {@code integer + date}, {@code date - integer} → date (days);
 *       {@code date - date} → integer (days; 22008 {@code cannot subtract infinite dates});</li>
 *   <li>{@code date + interval}, {@code interval + date}, {@code date - interval} → timestamp
 *       (the date at midnight); {@code date + time}, {@code time + date} → timestamp;</li>
 *   <li>{@code timestamp ± interval}, {@code interval + timestamp} → timestamp and the same with
 *       timestamptz (months first, clamping the day of month, then days, then time: {@link
 *       Interval#addTo}); infinite timestamps stay infinite; leaving the range is 22008 {@code
 *       timestamp out of range};</li>
 *   <li>{@code timestamp - timestamp}, {@code timestamptz - timestamptz} → interval, the
 *       microsecond difference with whole days split off ({@code justify_hours}); 22008 {@code
 *       cannot subtract infinite timestamps};</li>
 *   <li>{@code interval ± interval}, prefix {@code -} and {@code +}, {@code interval * double},
 *       {@code double * interval}, {@code interval / double} (fractional months and days
 *       cascade down into days and time, rounded to microseconds, as {@code interval_mul} /
 *       {@code interval_div}; 22012 division by zero; 22008 {@code interval out of range});</li>
 *   <li>{@code time ± interval}, {@code interval + time} → time (wrapping around midnight, the
 *       interval's months and days ignored); {@code time - time} → interval.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class DateTimeArithmetic {
    private static final long SECS_PER_DAY = 86_400L;

    private DateTimeArithmetic() {
    }

    static void register(Registrar r) {
        r.infix("+", DATE, INTEGER, DATE, (a, b) -> addDays((LocalDate) a, (Integer) b));
        r.infix("+", INTEGER, DATE, DATE, (a, b) -> addDays((LocalDate) b, (Integer) a));
        r.infix("-", DATE, INTEGER, DATE, (a, b) -> addDays((LocalDate) a, -(long) (Integer) b));
        r.infix("-", DATE, DATE, INTEGER, (a, b) -> {
            LocalDate x = (LocalDate) a;
            LocalDate y = (LocalDate) b;
            if (isInfinite(x) || isInfinite(y)) {
                throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                        "cannot subtract infinite dates");
            }
            return (int) (x.toEpochDay() - y.toEpochDay());
        });
        r.infix("+", DATE, INTERVAL, TIMESTAMP, (a, b) -> ((Interval) b).addTo((LocalDate) a));
        r.infix("+", INTERVAL, DATE, TIMESTAMP, (a, b) -> ((Interval) a).addTo((LocalDate) b));
        r.infix("-", DATE, INTERVAL, TIMESTAMP,
                (a, b) -> ((Interval) b).negate().addTo((LocalDate) a));
        r.infix("+", DATE, TIME, TIMESTAMP, (a, b) -> dateTime((LocalDate) a, (LocalTime) b));
        r.infix("+", TIME, DATE, TIMESTAMP, (a, b) -> dateTime((LocalDate) b, (LocalTime) a));
        r.infix("+", TIMESTAMP, INTERVAL, TIMESTAMP,
                (a, b) -> ((Interval) b).addTo((LocalDateTime) a));
        r.infix("+", INTERVAL, TIMESTAMP, TIMESTAMP,
                (a, b) -> ((Interval) a).addTo((LocalDateTime) b));
        r.infix("-", TIMESTAMP, INTERVAL, TIMESTAMP,
                (a, b) -> ((Interval) b).negate().addTo((LocalDateTime) a));
        r.infix("+", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ,
                (a, b) -> ((Interval) b).addTo((OffsetDateTime) a));
        r.infix("+", INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ,
                (a, b) -> ((Interval) a).addTo((OffsetDateTime) b));
        r.infix("-", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ,
                (a, b) -> ((Interval) b).negate().addTo((OffsetDateTime) a));
        r.infix("-", TIMESTAMP, TIMESTAMP, INTERVAL, (a, b) -> subtract(
                PgEpoch.toPgMicros((LocalDateTime) a), PgEpoch.toPgMicros((LocalDateTime) b)));
        r.infix("-", TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL, (a, b) -> subtract(
                PgEpoch.toPgMicros((OffsetDateTime) a), PgEpoch.toPgMicros((OffsetDateTime) b)));
        r.infix("+", INTERVAL, INTERVAL, INTERVAL, (a, b) -> ((Interval) a).plus((Interval) b));
        r.infix("-", INTERVAL, INTERVAL, INTERVAL,
                (a, b) -> ((Interval) a).plus(((Interval) b).negate()));
        r.prefix("-", INTERVAL, INTERVAL, a -> ((Interval) a).negate());
        r.prefix("+", INTERVAL, INTERVAL, a -> a);
        r.infix("*", INTERVAL, DOUBLE, INTERVAL, (a, b) -> multiply((Interval) a, (Double) b));
        r.infix("*", DOUBLE, INTERVAL, INTERVAL, (a, b) -> multiply((Interval) b, (Double) a));
        r.infix("/", INTERVAL, DOUBLE, INTERVAL, (a, b) -> divide((Interval) a, (Double) b));
        r.infix("+", TIME, INTERVAL, TIME, (a, b) -> addTime((LocalTime) a, ((Interval) b).micros()));
        r.infix("+", INTERVAL, TIME, TIME, (a, b) -> addTime((LocalTime) b, ((Interval) a).micros()));
        r.infix("-", TIME, INTERVAL, TIME,
                (a, b) -> addTime((LocalTime) a, -((Interval) b).micros()));
        r.infix("-", TIME, TIME, INTERVAL, (a, b) -> new Interval(0, 0,
                PgEpoch.toMicrosOfDay((LocalTime) a) - PgEpoch.toMicrosOfDay((LocalTime) b)));
    }

    static boolean isInfinite(LocalDate d) {
        return d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN);
    }

    static boolean isInfinite(LocalDateTime t) {
        return t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN);
    }

    static boolean isInfinite(OffsetDateTime t) {
        return t.equals(Values.TIMESTAMPTZ_INFINITY) || t.equals(Values.TIMESTAMPTZ_MINUS_INFINITY);
    }

    /** {@code date_pli}: infinite dates stay infinite. */
    static LocalDate addDays(LocalDate d, long days) {
        if (isInfinite(d)) {
            return d;
        }
        LocalDate r;
        try {
            r = d.plusDays(days);
        } catch (java.time.DateTimeException e) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
        PgEpoch.checkDate(r);
        return r;
    }

    private static LocalDateTime dateTime(LocalDate d, LocalTime t) {
        if (d.equals(LocalDate.MAX)) {
            return LocalDateTime.MAX;
        }
        if (d.equals(LocalDate.MIN)) {
            return LocalDateTime.MIN;
        }
        LocalDateTime r = d.atTime(t);
        PgEpoch.checkTimestamp(r);
        return r;
    }

    /** {@code timestamp_mi}: the difference, then {@code justify_hours}. */
    static Interval subtract(long a, long b) {
        if (a == Long.MAX_VALUE || a == Long.MIN_VALUE || b == Long.MAX_VALUE
                || b == Long.MIN_VALUE) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "cannot subtract infinite timestamps");
        }
        long d;
        try {
            d = Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
        return justifyHours(new Interval(0, 0, d));
    }

    static SqlException intervalOutOfRange() {
        return new SqlException(SqlException.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    private static LocalTime addTime(LocalTime t, long micros) {
        long us = Math.floorMod(PgEpoch.toMicrosOfDay(t) + micros % Interval.MICROS_PER_DAY,
                Interval.MICROS_PER_DAY);
        return PgEpoch.fromMicrosOfDay(us);
    }

    /** PostgreSQL's {@code TSROUND}: round to microseconds. */
    private static double tsRound(double x) {
        return Math.rint(x * 1e6) / 1e6;
    }

    private static int toInt(double v) {
        if (Double.isNaN(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw intervalOutOfRange();
        }
        return (int) v;
    }

    /** {@code interval_mul}. */
    static Interval multiply(Interval span, double factor) {
        double months = span.months() * factor;
        double days = span.days() * factor;
        return cascade(span, months, days, span.micros() * factor);
    }

    /** {@code interval_div}. */
    static Interval divide(Interval span, double factor) {
        if (factor == 0.0) {
            throw Errors.divisionByZero();
        }
        return cascade(span, span.months() / factor, span.days() / factor,
                span.micros() / factor);
    }

    private static Interval cascade(Interval span, double months, double days, double time) {
        int m = toInt(months);
        int d = toInt(days);
        double monthRemainderDays = tsRound((months - m) * Interval.DAYS_PER_MONTH);
        double secRemainder = tsRound((days - d + monthRemainderDays
                - (int) monthRemainderDays) * SECS_PER_DAY);
        if (Math.abs(secRemainder) >= SECS_PER_DAY) {
            d += (int) (secRemainder / SECS_PER_DAY);
            secRemainder -= (int) (secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
        }
        d += (int) monthRemainderDays;
        double t = Math.rint(time + secRemainder * 1e6);
        if (Double.isNaN(t) || t < -0x1p63 || t >= 0x1p63) {
            throw intervalOutOfRange();
        }
        return new Interval(m, d, (long) t);
    }

    /** {@code interval_justify_hours}. */
    static Interval justifyHours(Interval s) {
        long whole = s.micros() / Interval.MICROS_PER_DAY;
        long time = s.micros() - whole * Interval.MICROS_PER_DAY;
        long day = s.days() + whole;
        if (day > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            day++;
        }
        if (day != (int) day) {
            throw intervalOutOfRange();
        }
        return new Interval(s.months(), (int) day, time);
    }

    /** {@code interval_justify_days}. */
    static Interval justifyDays(Interval s) {
        int whole = s.days() / Interval.DAYS_PER_MONTH;
        int day = s.days() - whole * Interval.DAYS_PER_MONTH;
        long month = (long) s.months() + whole;
        if (month > 0 && day < 0) {
            day += Interval.DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && day > 0) {
            day -= Interval.DAYS_PER_MONTH;
            month++;
        }
        if (month != (int) month) {
            throw intervalOutOfRange();
        }
        return new Interval((int) month, day, s.micros());
    }

    /** {@code interval_justify_interval}. */
    static Interval justifyInterval(Interval s) {
        long month = s.months();
        long day = s.days();
        long time = s.micros();
        if (day > 0 && time > 0 || day < 0 && time < 0) {
            long whole = day / Interval.DAYS_PER_MONTH;
            day -= whole * Interval.DAYS_PER_MONTH;
            month += whole;
        }
        long wholeDay = time / Interval.MICROS_PER_DAY;
        time -= wholeDay * Interval.MICROS_PER_DAY;
        day += wholeDay;
        long wholeMonth = day / Interval.DAYS_PER_MONTH;
        day -= wholeMonth * Interval.DAYS_PER_MONTH;
        month += wholeMonth;
        if (month > 0 && (day < 0 || day == 0 && time < 0)) {
            day += Interval.DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && (day > 0 || day == 0 && time > 0)) {
            day -= Interval.DAYS_PER_MONTH;
            month++;
        }
        if (day > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            day++;
        }
        if (month != (int) month || day != (int) day) {
            throw intervalOutOfRange();
        }
        return new Interval((int) month, (int) day, time);
    }
}
