package dev.lodedb.sql.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.engine.types.Interval;
import dev.lodedb.engine.types.Json;
import dev.lodedb.engine.types.Jsonb;
import dev.lodedb.engine.types.TypeId;
import dev.lodedb.sql.copy.ReadFunctions;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Set-returning functions in FROM, producing rows lazily: {@code generate_series} over integers,
 * numerics and timestamps (PostgreSQL's semantics: empty when the step goes away from the stop,
 * error 22023 for a zero step), and the JSON expanders {@code jsonb_array_elements[_text]},
 * {@code jsonb_each[_text]} and their {@code json_} variants; {@code read_csv} / {@code read_json}
 * stream a file ({@link ReadFunctions#scan}), closed when the operator closes.
 */
final class TableFunctionOperator implements Operator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String name;
    private final Evaluator[] args;
    private final boolean ordinality;
    private final List<DataType> types;
    private ExecContext ctx;
    private Iterator<Object[]> rows;
    /** The open file of a read_csv / read_json scan, closed with the operator. */
    private ReadFunctions.RowSource file;
    private ChunkBuilder builder;
    private long ordinal;

    TableFunctionOperator(String name, List<Evaluator> args, boolean ordinality, List<DataType> types) {
        this.name = name;
        this.args = args.toArray(new Evaluator[0]);
        this.ordinality = ordinality;
        this.types = types;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        closeFile();
        Object[] values = new Object[args.length];
        boolean anyNull = false;
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].evaluateOnce(ctx);
            anyNull |= values[i] == null;
        }
        rows = anyNull ? java.util.Collections.emptyIterator() : start(values);
        builder = new ChunkBuilder(types);
        ordinal = 0;
    }

    private Iterator<Object[]> start(Object[] v) {
        if (name.equals("generate_series")) {
            return series(v);
        }
        if (name.equals(dev.lodedb.sql.stats.PgStatsView.NAME)) {
            return dev.lodedb.sql.stats.PgStatsView.rows(ctx.store(), ctx.readOptions()).iterator();
        }
        if (ReadFunctions.canonical(name) != null) {
            Map<String, String> options = new java.util.LinkedHashMap<>();
            for (int i = 0; i + 1 < v.length; i += 2) {
                options.put((String) v[i], (String) v[i + 1]);
            }
            file = ReadFunctions.scan(name, options, ordinality ? types.subList(0, types.size() - 1) : types,
                    ctx.progressListener());
            return file;
        }
        JsonNode node = types.get(types.size() - (ordinality ? 2 : 1)).id() == TypeId.JSON
                || args[0].type().id() == TypeId.JSON ? parse(((Json) v[0]).text()) : ((Jsonb) v[0]).node();
        boolean text = name.endsWith("_text");
        boolean jsonb = name.startsWith("jsonb");
        if (name.contains("array_elements")) {
            if (!node.isArray()) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot extract elements from "
                        + (node.isObject() ? "an object" : "a scalar"));
            }
            Iterator<JsonNode> it = node.elements();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object[] next() {
                    return new Object[] {convert(it.next(), text, jsonb)};
                }
            };
        }
        if (!node.isObject()) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "cannot call " + name + " on a non-object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                Map.Entry<String, JsonNode> e = it.next();
                return new Object[] {e.getKey(), convert(e.getValue(), text, jsonb)};
            }
        };
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new SqlException(SqlException.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
        }
    }

    private static Object convert(JsonNode n, boolean text, boolean jsonb) {
        if (text) {
            return n.isNull() ? null : n.isTextual() ? n.textValue() : n.toString();
        }
        return jsonb ? Jsonb.of(n) : new Json(n.toString());
    }

    private Iterator<Object[]> series(Object[] v) {
        TypeId t = types.get(0).id();
        if (t == TypeId.TIMESTAMP || t == TypeId.TIMESTAMPTZ) {
            Interval step = (Interval) v[2];
            if (step.equals(Interval.ZERO)) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            boolean tz = t == TypeId.TIMESTAMPTZ;
            LocalDateTime start = tz ? ((OffsetDateTime) v[0]).toLocalDateTime() : (LocalDateTime) v[0];
            LocalDateTime stop = tz ? ((OffsetDateTime) v[1]).toLocalDateTime() : (LocalDateTime) v[1];
            boolean up = step.compareTo(Interval.ZERO) > 0;
            return new Iterator<>() {
                LocalDateTime cur = start;

                @Override
                public boolean hasNext() {
                    return up ? !cur.isAfter(stop) : !cur.isBefore(stop);
                }

                @Override
                public Object[] next() {
                    LocalDateTime r = cur;
                    cur = cur.plusMonths(step.months()).plusDays(step.days()).plusNanos(step.micros() * 1000);
                    return new Object[] {tz ? r.atOffset(java.time.ZoneOffset.UTC) : r};
                }
            };
        }
        if (t == TypeId.NUMERIC) {
            BigDecimal start = (BigDecimal) v[0];
            BigDecimal stop = (BigDecimal) v[1];
            BigDecimal step = v.length > 2 ? (BigDecimal) v[2] : BigDecimal.ONE;
            if (step.signum() == 0) {
                throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            return new Iterator<>() {
                BigDecimal cur = start;

                @Override
                public boolean hasNext() {
                    return step.signum() > 0 ? cur.compareTo(stop) <= 0 : cur.compareTo(stop) >= 0;
                }

                @Override
                public Object[] next() {
                    BigDecimal r = cur;
                    cur = cur.add(step);
                    return new Object[] {r};
                }
            };
        }
        long start = ((Number) v[0]).longValue();
        long stop = ((Number) v[1]).longValue();
        long step = v.length > 2 ? ((Number) v[2]).longValue() : 1;
        if (step == 0) {
            throw new SqlException(SqlException.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        boolean integer = t == TypeId.INTEGER;
        return new Iterator<>() {
            long cur = start;
            boolean done = step > 0 ? start > stop : start < stop;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object[] next() {
                long r = cur;
                try {
                    cur = Math.addExact(cur, step);
                    done = step > 0 ? cur > stop : cur < stop;
                } catch (ArithmeticException e) {
                    done = true;
                }
                return new Object[] {integer ? (Object) (int) r : (Object) r};
            }
        };
    }

    @Override
    public DataChunk next() {
        ctx.checkCancelled();
        builder.reset();
        while (!builder.isFull() && rows.hasNext()) {
            Object[] r = rows.next();
            if (ordinality) {
                Object[] withOrd = java.util.Arrays.copyOf(r, r.length + 1);
                withOrd[r.length] = ++ordinal;
                r = withOrd;
            }
            builder.add(r);
        }
        return builder.finish();
    }

    @Override
    public void close() {
        rows = null;
        closeFile();
    }

    private void closeFile() {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public String describe() {
        return "Function Scan on " + name;
    }

    @Override
    public List<Operator> children() {
        return List.of();
    }
}
