#!/usr/bin/env bash
# Benchmarks that run LodeDB and its peers side by side on the same data in one run.
#
#   ./bench.sh kv --workload NAME[,NAME...] [--records N] [--threads T] [--ops N] [--value-size B]
#                 [--engines lode,rocksdb] [--data-dir DIR] ...      (./bench.sh kv --help for all)
#   ./bench.sh sql --workload <bulk-insert|point-select|tpch|oltp> [--sf N] [--rows N]
#                 [--engines lode,sqlite,h2,duckdb] [--threads T] ... (./bench.sh sql --help for all)
#   ./bench.sh sql --workload oltp [--threads 1,2,8] [--scale N] [--duration S | --ops N]
#
# Builds the bench module quietly when its jar is missing or older than the sources, then runs it.
# Environment: BENCH_JAVA_OPTS (default -Xmx4g -XX:+UseParallelGC -Xmn256m: a bounded young
# generation keeps collections short while the block cache churns; see docs/benchmarks.md),
# JAVA (default java).
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat >&2 <<'USAGE'
usage: ./bench.sh kv --workload NAME[,NAME...] [--records N] [--threads T] [--ops N] [options]
       ./bench.sh sql --workload <bulk-insert|point-select|tpch|oltp> [--sf N] [--rows N]
                      [--engines lode,sqlite,h2,duckdb] [--threads T] [options]
       ./bench.sh sql --workload oltp [--threads 1,2,8] [--scale N] [--duration S | --ops N]

benchmarks:
  kv    key-value workloads on LodeDB's LSM and RocksDB: fillseq fillrandom overwrite readrandom
        readseq seekrandom readwhilewriting fillsync ycsb-a .. ycsb-f (groups: dbbench ycsb all)
  sql   LodeDB's SQL engine and SQLite, H2 and DuckDB over JDBC: bulk-insert, point-select,
        TPC-H (load, then the 22 queries) at scale factor --sf, and oltp (pgbench's tables:
        point select by a secondary index, insert, update by primary key and pgbench's TPC-B-like
        transaction on 1, 2 and 8 clients; LodeDB, SQLite and H2)

./bench.sh kv --help and ./bench.sh sql --help list every option.
USAGE
}

if [[ $# -eq 0 ]]; then
  usage
  exit 2
fi
bench="$1"
shift
case "$bench" in
  kv|sql) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "unknown benchmark: $bench" >&2; usage; exit 2 ;;
esac

jar=bench/target/lode-bench.jar
needs_build=0
if [[ ! -f "$jar" ]]; then
  needs_build=1
elif [[ -n "$(find pom.xml bench storage storage-rocksdb engine sql embedded \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
           -newer "$jar" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]; then
  needs_build=1
fi
if [[ $needs_build -eq 1 ]]; then
  if ! grep -q '<module>bench</module>' pom.xml; then
    echo "bench/ is not in the Maven reactor: add <module>bench</module> to pom.xml" >&2
    exit 1
  fi
  echo "building lode-bench ..." >&2
  ./mvnw -q -B -pl bench -am package -DskipTests >&2
fi

exec "${JAVA:-java}" ${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC -Xmn256m} -jar "$jar" "$bench" "$@"
