package dev.lodedb.engine.encoding;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.PgEpoch;
import dev.lodedb.engine.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The row value format (format 1): a compact, versioned encoding of one table row that lets the
 * schema change without rewriting the table, and lets a reader decode any subset of columns
 * without touching the others.
 *
 * <pre>
 *   format        1 byte    0x01
 *   version       varint    the schema version the row was written with
 *   slots         varint    n = one past the largest column id of that schema
 *   null bitmap   ceil(n/8) bit i (byte i/8, bit i%8, least significant first) set = slot i is
 *                           NULL; slots of dropped columns are NULL; unused high bits are 0
 *   offset width  1 byte    w = 1, 2 or 4
 *   end offsets   m * w     little-endian end of each of the m non-NULL values, relative to the
 *                           start of the data, non-decreasing; the last equals the data length
 *   data          values of the non-NULL slots in slot order, each in its type's compact form
 * </pre>
 *
 * Slots are column ids (see {@link RowColumn}), not positions: a column keeps its slot for life,
 * so {@code ADD COLUMN} gives rows written later a new slot and rows written earlier simply end
 * before it (they read as the column's {@link RowColumn#missingValue()}); {@code DROP COLUMN}
 * leaves the slot unread (and NULL in new rows). The end offsets give each value's length and
 * position directly, so a projection reads only the header and the values it asks for. Value
 * forms: boolean 1 byte; smallint, integer, bigint, date (days from 2000-01-01), timestamp,
 * timestamptz (microseconds from 2000-01-01) zigzag varints; time an unsigned varint of
 * microseconds; real and double 4 and 8 bytes little-endian IEEE; numeric a zigzag varint scale
 * then the unscaled value in big-endian two's complement; text types, json and bytea their
 * UTF-8 or raw bytes (the length is implicit in the offsets); jsonb its canonical text (a binary
 * form can come as format 2); interval three zigzag varints (months, days, microseconds); uuid 16
 * bytes big-endian.
 *
 * <p>A codec is built for the current {@link RowSchema}; values are passed and returned in the
 * schema's column order. Immutable and thread-safe.
 */
public final class RowCodec {
    /** The format byte this codec writes. */
    public static final int FORMAT_V1 = 0x01;
    /** Most column slots a row can have, PostgreSQL's {@code MaxHeapAttributeNumber}. */
    public static final int MAX_COLUMNS = 1600;

    private final RowSchema schema;
    private final int slotCount;
    /** Per thread, the buffer a row's values are written to before its exact-size array is made. */
    private static final ThreadLocal<ByteWriter> SCRATCH = ThreadLocal.withInitial(() -> new ByteWriter(1024));
    /** Scratch buffers larger than this are not kept after the row that grew them. */
    private static final int MAX_SCRATCH = 1 << 16;

    /** Schema column indexes sorted by column id. */
    private final int[] bySlot;
    /** Per schema column, what a corruption message calls its value. */
    private final String[] valueNames;

    /** @param schema the schema rows are written with and read into */
    public RowCodec(RowSchema schema) {
        this.schema = schema;
        this.slotCount = schema.slotCount();
        List<RowColumn> cols = schema.columns();
        Integer[] order = new Integer[cols.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cols.get(a).id(), cols.get(b).id()));
        bySlot = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        valueNames = new String[cols.size()];
        for (int i = 0; i < valueNames.length; i++) {
            valueNames[i] = "row (column id " + cols.get(i).id() + ", " + cols.get(i).type() + ")";
        }
    }

    /** @return the schema of this codec */
    public RowSchema schema() {
        return schema;
    }

    /**
     * @param values one value per schema column, in schema order ({@code null} for NULL)
     * @return the encoded row
     * @throws IllegalArgumentException if the number of values is wrong or a value is not a valid
     *     value of its column's type ({@link Values#check}); type modifiers are the caller's
     *     business ({@link Values#cast} with {@code ASSIGNMENT})
     */
    public byte[] encode(Object[] values) {
        List<RowColumn> cols = schema.columns();
        if (values.length != cols.size()) {
            throw new IllegalArgumentException("expected " + cols.size() + " values, got "
                    + values.length);
        }
        byte[] bitmap = new byte[(slotCount + 7) / 8];
        Arrays.fill(bitmap, (byte) 0xff);
        if (slotCount % 8 != 0) {
            bitmap[bitmap.length - 1] = (byte) ((1 << (slotCount % 8)) - 1);
        }
        ByteWriter data = SCRATCH.get();
        data.truncate(0);
        int[] ends = new int[values.length];
        int m = 0;
        for (int k : bySlot) {
            Object v = values[k];
            if (v == null) {
                continue;
            }
            RowColumn c = cols.get(k);
            writeChecked(data, c.type(), v);
            int slot = c.id();
            bitmap[slot >> 3] &= (byte) ~(1 << (slot & 7));
            ends[m++] = data.size();
        }
        int total = data.size();
        int width = total <= 0xff ? 1 : total <= 0xffff ? 2 : 4;
        int version = schema.version();
        // one array of the exact size: format, version, slots, bitmap, width, end offsets, data
        int size = 1 + varintLength(version) + varintLength(slotCount) + bitmap.length + 1 + m * width + total;
        byte[] row = new byte[size];
        int p = 0;
        row[p++] = (byte) FORMAT_V1;
        p = putVarint(row, p, version);
        p = putVarint(row, p, slotCount);
        System.arraycopy(bitmap, 0, row, p, bitmap.length);
        p += bitmap.length;
        row[p++] = (byte) width;
        for (int i = 0; i < m; i++) {
            int e = ends[i];
            row[p++] = (byte) e;
            if (width >= 2) {
                row[p++] = (byte) (e >>> 8);
            }
            if (width == 4) {
                row[p++] = (byte) (e >>> 16);
                row[p++] = (byte) (e >>> 24);
            }
        }
        data.copyTo(row, p);
        if (data.capacity() > MAX_SCRATCH) {
            SCRATCH.remove(); // a huge row: do not keep its buffer
        }
        return row;
    }

    private static int varintLength(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] b, int p, int v) {
        while ((v & ~0x7f) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /**
     * Writes a value after the checks of {@link Values#check} (class, ranges, text validity),
     * done as part of the conversion instead of in a separate pass.
     *
     * @throws IllegalArgumentException as {@link Values#check}
     */
    private static void writeChecked(ByteWriter w, DataType type, Object v) {
        int at = w.size();
        try {
            switch (type.id()) {
                case TEXT, VARCHAR, CHAR, UNKNOWN -> {
                    if (!w.putUtf8Strict((String) v)) {
                        Values.check(type, v); // NUL or an unpaired surrogate: throws its message
                        throw new IllegalStateException("a string the UTF-8 writer rejected passed the check");
                    }
                    return;
                }
                case NUMERIC -> {
                    BigDecimal b = (BigDecimal) v;
                    int scale = b.scale();
                    BigInteger u = b.unscaledValue();
                    // within PostgreSQL's limits (Values.check): a value of at most 19 digits is when
                    // its scale is, without computing its precision
                    boolean small = u.bitLength() < 64 && scale <= 16_383 && 19L - scale <= 131_072;
                    if (!small && (scale > 16_383 || (long) b.precision() - scale > 131_072)) {
                        Values.check(type, v);
                    }
                    w.putZigzag(scale);
                    if (u.bitLength() < 64) {
                        w.putMinimalBE(u.longValue()); // the bytes of toByteArray(), without its loop
                    } else {
                        w.put(u.toByteArray());
                    }
                    return;
                }
                case TIMESTAMPTZ -> {
                    if (!((OffsetDateTime) v).getOffset().equals(java.time.ZoneOffset.UTC)) {
                        Values.check(type, v);
                    }
                }
                default -> { }
            }
            writeValue(w, type, v);
        } catch (ClassCastException | SqlException e) {
            w.truncate(at);
            Values.check(type, v); // throws the IllegalArgumentException that says what is wrong
            throw e;
        }
    }

    /**
     * @param row an encoded row
     * @return the schema version the row was written with
     * @throws SqlException XX001 if the row does not start with a valid format-1 header
     */
    public static int schemaVersion(byte[] row) {
        ByteReader r = new ByteReader(row, 0, row.length, "row");
        checkFormat(r);
        return r.getVarintInt();
    }

    private static void checkFormat(ByteReader r) {
        int f = r.get();
        if (f != FORMAT_V1) {
            throw r.corrupt("unknown row format 0x" + Integer.toHexString(f));
        }
    }

    /** The parsed header of one row. */
    private static final class Header {
        int slots;
        int bitmapAt;
        int width;
        int offsetsAt;
        int dataAt;
        int dataLength;

        boolean isNull(byte[] row, int slot) {
            return (row[bitmapAt + (slot >> 3)] & (1 << (slot & 7))) != 0;
        }

        /** @return the number of non-NULL slots before {@code slot} */
        int rank(byte[] row, int slot) {
            return RowCodec.rank(row, bitmapAt, slot);
        }

        int end(byte[] row, int index) {
            return endOffset(row, offsetsAt, width, index);
        }
    }

    /**
     * @return the number of non-NULL slots before {@code slot}, in a row whose null bitmap starts at
     *     {@code bitmapAt}
     */
    private static int rank(byte[] row, int bitmapAt, int slot) {
        int nulls = 0;
        int full = slot >> 3;
        for (int i = 0; i < full; i++) {
            nulls += Integer.bitCount(row[bitmapAt + i] & 0xff);
        }
        int rest = slot & 7;
        if (rest != 0) {
            nulls += Integer.bitCount(row[bitmapAt + full] & ((1 << rest) - 1));
        }
        return slot - nulls;
    }

    /** @return the XX001 error for damage found at byte {@code position} of {@code row} */
    private static SqlException corruptAt(byte[] row, int position, String reason) {
        ByteReader r = new ByteReader(row, 0, row.length, "row");
        r.position(position);
        return r.corrupt(reason);
    }

    /** @return end offset {@code index} of a row whose offsets of {@code width} bytes start at {@code offsetsAt} */
    private static int endOffset(byte[] row, int offsetsAt, int width, int index) {
        int p = offsetsAt + index * width;
        int e = row[p] & 0xff;
        if (width >= 2) {
            e |= (row[p + 1] & 0xff) << 8;
        }
        if (width == 4) {
            e |= (row[p + 2] & 0xff) << 16 | (row[p + 3] & 0xff) << 24;
        }
        return e;
    }

    /**
     * Parses a row's header up to its data into {@code h}: format, version, slots, null bitmap (no
     * bits past the last slot), offset width, and that the end offsets fit in the row; the offsets
     * themselves are not checked.
     *
     * @return the number of non-NULL values (end offsets)
     * @throws SqlException XX001 if the header is corrupt
     */
    private static int parseHeader(byte[] row, Header h) {
        ByteReader r = new ByteReader(row, 0, row.length, "row");
        checkFormat(r);
        r.getVarintInt();
        h.slots = r.getVarintInt();
        if (h.slots > MAX_COLUMNS) {
            throw r.corrupt(h.slots + " column slots (at most " + MAX_COLUMNS + ")");
        }
        h.bitmapAt = r.position();
        int bitmapBytes = (h.slots + 7) / 8;
        r.skip(bitmapBytes);
        if (h.slots % 8 != 0 && (row[h.bitmapAt + bitmapBytes - 1] & 0xff) >>> (h.slots % 8) != 0) {
            throw r.corrupt("null bitmap has bits set past slot " + h.slots);
        }
        int nulls = 0;
        for (int i = 0; i < bitmapBytes; i++) {
            nulls += Integer.bitCount(row[h.bitmapAt + i] & 0xff);
        }
        int m = h.slots - nulls;
        h.width = r.get();
        if (h.width != 1 && h.width != 2 && h.width != 4) {
            throw r.corrupt("bad offset width " + h.width);
        }
        h.offsetsAt = r.position();
        r.skip(m * h.width);
        h.dataAt = r.position();
        h.dataLength = r.remaining();
        return m;
    }

    private static Header header(byte[] row) {
        Header h = new Header();
        int m = parseHeader(row, h);
        int prev = 0;
        for (int i = 0; i < m; i++) {
            int e = h.end(row, i);
            if (e < prev || e > h.dataLength) {
                throw corruptAt(row, h.offsetsAt + i * h.width, "value end offset " + Integer.toUnsignedString(e)
                        + " out of order or past the data (" + h.dataLength + " bytes)");
            }
            prev = e;
        }
        if (prev != h.dataLength) {
            throw corruptAt(row, h.dataAt, (h.dataLength - prev) + " bytes after the last value");
        }
        return h;
    }

    /**
     * @param row an encoded row, written with this or any earlier schema version of the table
     * @return the values of all schema columns, in schema order
     * @throws SqlException XX001 if the row is corrupt
     */
    public Object[] decode(byte[] row) {
        Header h = header(row);
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column(row, h, i);
        }
        return out;
    }

    /**
     * Decodes only the columns at {@code projection}, reading the header and those values and
     * nothing else.
     *
     * @param row an encoded row
     * @param projection indexes into the schema's columns
     * @return the values, {@code result[i]} for column {@code projection[i]}
     * @throws SqlException XX001 if the row is corrupt
     * @throws IndexOutOfBoundsException if a projection index is not a schema column index
     */
    public Object[] decode(byte[] row, int[] projection) {
        Header h = header(row);
        Object[] out = new Object[projection.length];
        for (int i = 0; i < projection.length; i++) {
            out[i] = column(row, h, projection[i]);
        }
        return out;
    }

    /**
     * @param row an encoded row
     * @param index a schema column index
     * @return the value of that column alone
     * @throws SqlException XX001 if the row is corrupt
     */
    public Object decodeColumn(byte[] row, int index) {
        return column(row, header(row), index);
    }

    /**
     * @param projection indexes into the schema's columns
     * @return a reusable decoder of those columns of rows written with this codec's table (any
     *     schema version), for scans that decode row after row
     * @throws IndexOutOfBoundsException if a projection index is not a schema column index
     */
    public Projector projector(int[] projection) {
        return new Projector(projection);
    }

    /**
     * Decodes the columns of one projection from one row at a time without building an array of
     * values: {@link #reset} parses a row's header, then {@link #isNull}, {@link #getLong}, {@link
     * #getDouble} and {@link #get} read projected column {@code k}. Integer columns ({@code smallint},
     * {@code integer}, {@code bigint}) read unboxed through {@link #getLong}. The header's end
     * offsets are checked only where a value is read (in range and in order with its predecessor),
     * so a row costs its header and the values asked for, not a pass over every column; damage
     * still surfaces as {@code XX001}, never as an exception of the JDK. Not thread-safe: one per
     * scan.
     */
    public final class Projector {
        private final RowColumn[] columns;
        private final String[] names;
        private byte[] row;
        /** The current row's header (its end offsets checked only where a value is read). */
        private final Header h = new Header();

        private Projector(int[] projection) {
            columns = new RowColumn[projection.length];
            names = new String[projection.length];
            for (int k = 0; k < projection.length; k++) {
                columns[k] = schema.columns().get(projection[k]);
                names[k] = valueNames[projection[k]];
            }
        }

        /**
         * Parses the header of {@code row}, written with this codec's table.
         *
         * @throws SqlException XX001 if the header is corrupt
         */
        public void reset(byte[] row) {
            int valueCount = parseHeader(row, h);
            if (valueCount > 0 && h.end(row, valueCount - 1) != h.dataLength) {
                throw corruptAt(row, h.offsetsAt + (valueCount - 1) * h.width,
                        "last value end offset is not the data length (" + h.dataLength + " bytes)");
            }
            this.row = row;
        }

        /** @return whether projected column {@code k} is NULL (also a missing column without a default) */
        public boolean isNull(int k) {
            int slot = columns[k].id();
            if (slot >= h.slots) {
                return columns[k].missingValue() == null;
            }
            return h.isNull(row, slot);
        }

        /** @return the value's start in the row; {@link #valueEnd} is set */
        private int valueStart(int k, int slot) {
            int rank = h.rank(row, slot);
            int start = rank == 0 ? 0 : h.end(row, rank - 1);
            int e = h.end(row, rank);
            if (start < 0 || e < start || e > h.dataLength) {
                throw corruptAt(row, h.offsetsAt + rank * h.width, "value end offset " + Integer.toUnsignedString(e)
                        + " out of order or past the data (" + h.dataLength + " bytes)");
            }
            valueEnd = h.dataAt + e;
            return h.dataAt + start;
        }

        /** The value decoded by {@link #zigzagAt}. */
        private long zigzag;

        /**
         * Decodes a zigzag varint of at most 9 bytes that fills {@code [p, limit)} exactly into
         * {@link #zigzag}.
         *
         * @return false when the bytes are not such a varint (the checked path then decodes them)
         */
        private boolean zigzagAt(int p, int limit) {
            long v = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (p >= limit) {
                    return false;
                }
                int b = row[p++];
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    zigzag = (v >>> 1) ^ -(v & 1);
                    return p == limit;
                }
            }
            return false;
        }

        private int valueEnd;

        /**
         * @return the value of projected column {@code k}, not NULL, of type {@code smallint},
         *     {@code integer} or {@code bigint}
         * @throws SqlException XX001 if the value is corrupt or out of its type's range
         */
        public long getLong(int k) {
            RowColumn c = columns[k];
            int slot = c.id();
            if (slot >= h.slots) {
                return ((Number) c.missingValue()).longValue();
            }
            int p = valueStart(k, slot);
            if (!zigzagAt(p, valueEnd)) {
                return ((Number) valueAt(k)).longValue(); // malformed or 10 bytes: the checked path
            }
            long x = zigzag;
            switch (c.type().id()) {
                case SMALLINT:
                    if (x < Short.MIN_VALUE || x > Short.MAX_VALUE) {
                        return ((Number) valueAt(k)).longValue();
                    }
                    break;
                case INTEGER:
                    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                        return ((Number) valueAt(k)).longValue();
                    }
                    break;
                default:
                    break;
            }
            return x;
        }

        /**
         * @return the value of projected column {@code k}, not NULL, of type {@code real} or {@code
         *     double precision}
         */
        public double getDouble(int k) {
            return ((Number) get(k)).doubleValue();
        }

        /**
         * @return the value of projected column {@code k} as its Java class ({@link Values#javaClass}),
         *     or {@code null}
         * @throws SqlException XX001 if the value is corrupt
         */
        public Object get(int k) {
            RowColumn c = columns[k];
            int slot = c.id();
            if (slot >= h.slots) {
                return c.missingValue();
            }
            if (h.isNull(row, slot)) {
                return null;
            }
            switch (c.type().id()) {
                case NUMERIC, DATE, TEXT, VARCHAR, CHAR -> {
                    Object fast = fastValue(k, c.type().id());
                    if (fast != null) {
                        return fast;
                    }
                }
                default -> { }
            }
            return valueAt(k);
        }

        /**
         * Decodes the common forms of numerics (a scale and at most 8 bytes), dates (in range) and
         * text (ASCII without NUL) straight from the row's bytes.
         *
         * @return the value, or {@code null} when it is not of such a form (the checked path decodes it)
         */
        private Object fastValue(int k, dev.lodedb.engine.types.TypeId type) {
            int p = valueStart(k, columns[k].id());
            int limit = valueEnd;
            byte[] b = row;
            if (type == dev.lodedb.engine.types.TypeId.DATE) {
                if (!zigzagAt(p, limit) || zigzag < PgEpoch.MIN_PG_DAYS || zigzag > PgEpoch.MAX_PG_DAYS) {
                    return null; // infinities and damage: the checked path
                }
                return PgEpoch.fromPgDays((int) zigzag);
            }
            if (type == dev.lodedb.engine.types.TypeId.NUMERIC) {
                if (p >= limit || (b[p] & 0x80) != 0) {
                    return null; // an empty value or a scale of several bytes
                }
                int scale = (b[p] >>> 1) ^ -(b[p] & 1); // a one-byte zigzag varint
                p++;
                int n = limit - p;
                if (n < 1 || n > 8) {
                    return null;
                }
                long u = b[p++]; // the sign
                while (p < limit) {
                    u = (u << 8) | (b[p++] & 0xff);
                }
                return BigDecimal.valueOf(u, scale);
            }
            for (int i = p; i < limit; i++) {
                if (b[i] <= 0) {
                    return null; // NUL or not ASCII
                }
            }
            return new String(b, p, limit - p, StandardCharsets.US_ASCII);
        }

        private Object valueAt(int k) {
            int start = valueStart(k, columns[k].id());
            ByteReader r = new ByteReader(row, start, valueEnd - start, names[k]);
            Object v = readValue(r, columns[k].type());
            if (r.hasRemaining()) {
                throw r.corrupt(r.remaining() + " unread bytes in the value");
            }
            return v;
        }
    }

    private Object column(byte[] row, Header h, int index) {
        RowColumn c = schema.columns().get(index);
        int slot = c.id();
        if (slot >= h.slots) {
            return c.missingValue();
        }
        if (h.isNull(row, slot)) {
            return null;
        }
        int rank = h.rank(row, slot);
        int start = rank == 0 ? 0 : h.end(row, rank - 1);
        int end = h.end(row, rank);
        ByteReader r = new ByteReader(row, h.dataAt + start, end - start, valueNames[index]);
        Object v = readValue(r, c.type());
        if (r.hasRemaining()) {
            throw r.corrupt(r.remaining() + " unread bytes in the value");
        }
        return v;
    }

    private static void writeValue(ByteWriter w, DataType type, Object v) {
        switch (type.id()) {
            case BOOLEAN -> w.put((Boolean) v ? 1 : 0);
            case SMALLINT, INTEGER, BIGINT -> w.putZigzag(((Number) v).longValue());
            case REAL -> w.putIntLE(Float.floatToRawIntBits((Float) v));
            case DOUBLE -> w.putLongLE(Double.doubleToRawLongBits((Double) v));
            case NUMERIC -> {
                BigDecimal b = (BigDecimal) v;
                w.putZigzag(b.scale());
                BigInteger u = b.unscaledValue();
                if (u.bitLength() < 64) {
                    w.putMinimalBE(u.longValue()); // the bytes of toByteArray(), without its loop
                } else {
                    w.put(u.toByteArray());
                }
            }
            case TEXT, VARCHAR, CHAR, UNKNOWN -> w.put(((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> w.put((byte[]) v);
            case DATE -> w.putZigzag(PgEpoch.toPgDays((LocalDate) v));
            case TIME -> w.putVarint(PgEpoch.toMicrosOfDay((LocalTime) v));
            case TIMESTAMP -> w.putZigzag(PgEpoch.toPgMicros((LocalDateTime) v));
            case TIMESTAMPTZ -> w.putZigzag(PgEpoch.toPgMicros((OffsetDateTime) v));
            case INTERVAL -> {
                Interval iv = (Interval) v;
                w.putZigzag(iv.months());
                w.putZigzag(iv.days());
                w.putZigzag(iv.micros());
            }
            case UUID -> {
                w.putLongBE(((UUID) v).getMostSignificantBits());
                w.putLongBE(((UUID) v).getLeastSignificantBits());
            }
            case JSON -> w.put(((Json) v).text().getBytes(StandardCharsets.UTF_8));
            case JSONB -> w.put(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Object readValue(ByteReader r, DataType type) {
        switch (type.id()) {
            case BOOLEAN: {
                int b = r.get();
                if (b > 1) {
                    throw r.corrupt("bad boolean 0x" + Integer.toHexString(b));
                }
                return b == 1;
            }
            case SMALLINT:
                return (short) intIn(r, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER:
                return (int) intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT:
                return r.getZigzag();
            case REAL:
                return Float.intBitsToFloat(r.getIntLE());
            case DOUBLE:
                return Double.longBitsToDouble(r.getLongLE());
            case NUMERIC: {
                long scale = r.getZigzag();
                // PostgreSQL's limits (Values.check): a scale beyond them is damage, and must
                // not reach code that would expand the number to billions of digits
                if (scale < -131_072 || scale > 16_383 || !r.hasRemaining()) {
                    throw r.corrupt("bad numeric (scale " + scale + ")");
                }
                int n = r.remaining();
                if (n <= 8) { // a big-endian two's complement long: no byte array, no BigInteger
                    long u = (byte) r.get(); // the sign
                    for (int i = 1; i < n; i++) {
                        u = (u << 8) | r.get();
                    }
                    return BigDecimal.valueOf(u, (int) scale);
                }
                return new BigDecimal(new BigInteger(r.getBytes(n)), (int) scale);
            }
            case TEXT:
            case VARCHAR:
            case CHAR:
            case UNKNOWN:
                return KeyEncoder.decodeUtf8(r.getBytes(r.remaining()), r);
            case BYTEA:
                return r.getBytes(r.remaining());
            case DATE:
                return KeyEncoder.date((int) intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE), r);
            case TIME: {
                long us = r.getVarint();
                if (us < 0 || us >= Interval.MICROS_PER_DAY) {
                    throw r.corrupt("time of day out of range");
                }
                return PgEpoch.fromMicrosOfDay(us);
            }
            case TIMESTAMP:
                return KeyEncoder.timestamp(r.getZigzag(), r);
            case TIMESTAMPTZ:
                return KeyEncoder.timestampTz(r.getZigzag(), r);
            case INTERVAL: {
                int months = (int) intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
                int days = (int) intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
                return new Interval(months, days, r.getZigzag());
            }
            case UUID:
                return new UUID(r.getLongBE(), r.getLongBE());
            case JSON:
                return new Json(KeyEncoder.decodeUtf8(r.getBytes(r.remaining()), r));
            case JSONB:
                // stored as jsonb's canonical text, checked when it was written: parsed into a
                // tree only when an operation needs one
                return Jsonb.ofStoredText(KeyEncoder.decodeUtf8(r.getBytes(r.remaining()), r));
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }

    private static long intIn(ByteReader r, long min, long max) {
        long v = r.getZigzag();
        if (v < min || v > max) {
            throw r.corrupt("integer " + v + " out of range");
        }
        return v;
    }
}
