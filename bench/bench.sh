#!/bin/sh
# Runs kiln's benchmarks from a fresh build:
#   sh bench/bench.sh                 both benchmarks (same as npm run bench)
#   sh bench/bench.sh interp [flags]  interpreter kernels vs wasm-interp and V8 (bench/interp.ts)
#   sh bench/bench.sh decode [flags]  decode+validate throughput (bench/decode.ts)
# The TypeScript is compiled with the project's tsc first (output in dist/bench/).
set -eu
which=${1:-all}
case "$which" in
  all|interp|decode) ;;
  *) echo "usage: sh bench/bench.sh [all|interp|decode] [flags]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npx tsc -p tsconfig.json || echo "bench.sh: tsc reported errors (see above); running what was emitted" >&2
if [ "$which" = all ]; then exec node dist/bench/run.js; fi
exec node "dist/bench/$which.js" "$@"
