package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams rows whose key was not seen before: the whole row for DISTINCT, the DISTINCT ON
 * expressions otherwise (keeping the first row of each key in input order, which the planner
 * sorts). NULLs are equal to each other here, as in SQL's DISTINCT.
 */
final class DistinctOperator implements Operator {
    private final Operator input;
    private final Evaluator[] on;
    private final List<DataType> keyTypes;
    private final Set<KeyNormalizer.Key> seen = new HashSet<>();
    private ExecContext ctx;

    DistinctOperator(Operator input, List<Evaluator> on) {
        this.input = input;
        this.on = on.toArray(new Evaluator[0]);
        if (on.isEmpty()) {
            this.keyTypes = input.types();
        } else {
            this.keyTypes = on.stream().map(Evaluator::type).toList();
        }
    }

    @Override
    public List<DataType> types() {
        return input.types();
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        seen.clear();
        input.open(ctx);
    }

    @Override
    public DataChunk next() {
        DataChunk chunk;
        while ((chunk = input.next()) != null) {
            Vector[] keys;
            if (on.length == 0) {
                keys = chunk.columns();
            } else {
                keys = new Vector[on.length];
                for (int j = 0; j < on.length; j++) {
                    keys[j] = on[j].evaluate(chunk, ctx);
                }
            }
            int[] sel = new int[chunk.size()];
            int count = 0;
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.row(k);
                if (seen.add(KeyNormalizer.key(keyTypes, keys, i))) {
                    sel[count++] = i;
                }
            }
            if (count > 0) {
                chunk.select(sel, count);
                return chunk;
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
        seen.clear();
    }

    @Override
    public String describe() {
        return on.length == 0 ? "HashDistinct" : "Unique (DISTINCT ON)";
    }

    @Override
    public List<Operator> children() {
        return List.of(input);
    }
}
