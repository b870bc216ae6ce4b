#!/usr/bin/env bash
# Runs sqllogictest files against LodeDB (database name "postgresql"), one line per file and a
# final "N passed, M failed, K skipped"; exit status 1 when anything failed.
#
#   ./sqllogictest.sh FILE|DIR...
#   ./sqllogictest.sh sql/src/test/resources/conformance/sqllogictest/select1.test
#
# Builds lode-sql quietly when its classes are missing or older than the sources. Until the
# `lode` command exists this script stands in for `lode sqllogictest`.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -eq 0 ]]; then
  echo "usage: ./sqllogictest.sh FILE|DIR..." >&2
  exit 2
fi
cp_file=sql/target/sqllogictest.classpath
stamp=sql/target/classes/dev/lodedb/sql/slt/EmbeddedSltConnection.class
if [[ ! -f "$stamp" || ! -f "$cp_file" || -n "$(find pom.xml sql engine storage -name '*.java' -newer "$stamp" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]; then
  echo "building lode-sql ..." >&2
  ./mvnw -q -B -pl sql -am package -DskipTests >&2
  # -am: resolves the reactor modules without installing them; sql, built last, writes the file last
  ./mvnw -q -B -pl sql -am dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" >&2
fi
exec "${JAVA:-java}" -cp "sql/target/classes:engine/target/classes:storage/target/classes:$(cat "$cp_file")" \
  dev.lodedb.sql.slt.EmbeddedSltConnection "$@"
