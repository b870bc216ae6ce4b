package dev.lodedb.sql.stats;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Values;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of statistics (docs/engine/encoding.md, "Column statistics"). Every value starts
 * with the magic byte {@code 'S'} (0x53) and a format version (1), then a kind byte:
 * <pre>
 *   table  'T': rows (int64), analyzed at (int64, ms since the epoch)
 *   column 'C': type (modified UTF-8, DataType text), null fraction (float64), average width (int32),
 *               n_distinct (float64), MCV count (int32) then per value: text (modified UTF-8) and
 *               frequency (float64), histogram bound count (int32) then each bound's text
 * </pre>
 * Values are kept as their PostgreSQL text form ({@link Values#format}) and parsed back with the
 * column's type, so the format does not depend on the row codec. Thread-safe (stateless).
 */
public final class StatisticsCodec {
    /** First byte of every statistics value. */
    static final byte MAGIC = 'S';
    /** The format version written. */
    static final byte VERSION = 1;
    private static final byte TABLE = 'T';
    private static final byte COLUMN = 'C';

    private StatisticsCodec() {
    }

    /** @return the stored form of a table's entry */
    public static byte[] encodeTable(long rows, long analyzedAtMillis) {
        return write(out -> {
            out.writeByte(TABLE);
            out.writeLong(rows);
            out.writeLong(analyzedAtMillis);
        });
    }

    /** @return the stored form of a column's statistics */
    public static byte[] encodeColumn(ColumnStatistics c) {
        return write(out -> {
            out.writeByte(COLUMN);
            out.writeUTF(c.type().toString());
            out.writeDouble(c.nullFraction());
            out.writeInt(c.averageWidth());
            out.writeDouble(c.distinct());
            out.writeInt(c.mostCommonValues().size());
            for (int i = 0; i < c.mostCommonValues().size(); i++) {
                out.writeUTF(Values.format(c.type(), c.mostCommonValues().get(i)));
                out.writeDouble(c.mostCommonFrequencies()[i]);
            }
            out.writeInt(c.histogram().size());
            for (Object b : c.histogram()) {
                out.writeUTF(Values.format(c.type(), b));
            }
        });
    }

    /**
     * @param tableId the table the entries belong to
     * @param table the table entry's stored form
     * @param columns the column entries' stored forms with their column ids
     * @return the decoded statistics
     * @throws SqlException XX001 for a damaged or unknown-version entry
     */
    public static RelationStatistics decode(int tableId, byte[] table, List<byte[]> columns, List<Integer> columnIds) {
        try {
            DataInputStream in = reader(table, TABLE);
            long rows = in.readLong();
            long at = in.readLong();
            java.util.Map<Integer, ColumnStatistics> cols = new java.util.HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                cols.put(columnIds.get(i), column(columnIds.get(i), columns.get(i)));
            }
            return new RelationStatistics(tableId, rows, at, cols);
        } catch (IOException | RuntimeException e) {
            throw new SqlException(SqlException.DATA_CORRUPTED, "statistics of table " + tableId + " are damaged: "
                    + e.getMessage());
        }
    }

    private static ColumnStatistics column(int columnId, byte[] value) throws IOException {
        DataInputStream in = reader(value, COLUMN);
        DataType type = DataType.parse(in.readUTF());
        double nullFraction = in.readDouble();
        int width = in.readInt();
        double distinct = in.readDouble();
        int n = in.readInt();
        List<Object> mcv = new ArrayList<>(n);
        double[] freqs = new double[n];
        for (int i = 0; i < n; i++) {
            mcv.add(Values.parse(type, in.readUTF()));
            freqs[i] = in.readDouble();
        }
        int h = in.readInt();
        List<Object> bounds = new ArrayList<>(h);
        for (int i = 0; i < h; i++) {
            bounds.add(Values.parse(type, in.readUTF()));
        }
        return new ColumnStatistics(columnId, type, nullFraction, width, distinct, mcv, freqs, bounds);
    }

    private static DataInputStream reader(byte[] value, byte kind) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        if (in.readByte() != MAGIC) {
            throw new IOException("bad magic");
        }
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown format version " + version);
        }
        if (in.readByte() != kind) {
            throw new IOException("unexpected entry kind");
        }
        return in;
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
