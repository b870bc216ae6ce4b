package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text input and output of {@link Interval}, following PostgreSQL 15+ ({@code DecodeInterval},
 * {@code DecodeISO8601Interval}, {@code EncodeInterval} with {@code IntervalStyle = postgres}).
 *
 * <p>Input forms: {@code [@] quantity unit [quantity unit ...] [ago]} with the units {@code
 * microsecond, millisecond, second, minute, hour, day, week, month, year, decade, century,
 * millennium} and their PostgreSQL abbreviations and plurals; signed and fractional quantities
 * ({@code 1.5 years} is 18 months; a fractional month spills into 30-day days, a fractional day
 * or week into time); {@code [+-]h:mm[:ss[.ffffff]]} time fields; SQL-standard {@code Y-M}
 * year-month fields; a unit-less number, which means days before a time field and seconds
 * otherwise (PostgreSQL reads fields right to left); and ISO 8601 durations {@code
 * P[nY][nM][nW][nD][T[nH][nM][nS]]}. A unit given twice is an error, as in PostgreSQL.
 *
 * <p>Stateless and thread-safe.
 */
final class IntervalText {
    private enum Unit {
        MICROSECOND(1), MILLISECOND(1 << 1), SECOND(1 << 2), MINUTE(1 << 3), HOUR(1 << 4),
        DAY(1 << 5), WEEK(1 << 6), MONTH(1 << 7), YEAR(1 << 8), DECADE(1 << 9),
        CENTURY(1 << 10), MILLENNIUM(1 << 11);

        final int mask;

        Unit(int mask) {
            this.mask = mask;
        }
    }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("microsecond", Unit.MICROSECOND), Map.entry("microseconds", Unit.MICROSECOND),
            Map.entry("microsecon", Unit.MICROSECOND), Map.entry("us", Unit.MICROSECOND),
            Map.entry("usec", Unit.MICROSECOND), Map.entry("usecs", Unit.MICROSECOND),
            Map.entry("millisecond", Unit.MILLISECOND), Map.entry("milliseconds", Unit.MILLISECOND),
            Map.entry("millisecon", Unit.MILLISECOND), Map.entry("ms", Unit.MILLISECOND),
            Map.entry("msec", Unit.MILLISECOND), Map.entry("msecs", Unit.MILLISECOND),
            Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND),
            Map.entry("s", Unit.SECOND), Map.entry("sec", Unit.SECOND),
            Map.entry("secs", Unit.SECOND),
            Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE),
            Map.entry("m", Unit.MINUTE), Map.entry("min", Unit.MINUTE),
            Map.entry("mins", Unit.MINUTE),
            Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR), Map.entry("h", Unit.HOUR),
            Map.entry("hr", Unit.HOUR), Map.entry("hrs", Unit.HOUR),
            Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY), Map.entry("d", Unit.DAY),
            Map.entry("week", Unit.WEEK), Map.entry("weeks", Unit.WEEK), Map.entry("w", Unit.WEEK),
            Map.entry("month", Unit.MONTH), Map.entry("months", Unit.MONTH),
            Map.entry("mon", Unit.MONTH), Map.entry("mons", Unit.MONTH),
            Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR), Map.entry("y", Unit.YEAR),
            Map.entry("yr", Unit.YEAR), Map.entry("yrs", Unit.YEAR),
            Map.entry("decade", Unit.DECADE), Map.entry("decades", Unit.DECADE),
            Map.entry("dec", Unit.DECADE), Map.entry("decs", Unit.DECADE),
            Map.entry("century", Unit.CENTURY), Map.entry("centuries", Unit.CENTURY),
            Map.entry("cent", Unit.CENTURY), Map.entry("c", Unit.CENTURY),
            Map.entry("millennium", Unit.MILLENNIUM), Map.entry("millennia", Unit.MILLENNIUM),
            Map.entry("mil", Unit.MILLENNIUM), Map.entry("mils", Unit.MILLENNIUM));

    private static final String NUMBER = "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)";
    private static final int TIME_MASK = Unit.HOUR.mask | Unit.MINUTE.mask | Unit.SECOND.mask;

    /** Accumulates the three fields with overflow checks. */
    private static final class Acc {
        final String text;
        long months;
        long days;
        long micros;
        int mask;

        Acc(String text) {
            this.text = text;
        }

        void claim(int m) {
            if ((mask & m) != 0) {
                throw bad(text);
            }
            mask |= m;
        }

        void addMonths(BigDecimal v) {
            months = add(months, v.setScale(0, RoundingMode.DOWN));
        }

        void addDays(BigDecimal v) {
            days = add(days, v.setScale(0, RoundingMode.DOWN));
        }

        void addMicros(BigDecimal v) {
            micros = add(micros, v.setScale(0, RoundingMode.HALF_EVEN));
        }

        private long add(long acc, BigDecimal v) {
            try {
                return Math.addExact(acc, v.longValueExact());
            } catch (ArithmeticException e) {
                throw overflow(text);
            }
        }

        /** Adds {@code value} of {@code unit}, spilling fractions as PostgreSQL 15 does. */
        void add(BigDecimal value, Unit unit) {
            BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
            BigDecimal frac = value.subtract(whole);
            switch (unit) {
                case MICROSECOND -> addMicros(value);
                case MILLISECOND -> addMicros(value.movePointRight(3));
                case SECOND -> addMicros(value.movePointRight(6));
                case MINUTE -> addMicros(value.multiply(BigDecimal.valueOf(Interval.MICROS_PER_MINUTE)));
                case HOUR -> addMicros(value.multiply(BigDecimal.valueOf(Interval.MICROS_PER_HOUR)));
                case DAY -> {
                    addDays(whole);
                    addMicros(frac.multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
                }
                case WEEK -> fractionalDays(value.multiply(BigDecimal.valueOf(7)));
                case MONTH -> {
                    addMonths(whole);
                    fractionalDays(frac.multiply(BigDecimal.valueOf(Interval.DAYS_PER_MONTH)));
                }
                case YEAR -> years(value, 1);
                case DECADE -> years(value, 10);
                case CENTURY -> years(value, 100);
                case MILLENNIUM -> years(value, 1000);
                default -> throw new IllegalStateException(unit.toString());
            }
        }

        private void fractionalDays(BigDecimal d) {
            BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
            addDays(whole);
            addMicros(d.subtract(whole).multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
        }

        private void years(BigDecimal value, int scale) {
            addMonths(value.multiply(BigDecimal.valueOf(12L * scale))
                    .setScale(0, RoundingMode.HALF_EVEN));
        }

        Interval result(boolean ago) {
            if (months != (int) months || days != (int) days) {
                throw overflow(text);
            }
            Interval iv = new Interval((int) months, (int) days, micros);
            return ago ? iv.negate() : iv;
        }
    }

    private IntervalText() {
    }

    private static SqlException bad(String text) {
        return new SqlException(SqlException.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"" + text + "\"");
    }

    private static SqlException overflow(String text) {
        return new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                "interval field value out of range: \"" + text + "\"");
    }

    static Interval parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1).strip();
        }
        if (s.startsWith("p")) {
            return iso(s, text);
        }
        List<String> tokens = new ArrayList<>();
        for (String t : s.split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(" + NUMBER + ")([a-z]+)")
                    .matcher(t);
            if (m.matches()) {
                tokens.add(m.group(1));
                tokens.add(m.group(2));
            } else {
                tokens.add(t);
            }
        }
        boolean ago = false;
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals("ago")) {
            ago = true;
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw bad(text);
        }
        Acc acc = new Acc(text);
        Unit type = Unit.SECOND;
        boolean typeFromUnit = false;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            String t = tokens.get(i);
            Unit u = UNITS.get(t);
            if (u != null) {
                if (typeFromUnit) {
                    throw bad(text);
                }
                type = u;
                typeFromUnit = true;
            } else if (t.indexOf(':') >= 0) {
                acc.claim(TIME_MASK);
                time(t, acc);
                type = Unit.DAY;
                typeFromUnit = false;
            } else if (t.matches("[+-]?[0-9]+-[0-9]+")) {
                acc.claim(Unit.YEAR.mask | Unit.MONTH.mask);
                boolean neg = t.startsWith("-");
                String[] p = (neg || t.startsWith("+") ? t.substring(1) : t).split("-");
                BigDecimal months = new BigDecimal(p[0]).multiply(BigDecimal.valueOf(12))
                        .add(new BigDecimal(p[1]));
                acc.addMonths(neg ? months.negate() : months);
                typeFromUnit = false;
            } else if (t.matches(NUMBER)) {
                acc.claim(type.mask);
                acc.add(new BigDecimal(t.endsWith(".") ? t + "0" : t), type);
                typeFromUnit = false;
            } else {
                throw bad(text);
            }
        }
        if (typeFromUnit) {
            throw bad(text);
        }
        return acc.result(ago);
    }

    /** Parses {@code [+-]h:mm[:ss[.ffffff]]} into microseconds, sign applying to the whole. */
    private static void time(String t, Acc acc) {
        boolean neg = t.startsWith("-");
        String body = neg || t.startsWith("+") ? t.substring(1) : t;
        if (!body.matches("[0-9]+:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]*)?)?")) {
            throw bad(acc.text);
        }
        String[] p = body.split(":");
        BigDecimal hours = new BigDecimal(p[0]);
        int minutes = Integer.parseInt(p[1]);
        BigDecimal seconds = p.length > 2
                ? new BigDecimal(p[2].endsWith(".") ? p[2] + "0" : p[2]) : BigDecimal.ZERO;
        if (minutes > 59 || seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
            throw overflow(acc.text);
        }
        BigDecimal micros = hours.multiply(BigDecimal.valueOf(Interval.MICROS_PER_HOUR))
                .add(BigDecimal.valueOf(minutes * Interval.MICROS_PER_MINUTE))
                .add(seconds.movePointRight(6));
        acc.addMicros(neg ? micros.negate() : micros);
    }

    /** ISO 8601 duration with designators, {@code PnYnMnWnDTnHnMnS}, any field signed. */
    private static Interval iso(String s, String text) {
        Acc acc = new Acc(text);
        boolean timePart = false;
        int i = 1;
        if (i >= s.length()) {
            throw bad(text);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(NUMBER).matcher(s);
        while (i < s.length()) {
            if (s.charAt(i) == 't') {
                if (timePart) {
                    throw bad(text);
                }
                timePart = true;
                i++;
                continue;
            }
            if (!m.find(i) || m.start() != i || m.end() >= s.length()) {
                throw bad(text);
            }
            BigDecimal v = new BigDecimal(m.group().endsWith(".") ? m.group() + "0" : m.group());
            char d = s.charAt(m.end());
            Unit u = switch (d) {
                case 'y' -> timePart ? null : Unit.YEAR;
                case 'm' -> timePart ? Unit.MINUTE : Unit.MONTH;
                case 'w' -> timePart ? null : Unit.WEEK;
                case 'd' -> timePart ? null : Unit.DAY;
                case 'h' -> timePart ? Unit.HOUR : null;
                case 's' -> timePart ? Unit.SECOND : null;
                default -> null;
            };
            if (u == null) {
                throw bad(text);
            }
            acc.claim(u.mask);
            acc.add(v, u);
            i = m.end() + 1;
        }
        return acc.result(false);
    }

    /** PostgreSQL's {@code EncodeInterval} for {@code IntervalStyle = postgres}. */
    static String format(Interval iv) {
        StringBuilder sb = new StringBuilder(32);
        boolean[] state = {true, false}; // isZero, isBefore
        part(sb, iv.months() / 12, "year", state);
        part(sb, iv.months() % 12, "mon", state);
        part(sb, iv.days(), "day", state);
        long time = iv.micros();
        long hour = time / Interval.MICROS_PER_HOUR;
        time -= hour * Interval.MICROS_PER_HOUR;
        long min = time / Interval.MICROS_PER_MINUTE;
        time -= min * Interval.MICROS_PER_MINUTE;
        long sec = time / Interval.MICROS_PER_SECOND;
        long fsec = time - sec * Interval.MICROS_PER_SECOND;
        if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            sb.append(state[0] ? "" : " ").append(minus ? "-" : state[1] ? "+" : "");
            DateTimeText.appendTime(sb, Math.abs(hour), (int) Math.abs(min), (int) Math.abs(sec),
                    (int) Math.abs(fsec));
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        sb.append(state[0] ? "" : " ").append(state[1] && value > 0 ? "+" : "")
                .append(value).append(' ').append(unit).append(value != 1 ? "s" : "");
        state[1] = value < 0;
        state[0] = false;
    }
}
