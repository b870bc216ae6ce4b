package dev.lodedb.engine.types;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text input and output of {@code date}, {@code time}, {@code timestamp} and {@code timestamptz}
 * with PostgreSQL's defaults {@code DateStyle = 'ISO, MDY'} and {@code TimeZone = 'UTC'} (LodeDB
 * has no session time zone yet). Input is a documented subset of PostgreSQL's {@code
 * DecodeDateTime} (see {@code docs/engine/types.md}): ISO 8601 dates and times with a space or
 * {@code T} between them, compact {@code YYYYMMDD[Thhmmss]}, {@code MM/DD/YYYY}, month names
 * ({@code January 8, 1999}, {@code 8 Jan 1999}, {@code 1999-Jan-08}), two-digit years (00-69 are
 * 20xx, 70-99 19xx), {@code BC}/{@code AD}, time zones as offsets ({@code Z}, {@code +02}, {@code
 * +02:00}, {@code -0530}), {@code UTC}/{@code GMT} and IANA names ({@code Europe/Oslo}), and the
 * special values {@code infinity}, {@code -infinity} and {@code epoch}. A time zone in the input of
 * a type without time zone is ignored, as PostgreSQL does. Fractional seconds are rounded to
 * microseconds.
 *
 * <p>Output is PostgreSQL's ISO style: {@code 2024-01-31}, {@code 12:34:56.789}, {@code
 * 2024-01-31 12:34:56.789}, {@code 2024-01-31 12:34:56+00}; years before 1 AD as {@code BC};
 * fractional seconds without trailing zeros.
 *
 * <p>Stateless and thread-safe.
 */
final class DateTimeText {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
        "aug", "sep", "oct", "nov", "dec"};
    private static final List<String> WEEKDAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri",
            "sat", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "tues", "wednes", "thur", "thurs");
    private static final Map<String, String> ZONES_LOWER = new HashMap<>();

    static {
        for (String z : ZoneId.getAvailableZoneIds()) {
            ZONES_LOWER.put(z.toLowerCase(Locale.ROOT), z);
        }
    }

    /** What the parser found; fields stay at their "absent" values when not given. */
    private static final class Fields {
        boolean hasDate;
        int year;
        int month;
        int day;
        boolean bc;
        boolean hasTime;
        long timeMicros;
        ZoneId zone;
        String special;
    }

    private DateTimeText() {
    }

    private static SqlException bad(String typeName, String text) {
        return new SqlException(SqlException.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    private static SqlException fieldOverflow(String text) {
        return new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"" + text + "\"");
    }

    /**
     * The fast path of the common ISO form {@code YYYY-MM-DD} (what COPY and drivers send): the
     * date, or {@code null} when {@code text} is anything else (including an impossible month or
     * day), which the general decoder then handles and reports.
     */
    private static LocalDate isoDate(String text, int from) {
        if (text.length() < from + 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
            return null;
        }
        int y = digits(text, from, 4);
        int m = digits(text, from + 5, 2);
        int d = digits(text, from + 8, 2);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(y, m, d);
    }

    /** @return the value of {@code n} ASCII digits at {@code from}, or -1 if any is not a digit */
    private static int digits(String text, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The fast path of {@code YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}]} without a zone: the timestamp, or
     * {@code null} for anything else (the general decoder then handles it).
     */
    private static LocalDateTime isoTimestamp(String text) {
        int n = text.length();
        if (n < 19 || n > 26 || (text.charAt(10) != ' ' && text.charAt(10) != 'T') || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        LocalDate date = isoDate(text, 0);
        int h = digits(text, 11, 2);
        int mi = digits(text, 14, 2);
        int sec = digits(text, 17, 2);
        if (date == null || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return null;
        }
        int micros = 0;
        if (n > 19) {
            if (text.charAt(19) != '.' || n == 20) {
                return null;
            }
            int f = digits(text, 20, n - 20);
            if (f < 0) {
                return null;
            }
            micros = f;
            for (int i = n - 20; i < 6; i++) {
                micros *= 10;
            }
        }
        return date.atTime(h, mi, sec, micros * 1000);
    }

    static LocalDate parseDate(String text) {
        if (text.length() == 10) {
            LocalDate fast = isoDate(text, 0);
            if (fast != null && !fast.isBefore(PgEpoch.MIN_DATE) && !fast.isAfter(PgEpoch.MAX_DATE)) {
                return fast;
            }
        }
        Fields f = decode(text, "date");
        if (f.special != null) {
            return switch (f.special) {
                case "infinity" -> LocalDate.MAX;
                case "-infinity" -> LocalDate.MIN;
                default -> LocalDate.of(1970, 1, 1);
            };
        }
        if (!f.hasDate) {
            throw bad("date", text);
        }
        LocalDate d = toDate(f, text);
        if (d.isBefore(PgEpoch.MIN_DATE) || d.isAfter(PgEpoch.MAX_DATE)) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "date out of range: \"" + text + "\"");
        }
        return d;
    }

    static LocalTime parseTime(String text) {
        Fields f = decode(text, "time");
        if (f.special != null) {
            if (f.special.equals("allballs")) {
                return LocalTime.MIDNIGHT;
            }
            throw bad("time", text);
        }
        if (!f.hasTime) {
            throw bad("time", text);
        }
        if (f.timeMicros >= Interval.MICROS_PER_DAY) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "time 24:00:00 is not supported: \"" + text + "\"");
        }
        return LocalTime.ofNanoOfDay(f.timeMicros * 1000);
    }

    static LocalDateTime parseTimestamp(String text) {
        LocalDateTime fast = isoTimestamp(text);
        if (fast != null) {
            return fast;
        }
        Fields f = decode(text, "timestamp");
        if (f.special != null) {
            return switch (f.special) {
                case "infinity" -> LocalDateTime.MAX;
                case "-infinity" -> LocalDateTime.MIN;
                case "epoch" -> LocalDateTime.of(1970, 1, 1, 0, 0);
                default -> throw bad("timestamp", text);
            };
        }
        return localTimestamp(f, text, "timestamp");
    }

    static OffsetDateTime parseTimestampTz(String text) {
        String typeName = "timestamp with time zone";
        Fields f = decode(text, typeName);
        if (f.special != null) {
            return switch (f.special) {
                case "infinity" -> Values.TIMESTAMPTZ_INFINITY;
                case "-infinity" -> Values.TIMESTAMPTZ_MINUS_INFINITY;
                case "epoch" -> OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
                default -> throw bad(typeName, text);
            };
        }
        LocalDateTime local = localTimestamp(f, text, typeName);
        ZoneId zone = f.zone != null ? f.zone : ZoneOffset.UTC;
        OffsetDateTime odt = local.atZone(zone).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        try {
            PgEpoch.checkTimestamp(odt.toLocalDateTime());
        } catch (SqlException e) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "timestamp out of range: \"" + text + "\"");
        }
        return odt;
    }

    private static LocalDateTime localTimestamp(Fields f, String text, String typeName) {
        if (!f.hasDate) {
            throw bad(typeName, text);
        }
        LocalDate d = toDate(f, text);
        LocalDateTime ts = d.atStartOfDay().plus(f.timeMicros, ChronoUnit.MICROS);
        try {
            PgEpoch.checkTimestamp(ts);
        } catch (SqlException e) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "timestamp out of range: \"" + text + "\"");
        }
        return ts;
    }

    private static LocalDate toDate(Fields f, String text) {
        if (f.year == 0 && !f.bc && f.hasDate) {
            throw fieldOverflow(text);
        }
        int isoYear = f.bc ? 1 - f.year : f.year;
        if (f.bc && f.year <= 0) {
            throw fieldOverflow(text);
        }
        try {
            return LocalDate.of(isoYear, f.month, f.day);
        } catch (DateTimeException e) {
            throw fieldOverflow(text);
        }
    }

    /** Splits the input into fields and classifies them (a small {@code DecodeDateTime}). */
    private static Fields decode(String text, String typeName) {
        String s = text.strip().toLowerCase(Locale.ROOT).replaceAll("(?<=\\d)t(?=\\d)", " ");
        String[] raw = s.split("[\\s,]+");
        Fields f = new Fields();
        if (raw.length == 1 && List.of("infinity", "+infinity", "-infinity", "epoch", "allballs")
                .contains(raw[0])) {
            f.special = raw[0].equals("+infinity") ? "infinity" : raw[0];
            return f;
        }
        List<String> numbers = new ArrayList<>();
        int textMonth = 0;
        for (String tok : raw) {
            if (tok.isEmpty()) {
                continue;
            }
            if (List.of("now", "today", "tomorrow", "yesterday").contains(tok)) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "date/time value \"" + tok + "\" is not supported in this context")
                        .withHint("Use CURRENT_DATE, CURRENT_TIMESTAMP or now().");
            }
            if (tok.equals("bc")) {
                f.bc = true;
            } else if (tok.equals("ad")) {
                continue;
            } else if (tok.indexOf(':') >= 0) {
                if (f.hasTime) {
                    throw bad(typeName, text);
                }
                time(tok, f, text, typeName);
            } else if ((tok.startsWith("+") || tok.startsWith("-")) && f.hasTime) {
                f.zone = offset(tok, text, typeName);
            } else if (Character.isLetter(tok.charAt(0))) {
                int m = monthNumber(tok);
                if (m > 0 && tok.indexOf('/') < 0) {
                    textMonth = m;
                } else if (!WEEKDAYS.contains(tok.replace(".", ""))) {
                    f.zone = zone(tok, text, typeName);
                }
            } else if (tok.matches("[0-9]+")) {
                if (tok.length() > 9) {
                    throw fieldOverflow(text);
                }
                if (!f.hasDate && textMonth == 0 && numbers.isEmpty() && tok.length() == 8) {
                    setDate(f, Integer.parseInt(tok.substring(0, 4)),
                            Integer.parseInt(tok.substring(4, 6)),
                            Integer.parseInt(tok.substring(6, 8)));
                } else if ((f.hasDate || (typeName.equals("time") && raw.length == 1))
                        && !f.hasTime && (tok.length() == 6 || tok.length() == 4)) {
                    time(tok.substring(0, 2) + ":" + tok.substring(2, 4)
                            + (tok.length() == 6 ? ":" + tok.substring(4) : ""), f, text, typeName);
                } else {
                    numbers.add(tok);
                }
            } else if (tok.matches("[0-9a-z]+([-/.][0-9a-z]+){2}")) {
                if (f.hasDate) {
                    throw bad(typeName, text);
                }
                dateToken(tok, f, text, typeName);
            } else {
                throw bad(typeName, text);
            }
        }
        if (textMonth > 0) {
            if (f.hasDate || numbers.size() != 2) {
                throw bad(typeName, text);
            }
            String a = numbers.get(0);
            String b = numbers.get(1);
            boolean yearFirst = a.length() > 2;
            setDate(f, year(yearFirst ? a : b), textMonth, Integer.parseInt(yearFirst ? b : a));
        } else if (!numbers.isEmpty()) {
            throw bad(typeName, text);
        }
        return f;
    }

    private static void setDate(Fields f, int year, int month, int day) {
        f.hasDate = true;
        f.year = year;
        f.month = month;
        f.day = day;
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits);
        if (digits.length() <= 2) {
            y += y < 70 ? 2000 : 1900;
        }
        return y;
    }

    private static int monthNumber(String tok) {
        String t = tok.endsWith(".") ? tok.substring(0, tok.length() - 1) : tok;
        if (t.length() < 3) {
            return 0;
        }
        for (int i = 0; i < 12; i++) {
            String full = java.time.Month.of(i + 1).name().toLowerCase(Locale.ROOT);
            if (t.equals(MONTHS[i]) || t.equals(full) || (t.equals("sept") && i == 8)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void dateToken(String tok, Fields f, String text, String typeName) {
        String[] p = tok.split("[-/.]");
        for (String part : p) {
            if (part.length() > 9) {
                throw fieldOverflow(text);
            }
        }
        int textMonth = -1;
        for (int i = 0; i < 3; i++) {
            if (!p[i].matches("[0-9]+")) {
                int m = monthNumber(p[i]);
                if (m == 0 || textMonth >= 0) {
                    throw bad(typeName, text);
                }
                textMonth = i;
            }
        }
        if (textMonth >= 0) {
            String a = textMonth == 0 ? p[1] : p[0];
            String b = textMonth == 2 ? p[1] : p[2];
            boolean yearFirst = a.length() > 2;
            setDate(f, year(yearFirst ? a : b), monthNumber(p[textMonth]),
                    Integer.parseInt(yearFirst ? b : a));
        } else if (p[0].length() > 2) {
            setDate(f, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } else {
            setDate(f, year(p[2]), Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
    }

    /** Parses {@code hh:mm[:ss[.fff]][zone]} into {@code f.timeMicros} and maybe {@code f.zone}. */
    private static void time(String tok, Fields f, String text, String typeName) {
        int end = tok.length();
        for (int i = 1; i < tok.length(); i++) {
            char c = tok.charAt(i);
            if (c == '+' || c == '-' || c == 'z' || Character.isLetter(c)) {
                end = i;
                break;
            }
        }
        String t = tok.substring(0, end);
        if (end < tok.length()) {
            String z = tok.substring(end);
            f.zone = z.startsWith("+") || z.startsWith("-") ? offset(z, text, typeName)
                    : zone(z, text, typeName);
        }
        if (!t.matches("[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]*)?)?")) {
            throw bad(typeName, text);
        }
        String[] p = t.split(":");
        int h = Integer.parseInt(p[0]);
        int m = Integer.parseInt(p[1]);
        BigDecimal sec = p.length > 2 ? new BigDecimal(p[2].endsWith(".") ? p[2] + "0" : p[2])
                : BigDecimal.ZERO;
        if (h > 24 || m > 59 || sec.compareTo(BigDecimal.valueOf(60)) > 0) {
            throw fieldOverflow(text);
        }
        long secMicros = sec.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long micros = h * Interval.MICROS_PER_HOUR + m * Interval.MICROS_PER_MINUTE + secMicros;
        if (h == 24 && micros != 24 * Interval.MICROS_PER_HOUR) {
            throw fieldOverflow(text);
        }
        f.hasTime = true;
        f.timeMicros = micros;
    }

    private static ZoneId offset(String tok, String text, String typeName) {
        if (!tok.matches("[+-][0-9]{1,2}(:?[0-9]{2}(:?[0-9]{2})?)?")) {
            throw bad(typeName, text);
        }
        String digits = tok.substring(1).replace(":", "");
        int h;
        int m = 0;
        int s = 0;
        if (digits.length() <= 2) {
            h = Integer.parseInt(digits);
        } else {
            int hl = digits.length() % 2 == 0 ? 2 : 1;
            h = Integer.parseInt(digits.substring(0, hl));
            m = Integer.parseInt(digits.substring(hl, hl + 2));
            if (digits.length() > hl + 2) {
                s = Integer.parseInt(digits.substring(hl + 2));
            }
        }
        int total = h * 3600 + m * 60 + s;
        if (h > 15 || m > 59 || s > 59) {
            throw new SqlException(SqlException.DATETIME_FIELD_OVERFLOW,
                    "time zone displacement out of range: \"" + text + "\"");
        }
        return ZoneOffset.ofTotalSeconds(tok.startsWith("-") ? -total : total);
    }

    private static ZoneId zone(String tok, String text, String typeName) {
        switch (tok) {
            case "z", "utc", "gmt", "zulu", "ut":
                return ZoneOffset.UTC;
            default:
                String id = ZONES_LOWER.get(tok);
                if (id == null) {
                    throw bad(typeName, text);
                }
                return ZoneId.of(id);
        }
    }

    /** @return {@code micros} rounded to {@code precision} fractional digits, half away from 0 */
    static long roundMicros(long micros, int precision) {
        if (precision < 0 || precision >= 6) {
            return micros;
        }
        long scale = 1;
        for (int i = precision; i < 6; i++) {
            scale *= 10;
        }
        long half = scale / 2;
        return micros >= 0 ? (micros + half) / scale * scale : -((-micros + half) / scale * scale);
    }

    static String formatDate(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, d.getMonthValue(), 2);
        sb.append('-');
        pad(sb, d.getDayOfMonth(), 2);
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(16);
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
        return sb.toString();
    }

    /** Appends {@code HH:MM:SS[.ffffff]} without trailing fractional zeros. */
    static void appendTime(StringBuilder sb, long h, int m, int s, int micros) {
        pad(sb, h, 2);
        sb.append(':');
        pad(sb, m, 2);
        sb.append(':');
        pad(sb, s, 2);
        if (micros != 0) {
            String f = Integer.toString(1_000_000 + micros).substring(1);
            int e = f.length();
            while (f.charAt(e - 1) == '0') {
                e--;
            }
            sb.append('.').append(f, 0, e);
        }
    }

    static String formatTimestamp(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (ts.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, ts.toLocalDate());
        sb.append(' ');
        appendTime(sb, ts.getHour(), ts.getMinute(), ts.getSecond(), ts.getNano() / 1000);
        if (ts.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String formatTimestampTz(OffsetDateTime ts) {
        if (ts.equals(Values.TIMESTAMPTZ_INFINITY)) {
            return "infinity";
        }
        if (ts.equals(Values.TIMESTAMPTZ_MINUS_INFINITY)) {
            return "-infinity";
        }
        LocalDateTime utc = ts.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, utc.toLocalDate());
        sb.append(' ');
        appendTime(sb, utc.getHour(), utc.getMinute(), utc.getSecond(), utc.getNano() / 1000);
        sb.append("+00");
        if (utc.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }
}
