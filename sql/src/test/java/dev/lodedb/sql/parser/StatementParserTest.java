package dev.lodedb.sql.parser;

import static dev.lodedb.sql.parser.ParserAssertions.assertPrints;
import static dev.lodedb.sql.parser.ParserAssertions.assertSyntaxError;
import static dev.lodedb.sql.parser.ParserAssertions.assertUnsupported;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.sql.ast.AlterTable;
import dev.lodedb.sql.ast.AlterTableAction;
import dev.lodedb.sql.ast.ColumnDef;
import dev.lodedb.sql.ast.Constraint;
import dev.lodedb.sql.ast.CreateTable;
import dev.lodedb.sql.ast.Insert;
import dev.lodedb.sql.ast.Persistence;
import dev.lodedb.sql.ast.SetVariable;
import dev.lodedb.sql.ast.TransactionStatement;
import org.junit.jupiter.api.Test;

/** DML, DDL and utility statements. */
class StatementParserTest {

    @Test
    void insert() {
        assertPrints("INSERT INTO t VALUES (1, 'a'), (2, DEFAULT)", "INSERT INTO t VALUES (1, 'a'), (2, DEFAULT)");
        Insert i = (Insert) assertPrints(
                "INSERT INTO s.t AS x (a, b) SELECT 1, 2 ON CONFLICT (a, lower(b) COLLATE \"C\" text_pattern_ops DESC)"
                        + " WHERE a > 0 DO UPDATE SET b = excluded.b, (c, d) = (1, 2) WHERE x.a > 1 RETURNING a, b AS bb",
                "INSERT INTO s.t AS x (a, b) SELECT 1, 2 ON CONFLICT (a, (lower(b)) COLLATE \"C\" text_pattern_ops DESC)"
                        + " WHERE (a > 0) DO UPDATE SET b = excluded.b, (c, d) = (1, 2) WHERE (x.a > 1) RETURNING a, b AS bb");
        assertThat(i.onConflict().doUpdate()).isTrue();
        assertThat(i.onConflict().target()).hasSize(2);
        Insert d = (Insert) assertPrints("INSERT INTO t DEFAULT VALUES RETURNING *", "INSERT INTO t DEFAULT VALUES RETURNING *");
        assertThat(d.defaultValues()).isTrue();
        assertPrints("INSERT INTO t (a) VALUES (DEFAULT) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING",
                "INSERT INTO t (a) VALUES (DEFAULT) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING");
        assertPrints("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
        assertPrints("INSERT INTO t (SELECT 1)", "INSERT INTO t SELECT 1");
        assertPrints("INSERT INTO t (a) WITH x AS (SELECT 1) SELECT * FROM x",
                "INSERT INTO t (a) WITH x AS (SELECT 1) SELECT * FROM x");
        assertPrints("INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1)", "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1)");
        assertPrints("insert into t (a) overriding user value select 1",
                "INSERT INTO t (a) OVERRIDING USER VALUE SELECT 1");
    }

    @Test
    void updateAndDelete() {
        assertPrints("UPDATE ONLY t AS x SET a = 1, (b, c) = (SELECT 1, 2), d = DEFAULT, (e, f) = ROW(1, 2)"
                        + " FROM u WHERE x.id = u.id RETURNING *",
                "UPDATE ONLY t AS x SET a = 1, (b, c) = (SELECT 1, 2), d = DEFAULT, (e, f) = ROW(1, 2)"
                        + " FROM u WHERE (x.id = u.id) RETURNING *");
        assertPrints("UPDATE t x SET a = a + 1", "UPDATE t AS x SET a = (a + 1)");
        assertPrints("UPDATE t SET a = 1", "UPDATE t SET a = 1");
        assertPrints("DELETE FROM t AS x USING u, v WHERE x.a = u.a RETURNING x.*",
                "DELETE FROM t AS x USING u, v WHERE (x.a = u.a) RETURNING x.*");
        assertPrints("DELETE FROM ONLY t", "DELETE FROM ONLY t");
        assertUnsupported("DELETE FROM t WHERE CURRENT OF c");
        assertUnsupported("UPDATE t SET a[1] = 2");
    }

    @Test
    void createTableWithColumnAndTableConstraints() {
        CreateTable c = (CreateTable) assertPrints(
                "CREATE TABLE IF NOT EXISTS s.t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5)"
                        + " PRIMARY KEY, name text COLLATE \"C\" NOT NULL UNIQUE, price numeric(10,2) DEFAULT 0 NOT NULL"
                        + " CHECK (price >= 0), cat int CONSTRAINT fk REFERENCES cats (id) ON DELETE SET NULL ON UPDATE"
                        + " CASCADE, total numeric GENERATED ALWAYS AS (price * 2) STORED, n int NULL,"
                        + " CONSTRAINT pk PRIMARY KEY (id, name), UNIQUE (name), CHECK (n > 0), FOREIGN KEY (cat, n)"
                        + " REFERENCES c (a, b) MATCH FULL ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED)",
                "CREATE TABLE IF NOT EXISTS s.t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5)"
                        + " PRIMARY KEY, name text COLLATE \"C\" NOT NULL UNIQUE, price numeric(10, 2) DEFAULT 0 NOT NULL"
                        + " CHECK ((price >= 0)), cat int CONSTRAINT fk REFERENCES cats (id) ON DELETE SET NULL ON UPDATE"
                        + " CASCADE, total numeric GENERATED ALWAYS AS ((price * 2)) STORED, n int NULL,"
                        + " CONSTRAINT pk PRIMARY KEY (id, name), UNIQUE (name), CHECK ((n > 0)), FOREIGN KEY (cat, n)"
                        + " REFERENCES c (a, b) MATCH FULL ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED)");
        assertThat(c.ifNotExists()).isTrue();
        assertThat(c.columns()).extracting(ColumnDef::name).containsExactly("id", "name", "price", "cat", "total", "n");
        ColumnDef price = c.columns().get(2);
        assertThat(price.constraints()).extracting(Constraint::type)
                .containsExactly(Constraint.Type.DEFAULT, Constraint.Type.NOT_NULL, Constraint.Type.CHECK);
        assertThat(c.constraints()).extracting(Constraint::type).containsExactly(Constraint.Type.PRIMARY_KEY,
                Constraint.Type.UNIQUE, Constraint.Type.CHECK, Constraint.Type.FOREIGN_KEY);
        assertThat(c.constraints().get(3).references().onDelete()).isEqualTo(Constraint.ReferentialAction.RESTRICT);
        assertThat(c.constraints().get(3).initiallyDeferred()).isTrue();

        CreateTable temp = (CreateTable) assertPrints("CREATE TEMP TABLE t (a int DEFAULT -1, b int GENERATED BY DEFAULT AS IDENTITY)",
                "CREATE TEMPORARY TABLE t (a int DEFAULT -1, b int GENERATED BY DEFAULT AS IDENTITY)");
        assertThat(temp.persistence()).isEqualTo(Persistence.TEMPORARY);
        assertPrints("CREATE GLOBAL TEMPORARY TABLE t (x int) ON COMMIT PRESERVE ROWS", "CREATE TEMPORARY TABLE t (x int)");
        assertPrints("CREATE UNLOGGED TABLE t ()", "CREATE UNLOGGED TABLE t ()");
        assertPrints("CREATE TABLE t (a int DEFAULT (1 + 2) CHECK (a > 0) NOT NULL, b timestamp with time zone DEFAULT now())",
                "CREATE TABLE t (a int DEFAULT (1 + 2) CHECK ((a > 0)) NOT NULL, b timestamp with time zone DEFAULT now())");
        assertPrints("CREATE TABLE t (a int REFERENCES u ON DELETE NO ACTION ON UPDATE SET DEFAULT)",
                "CREATE TABLE t (a int REFERENCES u ON DELETE NO ACTION ON UPDATE SET DEFAULT)");
        assertPrints("CREATE TABLE t (a int[], b varchar(10)[3], c double precision, d interval day to second(3))",
                "CREATE TABLE t (a int[], b varchar(10)[3], c double precision, d interval day to second(3))");
        assertUnsupported("CREATE TABLE t (a int) INHERITS (u)");
        assertUnsupported("CREATE TABLE t (LIKE u)");
        assertUnsupported("CREATE TABLE t (a int, EXCLUDE USING gist (a WITH =))");
        assertUnsupported("CREATE TABLE p PARTITION OF q FOR VALUES IN (1)");
    }

    @Test
    void createTableAs() {
        assertPrints("CREATE TABLE t AS SELECT 1 AS a WITH NO DATA", "CREATE TABLE t AS SELECT 1 AS a WITH NO DATA");
        assertPrints("CREATE TABLE t (a, b) AS VALUES (1, 2) WITH DATA", "CREATE TABLE t (a, b) AS VALUES (1, 2)");
        assertPrints("CREATE TEMP TABLE IF NOT EXISTS t AS (SELECT 1)", "CREATE TEMPORARY TABLE IF NOT EXISTS t AS SELECT 1");
    }

    @Test
    void dropStatements() {
        assertPrints("DROP TABLE IF EXISTS a, s.b CASCADE", "DROP TABLE IF EXISTS a, s.b CASCADE");
        assertPrints("DROP VIEW v RESTRICT", "DROP VIEW v RESTRICT");
        assertPrints("DROP INDEX CONCURRENTLY IF EXISTS i", "DROP INDEX CONCURRENTLY IF EXISTS i");
        assertPrints("DROP SCHEMA s", "DROP SCHEMA s");
        assertPrints("DROP SEQUENCE q", "DROP SEQUENCE q");
        assertUnsupported("DROP FUNCTION f(int)");
        assertUnsupported("DROP TRIGGER tr ON t");
        assertUnsupported("DROP MATERIALIZED VIEW m");
    }

    @Test
    void alterTable() {
        AlterTable a = (AlterTable) assertPrints(
                "ALTER TABLE IF EXISTS ONLY t ADD COLUMN IF NOT EXISTS c int NOT NULL DEFAULT 0, DROP COLUMN IF EXISTS d"
                        + " CASCADE, ALTER COLUMN e SET DEFAULT now(), ALTER f DROP DEFAULT, ALTER COLUMN g SET NOT NULL,"
                        + " ALTER COLUMN h DROP NOT NULL, ALTER COLUMN i SET DATA TYPE bigint USING i::bigint, ALTER j TYPE"
                        + " text COLLATE \"C\", ADD CONSTRAINT ck CHECK (c > 0) NOT VALID, DROP CONSTRAINT IF EXISTS ck2,"
                        + " ADD PRIMARY KEY (a), ADD x int",
                "ALTER TABLE IF EXISTS ONLY t ADD COLUMN IF NOT EXISTS c int NOT NULL DEFAULT 0, DROP COLUMN IF EXISTS d"
                        + " CASCADE, ALTER COLUMN e SET DEFAULT now(), ALTER COLUMN f DROP DEFAULT, ALTER COLUMN g SET NOT NULL,"
                        + " ALTER COLUMN h DROP NOT NULL, ALTER COLUMN i TYPE bigint USING CAST(i AS bigint), ALTER COLUMN j"
                        + " TYPE text COLLATE \"C\", ADD CONSTRAINT ck CHECK ((c > 0)) NOT VALID, DROP CONSTRAINT IF EXISTS ck2,"
                        + " ADD PRIMARY KEY (a), ADD COLUMN x int");
        assertThat(a.actions()).hasSize(12);
        assertThat(a.actions().get(0)).isInstanceOf(AlterTableAction.AddColumn.class);
        assertThat(a.actions().get(6)).isInstanceOf(AlterTableAction.AlterType.class);
        assertPrints("ALTER TABLE t RENAME COLUMN a TO b", "ALTER TABLE t RENAME COLUMN a TO b");
        assertPrints("ALTER TABLE t RENAME a TO b", "ALTER TABLE t RENAME COLUMN a TO b");
        assertPrints("ALTER TABLE t RENAME TO u", "ALTER TABLE t RENAME TO u");
        assertPrints("ALTER TABLE t RENAME CONSTRAINT a TO b", "ALTER TABLE t RENAME CONSTRAINT a TO b");
        assertUnsupported("ALTER TABLE t OWNER TO bob");
        assertUnsupported("ALTER TABLE t ALTER COLUMN a SET STATISTICS 100");
        assertUnsupported("ALTER FUNCTION f() STABLE");
    }

    @Test
    void viewsSchemasIndexesSequences() {
        assertPrints("CREATE OR REPLACE TEMP VIEW v (a, b) AS SELECT 1, 2 WITH LOCAL CHECK OPTION",
                "CREATE OR REPLACE TEMPORARY VIEW v (a, b) AS SELECT 1, 2 WITH LOCAL CHECK OPTION");
        assertPrints("CREATE VIEW v AS SELECT 1 WITH CHECK OPTION", "CREATE VIEW v AS SELECT 1 WITH CASCADED CHECK OPTION");
        assertPrints("CREATE RECURSIVE VIEW v (n) AS SELECT 1", "CREATE RECURSIVE VIEW v (n) AS SELECT 1");
        assertPrints("CREATE SCHEMA IF NOT EXISTS s", "CREATE SCHEMA IF NOT EXISTS s");
        assertPrints("CREATE SCHEMA AUTHORIZATION bob", "CREATE SCHEMA bob AUTHORIZATION bob");
        assertPrints("CREATE SCHEMA s AUTHORIZATION CURRENT_USER", "CREATE SCHEMA s AUTHORIZATION CURRENT_USER");
        assertPrints("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t USING btree"
                        + " (a, (lower(b)) DESC NULLS LAST, c COLLATE \"C\" text_ops) INCLUDE (d) WHERE e IS NOT NULL",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t USING btree"
                        + " (a, (lower(b)) DESC NULLS LAST, c COLLATE \"C\" text_ops) INCLUDE (d) WHERE (e IS NOT NULL)");
        assertPrints("CREATE INDEX ON t (a)", "CREATE INDEX ON t (a)");
        assertPrints("CREATE INDEX i ON t USING gin (to_tsvector('english', body))",
                "CREATE INDEX i ON t USING gin ((to_tsvector('english', body)))");
        assertPrints("CREATE SEQUENCE IF NOT EXISTS s AS bigint INCREMENT BY -2 MINVALUE -100 NO MAXVALUE START WITH 5"
                        + " CACHE 10 NO CYCLE OWNED BY t.c",
                "CREATE SEQUENCE IF NOT EXISTS s AS bigint INCREMENT BY -2 MINVALUE -100 NO MAXVALUE START WITH 5"
                        + " CACHE 10 NO CYCLE OWNED BY t.c");
        assertPrints("CREATE TEMP SEQUENCE s NO MINVALUE MAXVALUE 9 START 1 CYCLE OWNED BY NONE",
                "CREATE TEMPORARY SEQUENCE s NO MINVALUE MAXVALUE 9 START WITH 1 CYCLE OWNED BY NONE");
        assertPrints("ALTER SEQUENCE IF EXISTS s RESTART WITH 1 INCREMENT 3", "ALTER SEQUENCE IF EXISTS s RESTART WITH 1 INCREMENT BY 3");
        assertPrints("ALTER SEQUENCE s RESTART", "ALTER SEQUENCE s RESTART");
        assertUnsupported("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql");
        assertUnsupported("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'");
        assertUnsupported("CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()");
        assertUnsupported("CREATE MATERIALIZED VIEW m AS SELECT 1");
        assertUnsupported("CREATE TYPE mood AS ENUM ('sad', 'ok')");
    }

    @Test
    void transactions() {
        assertPrints("BEGIN", "BEGIN");
        TransactionStatement t = (TransactionStatement) assertPrints("BEGIN WORK ISOLATION LEVEL REPEATABLE READ READ WRITE",
                "BEGIN ISOLATION LEVEL REPEATABLE READ, READ WRITE");
        assertThat(t.isolation()).isEqualTo(TransactionStatement.IsolationLevel.REPEATABLE_READ);
        assertThat(t.readOnly()).isFalse();
        assertPrints("START TRANSACTION ISOLATION LEVEL READ UNCOMMITTED, READ ONLY, NOT DEFERRABLE",
                "BEGIN ISOLATION LEVEL READ UNCOMMITTED, READ ONLY, NOT DEFERRABLE");
        assertPrints("BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED", "BEGIN ISOLATION LEVEL READ COMMITTED");
        assertPrints("BEGIN ISOLATION LEVEL SERIALIZABLE DEFERRABLE", "BEGIN ISOLATION LEVEL SERIALIZABLE, DEFERRABLE");
        assertPrints("COMMIT", "COMMIT");
        assertPrints("COMMIT WORK", "COMMIT");
        assertPrints("END TRANSACTION", "COMMIT");
        assertPrints("COMMIT AND CHAIN", "COMMIT AND CHAIN");
        assertPrints("ROLLBACK AND NO CHAIN", "ROLLBACK");
        assertPrints("ABORT", "ROLLBACK");
        assertPrints("ROLLBACK TO SAVEPOINT s", "ROLLBACK TO SAVEPOINT s");
        assertPrints("ROLLBACK WORK TO s", "ROLLBACK TO SAVEPOINT s");
        assertPrints("SAVEPOINT s", "SAVEPOINT s");
        assertPrints("RELEASE SAVEPOINT s", "RELEASE SAVEPOINT s");
        assertPrints("RELEASE s", "RELEASE SAVEPOINT s");
        assertPrints("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertPrints("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        assertUnsupported("PREPARE TRANSACTION 'x'");
        assertUnsupported("COMMIT PREPARED 'x'");
    }

    @Test
    void explainAnalyzeVacuum() {
        assertPrints("EXPLAIN SELECT 1", "EXPLAIN SELECT 1");
        assertPrints("EXPLAIN ANALYZE VERBOSE SELECT 1", "EXPLAIN (analyze, verbose) SELECT 1");
        assertPrints("EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON, BUFFERS true) INSERT INTO t VALUES (1)",
                "EXPLAIN (analyze, costs 'off', format 'json', buffers TRUE) INSERT INTO t VALUES (1)");
        assertPrints("EXPLAIN (SELECT 1)", "EXPLAIN SELECT 1");
        assertPrints("EXPLAIN CREATE TABLE t AS SELECT 1", "EXPLAIN CREATE TABLE t AS SELECT 1");
        assertSyntaxError("EXPLAIN DROP TABLE t", "syntax error at or near \"DROP\"");
        assertPrints("ANALYZE", "ANALYZE");
        assertPrints("ANALYZE VERBOSE t (a, b), u", "ANALYZE (verbose) t (a, b), u");
        assertPrints("ANALYSE (VERBOSE, SKIP_LOCKED) t", "ANALYZE (verbose, skip_locked) t");
        assertPrints("VACUUM", "VACUUM");
        assertPrints("VACUUM FULL FREEZE VERBOSE ANALYZE t (a)", "VACUUM (full, freeze, verbose, analyze) t (a)");
        assertPrints("VACUUM ANALYZE", "VACUUM (analyze)");
        assertPrints("VACUUM (ANALYZE, PARALLEL 2) t", "VACUUM (analyze, parallel 2) t");
    }

    @Test
    void setShowReset() {
        SetVariable s = (SetVariable) assertPrints("SET search_path TO public, \"$user\"", "SET search_path TO 'public', '$user'");
        assertThat(s.values()).hasSize(2);
        assertPrints("SET LOCAL statement_timeout = 0", "SET LOCAL statement_timeout TO 0");
        assertPrints("SET SESSION enable_seqscan = off", "SET enable_seqscan TO 'off'");
        assertPrints("SET x.y TO DEFAULT", "SET x.y TO DEFAULT");
        assertPrints("SET datestyle TO iso, mdy", "SET datestyle TO 'iso', 'mdy'");
        assertPrints("SET extra_float_digits = -3", "SET extra_float_digits TO -3");
        assertPrints("SET enable_x = true", "SET enable_x TO TRUE");
        assertPrints("SET TIME ZONE 'UTC'", "SET TIME ZONE 'UTC'");
        assertPrints("SET TIME ZONE LOCAL", "SET TIME ZONE 'local'");
        assertPrints("SET TIME ZONE DEFAULT", "SET TIME ZONE DEFAULT");
        assertPrints("SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE", "SET TIME ZONE interval '+00:00' hour to minute");
        assertPrints("SET SCHEMA 'public'", "SET search_path TO 'public'");
        assertPrints("SET NAMES 'UTF8'", "SET client_encoding TO 'UTF8'");
        assertPrints("SHOW ALL", "SHOW ALL");
        assertPrints("SHOW search_path", "SHOW search_path");
        assertPrints("SHOW TIME ZONE", "SHOW timezone");
        assertPrints("SHOW TRANSACTION ISOLATION LEVEL", "SHOW transaction_isolation");
        assertPrints("RESET ALL", "RESET ALL");
        assertPrints("RESET enable_seqscan", "RESET enable_seqscan");
        assertPrints("RESET TIME ZONE", "RESET timezone");
        assertUnsupported("SET ROLE bob");
        assertUnsupported("SET CONSTRAINTS ALL DEFERRED");
    }

    @Test
    void copy() {
        assertPrints("COPY t (a, b) FROM '/tmp/f.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';', FORCE_QUOTE *,"
                        + " FORCE_NOT_NULL (a, b))",
                "COPY t (a, b) FROM '/tmp/f.csv' WITH (format 'csv', header TRUE, delimiter ';', force_quote *,"
                        + " force_not_null ('a', 'b'))");
        assertPrints("COPY t FROM STDIN CSV HEADER DELIMITER ',' NULL 'null' QUOTE '\"' ESCAPE AS '\\'",
                "COPY t FROM STDIN WITH (format 'csv', header TRUE, delimiter ',', null 'null', quote '\"', escape '\\')");
        assertPrints("COPY t FROM STDIN WITH CSV FORCE NOT NULL a, b", "COPY t FROM STDIN WITH (format 'csv', force_not_null ('a', 'b'))");
        assertPrints("COPY t TO STDOUT CSV FORCE QUOTE *", "COPY t TO STDOUT WITH (format 'csv', force_quote *)");
        assertPrints("COPY t TO STDOUT", "COPY t TO STDOUT");
        assertPrints("COPY BINARY t TO 'f'", "COPY t TO 'f' WITH (format 'binary')");
        assertPrints("COPY (SELECT * FROM t) TO STDOUT WITH (FORMAT csv)", "COPY (SELECT * FROM t) TO STDOUT WITH (format 'csv')");
        assertPrints("COPY t FROM PROGRAM 'gunzip -c f.gz'", "COPY t FROM PROGRAM 'gunzip -c f.gz'");
        assertPrints("COPY t FROM STDIN WHERE a > 1", "COPY t FROM STDIN WHERE (a > 1)");
        assertPrints("COPY t FROM STDIN USING DELIMITERS '|'", "COPY t FROM STDIN WITH (delimiter '|')");
        assertSyntaxError("COPY (SELECT 1) FROM STDIN", "syntax error at or near \"FROM\"");
        assertSyntaxError("COPY t FROM STDOUT", "syntax error at or near \"STDOUT\"");
    }

    @Test
    void truncatePrepareExecuteDeallocateDiscard() {
        assertPrints("TRUNCATE t", "TRUNCATE TABLE t");
        assertPrints("TRUNCATE TABLE ONLY a, b * RESTART IDENTITY CASCADE", "TRUNCATE TABLE a, b RESTART IDENTITY CASCADE");
        assertPrints("TRUNCATE a CONTINUE IDENTITY RESTRICT", "TRUNCATE TABLE a RESTRICT");
        assertPrints("PREPARE p (int, text) AS SELECT $1, $2", "PREPARE p (int, text) AS SELECT $1, $2");
        assertPrints("PREPARE q AS INSERT INTO t VALUES ($1)", "PREPARE q AS INSERT INTO t VALUES ($1)");
        assertPrints("EXECUTE p (1, 'a')", "EXECUTE p (1, 'a')");
        assertPrints("EXECUTE q", "EXECUTE q");
        assertPrints("DEALLOCATE p", "DEALLOCATE p");
        assertPrints("DEALLOCATE PREPARE ALL", "DEALLOCATE ALL");
        assertPrints("DISCARD ALL", "DISCARD ALL");
        assertPrints("DISCARD TEMPORARY", "DISCARD TEMP");
        assertPrints("DISCARD PLANS", "DISCARD PLANS");
    }

    @Test
    void otherPostgresStatementsAreUnsupported() {
        for (String sql : new String[] {"MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", "GRANT SELECT ON t TO bob",
                "REVOKE ALL ON t FROM bob", "COMMENT ON TABLE t IS 'x'", "LOCK TABLE t", "DECLARE c CURSOR FOR SELECT 1",
                "FETCH NEXT FROM c", "LISTEN ch", "NOTIFY ch", "DO $$ BEGIN END $$", "CALL p()", "REINDEX TABLE t",
                "CLUSTER t", "CHECKPOINT", "CREATE AGGREGATE a (int) (sfunc = f, stype = int)", "CREATE DOMAIN d AS int",
                "CREATE EXTENSION x", "CREATE ROLE r", "CREATE RULE r AS ON INSERT TO t DO NOTHING",
                "DROP AGGREGATE a(int)", "SELECT 1 INTO t"}) {
            assertUnsupported(sql);
        }
    }
}
