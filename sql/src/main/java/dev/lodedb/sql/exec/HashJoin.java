package dev.lodedb.sql.exec;

import dev.lodedb.engine.types.DataType;
import dev.lodedb.sql.plan.JoinType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Joins two inputs by building an in-memory table of the right (build) input and probing it with
 * the left (probe) input's rows. With equi-join keys the table is a hash table on the keys (a hash
 * join; NULL keys never match); without keys every build row is a candidate for every probe row
 * (a nested-loop join). A residual condition is evaluated on candidate pairs a chunk at a time.
 * All join types: INNER, LEFT, RIGHT, FULL (unmatched build rows are emitted at the end), SEMI and
 * ANTI (probe rows with / without a match, emitted once).
 *
 * <p>When the build side outgrows the memory budget, the join becomes a Grace hash join (Kitsuregawa
 * et al., 1983): both inputs are partitioned by key hash into {@value #PARTITIONS} spill files
 * and each pair of partitions is joined in memory.
 */
final class HashJoin implements Operator {
    static final int PARTITIONS = 16;
    private final JoinType type;
    private final Operator left;
    private final Operator right;
    private final Evaluator[] leftKeys;
    private final Evaluator[] rightKeys;
    private final List<DataType> keyTypes;
    private final Evaluator residual;
    private final List<DataType> types;
    private final List<DataType> combinedTypes;
    private final int leftWidth;
    private final int rightWidth;
    private final String description;
    private ExecContext ctx;
    private final ArrayDeque<Object[]> output = new ArrayDeque<>();
    private ChunkBuilder builder;
    /** The residual condition on candidate pairs. */
    private PairCondition residualCheck;
    private Iterator<Object[]> probeRows;
    private Table table;
    private final List<SpillFile> spills = new ArrayList<>();
    /** Peak estimated bytes of the hash table and spill files written, this execution (EXPLAIN ANALYZE). */
    private long peakBytes;
    private int spilledFiles;
    private List<SpillFile[]> pendingPartitions;
    private boolean probeDone;
    /**
     * Vectorized probing (an in-memory equi-join of any type without a residual condition): probe
     * rows are read from the left input's chunks and written into {@link #out} column by column,
     * without building an array per probe row or per pair.
     */
    private boolean vectorProbe;
    private DataChunk out;
    private DataChunk probeChunk;
    private Vector[] probeKeys;
    private int probePosition;
    /** The build rows still to pair with probe row {@link #pendingRow}, from {@link #pendingAt} on. */
    private List<Integer> pending;
    private int pendingAt;
    private int pendingRow;
    /** RIGHT and FULL, after the probe input ended: the next build row to check for a match, or -1. */
    private int unmatchedBuild = -1;

    HashJoin(JoinType type, Operator left, Operator right, List<Evaluator> leftKeys, List<Evaluator> rightKeys,
            Evaluator residual, String description) {
        this.type = type;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.toArray(new Evaluator[0]);
        this.rightKeys = rightKeys.toArray(new Evaluator[0]);
        this.keyTypes = PairCondition.types(leftKeys);
        this.residual = residual;
        this.leftWidth = left.types().size();
        this.rightWidth = right.types().size();
        List<DataType> combined = PairCondition.concat(left.types(), right.types());
        this.combinedTypes = combined;
        this.types = type == JoinType.SEMI || type == JoinType.ANTI ? left.types() : combined;
        this.description = description;
    }

    @Override
    public List<DataType> types() {
        return types;
    }

    /** The in-memory build side. */
    private final class Table {
        final List<Object[]> rows = new ArrayList<>();
        final Map<KeyNormalizer.Key, List<Integer>> index = new HashMap<>();
        boolean[] matched;
        /** Bit {@code hash & (bits - 1)} is set for the hash of every build key (a one-hash Bloom filter). */
        long[] hashFilter;

        /** Sets up {@link #hashFilter} once every build row is in, at 8 or more bits per distinct key. */
        void buildHashFilter() {
            int bits = Integer.highestOneBit(Math.max(64, index.size() * 8 - 1)) << 1;
            if (bits <= 0) {
                return; // billions of keys: no filter
            }
            hashFilter = new long[bits >>> 6];
            for (KeyNormalizer.Key k : index.keySet()) {
                int b = KeyNormalizer.spread(k.hashCode()) & (bits - 1);
                hashFilter[b >>> 6] |= 1L << b;
            }
        }

        /**
         * @return false when probe row {@code i}'s key, hashed from its key vectors as {@link
         *     KeyNormalizer.Key#hashCode} hashes its normalized values, is NULL or hashes to a bit no
         *     build key set
         */
        boolean mayMatch(Vector[] keys, int i) {
            if (hasNull(keys, i)) {
                return false;
            }
            int h = KeyNormalizer.hash(keyTypes, keys, i, null);
            int b = KeyNormalizer.spread(h) & ((hashFilter.length << 6) - 1);
            return (hashFilter[b >>> 6] & (1L << b)) != 0;
        }

        void add(Object[] row) {
            int n = rows.size();
            rows.add(row);
            if (rightKeys.length > 0) {
                KeyNormalizer.Key k = KeyNormalizer.key(keyTypes, Arrays.copyOfRange(row, rightWidth, row.length));
                if (!k.hasNull()) {
                    index.computeIfAbsent(k, x -> new ArrayList<>(1)).add(n);
                }
            }
        }

        List<Integer> candidates(Object[] probe) {
            if (rightKeys.length == 0) {
                return null;
            }
            KeyNormalizer.Key k = KeyNormalizer.key(keyTypes, Arrays.copyOfRange(probe, leftWidth, probe.length));
            if (k.hasNull()) {
                return List.of();
            }
            List<Integer> c = index.get(k);
            return c == null ? List.of() : c;
        }
    }

    private List<DataType> withKeys(List<DataType> t) {
        List<DataType> out = new ArrayList<>(t);
        out.addAll(keyTypes);
        return out;
    }

    @Override
    public void open(ExecContext ctx) {
        this.ctx = ctx;
        peakBytes = 0;
        spilledFiles = 0;
        output.clear();
        pendingPartitions = null;
        probeDone = false;
        builder = new ChunkBuilder(types);
        residualCheck = new PairCondition(residual, combinedTypes);
        right.open(ctx);
        Iterator<Object[]> build = new KeyedRows(right, rightKeys, rightWidth, ctx);
        table = new Table();
        long bytes = 0;
        long budget = ctx.memoryBudgetBytes();
        SpillFile[] buildParts = null;
        while (build.hasNext()) {
            Object[] r = build.next();
            if (buildParts == null) {
                table.add(r);
                bytes += SpillFile.estimateBytes(r) + 48;
                peakBytes = Math.max(peakBytes, bytes);
                if (bytes > budget && rightKeys.length > 0) {
                    buildParts = partitions(withKeys(right.types()));
                    for (Object[] x : table.rows) {
                        partitionOf(buildParts, x, rightWidth).write(x);
                    }
                    table = null;
                }
            } else {
                partitionOf(buildParts, r, rightWidth).write(r);
            }
        }
        right.close();
        left.open(ctx);
        vectorProbe = false;
        KeyedRows probe = new KeyedRows(left, leftKeys, leftWidth, ctx);
        if (buildParts == null) {
            table.matched = new boolean[table.rows.size()];
            vectorProbe = rightKeys.length > 0 && residual == null;
            if (vectorProbe) {
                table.buildHashFilter();
                if (out == null) {
                    out = DataChunk.allocate(types, DataChunk.CAPACITY);
                }
                probeChunk = null;
                pending = null;
                unmatchedBuild = -1;
                return;
            }
            if (rightKeys.length > 0 && (type == JoinType.INNER || type == JoinType.SEMI || type == JoinType.RIGHT)) {
                // a probe row without a partner produces nothing: skip it before building its array
                table.buildHashFilter();
                Table t = table;
                if (t.hashFilter != null) {
                    probe.filter(t::mayMatch);
                }
            }
            probeRows = probe;
            return;
        }
        SpillFile[] probeParts = partitions(withKeys(left.types()));
        while (probe.hasNext()) {
            Object[] r = probe.next();
            partitionOf(probeParts, r, leftWidth).write(r);
        }
        pendingPartitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            buildParts[p].finishWriting();
            probeParts[p].finishWriting();
            pendingPartitions.add(new SpillFile[] {buildParts[p], probeParts[p]});
        }
        probeRows = java.util.Collections.emptyIterator();
        probeDone = true;
        table = null;
    }

    private SpillFile[] partitions(List<DataType> rowTypes) {
        SpillFile[] parts = new SpillFile[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            parts[p] = new SpillFile(rowTypes, ctx.spillDirectory());
            spills.add(parts[p]);
            spilledFiles++;
        }
        return parts;
    }

    private SpillFile partitionOf(SpillFile[] parts, Object[] row, int width) {
        KeyNormalizer.Key k = KeyNormalizer.key(keyTypes, Arrays.copyOfRange(row, width, row.length));
        return parts[Math.floorMod(k.hashCode() * 0x9E3779B9, PARTITIONS)];
    }

    /** Loads the next spilled partition pair; returns false when none is left. */
    private boolean nextPartition() {
        while (pendingPartitions != null && !pendingPartitions.isEmpty()) {
            SpillFile[] pair = pendingPartitions.remove(0);
            table = new Table();
            Iterator<Object[]> b = pair[0].read();
            while (b.hasNext()) {
                table.add(b.next());
            }
            table.matched = new boolean[table.rows.size()];
            probeRows = pair[1].read();
            return true;
        }
        return false;
    }

    /** {@link #next} when {@link #vectorProbe}: pairs written straight into {@link #out}. */
    private DataChunk nextVectorized() {
        out.reset();
        Vector[] oc = out.columns();
        int n = 0;
        boolean semi = type == JoinType.SEMI;
        boolean anti = type == JoinType.ANTI;
        boolean keepUnmatchedProbe = type == JoinType.LEFT || type == JoinType.FULL;
        boolean markBuild = type == JoinType.RIGHT || type == JoinType.FULL;
        boolean skipByFilter = type == JoinType.INNER || type == JoinType.SEMI || type == JoinType.RIGHT;
        while (n < DataChunk.CAPACITY) {
            if (pending != null) {
                while (pendingAt < pending.size() && n < DataChunk.CAPACITY) {
                    int j = pending.get(pendingAt++);
                    if (markBuild) {
                        table.matched[j] = true;
                    }
                    copyProbe(oc, n, pendingRow);
                    copyBuild(oc, n, table.rows.get(j));
                    n++;
                }
                if (pendingAt >= pending.size()) {
                    pending = null;
                }
                continue;
            }
            if (unmatchedBuild >= 0) {
                // RIGHT and FULL: the build rows no probe row matched, NULL-extended on the left
                while (unmatchedBuild < table.rows.size() && n < DataChunk.CAPACITY) {
                    int j = unmatchedBuild++;
                    if (!table.matched[j]) {
                        for (int c = 0; c < leftWidth; c++) {
                            oc[c].setNull(n);
                        }
                        copyBuild(oc, n, table.rows.get(j));
                        n++;
                    }
                }
                if (unmatchedBuild >= table.rows.size()) {
                    break;
                }
                continue;
            }
            if (probeChunk == null || probePosition >= probeChunk.size()) {
                probeChunk = probeDone ? null : left.next();
                if (probeChunk == null) {
                    probeDone = true;
                    if (markBuild) {
                        unmatchedBuild = 0;
                        continue;
                    }
                    break;
                }
                ctx.checkCancelled();
                probeKeys = new Vector[leftKeys.length];
                for (int j = 0; j < leftKeys.length; j++) {
                    probeKeys[j] = leftKeys[j].evaluate(probeChunk, ctx);
                }
                probePosition = 0;
                continue;
            }
            int i = probeChunk.row(probePosition++);
            List<Integer> candidates = null;
            boolean possible = skipByFilter && table.hashFilter != null ? table.mayMatch(probeKeys, i)
                    : !hasNull(probeKeys, i);
            if (possible) {
                candidates = table.index.get(KeyNormalizer.key(keyTypes, probeKeys, i));
            }
            if (candidates == null) {
                if (anti) {
                    copyProbe(oc, n++, i);
                } else if (keepUnmatchedProbe) {
                    copyProbe(oc, n, i);
                    for (int c = 0; c < rightWidth; c++) {
                        oc[leftWidth + c].setNull(n);
                    }
                    n++;
                }
                continue;
            }
            if (anti) {
                continue;
            }
            if (semi) {
                copyProbe(oc, n++, i);
            } else {
                pending = candidates;
                pendingAt = 0;
                pendingRow = i;
            }
        }
        if (n == 0) {
            return null;
        }
        out.setSize(n);
        return out;
    }

    private static boolean hasNull(Vector[] keys, int i) {
        for (Vector v : keys) {
            if (v.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    /** Sets the right columns of row {@code n} of the output to build row {@code build}'s values. */
    private void copyBuild(Vector[] oc, int n, Object[] build) {
        for (int c = 0; c < rightWidth; c++) {
            oc[leftWidth + c].set(n, build[c]);
        }
    }

    /** Copies the left columns of probe row {@code i} into row {@code n} of the output. */
    private void copyProbe(Vector[] oc, int n, int i) {
        for (int c = 0; c < leftWidth; c++) {
            oc[c].copyFrom(probeChunk.column(c), i, n);
        }
    }

    @Override
    public DataChunk next() {
        if (vectorProbe) {
            return nextVectorized();
        }
        builder.reset();
        while (!builder.isFull()) {
            if (!output.isEmpty()) {
                builder.add(output.poll());
                continue;
            }
            if (table != null && probeRows.hasNext()) {
                probeBatch();
                continue;
            }
            if (table != null) {
                emitUnmatchedBuild();
                table = null;
                continue;
            }
            if (!nextPartition()) {
                break;
            }
        }
        return builder.finish();
    }

    private void emitUnmatchedBuild() {
        if (type != JoinType.RIGHT && type != JoinType.FULL) {
            return;
        }
        for (int j = 0; j < table.rows.size(); j++) {
            if (!table.matched[j]) {
                output.add(PairCondition.pair(null, leftWidth, table.rows.get(j), rightWidth));
            }
        }
    }

    /** Probes up to a chunk's worth of candidate pairs. */
    private void probeBatch() {
        ctx.checkCancelled();
        List<Object[]> probes = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<Object[]> combined = new ArrayList<>();
        while (probeRows.hasNext() && combined.size() < DataChunk.CAPACITY) {
            Object[] p = probeRows.next();
            int pi = probes.size();
            probes.add(p);
            List<Integer> cands = table.candidates(p);
            if (cands == null) {
                for (int j = 0; j < table.rows.size(); j++) {
                    pairs.add(new int[] {pi, j});
                    combined.add(combine(p, table.rows.get(j)));
                }
            } else {
                for (int j : cands) {
                    pairs.add(new int[] {pi, j});
                    combined.add(combine(p, table.rows.get(j)));
                }
            }
        }
        boolean[] pass = residualCheck.test(combined, ctx);
        boolean[] probeMatched = new boolean[probes.size()];
        for (int c = 0; c < combined.size(); c++) {
            if (!pass[c]) {
                continue;
            }
            int[] pr = pairs.get(c);
            probeMatched[pr[0]] = true;
            if (type == JoinType.RIGHT || type == JoinType.FULL) {
                table.matched[pr[1]] = true;
            }
            if (type != JoinType.SEMI && type != JoinType.ANTI) {
                output.add(combined.get(c));
            }
        }
        for (int p = 0; p < probes.size(); p++) {
            boolean m = probeMatched[p];
            if (type == JoinType.SEMI && m || type == JoinType.ANTI && !m) {
                output.add(Arrays.copyOf(probes.get(p), leftWidth));
            } else if (!m && (type == JoinType.LEFT || type == JoinType.FULL)) {
                // probe rows carry their key values after the columns: the right side stays NULL
                output.add(PairCondition.pair(probes.get(p), leftWidth, null, rightWidth));
            }
        }
    }

    private Object[] combine(Object[] probe, Object[] build) {
        return PairCondition.pair(probe, leftWidth, build, rightWidth);
    }

    @Override
    public void close() {
        left.close();
        right.close();
        for (SpillFile s : spills) {
            s.close();
        }
        spills.clear();
        output.clear();
    }

    @Override
    public String analyze() {
        return Operator.memoryLine(peakBytes, spilledFiles);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> children() {
        return List.of(left, right);
    }
}
