package dev.lodedb.sql.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lodedb.engine.SqlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY FROM with its reader thread: errors found by the reader and by the writer keep their line
 * and their order, cancellation and every failure leave the table unchanged and the reader thread
 * gone, ON_ERROR ignore and progress count every record, and the bulk rewrite's duplicate checks
 * hold whether keys arrive in order or not. Inputs span many of the pipeline's batches.
 */
class CopyPipelineTest {
    @TempDir
    Path dir;
    SqlTestDatabase t;

    @BeforeEach
    void setUp() {
        t = new SqlTestDatabase(dir);
        t.exec("CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2), day date)");
    }

    @AfterEach
    void tearDown() {
        t.close();
        assertThat(readerThreads()).as("reader threads left running").isEmpty();
    }

    private static List<String> readerThreads() {
        List<String> names = new ArrayList<>();
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().equals("lode-copy-reader") && th.isAlive()) {
                names.add(th.getName());
            }
        }
        return names;
    }

    private static SqlException error(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    /** Lines {@code id,name id,price,day} for ids {@code from..to} (inclusive, either direction). */
    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        int step = from <= to ? 1 : -1;
        for (int i = from; i != to + step; i += step) {
            int a = Math.abs(i);
            sb.append(i).append(",name ").append(i).append(',').append(a % 1000).append(".25,2024-0")
                    .append(1 + a % 9).append("-1").append(a % 10).append('\n');
        }
        return sb.toString();
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** A stream over {@code data} that counts what was read and runs {@code atByte} once that many bytes were read. */
    private static final class WatchedStream extends InputStream {
        private final ByteArrayInputStream in;
        private final long trigger;
        private final Runnable atTrigger;
        long read;

        WatchedStream(String data, long trigger, Runnable atTrigger) {
            this.in = new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8));
            this.trigger = trigger;
            this.atTrigger = atTrigger;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, (int) Math.min(len, 4096));
            if (n > 0) {
                long before = read;
                read += n;
                if (before < trigger && read >= trigger && atTrigger != null) {
                    atTrigger.run();
                }
            }
            return n;
        }
    }

    @Test
    void readerErrorsDeepInTheFileNameTheirLineAndChangeNothing() throws IOException {
        t.exec("INSERT INTO item VALUES (-1, 'kept', 1, '2020-01-01')");
        String good = lines(1, 20_000);
        Path bad = file("bad.csv", good + "20001,late,notanumber,2024-01-01\n" + lines(20_002, 20_100));
        SqlException e = error(() -> t.exec("COPY item FROM '" + bad + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.detail()).isEqualTo("COPY item, line 20001, column price: \"notanumber\"");
        Path missing = file("missing.csv", "id,name,price,day\n" + good + "20001,late\n");
        e = error(() -> t.exec("COPY item FROM '" + missing + "' (FORMAT csv, HEADER)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(e.getMessage()).isEqualTo("missing data for column \"price\"");
        assertThat(e.detail()).isEqualTo("COPY item, line 20002");
        Path unterminated = file("quote.csv", good + "20001,\"open,1,2024-01-01\n");
        e = error(() -> t.exec("COPY item FROM '" + unterminated + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("22P04");
        assertThat(t.rows("SELECT id, name FROM item")).containsExactly("-1|kept");
    }

    @Test
    void aWriterErrorComesBeforeALaterReaderErrorAndStopsTheReader() {
        // row 3 duplicates row 1 (found by the writer); a bad value follows 50,000 lines later
        String data = "1,a,1,2024-01-01\n2,b,2,2024-01-01\n1,c,3,2024-01-01\n" + lines(3, 50_000)
                + "x,bad,1,2024-01-01\n";
        WatchedStream in = new WatchedStream(data, Long.MAX_VALUE, null);
        t.session.setCopyStreams(in, null);
        SqlException e = error(() -> t.exec("COPY item FROM STDIN (FORMAT csv)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.detail()).contains("Key (id)=(1) already exists").contains("COPY item, line 3");
        assertThat(readerThreads()).isEmpty();
        assertThat(in.read).as("the reader stopped early").isLessThan(data.length());
        assertThat(t.value("SELECT count(*) FROM item")).isEqualTo("0");
    }

    @Test
    void cancellationWhileReadingStopsTheImportAndChangesNothing() {
        t.exec("SET bulk_load_threshold = '64kB'");
        t.exec("INSERT INTO item VALUES (0, 'kept', 1, '2020-01-01')");
        String data = lines(1, 30_000);
        WatchedStream in = new WatchedStream(data, data.length() / 2, () -> t.session.cancel(false));
        t.session.setCopyStreams(in, null);
        SqlException e = error(() -> t.exec("COPY item FROM STDIN (FORMAT csv)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.getMessage()).isEqualTo("canceling statement due to user request");
        assertThat(readerThreads()).isEmpty();
        assertThat(t.rows("SELECT id, name FROM item")).containsExactly("0|kept");
        // the session works on
        t.session.setCopyStreams(new ByteArrayInputStream(lines(1, 3).getBytes(StandardCharsets.UTF_8)), null);
        assertThat(t.exec("COPY item FROM STDIN (FORMAT csv)")).isEqualTo(3);
        t.session.setCopyStreams(null, null);
    }

    @Test
    void cancellationIsSeenWhileEveryRowIsSkipped() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            sb.append(i).append(",n,notanumber,2024-01-01\n");
        }
        String data = sb.toString();
        WatchedStream in = new WatchedStream(data, data.length() / 3, () -> t.session.cancel(false));
        t.session.setCopyStreams(in, null);
        SqlException e = error(() -> t.exec("COPY item FROM STDIN (FORMAT csv, ON_ERROR ignore)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(readerThreads()).isEmpty();
        assertThat(in.read).as("the reader stopped before the end").isLessThan(data.length());
        // and without a cancel, all are skipped and counted
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        StatementResult r = t.session.execute(t.session.prepare("COPY item FROM STDIN (FORMAT csv, ON_ERROR ignore)"),
                List.of());
        t.session.setCopyStreams(null, null);
        assertThat(r.commandTag()).isEqualTo("COPY 0");
        assertThat(r.notices()).last().isEqualTo("30000 rows were skipped due to data type incompatibility");
    }

    @Test
    void anUnreadableInputIsAnIoErrorAfterTheRowsBeforeIt() {
        String data = lines(1, 5000);
        InputStream failing = new InputStream() {
            final WatchedStream in = new WatchedStream(data, Long.MAX_VALUE, null);

            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (in.read > data.length() / 2) {
                    throw new IOException("disk on fire");
                }
                return in.read(b, off, len);
            }
        };
        t.session.setCopyStreams(failing, null);
        SqlException e = error(() -> t.exec("COPY item FROM STDIN (FORMAT csv)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("58030");
        assertThat(e.getMessage()).contains("disk on fire");
        assertThat(t.value("SELECT count(*) FROM item")).isEqualTo("0");
    }

    @Test
    void onErrorIgnoreCountsSkippedRowsAcrossBatchesAndProgressCountsEveryRecord() throws IOException {
        StringBuilder sb = new StringBuilder("id,name,price,day\n");
        int bad = 0;
        for (int i = 1; i <= 10_000; i++) {
            boolean skip = i % 997 == 0 || i > 9_995;
            sb.append(i).append(",n").append(i).append(',').append(skip ? "x" : "1.5").append(",2024-02-02\n");
            bad += skip ? 1 : 0;
        }
        List<long[]> progress = new ArrayList<>();
        t.session.setImportProgress((rows, read, total) -> progress.add(new long[] {rows, read, total}));
        Path csv = file("mixed.csv", sb.toString());
        StatementResult r = t.session.execute(t.session.prepare("COPY item FROM '" + csv
                + "' (FORMAT csv, HEADER, ON_ERROR ignore)"), List.of());
        t.session.setImportProgress(null);
        assertThat(r.commandTag()).isEqualTo("COPY " + (10_000 - bad));
        assertThat(r.notices()).hasSize(6);
        assertThat(r.notices().get(0)).isEqualTo("skipping row due to data type incompatibility at line 998 for "
                + "column \"price\": invalid input syntax for type numeric: \"x\"");
        assertThat(r.notices().get(4)).contains("at line 4986 ");
        assertThat(r.notices().get(5)).isEqualTo(bad + " rows were skipped due to data type incompatibility");
        long[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).as("records, the header and skipped rows included").isEqualTo(10_001);
        assertThat(last[1]).isEqualTo(Files.size(csv));
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
    }

    @Test
    void jsonRecordsTakeDefaultsForMissingKeysAndNameTheRecordOfAWriterError() {
        t.exec("CREATE TABLE doc (id int PRIMARY KEY, title text DEFAULT 'untitled', tags jsonb)");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            sb.append(i % 2 == 0 ? "{\"id\": " + i + ", \"tags\": [" + i + "]}" : "{\"id\": " + i + ", \"title\": \"t\"}")
                    .append('\n');
        }
        t.session.setCopyStreams(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), null);
        assertThat(t.exec("COPY doc FROM STDIN (FORMAT jsonlines)")).isEqualTo(3000);
        assertThat(t.rows("SELECT id, title, tags FROM doc WHERE id IN (1, 2, 2999, 3000) ORDER BY id"))
                .containsExactly("1|t|NULL", "2|untitled|[2]", "2999|t|NULL", "3000|untitled|[3000]");
        t.session.setCopyStreams(new ByteArrayInputStream((sb + "{\"id\": 7}\n").getBytes(StandardCharsets.UTF_8)),
                null);
        t.exec("TRUNCATE doc");
        SqlException e = error(() -> t.exec("COPY doc FROM STDIN (FORMAT jsonlines)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.detail()).contains("COPY doc, record 3001 (line 3001)");
        assertThat(t.value("SELECT count(*) FROM doc")).isEqualTo("0");
    }

    @Test
    void jsonbColumnsReadStraightToTextKeepTheConversionErrorsOfTheirColumn() {
        t.exec("CREATE TABLE doc (id int PRIMARY KEY, tags jsonb, raw json)");
        String data = "{\"id\": 1, \"tags\": {\"b\": 1, \"a\": [1.50, -0, 1e2]}, \"raw\": {\"b\": 1, \"a\": 2}}\n"
                + "{\"id\": 2, \"tags\": [\"x\\u0000y\"]}\n"
                + "{\"id\": 3, \"tags\": {\"n\": 1e-20000}}\n"
                + "{\"id\": 4, \"tags\": \"scalar\"}\n";
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        StatementResult r = t.session.execute(t.session.prepare("COPY doc FROM STDIN (FORMAT jsonlines, ON_ERROR ignore)"),
                List.of());
        assertThat(r.commandTag()).isEqualTo("COPY 2");
        assertThat(r.notices()).containsExactly(
                "skipping row due to data type incompatibility at record 2 for column \"tags\": unsupported Unicode "
                        + "escape sequence",
                "skipping row due to data type incompatibility at record 3 for column \"tags\": value overflows "
                        + "numeric format",
                "2 rows were skipped due to data type incompatibility");
        assertThat(t.rows("SELECT id, tags, raw, tags->'a'->>0 FROM doc ORDER BY id")).containsExactly(
                "1|{\"a\": [1.50, 0, 100], \"b\": 1}|{\"b\":1,\"a\":2}|1.50", "4|\"scalar\"|NULL|NULL");
        t.session.setCopyStreams(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), null);
        t.exec("TRUNCATE doc");
        SqlException e = error(() -> t.exec("COPY doc FROM STDIN (FORMAT jsonlines)"));
        t.session.setCopyStreams(null, null);
        assertThat(e.sqlState()).isEqualTo("22P05");
        assertThat(e.detail()).contains("COPY doc, record 2 (line 2), column tags: [\"x\\u0000y\"]");
    }

    @Test
    void theRewriteChecksDuplicatesWhetherKeysAscendOrNot() throws IOException {
        t.exec("SET bulk_load_threshold = '16kB'");
        // ascending, then descending keys (the chunk gets its ordered view), then a duplicate of a
        // key of that same chunk
        Path dupInChunk = file("dup.csv", lines(1, 3000) + lines(-1, -400) + "-200,again,1,2024-01-01\n");
        SqlException e = error(() -> t.exec("COPY item FROM '" + dupInChunk + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.detail()).contains("Key (id)=(-200) already exists").contains("line 3401");
        // a duplicate of the last key (not above it)
        Path dupLast = file("dup2.csv", lines(1, 3000) + "3000,again,1,2024-01-01\n");
        e = error(() -> t.exec("COPY item FROM '" + dupLast + "' (FORMAT csv)"));
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.detail()).contains("line 3001");
        assertThat(t.value("SELECT count(*) FROM item")).isEqualTo("0");
        // shuffled keys load completely
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) {
            ids.add(i);
        }
        java.util.Collections.shuffle(ids, new java.util.Random(42));
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(lines(id, id));
        }
        assertThat(t.exec("COPY item FROM '" + file("shuffled.csv", sb.toString()) + "' (FORMAT csv)")).isEqualTo(6000);
        assertThat(t.value("SELECT count(*), min(id), max(id), sum(id) FROM item")).isEqualTo("6000|1|6000|18003000");
        assertThat(t.value("SELECT name FROM item WHERE id = 4321")).isEqualTo("name 4321");
    }
}
