package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.TableDef;
import dev.lodedb.engine.encoding.TableKeys;
import dev.lodedb.storage.ReadOptions;
import dev.lodedb.storage.StoreIterator;
import dev.lodedb.storage.WriteBatch;
import dev.lodedb.storage.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY FROM's errors (SQLSTATE, and the line, column and value named in the detail), atomicity on
 * the single-batch path and on the rewrite path, ON_ERROR ignore, gzip, progress and the cleanup
 * of a crashed rewrite.
 */
class CopyErrorsTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE city (id int PRIMARY KEY, name text NOT NULL, population bigint);"
                + "INSERT INTO city VALUES (1, 'Oslo', 700000), (2, 'Bergen', 285000)");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    /** @return message and detail, as a user sees them */
    private static String shown(SqlException e) {
        return e.getMessage() + "\n" + e.detail();
    }

    private Path file(String name, String content) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    /** A CSV of {@code n} good rows with ids from {@code first}, then {@code tail}. */
    private Path bigCsv(String name, int first, int n, String tail) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = first; i < first + n; i++) {
            sb.append(i).append(",city number ").append(i).append(',').append(i * 10L).append('\n');
        }
        return file(name, sb.append(tail).toString());
    }

    private List<String> cities() {
        return t.rows("SELECT * FROM city ORDER BY id");
    }

    /** @return the distinct storage ids that have row keys in the store */
    private TreeSet<Integer> storedPrefixes() {
        TreeSet<Integer> ids = new TreeSet<>();
        try (StoreIterator it = t.db.store().newIterator(ReadOptions.DEFAULT.withBounds(new byte[] {TableKeys.ROW_PREFIX},
                new byte[] {TableKeys.ROW_PREFIX + 1}))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                ids.add(((k[1] & 0xff) << 24) | ((k[2] & 0xff) << 16) | ((k[3] & 0xff) << 8) | (k[4] & 0xff));
            }
        }
        return ids;
    }

    private boolean anyStagingMarker() {
        try (StoreIterator it = t.db.store().newIterator(ReadOptions.DEFAULT.withBounds(
                new byte[] {TableKeys.STAGING_PREFIX}, new byte[] {TableKeys.STAGING_PREFIX + 1}))) {
            it.seekToFirst();
            return it.isValid();
        }
    }

    @Test
    void aBadValueStopsTheImportNamingLineColumnAndValueAndChangesNothing() throws IOException {
        List<String> before = cities();
        Path csv = file("bad.csv", "id,name,population\n3,Trondheim,200000\n4,Stavanger,abc\n5,Tromsø,77000\n");
        SqlException e = error(() -> t.exec("COPY city FROM '" + csv + "' (FORMAT csv, HEADER)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("invalid input syntax for type bigint: \"abc\"")
                .contains("COPY city, line 3, column population: \"abc\"");
        assertThat(cities()).isEqualTo(before);

        Path text = file("bad.txt", "3\tTrondheim\t200000\n4\tStavanger\t99999999999999999999\n");
        e = error(() -> t.exec("COPY city FROM '" + text + "'"));
        assertThat(e.sqlState()).isEqualTo("22003");
        assertThat(shown(e)).contains("line 2, column population");
        assertThat(cities()).isEqualTo(before);
    }

    @Test
    void constraintAndFormatErrorsNameTheLine() throws IOException {
        List<String> before = cities();
        SqlException e = error(() -> t.exec("COPY city FROM '" + file("dup.csv", "3,a,1\n1,b,2\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(shown(e)).contains("Key (id)=(1) already exists").contains("COPY city, line 2");
        e = error(() -> t.exec("COPY city FROM '" + file("dup2.csv", "3,a,1\n3,b,2\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(shown(e)).contains("COPY city, line 2");
        e = error(() -> t.exec("COPY city FROM '" + file("nn.csv", "3,a,1\n4,,2\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23502");
        assertThat(shown(e)).contains("null value in column \"name\"").contains("line 2");
        e = error(() -> t.exec("COPY city FROM '" + file("few.csv", "3,a,1\n4,b\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(shown(e)).contains("missing data for column \"population\"").contains("line 2");
        e = error(() -> t.exec("COPY city FROM '" + file("many.csv", "3,a,1,x\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(shown(e)).contains("extra data after last expected column").contains("line 1");
        e = error(() -> t.exec("COPY city FROM '" + file("open.csv", "3,\"unterminated,1\n") + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(e.getMessage()).contains("unterminated CSV quoted field");
        e = error(() -> t.exec("COPY city FROM '" + file("hdr.csv", "id,nom,population\n") + "' (FORMAT csv, HEADER match)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(e.getMessage()).isEqualTo("column name mismatch in header line field 2: got \"nom\", expected \"name\"");
        e = error(() -> t.exec("COPY city FROM '" + file("crlf.txt", "3\ta\t1\r\n4\tb\t2\n") + "'"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(e.getMessage()).isEqualTo("literal newline found in data");
        e = error(() -> t.exec("COPY city FROM '" + dir.resolve("missing.csv") + "'"));
        assertThat(e.sqlState()).isEqualTo("58P01");
        assertThat(e.getMessage()).contains("missing.csv").contains("No such file or directory");
        e = error(() -> t.exec("COPY city FROM STDIN"));
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.hint()).contains("\\copy");
        e = error(() -> t.exec("COPY city FROM STDIN (FORMAT binary)"));
        assertThat(e.sqlState()).isEqualTo("0A000");
        e = error(() -> t.exec("COPY city FROM STDIN (ENCODING 'WIN1252')"));
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(cities()).isEqualTo(before);
    }

    @Test
    void encodingsAreCheckedAndLatin1IsDecoded() throws IOException {
        Path bad = dir.resolve("bad-utf8.csv");
        Files.write(bad, new byte[] {'3', ',', 'a', (byte) 0xe9, 'b', ',', '1', '\n'});
        SqlException e = error(() -> t.exec("COPY city FROM '" + bad + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22021");
        assertThat(shown(e)).contains("invalid byte sequence for encoding \"UTF8\": 0xe9").contains("line 1");
        assertThat(t.exec("COPY city FROM '" + bad + "' (FORMAT csv, ENCODING 'LATIN1')")).isEqualTo(1);
        assertThat(t.value("SELECT name FROM city WHERE id = 3")).isEqualTo("aéb");
        Path out = dir.resolve("latin1.txt");
        t.exec("COPY (SELECT name FROM city WHERE id = 3) TO '" + out + "' (ENCODING 'LATIN1')");
        assertThat(Files.readAllBytes(out)).containsExactly('a', 0xe9, 'b', '\n');
        t.exec("INSERT INTO city VALUES (4, '€', 1)");
        e = error(() -> t.exec("COPY city TO '" + out + "' (ENCODING 'LATIN1')"));
        assertThat(e.sqlState()).isEqualTo("22P05");
    }

    @Test
    void onErrorIgnoreSkipsRowsThatDoNotConvertAndReportsThem() throws IOException {
        Path csv = file("mixed.csv", "3,a,1\n4,b,x\n5,c,3\n6,d,4.5\n7,e,7\n");
        t.session.setCopyStreams(null, null);
        StatementResult r = t.session.execute(t.session.prepare("COPY city FROM '" + csv
                + "' (FORMAT csv, ON_ERROR ignore)"), List.of());
        assertThat(r.commandTag()).isEqualTo("COPY 3");
        assertThat(r.notices()).containsExactly(
                "skipping row due to data type incompatibility at line 2 for column \"population\": invalid input "
                        + "syntax for type bigint: \"x\"",
                "skipping row due to data type incompatibility at line 4 for column \"population\": invalid input "
                        + "syntax for type bigint: \"4.5\"",
                "2 rows were skipped due to data type incompatibility");
        assertThat(t.rows("SELECT id FROM city WHERE id > 2 ORDER BY id")).containsExactly("3", "5", "7");
        // skip is accepted as ignore; a duplicate key still stops the import (as in PostgreSQL)
        SqlException e = error(() -> t.exec("COPY city FROM '" + file("dup.csv", "8,a,1\n1,b,x\n1,c,2\n")
                + "' (FORMAT csv, ON_ERROR skip)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(shown(e)).contains("line 3");
    }

    @Test
    void whereFiltersAndColumnListsTakeDefaults() throws IOException {
        t.exec("CREATE TABLE t (a int, b text DEFAULT 'dflt', c int)");
        Path csv = file("ac.csv", "1,10\n2,20\n3,30\n");
        assertThat(t.exec("COPY t (a, c) FROM '" + csv + "' (FORMAT csv) WHERE c > 10")).isEqualTo(2);
        assertThat(t.rows("SELECT * FROM t ORDER BY a")).containsExactly("2|dflt|20", "3|dflt|30");
        SqlException e = error(() -> t.exec("COPY t (a, zz) FROM '" + csv + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("42703");
    }

    @Test
    void gzipIsDetectedByContentAndWrittenForGzNames() throws IOException {
        Path gz = dir.resolve("cities.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("3,Trondheim,200000\n4,Stavanger,145000\n".getBytes(StandardCharsets.UTF_8));
        }
        List<long[]> progress = new ArrayList<>();
        t.session.setImportProgress((rows, read, total) -> progress.add(new long[] {rows, read, total}));
        assertThat(t.exec("COPY city FROM '" + gz + "' (FORMAT csv)")).isEqualTo(2);
        t.session.setImportProgress(null);
        assertThat(progress).isNotEmpty();
        long[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).isEqualTo(2);
        assertThat(last[1]).as("compressed bytes read").isEqualTo(Files.size(gz));
        assertThat(last[2]).isEqualTo(Files.size(gz));
        Path out = dir.resolve("out.csv.gz");
        assertThat(t.exec("COPY city TO '" + out + "' (FORMAT csv)")).isEqualTo(4);
        byte[] b = Files.readAllBytes(out);
        assertThat(b[0] & 0xff).isEqualTo(0x1f);
        assertThat(b[1] & 0xff).isEqualTo(0x8b);
        t.exec("CREATE TABLE copy2 AS SELECT * FROM city WITH NO DATA");
        assertThat(t.exec("COPY copy2 FROM '" + out + "' (FORMAT csv)")).isEqualTo(4);
        assertThat(t.rows("SELECT * FROM copy2 ORDER BY id")).isEqualTo(cities());
    }

    @Test
    void stdinAndStdoutUseTheSessionStreams() {
        t.session.setCopyStreams(new ByteArrayInputStream("3\tx\t1\n\\.\n".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(t.exec("COPY city FROM STDIN")).isEqualTo(1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        t.session.setCopyStreams(null, out);
        t.exec("COPY (SELECT id, name FROM city WHERE id = 3) TO STDOUT");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("3\tx\n");
    }

    @Test
    void aLargeImportRewritesTheTableAtomically() throws IOException {
        t.exec("SET bulk_load_threshold = '1kB'");
        TableDef before = t.db.catalog().table("public", "city");
        List<String> rowsBefore = cities();
        PreparedSql count = t.session.prepare("SELECT count(*), sum(population) FROM city");
        assertThat(t.session.execute(count, List.of()).commandTag()).isNotNull();

        // a bad row at the end of a file far larger than the threshold: nothing changes
        Path bad = bigCsv("bad.csv", 10, 5000, "99999,late,notanumber\n");
        SqlException e = error(() -> t.exec("COPY city FROM '" + bad + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(shown(e)).contains("line 5001, column population: \"notanumber\"");
        assertThat(cities()).isEqualTo(rowsBefore);
        assertThat(t.db.catalog().table("public", "city")).isEqualTo(before);
        assertThat(storedPrefixes()).containsExactly(before.storageId());
        assertThat(anyStagingMarker()).isFalse();

        // a duplicate of an existing row, found after the switch (keys not ascending)
        Path dup = bigCsv("dup.csv", 10, 5000, "2,again,1\n");
        e = error(() -> t.exec("COPY city FROM '" + dup + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(shown(e)).contains("Key (id)=(2) already exists").contains("line 5001");
        // a duplicate inside the file, in an earlier chunk
        Path dup2 = bigCsv("dup2.csv", 10, 5000, "11,again,1\n");
        e = error(() -> t.exec("COPY city FROM '" + dup2 + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(cities()).isEqualTo(rowsBefore);
        assertThat(storedPrefixes()).containsExactly(before.storageId());

        // a good one: the table moves to new storage, the old range is gone, readers re-bind
        Path good = bigCsv("good.csv", 10, 5000, "");
        assertThat(t.exec("COPY city FROM '" + good + "' (FORMAT csv)")).isEqualTo(5000);
        TableDef after = t.db.catalog().table("public", "city");
        assertThat(after.storageId()).isNotEqualTo(before.storageId());
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(storedPrefixes()).containsExactly(after.storageId());
        assertThat(anyStagingMarker()).isFalse();
        assertThat(t.value("SELECT count(*) FROM city")).isEqualTo("5002");
        assertThat(t.rows("SELECT * FROM city WHERE id <= 10 ORDER BY id")).containsExactly(rowsBefore.get(0),
                rowsBefore.get(1), "10|city number 10|100");
        try (StatementResult r = t.session.execute(count, List.of())) {
            assertThat(r.next().rowValues(0)[0]).isEqualTo(5002L);
        }
        t.exec("INSERT INTO city VALUES (100000, 'after', 1)");
        t.reopen();
        assertThat(t.value("SELECT count(*) FROM city")).isEqualTo("5003");
        assertThat(t.db.catalog().table("public", "city").storageId()).isEqualTo(after.storageId());
        assertThat(t.db.rowCount(after.id())).isEqualTo(5003);
        // TRUNCATE and DROP remove the rows under the table's current storage
        t.exec("TRUNCATE city");
        assertThat(storedPrefixes()).isEmpty();
        assertThat(t.exec("COPY city FROM '" + good + "' (FORMAT csv)")).isEqualTo(5000);
        assertThat(storedPrefixes()).containsExactly(after.storageId());
        t.exec("DROP TABLE city");
        assertThat(storedPrefixes()).isEmpty();
    }

    @Test
    void aLargeImportIntoATableWithoutPrimaryKeyAndCreateTableAsRewriteToo() throws IOException {
        t.exec("SET bulk_load_threshold = '2kB'; CREATE TABLE log (id int, msg text)");
        t.exec("INSERT INTO log VALUES (0, 'first')");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            sb.append(i).append("\tmessage ").append(i).append('\n');
        }
        assertThat(t.exec("COPY log FROM '" + file("log.txt", sb.toString()) + "'")).isEqualTo(3000);
        assertThat(t.value("SELECT count(*) FROM log")).isEqualTo("3001");
        assertThat(t.value("SELECT sum(id) FROM log")).isEqualTo(Long.toString(3000L * 3001 / 2));
        t.exec("INSERT INTO log VALUES (-1, 'later')");
        assertThat(t.value("SELECT count(DISTINCT msg) FROM log")).isEqualTo("3002");
        assertThat(t.exec("CREATE TABLE log2 AS SELECT * FROM log WHERE id > 0")).isEqualTo(3000);
        assertThat(t.value("SELECT count(*) FROM log2")).isEqualTo("3000");
        assertThat(anyStagingMarker()).isFalse();
        SqlException e = error(() -> t.exec("CREATE TABLE log3 AS SELECT id / (id - 2999) FROM log WHERE id > 0"));
        assertThat(e.sqlState()).isEqualTo("22012");
        assertThat(t.db.catalog().table("public", "log3")).isNull();
        assertThat(anyStagingMarker()).isFalse();
    }

    @Test
    void aCrashedRewriteLeavesNothingAfterReopen() {
        int staged = t.db.catalog().nextObjectId();
        WriteBatch b = new WriteBatch().put(TableKeys.stagingKey(staged), new byte[0]);
        for (int i = 0; i < 100; i++) {
            b.put(TableKeys.rowIdKey(staged, i), new byte[] {1, 2, 3});
        }
        t.db.store().write(WriteOptions.SYNC, b);
        assertThat(storedPrefixes()).contains(staged);
        t.reopen();
        assertThat(storedPrefixes()).doesNotContain(staged);
        assertThat(anyStagingMarker()).isFalse();
        assertThat(cities()).hasSize(2);
    }
}
