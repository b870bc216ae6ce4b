package dev.lodedb.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.storage.ReadOptions;
import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.BoundExpr;
import dev.lodedb.sql.plan.JoinType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The merge join operator against a nested-loop reference on sorted inputs whose runs of equal
 * keys are longer than a chunk and cross chunk boundaries on both sides, with NULL keys first or
 * last, one and two keys, with and without a residual condition, for every join type. Seeded: the
 * seed is random per run and printed in every failure message; {@code -Dtests.seed=N} repeats a run.
 */
class MergeJoinTest {
    private static final List<DataType> TYPES = List.of(DataType.INTEGER, DataType.INTEGER, DataType.INTEGER);
    private final long seed = Long.getLong("tests.seed", new Random().nextLong());
    private final Random random = new Random(seed);

    private static ExecContext context() {
        return new ExecContext(null, ReadOptions.DEFAULT, new Object[0], OffsetDateTime.now(ZoneOffset.UTC),
                new SplittableRandom(1), 1 << 20, null);
    }

    private static BoundExpr column(int i) {
        return new BoundExpr.ColumnRef(i, DataType.INTEGER, "c" + i);
    }

    /**
     * @return rows (k1, k2, v) sorted on (k1, k2) with NULL keys first or last: runs of equal keys
     *     of 1 to {@code maxRun} rows, keys from a small range so that both sides share many
     */
    private List<Object[]> sortedRows(int runs, int maxRun, boolean nullsFirst) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Integer k1 = random.nextInt(10) == 0 ? null : random.nextInt(120);
            Integer k2 = random.nextInt(10) == 0 ? null : random.nextInt(3);
            int n = 1 + random.nextInt(maxRun);
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {k1, k2, random.nextInt(100)});
            }
        }
        Comparator<Integer> keyOrder = nullsFirst ? Comparator.nullsFirst(Comparator.naturalOrder())
                : Comparator.nullsLast(Comparator.naturalOrder());
        rows.sort(Comparator.comparing((Object[] x) -> (Integer) x[0], keyOrder)
                .thenComparing(x -> (Integer) x[1], keyOrder));
        return rows;
    }

    private static Operator scan(List<Object[]> rows) {
        return new RowsScan(TYPES, ctx -> rows, "Values");
    }

    private static List<List<Object>> run(Operator op) {
        ExecContext ctx = context();
        List<List<Object>> out = new ArrayList<>();
        op.open(ctx);
        try {
            for (DataChunk c = op.next(); c != null; c = op.next()) {
                out.addAll(c.toRows());
            }
        } finally {
            op.close();
        }
        return out;
    }

    /**
     * @return the join by definition: for each left row in order, the right rows with equal non-NULL
     *     keys in their order (looked up by key), then the unmatched right rows
     */
    private static List<List<Object>> reference(JoinType type, List<Object[]> left, List<Object[]> right, int keys,
            boolean residual) {
        List<List<Object>> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        java.util.Map<List<Object>, List<Integer>> byKey = new java.util.HashMap<>();
        for (int j = 0; j < right.size(); j++) {
            List<Object> key = Arrays.asList(right.get(j)).subList(0, keys);
            if (!key.contains(null)) {
                byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(j);
            }
        }
        for (Object[] l : left) {
            boolean matched = false;
            for (int j : byKey.getOrDefault(Arrays.asList(l).subList(0, keys), List.of())) {
                Object[] r = right.get(j);
                if (residual && (Integer) l[2] >= (Integer) r[2]) {
                    continue;
                }
                matched = true;
                rightMatched[j] = true;
                if (type != JoinType.SEMI && type != JoinType.ANTI) {
                    out.add(concat(l, r));
                }
            }
            if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
                out.add(Arrays.asList(l));
            } else if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
                out.add(concat(l, new Object[3]));
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int j = 0; j < right.size(); j++) {
                if (!rightMatched[j]) {
                    out.add(concat(new Object[3], right.get(j)));
                }
            }
        }
        return out;
    }

    private static List<Object> concat(Object[] l, Object[] r) {
        List<Object> out = new ArrayList<>(Arrays.asList(l));
        out.addAll(Arrays.asList(r));
        return out;
    }

    private static MergeJoin join(JoinType type, List<Object[]> left, List<Object[]> right, int keys,
            boolean residual) {
        List<Evaluator> leftKeys = new ArrayList<>();
        List<Evaluator> rightKeys = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            leftKeys.add(ExpressionCompiler.compile(column(k)));
            rightKeys.add(ExpressionCompiler.compile(column(k)));
        }
        Evaluator filter = residual ? ExpressionCompiler.compile(new BoundExpr.Compare(BoundExpr.CompareOp.LT,
                column(2), column(5), DataType.INTEGER)) : null;
        return new MergeJoin(type, scan(left), scan(right), leftKeys, rightKeys, filter, "Merge Join");
    }

    private static long count(Operator op) {
        long n = 0;
        op.open(context());
        try {
            for (DataChunk c = op.next(); c != null; c = op.next()) {
                n += c.size();
            }
        } finally {
            op.close();
        }
        return n;
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(r.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Test
    void runsOfEqualKeysAcrossChunkBoundariesJoinAsANestedLoopDoes() {
        for (int round = 0; round < 6; round++) {
            // long runs (up to 2 chunks) on one side, alternating, so runs start and end inside and across chunks
            boolean leftLong = round % 2 == 0;
            List<Object[]> left = sortedRows(10 + random.nextInt(40), leftLong ? 2048 : 4, random.nextBoolean());
            List<Object[]> right = sortedRows(10 + random.nextInt(40), leftLong ? 4 : 2048, random.nextBoolean());
            for (int keys = 1; keys <= 2; keys++) {
                for (JoinType type : JoinType.values()) {
                    for (boolean residual : new boolean[] {false, true}) {
                        List<List<Object>> expected = reference(type, left, right, keys, residual);
                        List<List<Object>> actual = run(join(type, left, right, keys, residual));
                        String what = String.format("seed %d, round %d, %s, %d keys, residual %s, %d x %d rows", seed,
                                round, type, keys, residual, left.size(), right.size());
                        if (type == JoinType.RIGHT || type == JoinType.FULL) {
                            assertThat(sorted(actual)).as(what).isEqualTo(sorted(expected));
                        } else {
                            // INNER, LEFT, SEMI and ANTI return the rows in the left input's order
                            assertThat(actual).as(what).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRunExactlyAtAChunkBoundaryAndEmptyInputs() {
        // 1023 rows of key 1, then a run of key 2 of 2 chunks starting at the last row of the first chunk
        List<Object[]> left = new ArrayList<>();
        for (int i = 0; i < 1023; i++) {
            left.add(new Object[] {1, 0, i});
        }
        for (int i = 0; i < 2 * DataChunk.CAPACITY; i++) {
            left.add(new Object[] {2, 0, i});
        }
        List<Object[]> right = new ArrayList<>();
        for (int i = 0; i < DataChunk.CAPACITY + 1; i++) {
            right.add(new Object[] {2, 0, i});
        }
        right.add(new Object[] {3, 0, 0});
        // both runs of key 2 longer than a chunk: every pair, once
        long pairs = 2L * DataChunk.CAPACITY * (DataChunk.CAPACITY + 1);
        assertThat(count(join(JoinType.INNER, left, right, 1, false))).isEqualTo(pairs);
        assertThat(run(join(JoinType.ANTI, left, right, 1, false))).hasSize(1023);
        assertThat(run(join(JoinType.SEMI, left, right, 1, false))).hasSize(2 * DataChunk.CAPACITY);
        assertThat(count(join(JoinType.FULL, left, right, 1, false))).isEqualTo(pairs + 1023 + 1);
        for (JoinType type : JoinType.values()) {
            boolean keepsLeft = type == JoinType.LEFT || type == JoinType.FULL || type == JoinType.ANTI;
            boolean keepsRight = type == JoinType.RIGHT || type == JoinType.FULL;
            assertThat(run(join(type, left, List.of(), 1, false))).as("%s", type).hasSize(keepsLeft ? left.size() : 0);
            assertThat(run(join(type, List.of(), right, 1, false))).as("%s", type)
                    .hasSize(keepsRight ? right.size() : 0);
        }
    }

    @Test
    void anInputOutOfOrderIsAnErrorNotAWrongResult() {
        List<Object[]> left = List.of(new Object[] {2, 0, 0}, new Object[] {1, 0, 0});
        List<Object[]> right = List.of(new Object[] {1, 0, 0}, new Object[] {2, 0, 0});
        assertThatThrownBy(() -> run(join(JoinType.INNER, left, right, 1, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("left input is not in key order");
    }
}
