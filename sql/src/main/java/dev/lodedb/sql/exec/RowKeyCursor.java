package dev.lodedb.sql.exec;

/**
 * A cursor over the row keys an operator of one bytea column returns (a bitmap index scan,
 * BitmapAnd or BitmapOr), one key at a time. Not thread-safe.
 */
final class RowKeyCursor {
    private final Operator source;
    private DataChunk chunk;
    private int position;
    private boolean done;
    private byte[] key;

    /** @param source an opened operator whose first column is the row key */
    RowKeyCursor(Operator source) {
        this.source = source;
    }

    /** @return whether the cursor moved to another key ({@link #key()}); false at the end */
    boolean advance() {
        while (chunk == null || position >= chunk.size()) {
            if (done) {
                key = null;
                return false;
            }
            chunk = source.next();
            position = 0;
            if (chunk == null) {
                done = true;
            }
        }
        key = (byte[]) chunk.column(0).get(chunk.row(position++));
        return true;
    }

    /** @return the current key, or {@code null} before the first {@link #advance()} and at the end */
    byte[] key() {
        return key;
    }
}
