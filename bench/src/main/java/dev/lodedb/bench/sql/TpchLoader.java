package dev.lodedb.bench.sql;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Creates the 8 TPC-H tables with the standard schema and fills them with the data of
 * {@code io.trino.tpch} (a Java port of dbgen) at a scale factor. The schema is the same text on
 * every engine: {@code INTEGER} keys ({@code BIGINT} for order keys), {@code DECIMAL(15,2)}
 * money and quantities, {@code CHAR(n)} / {@code VARCHAR(n)} as in the TPC-H specification,
 * {@code DATE}; primary keys as the specification names them, no foreign keys, no other indexes.
 *
 * <p>Rows go in through one {@code PreparedStatement} per table with
 * {@code addBatch}/{@code executeBatch}, one transaction per batch where the engine supports it.
 * DuckDB's JDBC batches execute row by row (about 100 times slower than its bulk path), so with
 * {@code native} loading DuckDB is filled through its own {@link DuckDBAppender} instead, which
 * the report says.
 */
public final class TpchLoader {
    /** Table names in load order. */
    public static final List<String> TABLES = List.of("region", "nation", "part", "supplier", "partsupp", "customer", "orders",
            "lineitem");

    private TpchLoader() {
    }

    /** @return the CREATE TABLE statements of the 8 tables, in load order */
    public static List<String> ddl() {
        return List.of(
                "CREATE TABLE region (r_regionkey INTEGER NOT NULL PRIMARY KEY, r_name CHAR(25) NOT NULL, r_comment VARCHAR(152) NOT NULL)",
                "CREATE TABLE nation (n_nationkey INTEGER NOT NULL PRIMARY KEY, n_name CHAR(25) NOT NULL, n_regionkey INTEGER NOT NULL,"
                        + " n_comment VARCHAR(152) NOT NULL)",
                "CREATE TABLE part (p_partkey INTEGER NOT NULL PRIMARY KEY, p_name VARCHAR(55) NOT NULL, p_mfgr CHAR(25) NOT NULL,"
                        + " p_brand CHAR(10) NOT NULL, p_type VARCHAR(25) NOT NULL, p_size INTEGER NOT NULL, p_container CHAR(10) NOT NULL,"
                        + " p_retailprice DECIMAL(15,2) NOT NULL, p_comment VARCHAR(23) NOT NULL)",
                "CREATE TABLE supplier (s_suppkey INTEGER NOT NULL PRIMARY KEY, s_name CHAR(25) NOT NULL, s_address VARCHAR(40) NOT NULL,"
                        + " s_nationkey INTEGER NOT NULL, s_phone CHAR(15) NOT NULL, s_acctbal DECIMAL(15,2) NOT NULL,"
                        + " s_comment VARCHAR(101) NOT NULL)",
                "CREATE TABLE partsupp (ps_partkey INTEGER NOT NULL, ps_suppkey INTEGER NOT NULL, ps_availqty INTEGER NOT NULL,"
                        + " ps_supplycost DECIMAL(15,2) NOT NULL, ps_comment VARCHAR(199) NOT NULL, PRIMARY KEY (ps_partkey, ps_suppkey))",
                "CREATE TABLE customer (c_custkey INTEGER NOT NULL PRIMARY KEY, c_name VARCHAR(25) NOT NULL, c_address VARCHAR(40) NOT NULL,"
                        + " c_nationkey INTEGER NOT NULL, c_phone CHAR(15) NOT NULL, c_acctbal DECIMAL(15,2) NOT NULL,"
                        + " c_mktsegment CHAR(10) NOT NULL, c_comment VARCHAR(117) NOT NULL)",
                "CREATE TABLE orders (o_orderkey BIGINT NOT NULL PRIMARY KEY, o_custkey INTEGER NOT NULL, o_orderstatus CHAR(1) NOT NULL,"
                        + " o_totalprice DECIMAL(15,2) NOT NULL, o_orderdate DATE NOT NULL, o_orderpriority CHAR(15) NOT NULL,"
                        + " o_clerk CHAR(15) NOT NULL, o_shippriority INTEGER NOT NULL, o_comment VARCHAR(79) NOT NULL)",
                "CREATE TABLE lineitem (l_orderkey BIGINT NOT NULL, l_partkey INTEGER NOT NULL, l_suppkey INTEGER NOT NULL,"
                        + " l_linenumber INTEGER NOT NULL, l_quantity DECIMAL(15,2) NOT NULL, l_extendedprice DECIMAL(15,2) NOT NULL,"
                        + " l_discount DECIMAL(15,2) NOT NULL, l_tax DECIMAL(15,2) NOT NULL, l_returnflag CHAR(1) NOT NULL,"
                        + " l_linestatus CHAR(1) NOT NULL, l_shipdate DATE NOT NULL, l_commitdate DATE NOT NULL,"
                        + " l_receiptdate DATE NOT NULL, l_shipinstruct CHAR(25) NOT NULL, l_shipmode CHAR(10) NOT NULL,"
                        + " l_comment VARCHAR(44) NOT NULL, PRIMARY KEY (l_orderkey, l_linenumber))");
    }

    /** What loading one table did. */
    public record TableLoad(String table, long rows, long nanos) {
    }

    /** What a whole load did. */
    public record Load(List<TableLoad> tables, long nanos, String method) {
        /** @return rows over all tables */
        public long rows() {
            return tables.stream().mapToLong(TableLoad::rows).sum();
        }

        /** @return one report line: total time, rows, method, and the time per table */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "load %,d rows in %.3f s (%s):", rows(),
                    SqlBench.seconds(nanos), method));
            for (TableLoad t : tables) {
                sb.append(String.format(Locale.ROOT, " %s %.2f", t.table(), SqlBench.seconds(t.nanos())));
            }
            return sb.toString();
        }
    }

    /**
     * Creates the tables and loads scale factor {@code sf} into them.
     *
     * @param batch rows per {@code executeBatch} and per commit (JDBC path)
     * @param nativeLoad whether DuckDB uses its appender (other engines always use JDBC batches)
     * @return the load's times per table (data generation included: it is the same work on every
     *     engine; {@link #generateOnly} measures it alone)
     */
    public static Load load(Connection c, JdbcEngine engine, double sf, int batch, boolean nativeLoad) throws SQLException {
        boolean appender = nativeLoad && engine == JdbcEngine.DUCKDB;
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) { // in auto-commit mode: LodeDB runs DDL outside transaction blocks
            for (String ddl : ddl()) {
                s.execute(ddl);
            }
        }
        String note = appender ? null : SqlBench.tryManualCommit(c);
        String method = appender ? "DuckDB appender"
                : "JDBC batches of " + batch + (note == null ? ", one transaction per batch" : ", auto-commit: " + note);
        List<TableLoad> loads = new ArrayList<>();
        for (String name : TABLES) {
            long t = System.nanoTime();
            TpchTable<?> table = TpchTable.getTable(name);
            long rows = appender ? appendDuckDb(c.unwrap(DuckDBConnection.class), table, sf)
                    : insertJdbc(c, engine, table, sf, batch);
            loads.add(new TableLoad(name, rows, System.nanoTime() - t));
        }
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true); // the queries run as they would for any client
        }
        return new Load(Collections.unmodifiableList(loads), System.nanoTime() - t0, method);
    }

    /**
     * Generates scale factor {@code sf} and reads every value, storing nothing.
     *
     * @return nanoseconds the generation alone takes (the part of every load that is not the
     *     engine's)
     */
    public static long generateOnly(double sf) {
        long t0 = System.nanoTime();
        long sink = 0;
        for (String name : TABLES) {
            sink += generate(TpchTable.getTable(name), sf);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return System.nanoTime() - t0;
    }

    private static <E extends TpchEntity> long generate(TpchTable<E> table, double sf) {
        long sink = 0;
        for (E row : table.createGenerator(sf, 1, 1)) {
            for (TpchColumn<E> col : table.getColumns()) {
                sink += switch (col.getType().getBase()) {
                    case IDENTIFIER -> col.getIdentifier(row);
                    case INTEGER -> col.getInteger(row);
                    case DATE -> col.getDate(row);
                    case DOUBLE -> decimal(col.getDouble(row)).unscaledValue().longValue();
                    case VARCHAR -> col.getString(row).length();
                };
            }
        }
        return sink;
    }

    private static <E extends TpchEntity> long insertJdbc(Connection c, JdbcEngine engine, TpchTable<E> table, double sf, int batch)
            throws SQLException {
        List<TpchColumn<E>> cols = table.getColumns();
        String sql = "INSERT INTO " + table.getTableName() + " VALUES (" + "?, ".repeat(cols.size() - 1) + "?)";
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (E row : table.createGenerator(sf, 1, 1)) {
                for (int i = 0; i < cols.size(); i++) {
                    TpchColumn<E> col = cols.get(i);
                    int p = i + 1;
                    switch (col.getType().getBase()) {
                        case IDENTIFIER -> {
                            if (isBigint(col)) {
                                ps.setLong(p, col.getIdentifier(row));
                            } else {
                                ps.setInt(p, Math.toIntExact(col.getIdentifier(row)));
                            }
                        }
                        case INTEGER -> ps.setInt(p, col.getInteger(row));
                        case DATE -> engine.bindDate(ps, p, LocalDate.ofEpochDay(col.getDate(row)));
                        case DOUBLE -> ps.setBigDecimal(p, decimal(col.getDouble(row)));
                        case VARCHAR -> ps.setString(p, col.getString(row));
                    }
                }
                ps.addBatch();
                rows++;
                if (++pending == batch) {
                    ps.executeBatch();
                    SqlBench.commitIfManual(c);
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
                SqlBench.commitIfManual(c);
            }
        }
        return rows;
    }

    private static <E extends TpchEntity> long appendDuckDb(DuckDBConnection c, TpchTable<E> table, double sf) throws SQLException {
        List<TpchColumn<E>> cols = table.getColumns();
        long rows = 0;
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getTableName())) {
            for (E row : table.createGenerator(sf, 1, 1)) {
                a.beginRow();
                for (TpchColumn<E> col : cols) {
                    switch (col.getType().getBase()) {
                        case IDENTIFIER -> {
                            if (isBigint(col)) {
                                a.append(col.getIdentifier(row));
                            } else {
                                a.append(Math.toIntExact(col.getIdentifier(row)));
                            }
                        }
                        case INTEGER -> a.append(col.getInteger(row));
                        case DATE -> a.append(LocalDate.ofEpochDay(col.getDate(row)));
                        case DOUBLE -> a.append(decimal(col.getDouble(row)));
                        case VARCHAR -> a.append(col.getString(row));
                    }
                }
                a.endRow();
                rows++;
            }
            a.flush();
        }
        return rows;
    }

    /** Order keys are BIGINT (they exceed 2^31 from scale factor 300 on); other keys INTEGER. */
    private static boolean isBigint(TpchColumn<?> col) {
        return col.getColumnName().endsWith("_orderkey") && !col.getColumnName().startsWith("ps_");
    }

    /** dbgen's money and quantities are whole cents: exact as DECIMAL(15,2). */
    static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(Math.round(v * 100), 2);
    }

    /**
     * Runs the engine's statistics command ({@code ANALYZE}) so its planner knows the tables, as
     * any user loading data would.
     *
     * @return null on success, else why it failed (an engine without ANALYZE is not an error)
     */
    public static String analyze(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            SqlBench.commitIfManual(c);
            return null;
        } catch (SQLException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
