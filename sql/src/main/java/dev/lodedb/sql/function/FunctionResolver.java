package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's function and operator overload resolution (documentation chapter 10 "Type
 * Conversion", sections 10.2 "Operators" and 10.3 "Functions"; source {@code
 * src/backend/parser/parse_func.c} {@code func_select_candidate} and {@code parse_oper.c}):
 *
 * <ol>
 *   <li>keep the overloads with the call's number of arguments (variadic ones with at least as
 *       many);</li>
 *   <li>an exact match of all argument types wins; for a binary operator with one {@code unknown}
 *       operand, the unknown is first assumed to have the other operand's type;</li>
 *   <li>keep the overloads every argument converts to implicitly ({@link Values#castContext} is
 *       {@link CastContext#IMPLICIT}; {@code unknown} converts to anything, anything to a
 *       polymorphic parameter); one left wins;</li>
 *   <li>keep those with the most exact type matches; then those with the most positions taking
 *       an exact or the preferred type of the argument's category;</li>
 *   <li>for {@code unknown} arguments, choose per position the category the remaining overloads
 *       accept (string if any accepts it, else the one all accept) and prefer its preferred
 *       type;</li>
 *   <li>if all known argument types are equal, assume the unknown ones have it too and keep a
 *       unique overload accepting that;</li>
 *   <li>otherwise the call is ambiguous (42725).</li>
 * </ol>
 *
 * <p>Type categories and preferred types are PostgreSQL's ({@code pg_type.typcategory},
 * {@code typispreferred}): boolean (B, bool), numeric (N, double precision), string (S, text),
 * date/time (D, timestamptz), timespan (T, interval), user-defined (U: bytea, uuid, json, jsonb),
 * unknown (X), pseudo-types (P, the polymorphic parameters). Stateless and thread-safe.
 */
final class FunctionResolver {
    /** 42725 ambiguous_function. */
    static final String AMBIGUOUS_FUNCTION = "42725";

    private FunctionResolver() {
    }

    /** @return PostgreSQL's type category letter of {@code t}; {@code 'P'} for {@code null} (any) */
    static char category(TypeId t) {
        if (t == null) {
            return 'P';
        }
        return switch (t) {
            case BOOLEAN -> 'B';
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC -> 'N';
            case TEXT, VARCHAR, CHAR -> 'S';
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> 'D';
            case INTERVAL -> 'T';
            case UNKNOWN -> 'X';
            default -> 'U';
        };
    }

    /** @return whether {@code t} is its category's preferred type */
    static boolean preferred(TypeId t) {
        return t == TypeId.BOOLEAN || t == TypeId.DOUBLE || t == TypeId.TEXT
                || t == TypeId.TIMESTAMPTZ || t == TypeId.INTERVAL;
    }

    private static boolean canCoerce(TypeId from, TypeId to) {
        return to == null || from == TypeId.UNKNOWN
                || Values.castContext(from, to) == CastContext.IMPLICIT;
    }

    /**
     * Picks the overload for a call.
     *
     * @param defs the overloads of the name, or {@code null} if none
     * @param args the argument types
     * @param binaryOperator whether this is a binary operator (enables the unknown-operand rule)
     * @return the best overload, or {@code null} if none accepts the arguments
     * @throws SqlException 42725 (message {@code "?"}, to be completed by the caller) when several
     *     remain
     */
    static FunctionDef select(List<FunctionDef> defs, List<DataType> args, boolean binaryOperator) {
        if (defs == null) {
            return null;
        }
        int n = args.size();
        TypeId[] in = new TypeId[n];
        for (int i = 0; i < n; i++) {
            in[i] = args.get(i).id();
        }
        List<FunctionDef> cands = new ArrayList<>();
        for (FunctionDef d : defs) {
            if (d.acceptsArity(n)) {
                cands.add(d);
            }
        }
        // exact match
        FunctionDef exact = exact(cands, in);
        if (exact != null) {
            return exact;
        }
        if (binaryOperator && n == 2 && (in[0] == TypeId.UNKNOWN) != (in[1] == TypeId.UNKNOWN)) {
            TypeId known = in[0] == TypeId.UNKNOWN ? in[1] : in[0];
            exact = exact(cands, new TypeId[] {known, known});
            if (exact != null) {
                return exact;
            }
        }
        // implicit coercibility
        List<FunctionDef> ok = new ArrayList<>();
        for (FunctionDef d : cands) {
            if (coercible(d, in)) {
                ok.add(d);
            }
        }
        if (ok.size() <= 1) {
            return ok.isEmpty() ? null : ok.get(0);
        }
        // most exact matches, then most exact-or-preferred matches
        for (int pass = 0; pass < 2; pass++) {
            List<FunctionDef> best = new ArrayList<>();
            int bestCount = -1;
            for (FunctionDef d : ok) {
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (in[i] == TypeId.UNKNOWN) {
                        continue;
                    }
                    TypeId p = d.paramAt(i);
                    if (p == in[i] || pass == 1 && p != null && preferred(p)
                            && category(p) == category(in[i])) {
                        m++;
                    }
                }
                if (m > bestCount) {
                    best.clear();
                    bestCount = m;
                }
                if (m == bestCount) {
                    best.add(d);
                }
            }
            ok = best;
            if (ok.size() == 1) {
                return ok.get(0);
            }
        }
        // unknown arguments: pick a category per position
        int unknowns = 0;
        for (TypeId t : in) {
            if (t == TypeId.UNKNOWN) {
                unknowns++;
            }
        }
        if (unknowns > 0) {
            char[] slotCat = new char[n];
            boolean[] slotPref = new boolean[n];
            boolean resolved = true;
            for (int i = 0; i < n && resolved; i++) {
                if (in[i] != TypeId.UNKNOWN) {
                    continue;
                }
                boolean conflict = false;
                for (FunctionDef d : ok) {
                    TypeId p = d.paramAt(i);
                    char c = category(p);
                    boolean pref = p != null && preferred(p);
                    if (slotCat[i] == 0) {
                        slotCat[i] = c;
                        slotPref[i] = pref;
                    } else if (c == slotCat[i]) {
                        slotPref[i] |= pref;
                    } else if (c == 'S') {
                        slotCat[i] = c;
                        slotPref[i] = pref;
                    } else {
                        conflict = true;
                    }
                }
                if (conflict && slotCat[i] != 'S') {
                    resolved = false;
                }
            }
            if (resolved) {
                List<FunctionDef> kept = new ArrayList<>();
                for (FunctionDef d : ok) {
                    boolean keep = true;
                    for (int i = 0; i < n && keep; i++) {
                        if (in[i] != TypeId.UNKNOWN) {
                            continue;
                        }
                        TypeId p = d.paramAt(i);
                        if (category(p) != slotCat[i]
                                || slotPref[i] && !(p != null && preferred(p))) {
                            keep = false;
                        }
                    }
                    if (keep) {
                        kept.add(d);
                    }
                }
                if (!kept.isEmpty()) {
                    ok = kept;
                }
                if (ok.size() == 1) {
                    return ok.get(0);
                }
            }
            if (unknowns < n) {
                TypeId known = null;
                for (TypeId t : in) {
                    if (t == TypeId.UNKNOWN) {
                        continue;
                    }
                    if (known == null) {
                        known = t;
                    } else if (known != t) {
                        known = null;
                        break;
                    }
                }
                if (known != null) {
                    TypeId[] assumed = new TypeId[n];
                    java.util.Arrays.fill(assumed, known);
                    FunctionDef only = null;
                    int count = 0;
                    for (FunctionDef d : ok) {
                        if (coercible(d, assumed)) {
                            count++;
                            only = d;
                        }
                    }
                    if (count == 1) {
                        return only;
                    }
                }
            }
        }
        throw new SqlException(AMBIGUOUS_FUNCTION, "?");
    }

    private static FunctionDef exact(List<FunctionDef> cands, TypeId[] in) {
        for (FunctionDef d : cands) {
            boolean all = true;
            for (int i = 0; i < in.length && all; i++) {
                all = d.paramAt(i) == in[i];
            }
            if (all) {
                return d;
            }
        }
        return null;
    }

    private static boolean coercible(FunctionDef d, TypeId[] in) {
        for (int i = 0; i < in.length; i++) {
            if (!canCoerce(in[i], d.paramAt(i))) {
                return false;
            }
        }
        return true;
    }
}
