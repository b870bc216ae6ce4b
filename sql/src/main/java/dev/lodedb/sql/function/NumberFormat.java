package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code to_char(number, template)}: PostgreSQL's numeric template patterns (documentation
 * section 9.8, table 9.28), following {@code NUM_processor} and {@code NUM_numpart_to_char} in
 * {@code src/backend/utils/adt/formatting.c} so that padding, sign placement and {@code #}
 * overflow are PostgreSQL's.
 *
 * <p>Supported: {@code 9} (digit, blank when leading), {@code 0} (digit, zero when leading),
 * {@code .} and {@code D} (decimal point), {@code ,} and {@code G} (group separator), {@code S}
 * (sign anchored to the number), {@code PR} (negative in angle brackets), {@code MI}, {@code PL},
 * {@code SG} (sign at that position), {@code FM} (no padding, no trailing zeros for {@code 9}),
 * double-quoted text and other characters copied. The locale is C: {@code D} is {@code .} and
 * {@code G} is {@code ,}. Not supported (22023 or copied literally): {@code L}, {@code V},
 * {@code EEEE}, {@code RN}, {@code TH}. Values are rounded half away from zero (numeric) or as
 * C's {@code printf} does (double precision, at most 15 significant digits). Stateless and
 * thread-safe.
 */
final class NumberFormat {
    private enum Kind { NINE, ZERO, DEC, COMMA, S, PR, MI, PL, SG, LITERAL }

    private record Node(Kind kind, char ch) {
    }

    /** The parsed template, PostgreSQL's {@code NUMDesc}. */
    private static final class Desc {
        final List<Node> nodes = new ArrayList<>();
        int pre;
        int post;
        boolean decimal;
        boolean zero;
        int zeroStart;
        int zeroEnd;
        boolean fill;
        boolean bracket;
        boolean minus;
        boolean plus;
        boolean lsign;
        boolean lsignPre;
        int preLsignNum;
    }

    private NumberFormat() {
    }

    private static SqlException bad(String message) {
        return Errors.invalidParameter(message);
    }

    private static Desc parse(String fmt) {
        Desc d = new Desc();
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            char u = Character.toUpperCase(c);
            if (fmt.regionMatches(true, i, "FM", 0, 2)) {
                d.fill = true;
                i += 2;
            } else if (fmt.regionMatches(true, i, "PR", 0, 2)) {
                if (d.lsign || d.plus || d.minus) {
                    throw bad("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
                }
                d.bracket = true;
                d.nodes.add(new Node(Kind.PR, c));
                i += 2;
            } else if (fmt.regionMatches(true, i, "MI", 0, 2)) {
                d.minus = true;
                d.nodes.add(new Node(Kind.MI, c));
                i += 2;
            } else if (fmt.regionMatches(true, i, "PL", 0, 2)) {
                d.plus = true;
                d.nodes.add(new Node(Kind.PL, c));
                i += 2;
            } else if (fmt.regionMatches(true, i, "SG", 0, 2)) {
                d.plus = true;
                d.minus = true;
                d.nodes.add(new Node(Kind.SG, c));
                i += 2;
            } else if (c == '9' || c == '0') {
                if (c == '0' && !d.zero && !d.decimal) {
                    d.zero = true;
                    d.zeroStart = d.pre + 1;
                }
                if (d.decimal) {
                    d.post++;
                } else {
                    d.pre++;
                }
                if (c == '0') {
                    d.zeroEnd = d.pre + d.post;
                }
                d.nodes.add(new Node(c == '9' ? Kind.NINE : Kind.ZERO, c));
                i++;
            } else if (c == '.' || u == 'D') {
                if (d.decimal) {
                    throw bad("multiple decimal points");
                }
                d.decimal = true;
                d.nodes.add(new Node(Kind.DEC, '.'));
                i++;
            } else if (c == ',' || u == 'G') {
                d.nodes.add(new Node(Kind.COMMA, ','));
                i++;
            } else if (u == 'S') {
                if (d.lsign) {
                    throw bad("cannot use \"S\" twice");
                }
                if (d.plus || d.minus || d.bracket) {
                    throw bad("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
                }
                d.lsign = true;
                d.lsignPre = !d.decimal;
                d.preLsignNum = d.pre;
                d.nodes.add(new Node(Kind.S, c));
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && fmt.charAt(j) != '"') {
                    if (fmt.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    d.nodes.add(new Node(Kind.LITERAL, fmt.charAt(j)));
                    j++;
                }
                i = j + 1;
            } else if (c == '\\' && i + 1 < n) {
                d.nodes.add(new Node(Kind.LITERAL, fmt.charAt(i + 1)));
                i += 2;
            } else if (fmt.regionMatches(true, i, "EEEE", 0, 4) || u == 'V' || u == 'L'
                    || fmt.regionMatches(true, i, "RN", 0, 2)) {
                throw new SqlException(SqlException.FEATURE_NOT_SUPPORTED,
                        "to_char pattern \"" + fmt.substring(i, Math.min(n, i + 4))
                                + "\" is not supported");
            } else {
                d.nodes.add(new Node(Kind.LITERAL, c));
                i++;
            }
        }
        return d;
    }

    /** {@code to_char(numeric, text)}. */
    static String format(BigDecimal value, String fmt) {
        Desc d = parse(fmt);
        BigDecimal r = NumericMath.round(value, d.post);
        return render(d, r.signum() < 0 ? '-' : '+', r.abs().toPlainString());
    }

    /** {@code to_char(double precision, text)}: at most 15 significant digits, as PostgreSQL. */
    static String format(double value, String fmt) {
        Desc d = parse(fmt);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            String fill = "#".repeat(d.pre) + (d.decimal ? "." : "") + "#".repeat(d.post);
            return render(d, value < 0 ? '-' : '+', fill);
        }
        int preLen = new BigDecimal(Math.abs(value)).setScale(0, RoundingMode.HALF_EVEN)
                .toPlainString().length();
        int post = d.post;
        if (preLen >= 15) {
            post = 0;
        } else if (preLen + post > 15) {
            post = 15 - preLen;
        }
        BigDecimal r = new BigDecimal(value).setScale(post, RoundingMode.HALF_EVEN);
        boolean negative = value < 0 || value == 0 && 1 / value < 0 && r.signum() != 0;
        return render(d, negative ? '-' : '+', r.abs().toPlainString());
    }

    private static String render(Desc d, char sign, String numstr) {
        int dot = numstr.indexOf('.');
        int preLen = dot < 0 ? numstr.length() : dot;
        int outPreSpaces = 0;
        if (preLen < d.pre) {
            outPreSpaces = d.pre - preLen;
        } else if (preLen > d.pre) {
            numstr = "#".repeat(d.pre) + "." + "#".repeat(d.post);
        }
        return new Processor(d, sign, numstr, outPreSpaces).run();
    }

    /** PostgreSQL's {@code NUMProc} in to_char mode. */
    private static final class Processor {
        private final Desc num;
        private final char sign;
        private final String number;
        private final int outPreSpaces;
        private final StringBuilder out = new StringBuilder();
        private boolean signWrote;
        private boolean numIn;
        private int numCurr;
        private int numCount;
        private int numberP;
        private int lastRelevant = -1;
        private boolean bracket;
        private boolean lsignPre;

        Processor(Desc num, char sign, String number, int outPreSpaces) {
            this.num = num;
            this.sign = sign;
            this.number = number;
            this.outPreSpaces = outPreSpaces;
            this.bracket = num.bracket;
            this.lsignPre = num.lsignPre;
        }

        private char at(int i) {
            return i < number.length() ? number.charAt(i) : '\0';
        }

        private boolean preDecSpace() {
            return !num.zero && numberP == 0 && at(0) == '0' && num.post != 0;
        }

        String run() {
            if (num.plus || num.minus) {
                signWrote = !(num.plus && !num.minus);
            } else {
                if (sign != '-' && num.fill) {
                    bracket = false;
                }
                signWrote = sign == '+' && num.fill && !num.lsign;
                if (num.lsign && lsignPre && num.pre == num.preLsignNum) {
                    lsignPre = false;
                }
            }
            numCount = num.post + num.pre - 1;
            if (num.fill && num.decimal) {
                int dot = number.indexOf('.');
                if (dot >= 0) {
                    lastRelevant = dot;
                    for (int p = dot + 1; p < number.length(); p++) {
                        if (number.charAt(p) != '0') {
                            lastRelevant = p;
                        }
                    }
                    if (num.zeroEnd > outPreSpaces) {
                        int lastZero = Math.min(number.length() - 1, num.zeroEnd - outPreSpaces);
                        if (lastRelevant < lastZero) {
                            lastRelevant = lastZero;
                        }
                    }
                }
            }
            if (!signWrote && outPreSpaces == 0) {
                numCount++;
            }
            for (Node n : num.nodes) {
                switch (n.kind()) {
                    case NINE, ZERO, DEC -> numpart(n.kind());
                    case COMMA -> {
                        if (!numIn) {
                            if (!num.fill) {
                                out.append(' ');
                            }
                        } else {
                            out.append(',');
                        }
                    }
                    case MI -> {
                        if (sign == '-') {
                            out.append('-');
                        } else if (!num.fill) {
                            out.append(' ');
                        }
                    }
                    case PL -> {
                        if (sign == '+') {
                            out.append('+');
                        } else if (!num.fill) {
                            out.append(' ');
                        }
                    }
                    case SG -> out.append(sign);
                    case LITERAL -> out.append(n.ch());
                    default -> { }
                }
            }
            return out.toString();
        }

        private void numpart(Kind id) {
            numIn = false;
            if (!signWrote
                    && (numCurr >= outPreSpaces || num.zero && num.zeroStart - 1 == numCurr)
                    && (!preDecSpace() || lastRelevant >= 0 && at(lastRelevant) == '.')) {
                if (num.lsign) {
                    if (lsignPre) {
                        out.append(sign == '-' ? '-' : '+');
                        signWrote = true;
                    }
                } else if (bracket) {
                    out.append(sign == '+' ? ' ' : '<');
                    signWrote = true;
                } else if (sign == '+') {
                    if (!num.fill) {
                        out.append(' ');
                    }
                    signWrote = true;
                } else if (sign == '-') {
                    out.append('-');
                    signWrote = true;
                }
            }
            int zeroStart = num.zeroStart - 1;
            if (numCurr < outPreSpaces && (zeroStart > numCurr || !num.zero)) {
                if (!num.fill) {
                    out.append(' ');
                }
            } else if (num.zero && numCurr < outPreSpaces && zeroStart <= numCurr) {
                out.append('0');
                numIn = true;
            } else {
                if (at(numberP) == '.') {
                    if (lastRelevant < 0 || at(lastRelevant) != '.' || num.fill) {
                        out.append('.');
                    }
                } else {
                    if (lastRelevant >= 0 && numberP > lastRelevant && id != Kind.ZERO) {
                        // a trailing zero dropped in fill mode
                    } else if (preDecSpace()) {
                        if (!num.fill) {
                            out.append(' ');
                        } else if (lastRelevant >= 0 && at(lastRelevant) == '.') {
                            out.append('0');
                        }
                    } else {
                        out.append(at(numberP));
                        numIn = true;
                    }
                }
                if (numberP < number.length()) {
                    numberP++;
                }
            }
            int end = numCount + (outPreSpaces > 0 ? 1 : 0) + (num.decimal ? 1 : 0);
            if (lastRelevant >= 0 && lastRelevant == numberP) {
                end = numCurr;
            }
            if (numCurr + 1 == end) {
                if (signWrote && bracket) {
                    out.append(sign == '+' ? ' ' : '>');
                } else if (num.lsign && !lsignPre) {
                    out.append(sign == '-' ? '-' : '+');
                }
            }
            numCurr++;
        }
    }
}
