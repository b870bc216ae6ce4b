package dev.lodedb.engine.encoding;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.PgEpoch;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.engine.types.Values;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Encodes tuples of SQL values into byte strings whose unsigned lexicographic order is the SQL
 * order of the tuples ("memcomparable" keys), and decodes them back. Column by column, in the
 * order of {@link #columns()}, each column ascending or descending with NULLs first or last; each
 * type in PostgreSQL's default btree order ({@link Values#compare}), with text in the C collation
 * (UTF-8 byte order), which is LodeDB's only collation.
 *
 * <p>A column is a marker byte followed, for a non-NULL value, by the value's encoding:
 * <ul>
 *   <li>marker {@code 0x00} = NULL sorting first, {@code 0x01} = a value, {@code 0x02} = NULL
 *       sorting last; the marker is never complemented, so it places NULLs the same way in both
 *       directions;</li>
 *   <li>for a descending column every byte of the value's encoding is complemented, which reverses
 *       the order because every encoding is prefix-free.</li>
 * </ul>
 * Value encodings ({@code docs/engine/encoding.md} has the bytes and examples): integers
 * big-endian with the sign bit flipped (2, 4, 8 bytes); real and double as IEEE bits with the
 * sign bit flipped for positives and all bits inverted for negatives, -0.0 written as 0.0 and
 * NaN above +Infinity; numeric as sign, base-100 exponent and base-100 digits, so {@code 1.0} and
 * {@code 1.00} are equal; text, varchar, char (trailing blanks removed) and bytea with 0x00
 * escaped as 0x00 0xFF and terminated by 0x00 0x01; boolean as 0x00/0x01; date as a 4-byte and
 * time, timestamp and timestamptz as 8-byte integers (PostgreSQL's day and microsecond counts
 * from 2000-01-01, infinities at the extremes); interval as its 16-byte 128-bit comparison value;
 * uuid as its 16 bytes; jsonb as its token stream ({@link JsonbKeyCodec}). {@code json} has no
 * order and cannot be a key column. These are the techniques of CockroachDB's {@code
 * util/encoding}, MySQL's memcmp key format (MyRocks) and the FoundationDB tuple layer.
 *
 * <p>Decoding returns, for every column, a value that {@link Values#compare compares} equal to the
 * encoded one; it is also {@code equals} to it unless the type's key form is lossy (see {@link
 * #isLossless}): numeric scale, float -0.0, the month/day/time split of an interval, jsonb
 * number scale, and trailing blanks of an unbounded {@code bpchar} are not kept. As in
 * CockroachDB ("composite" key types), an index that must return such values exactly stores them
 * in the index entry's value as well.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyEncoder {
    /** Marker of a NULL that sorts before every value. */
    public static final int NULL_FIRST = 0x00;
    /** Marker of a non-NULL value. */
    public static final int NOT_NULL = 0x01;
    /** Marker of a NULL that sorts after every value. */
    public static final int NULL_LAST = 0x02;

    private static final byte[] EMPTY = new byte[0];

    private final List<KeyColumn> columns;

    /**
     * @param columns the key's columns, in significance order; at least one
     * @throws SqlException 42704 for a column of type json ({@code data type json has no default
     *     operator class for access method "btree"}), as in PostgreSQL
     * @throws IllegalArgumentException if {@code columns} is empty
     */
    public KeyEncoder(List<KeyColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one column");
        }
        for (KeyColumn c : columns) {
            if (c.type().id() == TypeId.JSON) {
                throw new SqlException(SqlException.UNDEFINED_OBJECT,
                        "data type json has no default operator class for access method \"btree\"")
                        .withHint("You must specify an operator class for the index or define a "
                                + "default operator class for the data type.");
            }
        }
        this.columns = List.copyOf(columns);
    }

    /** @return the key's columns */
    public List<KeyColumn> columns() {
        return columns;
    }

    /**
     * @param type a key column type
     * @return whether decoding gives back a value {@code equals} to the encoded one for every
     *     value of the type; false for numeric, real, double precision, interval, jsonb and
     *     {@code bpchar} without a length, whose key form drops scale, the sign of zero, the
     *     field split, or trailing blanks
     */
    public static boolean isLossless(DataType type) {
        return switch (type.id()) {
            case NUMERIC, REAL, DOUBLE, INTERVAL, JSONB -> false;
            case CHAR -> type.length() >= 0;
            default -> true;
        };
    }

    /**
     * @param values one value per column (Java representation of {@link Values}, {@code null}
     *     for NULL)
     * @return the key
     * @throws IllegalArgumentException if the number of values differs from the number of columns
     *     or a value has the wrong Java class or is out of range ({@link Values#check})
     */
    public byte[] encode(List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " key values, got "
                    + values.size());
        }
        return encodePrefix(EMPTY, values);
    }

    /** @return {@link #encode(List)} of {@code values} */
    public byte[] encode(Object... values) {
        return encode(Arrays.asList(values));
    }

    /**
     * Encodes the leading {@code values.size()} columns: every key whose first columns equal
     * {@code values} starts with the result, so it is the inclusive lower bound of a scan for
     * that prefix and {@link #prefixSuccessor} of it is the exclusive upper bound.
     *
     * @param values values of the first 0..n columns
     * @return the key prefix
     * @throws IllegalArgumentException if there are more values than columns, or a bad value
     */
    public byte[] encodePrefix(List<?> values) {
        return encodePrefix(EMPTY, values);
    }

    /**
     * @param head bytes to put before the key, e.g. an index identifier
     * @param values values of the first 0..n columns
     * @return {@code head} followed by the encoding of {@code values}
     * @throws IllegalArgumentException if there are more values than columns, or a bad value
     */
    public byte[] encodePrefix(byte[] head, List<?> values) {
        if (values.size() > columns.size()) {
            throw new IllegalArgumentException("expected at most " + columns.size()
                    + " key values, got " + values.size());
        }
        ByteWriter w = SCRATCH.get();
        w.truncate(0);
        w.put(head);
        for (int i = 0; i < values.size(); i++) {
            KeyColumn c = columns.get(i);
            Object v = values.get(i);
            if (v == null) {
                w.put(c.nullsFirst() ? NULL_FIRST : NULL_LAST);
                continue;
            }
            Values.check(c.type(), v);
            w.put(NOT_NULL);
            int from = w.size();
            writeValue(w, c.type(), v);
            if (c.descending()) {
                w.complementFrom(from);
            }
        }
        byte[] key = w.toByteArray();
        if (w.capacity() > MAX_SCRATCH) {
            SCRATCH.remove(); // a huge key: do not keep its buffer
        }
        return key;
    }

    /** Per thread, the buffer a key is written to before its exact-size array is made. */
    private static final ThreadLocal<ByteWriter> SCRATCH = ThreadLocal.withInitial(() -> new ByteWriter(256));
    /** Scratch buffers larger than this are not kept after the key that grew them. */
    private static final int MAX_SCRATCH = 1 << 16;

    private static void writeValue(ByteWriter w, DataType type, Object v) {
        switch (type.id()) {
            case BOOLEAN -> w.put((Boolean) v ? 1 : 0);
            case SMALLINT -> OrderedBytes.writeInt16(w, (Short) v);
            case INTEGER -> OrderedBytes.writeInt32(w, (Integer) v);
            case BIGINT -> OrderedBytes.writeInt64(w, (Long) v);
            case REAL -> OrderedBytes.writeFloat32(w, (Float) v);
            case DOUBLE -> OrderedBytes.writeFloat64(w, (Double) v);
            case NUMERIC -> OrderedBytes.writeDecimal(w, (BigDecimal) v);
            case TEXT, VARCHAR, UNKNOWN -> OrderedBytes.writeBytes(w,
                    ((String) v).getBytes(StandardCharsets.UTF_8));
            case CHAR -> OrderedBytes.writeBytes(w,
                    Values.stripTrailingBlanks((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> OrderedBytes.writeBytes(w, (byte[]) v);
            case DATE -> OrderedBytes.writeInt32(w, PgEpoch.toPgDays((LocalDate) v));
            case TIME -> OrderedBytes.writeInt64(w, PgEpoch.toMicrosOfDay((LocalTime) v));
            case TIMESTAMP -> OrderedBytes.writeInt64(w, PgEpoch.toPgMicros((LocalDateTime) v));
            case TIMESTAMPTZ -> OrderedBytes.writeInt64(w, PgEpoch.toPgMicros((OffsetDateTime) v));
            case INTERVAL -> {
                long[] span = ((Interval) v).span();
                OrderedBytes.writeInt64(w, span[0]);
                w.putLongBE(span[1]);
            }
            case UUID -> {
                w.putLongBE(((UUID) v).getMostSignificantBits());
                w.putLongBE(((UUID) v).getLeastSignificantBits());
            }
            case JSONB -> JsonbKeyCodec.write(w, (Jsonb) v);
            case JSON -> throw new IllegalStateException("json is not a key type");
        }
    }

    /**
     * @param key a key produced by {@link #encode}
     * @return one value per column, {@code null} for NULL
     * @throws SqlException XX001 if the bytes are not a valid key of these columns (truncated,
     *     trailing bytes, bad marker, bad escape)
     */
    public Object[] decode(byte[] key) {
        return decode(key, 0, key.length);
    }

    /**
     * @param key an array holding a key produced by {@link #encode}
     * @param offset where the key starts (after any head bytes)
     * @param length the key's length; it must be exactly the encoding of all columns
     * @return one value per column, {@code null} for NULL
     * @throws SqlException XX001 if the range is not a valid key of these columns
     */
    public Object[] decode(byte[] key, int offset, int length) {
        ByteReader r = new ByteReader(key, offset, length, "key");
        Object[] out = new Object[columns.size()];
        readColumns(r, out);
        if (r.hasRemaining()) {
            throw r.corrupt(r.remaining() + " trailing bytes");
        }
        return out;
    }

    /**
     * Decodes this encoder's columns at the start of a longer key, such as an index entry whose
     * key columns are followed by the row's primary key.
     *
     * @param key an array holding the key
     * @param offset where this encoder's columns start
     * @param length bytes available from {@code offset} (the columns may end before)
     * @param out receives one value per column ({@code null} for NULL), or {@code null} to only
     *     skip the columns
     * @return the array offset just past the last column
     * @throws SqlException XX001 if the bytes are not valid columns of this encoder
     */
    public int decodeLeading(byte[] key, int offset, int length, Object[] out) {
        ByteReader r = new ByteReader(key, offset, length, "key");
        readColumns(r, out != null ? out : new Object[columns.size()]);
        return r.position();
    }

    private void readColumns(ByteReader r, Object[] out) {
        for (int i = 0; i < out.length; i++) {
            KeyColumn c = columns.get(i);
            int marker = r.get();
            if (marker == NOT_NULL) {
                r.setMask(c.descending() ? 0xff : 0x00);
                out[i] = readValue(r, c.type());
                r.setMask(0);
            } else if (marker == (c.nullsFirst() ? NULL_FIRST : NULL_LAST)) {
                out[i] = null;
            } else {
                throw r.corrupt("bad marker 0x" + Integer.toHexString(marker) + " of column "
                        + (i + 1));
            }
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
                return OrderedBytes.readInt16(r);
            case INTEGER:
                return OrderedBytes.readInt32(r);
            case BIGINT:
                return OrderedBytes.readInt64(r);
            case REAL:
                return OrderedBytes.readFloat32(r);
            case DOUBLE:
                return OrderedBytes.readFloat64(r);
            case NUMERIC:
                return OrderedBytes.readDecimal(r);
            case TEXT:
            case VARCHAR:
            case UNKNOWN:
                return decodeUtf8(OrderedBytes.readBytes(r), r);
            case CHAR: {
                String s = decodeUtf8(OrderedBytes.readBytes(r), r);
                int pad = type.length() - s.codePointCount(0, s.length());
                return pad > 0 ? s + " ".repeat(pad) : s;
            }
            case BYTEA:
                return OrderedBytes.readBytes(r);
            case DATE:
                return date(OrderedBytes.readInt32(r), r);
            case TIME: {
                long us = OrderedBytes.readInt64(r);
                if (us < 0 || us >= Interval.MICROS_PER_DAY) {
                    throw r.corrupt("time of day out of range");
                }
                return PgEpoch.fromMicrosOfDay(us);
            }
            case TIMESTAMP:
                return timestamp(OrderedBytes.readInt64(r), r);
            case TIMESTAMPTZ:
                return timestampTz(OrderedBytes.readInt64(r), r);
            case INTERVAL: {
                long hi = OrderedBytes.readInt64(r);
                long lo = r.getLongBE();
                try {
                    return Interval.fromSpan(new long[] {hi, lo});
                } catch (SqlException e) {
                    throw r.corrupt("interval out of range");
                }
            }
            case UUID:
                return new UUID(r.getLongBE(), r.getLongBE());
            case JSONB:
                return JsonbKeyCodec.read(r);
            default:
                throw new IllegalStateException(type + " is not a key type");
        }
    }

    /** @return the date {@code days} after 2000-01-01; outside PostgreSQL's range is corruption */
    static LocalDate date(int days, ByteReader r) {
        if (days >= PgEpoch.MIN_PG_DAYS && days <= PgEpoch.MAX_PG_DAYS) {
            return PgEpoch.fromPgDays(days); // in range: the check below would pass
        }
        LocalDate d = PgEpoch.fromPgDays(days);
        try {
            PgEpoch.checkDate(d);
        } catch (SqlException e) {
            throw r.corrupt("date out of range");
        }
        return d;
    }

    /** @return the timestamp {@code micros} after 2000-01-01; out of range is corruption */
    static LocalDateTime timestamp(long micros, ByteReader r) {
        LocalDateTime t = PgEpoch.fromPgMicros(micros);
        try {
            PgEpoch.checkTimestamp(t);
        } catch (SqlException e) {
            throw r.corrupt("timestamp out of range");
        }
        return t;
    }

    /** @return the UTC instant {@code micros} after 2000-01-01; out of range is corruption */
    static OffsetDateTime timestampTz(long micros, ByteReader r) {
        timestamp(micros, r);
        return PgEpoch.fromPgMicrosTz(micros);
    }

    /**
     * Strict UTF-8 decoding of a string value; malformed UTF-8 and NUL characters (which no text,
     * json or jsonb value can hold, see {@link Values#check}) are corruption.
     */
    static String decodeUtf8(byte[] b, ByteReader r) {
        boolean ascii = true;
        for (byte x : b) {
            if (x == 0) {
                throw r.corrupt("NUL character in a string");
            }
            ascii &= x > 0;
        }
        if (ascii) {
            return new String(b, StandardCharsets.ISO_8859_1); // ASCII is valid UTF-8: no decoder needed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw r.corrupt("invalid UTF-8 in a string");
        }
    }

    /**
     * @param prefix a key prefix
     * @return the smallest byte string greater than every string that starts with {@code
     *     prefix} (the prefix with trailing 0xFF bytes dropped and the last byte incremented), for
     *     use as an exclusive scan bound; {@code null} if there is none (empty or all 0xFF)
     */
    public static byte[] prefixSuccessor(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xff) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] s = Arrays.copyOf(prefix, n);
        s[n - 1]++;
        return s;
    }
}
