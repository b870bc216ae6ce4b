package dev.lodedb.sql.plan;

import dev.lodedb.engine.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * A relational operator tree produced by the binder and rewritten by the optimizer. Every node
 * knows its output columns; expressions in a node refer to its input's columns by position (for
 * joins: the left input's columns followed by the right input's).
 */
public sealed interface LogicalPlan {
    /** @return the output columns */
    List<PlanColumn> columns();

    /** @return the inputs, left first */
    List<LogicalPlan> inputs();

    /**
     * Reads a table through the statement's snapshot: all of it, or only the rows whose leading
     * primary-key columns equal {@code keyPrefix} (a point lookup when it covers the whole key).
     *
     * @param table the table
     * @param projection indexes into {@code table.columns()} of the columns produced, in order
     * @param filter a predicate over the produced columns applied during the scan, or {@code null}
     * @param columns the output columns
     * @param keyPrefix values of the first primary-key columns (constants, parameters or outer
     *     references, of the key columns' types); empty for a full scan
     * @param keyRange bounds on the primary-key column after the prefix, or {@code null}
     */
    record Scan(TableDef table, int[] projection, BoundExpr filter, List<PlanColumn> columns,
            List<BoundExpr> keyPrefix, KeyRange keyRange) implements LogicalPlan {
        /** A full scan. */
        public Scan(TableDef table, int[] projection, BoundExpr filter, List<PlanColumn> columns) {
            this(table, projection, filter, columns, List.of(), null);
        }

        /** A scan of the rows whose leading primary-key values are {@code keyPrefix}. */
        public Scan(TableDef table, int[] projection, BoundExpr filter, List<PlanColumn> columns,
                List<BoundExpr> keyPrefix) {
            this(table, projection, filter, columns, keyPrefix, null);
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /**
     * Reads a table through one of its secondary indexes (chosen by the optimizer for a {@link
     * Scan}): the entries within {@code bounds}, then — unless {@code indexOnly} — each entry's row,
     * producing the scan's output columns, filtered by {@code filter}. An index-only scan fills the
     * output columns the index holds (key columns, INCLUDE columns, the primary key, the row key)
     * and leaves the others NULL: the optimizer uses it only when nothing reads them.
     *
     * @param scan the scan it replaces (table, projection, output columns)
     * @param index the index, bound over the table
     * @param bounds the key ranges to read
     * @param conditions the conjuncts the bounds implement (for EXPLAIN's Index Cond)
     * @param filter the remaining conjuncts over the output columns, or {@code null}
     * @param indexOnly whether rows are not fetched
     * @param limitHint how many rows a LIMIT above will take from it in index order (the first
     *     batch of fetched rows is not larger), or 0 when unknown
     */
    record IndexScan(Scan scan, BoundIndex index, IndexBounds bounds, List<BoundExpr> conditions, BoundExpr filter,
            boolean indexOnly, long limitHint) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return scan.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /**
     * Reads a table by a set of row keys that one or more of its indexes produce (PostgreSQL's
     * Bitmap Heap Scan; the multiple-index access of Mohan et al., "Single Table Access Using
     * Multiple Indexes", ICDE 1990): {@code bitmap} yields the keys in ascending row-key order
     * without duplicates, each row is fetched once in that order, and the scan's whole filter is
     * evaluated again on it (the key sets of OR arms may be supersets). Chosen by the optimizer for
     * a {@link Scan} whose conjuncts several indexes serve together (a {@link BitmapAnd}) or whose
     * OR's every arm an index serves (a {@link BitmapOr}).
     *
     * @param scan the scan it replaces (table, projection, output columns, the filter rechecked)
     * @param bitmap the row keys: a {@link BitmapIndexScan}, {@link BitmapAnd} or {@link BitmapOr}
     * @param recheck the conjuncts of the scan's filter the bitmap implements (EXPLAIN's Recheck Cond)
     * @param filter the other conjuncts over the output columns (EXPLAIN's Filter), or {@code null}
     */
    record BitmapHeapScan(Scan scan, LogicalPlan bitmap, List<BoundExpr> recheck, BoundExpr filter)
            implements LogicalPlan {
        /** The one output column of the row-key sources: a row key (bytea). */
        public static final List<PlanColumn> ROW_KEYS = List.of(PlanColumn.of("?row key?",
                dev.lodedb.engine.types.DataType.BYTEA));

        /** Copies the recheck conditions. */
        public BitmapHeapScan {
            recheck = List.copyOf(recheck);
        }

        @Override
        public List<PlanColumn> columns() {
            return scan.columns();
        }

        /** No inputs: the row-key sources read no plan node's rows (like an {@link IndexScan}). */
        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /**
     * The row keys of the index entries within {@code bounds}, in ascending row-key order
     * (PostgreSQL's Bitmap Index Scan); only under a {@link BitmapHeapScan}.
     *
     * @param scan the scan being served (its columns are what {@code conditions} refer to)
     * @param index the index, bound over the table
     * @param bounds the key ranges to read
     * @param conditions the conjuncts the bounds implement (EXPLAIN's Index Cond)
     */
    record BitmapIndexScan(Scan scan, BoundIndex index, IndexBounds bounds, List<BoundExpr> conditions)
            implements LogicalPlan {
        /** Copies the conditions. */
        public BitmapIndexScan {
            conditions = List.copyOf(conditions);
        }

        /**
         * @return whether the entries of {@code bounds} are already in row-key order: one key range
         *     with every key element fixed, so the entries differ only in their row suffix
         */
        public boolean presorted() {
            return bounds.rangeCount() == 1 && !bounds.hasRange() && bounds.equalities().size() == index.keys().size();
        }

        @Override
        public List<PlanColumn> columns() {
            return BitmapHeapScan.ROW_KEYS;
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /**
     * The row keys every input produces (PostgreSQL's BitmapAnd); only under a {@link BitmapHeapScan}.
     *
     * @param inputs two or more row-key sources
     */
    record BitmapAnd(List<LogicalPlan> inputs) implements LogicalPlan {
        /** Copies the inputs. */
        public BitmapAnd {
            inputs = List.copyOf(inputs);
        }

        @Override
        public List<PlanColumn> columns() {
            return BitmapHeapScan.ROW_KEYS;
        }
    }

    /**
     * The row keys any input produces, once each (PostgreSQL's BitmapOr); only under a {@link
     * BitmapHeapScan}.
     *
     * @param inputs two or more row-key sources
     */
    record BitmapOr(List<LogicalPlan> inputs) implements LogicalPlan {
        /** Copies the inputs. */
        public BitmapOr {
            inputs = List.copyOf(inputs);
        }

        @Override
        public List<PlanColumn> columns() {
            return BitmapHeapScan.ROW_KEYS;
        }
    }

    /** Literal rows ({@code VALUES}); also the single empty row of a SELECT without FROM. */
    record Values(List<List<BoundExpr>> rows, List<PlanColumn> columns) implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /** A set-returning function in FROM (generate_series, jsonb_array_elements, jsonb_each, ...). */
    record TableFunction(String name, List<BoundExpr> args, boolean withOrdinality, List<PlanColumn> columns)
            implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /** Rows of {@code input} for which {@code predicate} is true. */
    record Filter(LogicalPlan input, BoundExpr predicate) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Computes {@code exprs} over each input row. */
    record Project(LogicalPlan input, List<BoundExpr> exprs, List<PlanColumn> columns) implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * A join. {@code condition} is over left ++ right columns ({@code null}: cross product).
     * SEMI and ANTI output the left columns only.
     */
    record Join(JoinType type, LogicalPlan left, LogicalPlan right, BoundExpr condition) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            if (type == JoinType.SEMI || type == JoinType.ANTI) {
                return left.columns();
            }
            List<PlanColumn> out = new ArrayList<>(left.columns());
            out.addAll(right.columns());
            return out;
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(left, right);
        }
    }

    /**
     * Grouping: output is the group keys followed by the aggregates. Without keys there is
     * exactly one output row, also for empty input.
     */
    record Aggregate(LogicalPlan input, List<BoundExpr> groupKeys, List<AggregateCall> aggregates,
            List<PlanColumn> columns) implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Window functions: output is the input columns followed by one column per call. */
    record Window(LogicalPlan input, List<WindowCall> calls, List<PlanColumn> columns) implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Sorts the input (stable). */
    record Sort(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Skips {@code offset} rows then passes at most {@code limit} (either may be {@code null}). */
    record Limit(LogicalPlan input, BoundExpr limit, BoundExpr offset) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * Removes duplicate rows; with {@code on} keys (DISTINCT ON) keeps the first row of each key
     * in input order.
     */
    record Distinct(LogicalPlan input, List<BoundExpr> on) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Set operator kinds. */
    enum SetOpKind { UNION, INTERSECT, EXCEPT }

    /** UNION / INTERSECT / EXCEPT [ALL]; both inputs already have the output types. */
    record SetOp(SetOpKind kind, boolean all, LogicalPlan left, LogicalPlan right, List<PlanColumn> columns)
            implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of(left, right);
        }
    }

    /**
     * A WITH RECURSIVE query: {@code anchor} once, then {@code recursive} repeatedly over the
     * previous iteration's rows (read by {@link CteScan} with the same {@code id}) until it
     * produces no rows; UNION (not ALL) drops rows seen before.
     */
    record RecursiveCte(int id, LogicalPlan anchor, LogicalPlan recursive, boolean unionAll, List<PlanColumn> columns)
            implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of(anchor, recursive);
        }
    }

    /** Reads the working table of the {@link RecursiveCte} with this id. */
    record CteScan(int id, List<PlanColumn> columns) implements LogicalPlan {
        @Override
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /**
     * A CTE referenced more than once, computed once per statement execution and read by every
     * reference ({@code MATERIALIZED}).
     */
    record MaterializedCte(int id, LogicalPlan input) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * An index nested-loop join, chosen by the optimizer for a join whose right input is a base
     * table that an index or its primary key can probe on the join keys: for each row of {@code
     * outer}, {@code lookup} is opened with {@code outerKeys} evaluated on that row as {@link
     * BoundExpr.OuterRef}{@code (1, k)} and its rows are joined by {@code condition}. The references
     * occur only in the lookup's key bounds (an {@link IndexScan}'s bounds or a {@link Scan}'s key
     * prefix), which the executor evaluates when it opens the lookup, so they never stand for an
     * enclosing query's row; {@link #inputs()} names the lookup's plain scan instead.
     *
     * @param type INNER, LEFT, SEMI or ANTI (the outer input is the preserved side)
     * @param outer the outer input
     * @param lookup the inner table's keyed read
     * @param outerKeys one expression over the outer columns per key reference of the lookup
     * @param condition the whole join condition over outer ++ inner columns, rechecked per pair, or {@code null}
     */
    record IndexJoin(JoinType type, LogicalPlan outer, LogicalPlan lookup, List<BoundExpr> outerKeys,
            BoundExpr condition) implements LogicalPlan {
        /** Copies the key list. */
        public IndexJoin {
            outerKeys = List.copyOf(outerKeys);
        }

        /** @return the inner table's scan, without the per-row key bounds */
        public Scan inner() {
            if (lookup instanceof IndexScan x) {
                return x.scan();
            }
            Scan s = (Scan) lookup;
            return new Scan(s.table(), s.projection(), s.filter(), s.columns());
        }

        @Override
        public List<PlanColumn> columns() {
            if (type == JoinType.SEMI || type == JoinType.ANTI) {
                return outer.columns();
            }
            List<PlanColumn> out = new ArrayList<>(outer.columns());
            out.addAll(lookup.columns());
            return out;
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(outer, inner());
        }
    }

    /**
     * A merge join, chosen by the optimizer for an equi-join whose inputs both arrive in ascending
     * order of the join keys (as read, or below a {@link Sort} the optimizer added): the inputs are
     * read in step and the runs of equal keys are joined. NULL keys never match.
     *
     * @param type the join type (all types; SEMI and ANTI output the left columns only)
     * @param left the left input, ascending on {@code leftKeys}
     * @param right the right input, ascending on {@code rightKeys}
     * @param leftKeys the merge keys over the left input's columns (at least one)
     * @param rightKeys the merge keys over the right input's columns, pairwise of the left keys' types
     * @param residual the rest of the join condition over left ++ right columns, or {@code null}
     */
    record MergeJoin(JoinType type, LogicalPlan left, LogicalPlan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual) implements LogicalPlan {
        /** Copies the key lists. */
        public MergeJoin {
            leftKeys = List.copyOf(leftKeys);
            rightKeys = List.copyOf(rightKeys);
        }

        /** @return the whole join condition over left ++ right columns: the key equalities and the residual */
        public BoundExpr condition() {
            List<BoundExpr> terms = new ArrayList<>();
            int leftWidth = left.columns().size();
            for (int i = 0; i < leftKeys.size(); i++) {
                BoundExpr l = leftKeys.get(i);
                terms.add(new BoundExpr.Compare(BoundExpr.CompareOp.EQ, l, ExprRewriter.shift(rightKeys.get(i),
                        leftWidth), l.type()));
            }
            if (residual != null) {
                terms.add(residual);
            }
            return terms.size() == 1 ? terms.get(0) : new BoundExpr.And(terms);
        }

        @Override
        public List<PlanColumn> columns() {
            return new Join(type, left, right, null).columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return List.of(left, right);
        }
    }

    /**
     * A sorted (streaming) aggregation, chosen by the optimizer for a GROUP BY whose input arrives
     * grouped on the group keys (ordered on them, as read or below a {@link Sort} the optimizer
     * added): each group is finished when the key changes. Output and meaning as {@code aggregate}'s.
     *
     * @param aggregate the grouping it runs (with at least one group key)
     */
    record GroupAggregate(Aggregate aggregate) implements LogicalPlan {
        @Override
        public List<PlanColumn> columns() {
            return aggregate.columns();
        }

        @Override
        public List<LogicalPlan> inputs() {
            return aggregate.inputs();
        }
    }
}
