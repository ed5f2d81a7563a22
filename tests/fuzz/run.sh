#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer + UndefinedBehaviorSanitizer, leak
# checking on) and runs each one from its checked-in seed corpus.
#
# Usage: tests/fuzz/run.sh [--seconds N | --runs N | --long] [--build DIR] [--jobs J] [target ...]
#   --seconds N  wall-clock bound per target (default 8: the short run of `make fuzz` and CI)
#   --runs N     number of inputs per target instead
#   --long       the long run of `make soak` (docs/reliability.md): 5 to 15 minutes per target,
#                about 65 minutes in all, more than 10 million inputs
#   targets      any of: service http model user_filter jwt refresh srp json (default: all)
# New interesting inputs go to $BUILD/fuzz-corpus/<target>/ (never into the checked-in seeds);
# a crashing input is saved as $BUILD/fuzz-artifacts/<target>/crash-*. Prints one line per
# target and writes the table to $BUILD/fuzz-summary.md. Exits non-zero if any target found a
# crash, leak, timeout, out-of-memory or sanitizer report.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build-fuzz"
JOBS="$(nproc)"
LIMIT="-max_total_time=8"
LIMIT_TEXT="8 s"
TARGETS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) LIMIT="-max_total_time=$2"; LIMIT_TEXT="$2 s"; shift 2 ;;
    --runs) LIMIT="-runs=$2"; LIMIT_TEXT="$2 inputs"; shift 2 ;;
    --long) LIMIT="long"; shift ;;
    --build) BUILD="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(service http model user_filter jwt refresh srp json)

# Seconds per target in the long run: the slow, stateful targets get the most time.
long_seconds() {
  case "$1" in
    service) echo 900 ;;
    http|jwt) echo 600 ;;
    model) echo 480 ;;
    *) echo 300 ;;
  esac
}

max_len() {
  case "$1" in
    user_filter) echo 512 ;;
    srp) echo 1200 ;;
    jwt|refresh) echo 2048 ;;
    *) echo 4096 ;;
  esac
}

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCOGNITO_SANITIZE=ON -DCOGNITO_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target "${TARGETS[@]/%/_fuzz}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
summary="$BUILD/fuzz-summary.md"
{
  echo "| target | limit | inputs run | inputs/s | coverage (edges) | corpus | peak RSS (MB) | result |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$summary"
failed=0
total=0
for target in "${TARGETS[@]}"; do
  corpus="$BUILD/fuzz-corpus/$target"
  artifacts="$BUILD/fuzz-artifacts/$target"
  log="$BUILD/fuzz-$target.log"
  mkdir -p "$corpus" "$artifacts"
  started=$(date +%s)
  result="ok"
  limit="$LIMIT"
  if [[ "$LIMIT" == long ]]; then
    limit="-max_total_time=$(long_seconds "$target")"
    LIMIT_TEXT="$(long_seconds "$target") s"
  fi
  if ! "$BUILD/tests/fuzz/${target}_fuzz" "$limit" -max_len="$(max_len "$target")" -timeout=120 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict="$ROOT/tests/fuzz/cognito.dict" \
      -artifact_prefix="$artifacts/" "$corpus" "$ROOT/tests/fuzz/corpus/$target" >"$log" 2>&1; then
    result="FAIL"
    failed=1
  fi
  elapsed=$(( $(date +%s) - started ))
  runs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | tail -1 | awk '{print $2}')
  rss=$(grep -oE 'stat::peak_rss_mb: +[0-9]+' "$log" | tail -1 | awk '{print $2}')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  files=$(find "$corpus" -type f | wc -l)
  rate=$(( ${runs:-0} / (elapsed > 0 ? elapsed : 1) ))
  total=$(( total + ${runs:-0} ))
  echo "| $target | $LIMIT_TEXT | ${runs:-?} | $rate | ${cov:-?} | $files | ${rss:-?} | $result |" >>"$summary"
  echo "fuzz: $target: $result, ${runs:-?} inputs in ${elapsed} s, coverage ${cov:-?}, log $log"
  if [[ "$result" != ok ]]; then
    grep -E 'ERROR|FUZZ INVARIANT|SUMMARY|Test unit written' "$log" | head -20 || true
    tail -30 "$log"
  fi
done
echo "| all | | $total | | | | | $([[ $failed == 0 ]] && echo ok || echo FAIL) |" >>"$summary"
cat "$summary"
exit "$failed"
