package dev.lodedb.sql.exec;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.encoding.RowCodec;
import dev.lodedb.engine.encoding.RowColumn;
import dev.lodedb.engine.encoding.RowSchema;
import dev.lodedb.engine.types.DataType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A temporary file of materialized rows written by a spilling operator (a sorted run, a hash
 * partition): each row is a length-prefixed {@link RowCodec} row. The file is deleted on
 * {@link #close()}. Not thread-safe.
 */
final class SpillFile implements AutoCloseable {
    private final Path path;
    private final RowCodec codec;
    private DataOutputStream out;
    private long rows;

    SpillFile(List<DataType> types, Path directory) {
        List<RowColumn> cols = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            DataType t = types.get(i);
            cols.add(new RowColumn(i, t.id() == dev.lodedb.engine.types.TypeId.UNKNOWN ? DataType.TEXT : t, null));
        }
        this.codec = new RowCodec(new RowSchema(1, cols));
        try {
            Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(dir);
            this.path = Files.createTempFile(dir, "lode-spill-", ".tmp");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static SqlException failure(IOException e) {
        return new SqlException("53100", "could not write spill file: " + e.getMessage(), e);
    }

    /** Appends a row. */
    void write(Object[] row) {
        byte[] b = codec.encode(row);
        try {
            out.writeInt(b.length);
            out.write(b);
        } catch (IOException e) {
            throw failure(e);
        }
        rows++;
    }

    /** @return the number of rows written */
    long rows() {
        return rows;
    }

    /** Finishes writing; the rows can then be read (repeatedly) with {@link #read()}. */
    void finishWriting() {
        try {
            out.close();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** @return an iterator over the rows in write order */
    Iterator<Object[]> read() {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        } catch (IOException e) {
            throw failure(e);
        }
        return new Iterator<>() {
            Object[] next = advance();

            private Object[] advance() {
                try {
                    int n = in.readInt();
                    byte[] b = new byte[n];
                    in.readFully(b);
                    return codec.decode(b);
                } catch (EOFException e) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // reading is finished
                    }
                    return null;
                } catch (IOException e) {
                    throw failure(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Object[] r = next;
                next = advance();
                return r;
            }
        };
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** @return a rough estimate of the heap bytes a materialized row takes */
    static long estimateBytes(Object[] row) {
        long bytes = 16 + 8L * row.length;
        for (Object v : row) {
            if (v == null) {
                continue;
            }
            if (v instanceof String s) {
                bytes += 40 + s.length();
            } else if (v instanceof byte[] b) {
                bytes += 16 + b.length;
            } else if (v instanceof java.math.BigDecimal) {
                bytes += 48;
            } else {
                bytes += 24;
            }
        }
        return bytes;
    }
}
