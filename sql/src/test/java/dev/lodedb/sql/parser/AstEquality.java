package dev.lodedb.sql.parser;

import dev.lodedb.sql.ast.Node;

/**
 * Compares syntax trees while ignoring source positions: a printed and re-parsed tree is equal to
 * the original in everything but where its tokens stand.
 */
final class AstEquality {

    private AstEquality() {
    }

    /** @return the tree's record rendering with every {@code position=n} component removed */
    static String withoutPositions(Node node) {
        String s = String.valueOf(node);
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith(", position=", i) || s.startsWith("position=", i)) {
                int j = s.indexOf('=', i) + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '-')) {
                    j++;
                }
                i = j;
                continue;
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }

    /**
     * Checks that every node of the tree is positioned on a non-blank character of {@code sql}.
     *
     * @return {@code null} when all positions are plausible, otherwise the first offending node
     */
    static String positionFailure(Node root, String sql) {
        java.util.ArrayDeque<Object> work = new java.util.ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object o = work.pop();
            if (o instanceof java.util.List<?> list) {
                list.forEach(work::push);
                continue;
            }
            if (!(o instanceof Node node)) {
                continue;
            }
            int p = node.position();
            if (p < 0 || p >= sql.length() || Character.isWhitespace(sql.charAt(p))) {
                return node.getClass().getSimpleName() + " at " + p + " in: " + sql;
            }
            if (o instanceof Record r) {
                for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        Object value = c.getAccessor().invoke(r);
                        if (value != null) {
                            work.push(value);
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Prints {@code statement}, parses the output and checks the result equals the input.
     *
     * @return {@code null} when the round trip holds, otherwise a description of the difference
     */
    static String roundTripFailure(dev.lodedb.sql.ast.Statement statement) {
        String printed = AstPrinter.print(statement);
        dev.lodedb.sql.ast.Statement reparsed;
        try {
            reparsed = Parser.parse(printed);
        } catch (ParseException e) {
            return "printed SQL does not parse: " + e.getMessage() + "\n  printed: " + printed;
        }
        String a = withoutPositions(statement);
        String b = withoutPositions(reparsed);
        if (!a.equals(b)) {
            return "re-parsed tree differs\n  printed: " + printed + "\n  original: " + a + "\n  reparsed: " + b;
        }
        return null;
    }
}
