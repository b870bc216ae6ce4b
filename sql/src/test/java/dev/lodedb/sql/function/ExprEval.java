package dev.lodedb.sql.function;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.CastContext;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A tiny evaluator of constant SQL expressions for the function tests: literals, typed literals
 * ({@code date '...'}), casts ({@code ::type}), function calls, prefix and binary operators with
 * PostgreSQL's precedence, {@code EXTRACT(f FROM x)}, {@code [NOT] LIKE/ILIKE}, {@code SIMILAR TO}.
 * It calls {@link FunctionRegistry} and applies implicit casts and strictness as the binder does,
 * so that test cases can be written as the SQL text that was run in PostgreSQL to get the expected
 * output.
 */
final class ExprEval {
    /** A typed value. */
    record Val(DataType type, Object value) {
    }

    /** The context of every evaluation: fixed times and a seeded random source. */
    static final FunctionContext CONTEXT = new FunctionContext() {
        private final Random random = new Random(42);

        @Override
        public OffsetDateTime transactionTimestamp() {
            return OffsetDateTime.parse("2024-01-02T03:04:05.123456Z");
        }

        @Override
        public OffsetDateTime statementTimestamp() {
            return OffsetDateTime.parse("2024-01-02T03:04:05.200000Z");
        }

        @Override
        public RandomGenerator random() {
            return random;
        }
    };

    private static final String[] OPS = {"::", "->>", "->", "#>>", "#>", "||/", "|/", "||", "@>",
        "<@", "?|", "?&", "!~~*", "!~~", "~~*", "~~", "!~*", "!~", "~*", "^@", "<<", ">>", "?", "~", "+", "-", "*", "/", "%",
        "^", "&", "|", "#", "@", "(", ")", ",", "=", "<", ">"};

    private final List<String> toks = new ArrayList<>();
    private final List<Character> kinds = new ArrayList<>(); // n number, s string, i ident, o op
    private int p;

    private ExprEval(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < sql.length()
                    && Character.isDigit(sql.charAt(i + 1))) {
                int j = i;
                while (j < sql.length() && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.'
                        || sql.charAt(j) == 'e' || (sql.charAt(j) == '-' || sql.charAt(j) == '+')
                        && sql.charAt(j - 1) == 'e')) {
                    j++;
                }
                add(sql.substring(i, j), 'n');
                i = j;
            } else if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < sql.length()
                    && sql.charAt(i + 1) == '\'') {
                boolean esc = c != '\'';
                int j = esc ? i + 2 : i + 1;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    char d = sql.charAt(j);
                    if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                        sb.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        j++;
                        break;
                    } else if (esc && d == '\\') {
                        char e = sql.charAt(j + 1);
                        sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        j += 2;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                add(sb.toString(), 's');
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j))
                        || sql.charAt(j) == '_')) {
                    j++;
                }
                add(sql.substring(i, j).toLowerCase(Locale.ROOT), 'i');
                i = j;
            } else if (c == '"') {
                int j = sql.indexOf('"', i + 1);
                add(sql.substring(i + 1, j), 'i');
                i = j + 1;
            } else {
                String op = null;
                for (String o : OPS) {
                    if (sql.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new IllegalArgumentException("bad character at " + i + ": " + sql);
                }
                add(op, 'o');
                i += op.length();
            }
        }
    }

    private void add(String t, char k) {
        toks.add(t);
        kinds.add(k);
    }

    /** Evaluates {@code sql}. */
    static Val eval(String sql) {
        ExprEval e = new ExprEval(sql);
        Val v = e.expr();
        if (e.p != e.toks.size()) {
            throw new IllegalArgumentException("trailing input at token " + e.p + ": " + sql);
        }
        return v;
    }

    /** Evaluates {@code sql} and formats the result as psql does ({@code NULL} for null). */
    static String text(String sql) {
        Val v = eval(sql);
        return v.value == null ? "NULL" : Values.format(v.type, v.value);
    }

    private String peek() {
        return p < toks.size() ? toks.get(p) : "";
    }

    private boolean isOp(String s) {
        return p < toks.size() && kinds.get(p) == 'o' && toks.get(p).equals(s);
    }

    private boolean isWord(String s) {
        return p < toks.size() && kinds.get(p) == 'i' && toks.get(p).equals(s);
    }

    private void expect(String s) {
        if (!peek().equals(s)) {
            throw new IllegalArgumentException("expected " + s + " at " + peek());
        }
        p++;
    }

    private Val expr() {
        Val left = other();
        while (true) {
            boolean not = false;
            if (isWord("not")) {
                not = true;
                p++;
            }
            if (isWord("like") || isWord("ilike")) {
                String f = toks.get(p++);
                Val pat = other();
                Val r;
                if (isWord("escape")) {
                    p++;
                    r = call(f, List.of(left, pat, other()));
                } else {
                    r = call(f, List.of(left, pat));
                }
                left = not ? negate(r) : r;
            } else if (isWord("similar") && p + 1 < toks.size() && toks.get(p + 1).equals("to")) {
                p++;
                expect("to");
                Val pat = other();
                Val r;
                if (isWord("escape")) {
                    p++;
                    r = call("similar_to", List.of(left, pat, other()));
                } else {
                    r = call("similar_to", List.of(left, pat));
                }
                left = not ? negate(r) : r;
            } else {
                if (not) {
                    throw new IllegalArgumentException("NOT without LIKE");
                }
                return left;
            }
        }
    }

    private static Val negate(Val v) {
        return new Val(DataType.BOOLEAN, v.value == null ? null : !(Boolean) v.value);
    }

    private static boolean isOtherOp(String t) {
        return switch (t) {
            case "->>", "->", "#>>", "#>", "||", "@>", "<@", "?|", "?&", "!~~*", "!~~", "~~*",
                    "~~", "!~*", "!~", "~*", "^@",
                    "<<", ">>", "?", "~", "&", "|", "#" -> true;
            default -> false;
        };
    }

    private Val other() {
        Val v = additive();
        while (p < toks.size() && kinds.get(p) == 'o' && isOtherOp(peek())) {
            String op = toks.get(p++);
            v = operator(op, v, additive());
        }
        return v;
    }

    private Val additive() {
        Val v = mult();
        while (isOp("+") || isOp("-")) {
            String op = toks.get(p++);
            v = operator(op, v, mult());
        }
        return v;
    }

    private Val mult() {
        Val v = pow();
        while (isOp("*") || isOp("/") || isOp("%")) {
            String op = toks.get(p++);
            v = operator(op, v, pow());
        }
        return v;
    }

    private Val pow() {
        Val v = unary();
        while (isOp("^")) {
            p++;
            v = operator("^", v, unary());
        }
        return v;
    }

    private Val unary() {
        if (isOp("-") && p + 1 < toks.size() && kinds.get(p + 1) == 'n') {
            p++;
            return postfix(number("-" + toks.get(p++)));
        }
        if (isOp("-") || isOp("+") || isOp("@") || isOp("|/") || isOp("||/") || isOp("~")) {
            String op = toks.get(p++);
            return operator(op, null, unary());
        }
        return postfix(primary());
    }

    private Val postfix(Val v) {
        while (isOp("::")) {
            p++;
            v = cast(v, typeName());
        }
        return v;
    }

    private DataType typeName() {
        StringBuilder sb = new StringBuilder(toks.get(p++));
        while (isWord("precision") || isWord("with") || isWord("without") || isWord("time")
                || isWord("zone") || isWord("varying")) {
            sb.append(' ').append(toks.get(p++));
        }
        if (isOp("(")) {
            while (!isOp(")")) {
                sb.append(toks.get(p++));
            }
            sb.append(toks.get(p++));
        }
        return DataType.parse(sb.toString());
    }

    static Val cast(Val v, DataType t) {
        if (v.type.id() == TypeId.UNKNOWN) {
            return new Val(t, v.value == null ? null : Values.parse(t, (String) v.value));
        }
        return new Val(t, Values.cast(v.value, v.type, t));
    }

    private static Val number(String s) {
        if (!s.contains(".") && !s.contains("e")) {
            long l = Long.parseLong(s);
            if (l == (int) l) {
                return new Val(DataType.INTEGER, (int) l);
            }
            return new Val(DataType.BIGINT, l);
        }
        return new Val(DataType.NUMERIC, Values.parse(DataType.NUMERIC, s));
    }

    private Val primary() {
        char k = kinds.get(p);
        String t = toks.get(p++);
        if (k == 'n') {
            return number(t);
        }
        if (k == 's') {
            return new Val(DataType.UNKNOWN, t);
        }
        if (k == 'o') {
            if (t.equals("(")) {
                Val v = expr();
                expect(")");
                return v;
            }
            throw new IllegalArgumentException("unexpected " + t);
        }
        switch (t) {
            case "null":
                return new Val(DataType.UNKNOWN, null);
            case "true":
            case "false":
                return new Val(DataType.BOOLEAN, t.equals("true"));
            default:
                break;
        }
        if (t.equals("extract") && isOp("(")) {
            p++;
            String field = toks.get(p++);
            expect("from");
            Val x = expr();
            expect(")");
            return call("extract", List.of(new Val(DataType.UNKNOWN, field), x));
        }
        if (isOp("(")) {
            p++;
            List<Val> args = new ArrayList<>();
            boolean in = false;
            while (!isOp(")")) {
                args.add(expr());
                if (isOp(",") || isWord("from") || isWord("for") || isWord("similar")
                        || isWord("escape")) {
                    p++;
                } else if (isWord("in")) {
                    in = true;
                    p++;
                }
            }
            p++;
            if (in) {
                args = List.of(args.get(1), args.get(0));
            }
            return call(t, args);
        }
        // typed literal: type 'text' [unit]
        p--;
        DataType type = typeName();
        String lit = toks.get(p++);
        if (type.id() == TypeId.INTERVAL && p < toks.size() && kinds.get(p) == 'i') {
            lit = lit + " " + toks.get(p++);
        }
        return new Val(type, Values.parse(type, lit));
    }

    /** Resolves and applies a function as the binder and executor do. */
    static Val call(String name, List<Val> args) {
        List<DataType> types = args.stream().map(Val::type).toList();
        return apply(FunctionRegistry.resolveFunction(name, types, 0), args);
    }

    static Val operator(String op, Val left, Val right) {
        ScalarFunction f = FunctionRegistry.resolveOperator(op, left == null ? null : left.type,
                right.type, 0);
        return apply(f, left == null ? List.of(right) : List.of(left, right));
    }

    static Val apply(ScalarFunction f, List<Val> args) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            Val a = args.get(i);
            DataType to = f.parameterTypes().get(i);
            values[i] = a.type.id() == TypeId.UNKNOWN && a.value != null
                    ? Values.parse(to, (String) a.value)
                    : Values.cast(a.value, a.type, to, CastContext.IMPLICIT);
            if (values[i] == null && f.strict()) {
                return new Val(f.returnType(), null);
            }
        }
        Object r = f.implementation().apply(CONTEXT, values);
        if (r != null) {
            Values.check(f.returnType(), r);
        }
        return new Val(f.returnType(), r);
    }

    /** @return the result text, or {@code ERROR <sqlstate> <message>} */
    static String result(String sql) {
        try {
            return text(sql);
        } catch (SqlException e) {
            return "ERROR " + e.sqlState() + " " + e.getMessage();
        }
    }
}
