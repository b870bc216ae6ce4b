#!/usr/bin/env bash
# Runs PostgreSQL's regression scripts against LodeDB and judges each statement against psql's
# expected output: one line per file "file: P passed, F failed, S skipped (NN.N%)" and a total;
# exit status 1 when anything failed. See docs/sql/conformance.md.
#
#   ./pgregress.sh [-v] [--causes] [--timeout=MS] FILE...
#   ./pgregress.sh int4 boolean                      # names in sql/src/test/resources/conformance/postgres-regress
#   ./pgregress.sh -v path/to/postgres-regress/sql/join.sql
#
# -v prints every failing statement with the expected and the actual output; --causes tallies
# the failures by LodeDB's first line of output. Builds lode-sql quietly when its classes are
# missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -eq 0 ]]; then
  echo "usage: ./pgregress.sh [-v] [--causes] [--timeout=MS] FILE..." >&2
  exit 2
fi
cp_file=sql/target/sqllogictest.classpath
stamp=sql/target/classes/dev/lodedb/sql/regress/PgRegressRunner.class
if [[ ! -f "$stamp" || ! -f "$cp_file" || -n "$(find pom.xml sql engine storage -name '*.java' -newer "$stamp" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]; then
  echo "building lode-sql ..." >&2
  # one invocation: the reactor resolves its own modules without installing them; every module
  # writes the classpath file and sql, built last, writes it last
  ./mvnw -q -B -pl sql -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/$cp_file" >&2
fi
exec "${JAVA:-java}" -Xss8m -cp "sql/target/classes:engine/target/classes:storage/target/classes:$(cat "$cp_file")" \
  dev.lodedb.sql.regress.PgRegressRunner "$@"
