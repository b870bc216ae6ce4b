package dev.lodedb.sql.function;

import static dev.lodedb.engine.types.TypeId.BIGINT;
import static dev.lodedb.engine.types.TypeId.DATE;
import static dev.lodedb.engine.types.TypeId.DOUBLE;
import static dev.lodedb.engine.types.TypeId.INTEGER;
import static dev.lodedb.engine.types.TypeId.INTERVAL;
import static dev.lodedb.engine.types.TypeId.NUMERIC;
import static dev.lodedb.engine.types.TypeId.REAL;
import static dev.lodedb.engine.types.TypeId.TEXT;
import static dev.lodedb.engine.types.TypeId.TIMESTAMP;
import static dev.lodedb.engine.types.TypeId.TIMESTAMPTZ;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.Interval;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * {@code to_char}, {@code to_date} and {@code to_timestamp(text, text)}: PostgreSQL's template
 * patterns for date/time formatting (documentation section 9.8, table 9.26; {@code
 * src/backend/utils/adt/formatting.c}). Numeric templates are in {@link NumberFormat}.
 *
 * <p>Date/time patterns: {@code HH HH12 HH24 MI SS MS US SSSS SSSSS AM PM A.M. P.M. (any case)
 * Y,YYY YYYY YYY YY Y IYYY IY BC AD B.C. A.D. MONTH Month month MON Mon mon MM DAY Day day DY Dy
 * dy DDD IDDD DD D ID W WW IW CC J Q RM rm TZ tz OF}, the {@code FM} prefix (no padding) and the
 * {@code TH}/{@code th} suffix (ordinal); double-quoted text is copied, a backslash quotes the
 * next character, anything else is copied. Names are English ({@code TM} is accepted and
 * ignored). For an interval, the fields are the interval's (hours may exceed 23, {@code DD} is
 * the day field, {@code MM} months modulo 12, {@code YYYY} years). The session time zone is UTC,
 * so {@code TZ} is {@code UTC} and {@code OF} is {@code +00}.
 *
 * <p>{@code to_date}/{@code to_timestamp} read the numeric fields, month and day names and
 * AM/PM markers of the same patterns; separators in the template skip one input character and
 * spaces are lenient, as PostgreSQL's non-FX mode. Errors: 22007 for input that does not match,
 * 22008 for out-of-range fields. Stateless and thread-safe.
 */
final class ToChar {
    private static final String[] KEYWORDS = {
        "A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "D", "FX",
        "HH24", "HH12", "HH", "IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I", "J", "MI", "MM",
        "MONTH", "MON", "MS", "OF", "P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS", "TZ", "US",
        "WW", "W", "Y,YYY", "YYYY", "YYY", "YY", "Y"};
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
        "X", "XI", "XII"};

    private ToChar() {
    }

    static void register(Registrar r) {
        r.f2("to_char", TEXT, TIMESTAMP, TEXT,
                (a, b) -> format((LocalDateTime) a, null, (String) b, false));
        r.f2("to_char", TEXT, TIMESTAMPTZ, TEXT, (a, b) -> format(
                ((OffsetDateTime) a).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(),
                null, (String) b, true));
        r.f2("to_char", TEXT, INTERVAL, TEXT, (a, b) -> format(null, (Interval) a, (String) b,
                false));
        r.f2("to_char", TEXT, NUMERIC, TEXT, (a, b) -> NumberFormat.format((BigDecimal) a,
                (String) b));
        r.f2("to_char", TEXT, DOUBLE, TEXT, (a, b) -> NumberFormat.format((Double) a,
                (String) b));
        r.f2("to_char", TEXT, REAL, TEXT, (a, b) -> NumberFormat.format((double) (Float) a,
                (String) b));
        r.f2("to_char", TEXT, INTEGER, TEXT, (a, b) -> NumberFormat.format(
                BigDecimal.valueOf((Integer) a), (String) b));
        r.f2("to_char", TEXT, BIGINT, TEXT, (a, b) -> NumberFormat.format(
                BigDecimal.valueOf((Long) a), (String) b));
        r.f2("to_date", DATE, TEXT, TEXT, (a, b) -> parse((String) a, (String) b).toLocalDate());
        r.f2("to_timestamp", TIMESTAMPTZ, TEXT, TEXT,
                (a, b) -> parse((String) a, (String) b).atOffset(ZoneOffset.UTC));
    }

    /** @return the keyword at {@code i} (case-insensitive, longest first), or null */
    private static String keyword(String fmt, int i) {
        for (String k : KEYWORDS) {
            if (fmt.regionMatches(true, i, k, 0, k.length())) {
                return k;
            }
        }
        return null;
    }

    /** Applies the case of the template text to a name: UPPER, Capitalized or lower. */
    private static String cased(String name, String written) {
        if (written.length() > 1 && Character.isUpperCase(written.charAt(0))
                && Character.isUpperCase(written.charAt(1))) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(written.charAt(0))) {
            return name;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String ordinal(long n, boolean upper) {
        long m = Math.abs(n) % 100;
        String s = m >= 11 && m <= 13 ? "th" : switch ((int) (m % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static String num(long v, int width, boolean fm) {
        String s = Long.toString(Math.abs(v));
        if (!fm && s.length() < width) {
            s = "0".repeat(width - s.length()) + s;
        }
        return v < 0 ? "-" + s : s;
    }

    private static String pad(String s, int width, boolean fm) {
        return fm || s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /**
     * Formats a timestamp ({@code ts}) or an interval ({@code iv}) by a template.
     *
     * @param tz whether the value is a timestamptz (enables {@code TZ} and {@code OF})
     */
    static String format(LocalDateTime ts, Interval iv, String fmt, boolean tz) {
        if (ts != null && DateTimeArithmetic.isInfinite(ts)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            boolean fm = false;
            while (true) {
                if (fmt.regionMatches(true, i, "FM", 0, 2)) {
                    fm = true;
                    i += 2;
                } else if (fmt.regionMatches(true, i, "TM", 0, 2)) {
                    i += 2;
                } else {
                    break;
                }
            }
            if (i >= n) {
                break;
            }
            char c = fmt.charAt(i);
            String k = keyword(fmt, i);
            if (k == null) {
                if (c == '"') {
                    int j = i + 1;
                    while (j < n && fmt.charAt(j) != '"') {
                        if (fmt.charAt(j) == '\\' && j + 1 < n) {
                            j++;
                        }
                        out.append(fmt.charAt(j));
                        j++;
                    }
                    i = j + 1;
                } else if (c == '\\' && i + 1 < n) {
                    out.append(fmt.charAt(i + 1));
                    i += 2;
                } else {
                    out.append(c);
                    i++;
                }
                continue;
            }
            String written = fmt.substring(i, i + k.length());
            i += k.length();
            boolean th = false;
            boolean thUpper = false;
            if (fmt.regionMatches(true, i, "TH", 0, 2)) {
                th = true;
                thUpper = fmt.charAt(i) == 'T';
                i += 2;
            }
            Long number = null;
            String text;
            if (iv != null) {
                text = intervalField(k, written, iv, fm);
                number = intervalNumber(k, iv);
            } else {
                number = number(k, ts);
                text = field(k, written, ts, fm, tz);
            }
            out.append(text);
            if (th && number != null) {
                out.append(ordinal(number, thUpper));
            }
        }
        return out.toString();
    }

    /** The numeric value of a field, for the TH suffix; null for text fields. */
    private static Long number(String k, LocalDateTime t) {
        LocalDate d = t.toLocalDate();
        return switch (k) {
            case "DD" -> (long) d.getDayOfMonth();
            case "D" -> (long) (d.getDayOfWeek().getValue() % 7 + 1);
            case "DDD" -> (long) d.getDayOfYear();
            case "MM" -> (long) d.getMonthValue();
            case "HH", "HH12" -> (long) ((t.getHour() + 11) % 12 + 1);
            case "HH24" -> (long) t.getHour();
            case "MI" -> (long) t.getMinute();
            case "SS" -> (long) t.getSecond();
            case "YYYY", "Y,YYY" -> (long) yearOf(d);
            case "Q" -> (long) ((d.getMonthValue() - 1) / 3 + 1);
            case "W" -> (long) ((d.getDayOfMonth() - 1) / 7 + 1);
            case "WW" -> (long) ((d.getDayOfYear() - 1) / 7 + 1);
            case "IW" -> (long) d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "J" -> DateFields.julianDay(d);
            case "CC" -> (long) century(d);
            default -> null;
        };
    }

    /** The year as printed: BC years count up from 1 (the BC marker is separate). */
    private static int yearOf(LocalDate d) {
        return d.getYear() > 0 ? d.getYear() : 1 - d.getYear();
    }

    private static int century(LocalDate d) {
        int y = d.getYear();
        return y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100);
    }

    private static String field(String k, String w, LocalDateTime t, boolean fm, boolean tz) {
        LocalDate d = t.toLocalDate();
        int hour12 = (t.getHour() + 11) % 12 + 1;
        boolean pm = t.getHour() >= 12;
        boolean bc = d.getYear() <= 0;
        int year = yearOf(d);
        int isoYear = d.get(IsoFields.WEEK_BASED_YEAR);
        long micros = t.getNano() / 1000;
        return switch (k) {
            case "HH", "HH12" -> num(hour12, 2, fm);
            case "HH24" -> num(t.getHour(), 2, fm);
            case "MI" -> num(t.getMinute(), 2, fm);
            case "SS" -> num(t.getSecond(), 2, fm);
            case "MS" -> num(micros / 1000, 3, fm);
            case "US" -> num(micros, 6, fm);
            case "SSSS", "SSSSS" -> Long.toString(t.toLocalTime().toSecondOfDay());
            case "AM", "PM" -> cased(pm ? "PM" : "AM", w);
            case "A.M.", "P.M." -> cased(pm ? "P.M." : "A.M.", w);
            case "Y,YYY" -> String.format("%d,%03d", year / 1000, year % 1000);
            case "YYYY" -> num(year, 4, fm);
            case "YYY" -> num(year % 1000, 3, fm);
            case "YY" -> num(year % 100, 2, fm);
            case "Y" -> num(year % 10, 1, fm);
            case "IYYY" -> num(isoYear, 4, fm);
            case "IYY" -> num(isoYear % 1000, 3, fm);
            case "IY" -> num(isoYear % 100, 2, fm);
            case "I" -> num(isoYear % 10, 1, fm);
            case "BC", "AD" -> cased(bc ? "BC" : "AD", w);
            case "B.C.", "A.D." -> cased(bc ? "B.C." : "A.D.", w);
            case "MONTH" -> pad(cased(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                    w), 9, fm);
            case "MON" -> cased(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), w);
            case "MM" -> num(d.getMonthValue(), 2, fm);
            case "DAY" -> pad(cased(d.getDayOfWeek().getDisplayName(TextStyle.FULL,
                    Locale.ENGLISH), w), 9, fm);
            case "DY" -> cased(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), w);
            case "DDD" -> num(d.getDayOfYear(), 3, fm);
            case "IDDD" -> num((d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L
                    + d.getDayOfWeek().getValue(), 3, fm);
            case "DD" -> num(d.getDayOfMonth(), 2, fm);
            case "D" -> Integer.toString(d.getDayOfWeek().getValue() % 7 + 1);
            case "ID" -> Integer.toString(d.getDayOfWeek().getValue());
            case "W" -> Integer.toString((d.getDayOfMonth() - 1) / 7 + 1);
            case "WW" -> num((d.getDayOfYear() - 1) / 7 + 1, 2, fm);
            case "IW" -> num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "CC" -> num(century(d), 2, fm);
            case "J" -> Long.toString(DateFields.julianDay(d));
            case "Q" -> Integer.toString((d.getMonthValue() - 1) / 3 + 1);
            case "RM" -> pad(cased(ROMAN[d.getMonthValue() - 1], w.equals("rm") ? "r" : "R"),
                    4, fm);
            case "TZ" -> tz ? cased("UTC", w) : "";
            case "OF" -> tz ? "+00" : "";
            default -> "";
        };
    }

    private static Long intervalNumber(String k, Interval iv) {
        return switch (k) {
            case "DD" -> (long) iv.days();
            case "HH24" -> iv.micros() / Interval.MICROS_PER_HOUR;
            case "MM" -> (long) (iv.months() % 12);
            case "YYYY" -> (long) (iv.months() / 12);
            default -> null;
        };
    }

    private static String intervalField(String k, String w, Interval iv, boolean fm) {
        long time = iv.micros();
        long hours = time / Interval.MICROS_PER_HOUR;
        long us = Math.abs(time % Interval.MICROS_PER_SECOND);
        return switch (k) {
            case "HH", "HH12" -> num(hours % 12 == 0 && hours != 0 ? 12 : hours % 12, 2, fm);
            case "HH24" -> num(hours, 2, fm);
            case "MI" -> num(time / Interval.MICROS_PER_MINUTE % 60, 2, fm);
            case "SS" -> num(time / Interval.MICROS_PER_SECOND % 60, 2, fm);
            case "MS" -> num(us / 1000, 3, fm);
            case "US" -> num(us, 6, fm);
            case "DD" -> num(iv.days(), 2, fm);
            case "DDD" -> num(iv.days(), 3, fm);
            case "MM" -> num(iv.months() % 12, 2, fm);
            case "YYYY" -> num(iv.months() / 12, 4, fm);
            case "YY" -> num(iv.months() / 12 % 100, 2, fm);
            case "AM", "PM" -> cased(hours % 24 >= 12 ? "PM" : "AM", w);
            default -> "";
        };
    }

    private static SqlException badInput(String text) {
        return new SqlException(SqlException.INVALID_DATETIME_FORMAT,
                "invalid value \"" + text + "\" for template");
    }

    /** {@code to_timestamp(text, text)} / {@code to_date}: reads the fields the template names. */
    static LocalDateTime parse(String input, String fmt) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        Boolean pm = null;
        boolean bc = false;
        int p = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            while (fmt.regionMatches(true, i, "FM", 0, 2) || fmt.regionMatches(true, i, "FX", 0, 2)
                    || fmt.regionMatches(true, i, "TM", 0, 2)) {
                i += 2;
            }
            if (i >= n) {
                break;
            }
            String k = keyword(fmt, i);
            if (k == null) {
                char c = fmt.charAt(i++);
                if (c == ' ') {
                    while (p < input.length() && input.charAt(p) == ' ') {
                        p++;
                    }
                } else if (p < input.length()) {
                    p++;
                }
                continue;
            }
            i += k.length();
            if (fmt.regionMatches(true, i, "TH", 0, 2)) {
                i += 2;
            }
            while (p < input.length() && input.charAt(p) == ' ') {
                p++;
            }
            switch (k) {
                case "MONTH", "MON" -> {
                    int m = 0;
                    for (java.time.Month mo : java.time.Month.values()) {
                        String full = mo.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                        String shortName = mo.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                        String name = k.equals("MONTH") ? full : shortName;
                        if (input.regionMatches(true, p, name, 0, name.length())) {
                            m = mo.getValue();
                            p += name.length();
                            break;
                        }
                    }
                    if (m == 0) {
                        throw badInput(input.substring(p));
                    }
                    month = m;
                }
                case "DAY", "DY" -> {
                    while (p < input.length() && Character.isLetter(input.charAt(p))) {
                        p++;
                    }
                }
                case "AM", "PM", "A.M.", "P.M." -> {
                    String rest = input.substring(p).toUpperCase(Locale.ROOT);
                    if (rest.startsWith("PM") || rest.startsWith("P.M.")) {
                        pm = true;
                    } else if (rest.startsWith("AM") || rest.startsWith("A.M.")) {
                        pm = false;
                    } else {
                        throw badInput(input.substring(p));
                    }
                    p += rest.charAt(1) == '.' ? 4 : 2;
                }
                case "BC", "AD", "B.C.", "A.D." -> {
                    String rest = input.substring(p).toUpperCase(Locale.ROOT);
                    bc = rest.startsWith("BC") || rest.startsWith("B.C.");
                    p += rest.length() > 1 && rest.charAt(1) == '.' ? 4 : 2;
                }
                default -> {
                    int width = switch (k) {
                        case "YYYY", "IYYY" -> 4;
                        case "DDD", "MS", "YYY", "IDDD" -> 3;
                        case "US" -> 6;
                        case "Y", "D", "ID", "Q", "W" -> 1;
                        case "J", "SSSS", "SSSSS" -> 10;
                        default -> 2;
                    };
                    int start = p;
                    if (k.equals("YYYY") || k.equals("J")) {
                        width = Integer.MAX_VALUE; // years may be longer when a separator follows
                        if (i >= n || keyword(fmt, i) != null) {
                            width = k.equals("J") ? 10 : 4;
                        }
                    }
                    while (p < input.length() && p - start < width
                            && Character.isDigit(input.charAt(p))) {
                        p++;
                    }
                    if (p == start) {
                        throw badInput(input.substring(start));
                    }
                    String digits = input.substring(start, p);
                    long v = Long.parseLong(digits);
                    switch (k) {
                        case "YYYY", "IYYY" -> year = (int) v;
                        case "YY" -> year = (int) (v < 70 ? 2000 + v : 1900 + v);
                        case "MM" -> month = (int) v;
                        case "DD" -> day = (int) v;
                        case "HH", "HH12", "HH24" -> hour = (int) v;
                        case "MI" -> minute = (int) v;
                        case "SS" -> second = (int) v;
                        case "MS" -> micros = v * (long) Math.pow(10, 3 - digits.length()) * 1000;
                        case "US" -> micros = v * (long) Math.pow(10, 6 - digits.length());
                        default -> { }
                    }
                }
            }
        }
        if (pm != null) {
            if (hour < 1 || hour > 12) {
                throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                        "hour \"" + hour + "\" is invalid for the 12-hour clock", null,
                        "Use the 24-hour clock, or give an hour between 1 and 12.", 0, null);
            }
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (bc) {
            year = 1 - year;
        }
        try {
            LocalDateTime r = LocalDateTime.of(year, month, day, hour, minute, second,
                    (int) (micros * 1000));
            dev.lodedb.engine.types.PgEpoch.checkTimestamp(r);
            return r;
        } catch (java.time.DateTimeException e) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + input + "\"");
        }
    }
}
