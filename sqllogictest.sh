#!/usr/bin/env bash
# Runs sqllogictest files against LodeDB (database name "postgresql"), one line per file and a
# final "N passed, M failed, K skipped"; exit status 1 when anything failed.
#
#   ./sqllogictest.sh FILE|DIR...
#   ./sqllogictest.sh sql/src/test/resources/conformance/sqllogictest/select1.test
#
# The same as `./lode sqllogictest FILE|DIR...` (which builds what is missing first).
set -euo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: ./sqllogictest.sh FILE|DIR..." >&2
  exit 2
fi
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lode" sqllogictest "$@"
