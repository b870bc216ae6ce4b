package dev.lodedb.sql.session;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.catalog.Catalog;
import dev.lodedb.engine.catalog.SequenceDef;
import dev.lodedb.sql.function.SequenceAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's view of the database's {@link Sequences}: resolves sequence names against the
 * current catalog and remembers what {@code currval} and {@code lastval} return. Not thread-safe
 * (one per session).
 */
final class SessionSequences implements SequenceAccess {
    private final SqlDatabase db;
    /** The catalog the session sees (its transaction block's, after DDL in the block). */
    private final java.util.function.Supplier<dev.lodedb.engine.catalog.Catalog> catalog;
    /** The last value nextval returned per sequence id, in this session. */
    private final Map<Integer, Long> current = new HashMap<>();
    private int lastSequence = -1;

    SessionSequences(SqlDatabase db, java.util.function.Supplier<dev.lodedb.engine.catalog.Catalog> catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /**
     * @return the sequence named by {@code text} as PostgreSQL's regclass input reads it
     *     ({@code s}, {@code schema.s}, double quotes keep case)
     * @throws SqlException 42P01 when there is none, 42809 when it names another relation
     */
    static SequenceDef resolve(Catalog catalog, String text) {
        List<String> parts = splitName(text);
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : Catalog.PUBLIC;
        SequenceDef d = catalog.sequence(schema, name);
        if (d == null) {
            if (catalog.hasRelation(schema, name)) {
                throw new SqlException(Catalog.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a sequence");
            }
            throw new SqlException(SqlException.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
        }
        return d;
    }

    private static List<String> splitName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        parts.add(sb.toString().strip());
        if (parts.stream().anyMatch(String::isEmpty) || quoted) {
            throw new SqlException("42602", "invalid name syntax");
        }
        return parts;
    }

    @Override
    public long nextval(String sequence) {
        SequenceDef d = resolve(catalog.get(), sequence);
        long v = db.sequences().next(d);
        current.put(d.id(), v);
        lastSequence = d.id();
        return v;
    }

    @Override
    public long currval(String sequence) {
        SequenceDef d = resolve(catalog.get(), sequence);
        Long v = current.get(d.id());
        if (v == null) {
            throw new SqlException("55000", "currval of sequence \"" + d.name() + "\" is not yet defined in this session");
        }
        return v;
    }

    @Override
    public long setval(String sequence, long value, boolean isCalled) {
        SequenceDef d = resolve(catalog.get(), sequence);
        db.sequences().set(d, value, isCalled);
        if (isCalled) {
            current.put(d.id(), value);
        }
        return value;
    }

    @Override
    public long lastval() {
        if (lastSequence < 0 || !current.containsKey(lastSequence) || !exists(lastSequence)) {
            throw new SqlException("55000", "lastval is not yet defined in this session");
        }
        return current.get(lastSequence);
    }

    private boolean exists(int id) {
        for (SequenceDef d : catalog.get().sequences()) {
            if (d.id() == id) {
                return true;
            }
        }
        return false;
    }
}
