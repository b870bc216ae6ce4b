package dev.lodedb.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random token soups, truncations and single-character mutations of valid statements must fail
 * with a {@link ParseException} (or parse), never with another exception. The seed changes on
 * every run and is printed on failure; set {@code -Dlode.fuzz.seed=N} to replay one.
 */
class ParserFuzzTest {

    private static final String[] FRAGMENTS = {
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "FIRST", "ROWS",
        "ONLY", "UNION", "ALL", "INTERSECT", "EXCEPT", "DISTINCT", "ON", "JOIN", "LEFT", "CROSS", "NATURAL", "USING",
        "LATERAL", "WITH", "RECURSIVE", "AS", "VALUES", "TABLE", "INSERT", "INTO", "UPDATE", "SET", "DELETE",
        "RETURNING", "CONFLICT", "DO", "NOTHING", "CREATE", "DROP", "ALTER", "ADD", "COLUMN", "CONSTRAINT", "PRIMARY",
        "KEY", "REFERENCES", "CHECK", "DEFAULT", "NOT", "NULL", "AND", "OR", "IS", "IN", "BETWEEN", "LIKE", "ILIKE",
        "SIMILAR", "TO", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "ARRAY", "ROW", "EXISTS", "ANY",
        "SOME", "OVER", "PARTITION", "WINDOW", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT", "FILTER",
        "WITHIN", "EXTRACT", "SUBSTRING", "POSITION", "TRIM", "OVERLAY", "PLACING", "FOR", "INTERVAL", "TIMESTAMP",
        "TIME", "ZONE", "AT", "COLLATE", "EXPLAIN", "ANALYZE", "COPY", "STDIN", "BEGIN", "COMMIT", "ROLLBACK",
        "SAVEPOINT", "PREPARE", "EXECUTE", "TRUNCATE", "VACUUM", "SHOW", "RESET", "INDEX", "SEQUENCE", "VIEW",
        "GENERATED", "IDENTITY", "int", "text", "varchar", "double", "precision", "t", "u", "a", "b", "c", "x",
        "name", "value", "year", "f", "count", "coalesce", "(", ")", "[", "]", ",", ";", ".", ":", "::", ":=", "=>",
        "*", "+", "-", "/", "%", "^", "=", "<", ">", "<=", ">=", "<>", "||", "->", "->>", "@>", "~", "!", "#",
        "0", "1", "42", "1.5", ".5", "1e10", "9223372036854775808", "'s'", "E'\\n'", "$$d$$", "B'01'", "X'1F'",
        "$1", "\"Q\"", "U&'\\0061'", "--c\n", "/* c */", "'", "\"", "$", "\\", "{", "E'\\", "U&'\\", "/*",
    };

    private static final String[] VALID = {
        "SELECT a, b AS c, count(*) FILTER (WHERE x > 0) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING"
                + " AND CURRENT ROW) FROM t JOIN u ON t.a = u.a LEFT JOIN v USING (k) WHERE a BETWEEN 1 AND 2 AND b"
                + " IN (SELECT 1) GROUP BY ROLLUP (a, b) HAVING sum(x) > 1 ORDER BY 1 DESC NULLS LAST LIMIT 10",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT CASE WHEN n > 1 THEN 'a' ELSE"
                + " 'b' END, CAST(n AS text), n::int[], (ARRAY[1, 2])[1], (n).f, EXTRACT(year FROM d) FROM r",
        "INSERT INTO t (a, b) VALUES (1, DEFAULT), (2, 'x') ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING *",
        "UPDATE t AS x SET (a, b) = (SELECT 1, 2) FROM u WHERE x.id = u.id RETURNING x.*",
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n numeric(10,2) DEFAULT 0 NOT NULL"
                + " CHECK (n >= 0), r int REFERENCES u (id) ON DELETE CASCADE, UNIQUE (n))",
        "ALTER TABLE t ADD COLUMN c int, ALTER COLUMN d TYPE text USING d::text, DROP CONSTRAINT k",
        "SELECT SUBSTRING(s FROM 1 FOR 2), POSITION('a' IN s), TRIM(BOTH 'x' FROM s), OVERLAY(s PLACING 'y' FROM 1),"
                + " TIMESTAMP '2024-01-01' AT TIME ZONE 'UTC', INTERVAL '1' DAY, x COLLATE \"C\", -2 ^ 2 || 'z'",
        "COPY t (a) FROM STDIN WITH (FORMAT csv, HEADER true)",
        "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM generate_series(1, 3) WITH ORDINALITY AS g(x, i)",
        "BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY",
    };

    private static long seed() {
        String fixed = System.getProperty("lode.fuzz.seed");
        return fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    }

    private static void check(String sql, long seed) {
        try {
            Parser.parse(sql);
        } catch (ParseException e) {
            assertThat(e.sqlState()).as("seed %d, input %s", seed, sql).isIn(ParseException.SYNTAX_ERROR, ParseException.FEATURE_NOT_SUPPORTED,
                    ParseException.STATEMENT_TOO_COMPLEX, ParseException.CHARACTER_NOT_IN_REPERTOIRE);
            assertThat(e.position()).as("seed %d, input %s", seed, sql).isBetween(0, sql.length());
            e.render(sql);
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + ": " + e + " for input: " + sql, e);
        }
        try {
            Parser.parseScript(sql);
        } catch (ParseException e) {
            assertThat(e.position()).as("seed %d, script %s", seed, sql).isBetween(0, sql.length());
        } catch (RuntimeException | StackOverflowError e) {
            fail("seed " + seed + " (script): " + e + " for input: " + sql, e);
        }
    }

    @Test
    void randomTokenSoupsOnlyEverRaiseParseException() {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 4000; i++) {
            int n = 1 + random.nextInt(30);
            StringBuilder sql = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sql.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                sql.append(random.nextInt(5) == 0 ? "" : " ");
            }
            check(sql.toString(), seed);
        }
    }

    @Test
    void truncationsAndMutationsOfValidStatements() {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        List<String> corpus = new ArrayList<>(List.of(VALID));
        for (String sql : corpus) {
            Parser.parse(sql);
            for (int cut = 0; cut <= sql.length(); cut++) {
                check(sql.substring(0, cut), seed);
            }
            for (int i = 0; i < 300; i++) {
                StringBuilder mutated = new StringBuilder(sql);
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0:
                        mutated.deleteCharAt(at);
                        break;
                    case 1:
                        mutated.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                        break;
                    default:
                        mutated.setCharAt(at, "()[],;.:'\"$*-/+=<>!|@#%^&~?\\ xE0".charAt(random.nextInt(31)));
                        break;
                }
                check(mutated.toString(), seed);
            }
        }
    }

    @Test
    void deepRandomNestingIsBounded() {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        String[] opens = {"(", "ARRAY[", "(SELECT ", "NOT ", "- ", "f(", "CASE WHEN ", "EXISTS (SELECT "};
        for (int i = 0; i < 30; i++) {
            StringBuilder sql = new StringBuilder("SELECT ");
            int depth = 500 + random.nextInt(2000);
            for (int k = 0; k < depth; k++) {
                sql.append(opens[random.nextInt(opens.length)]);
            }
            sql.append('1');
            check(sql.toString(), seed);
        }
    }
}
