#!/usr/bin/env bash
# Runs every real-client suite (AWS SDK v3, aws-jwt-verify, amazon-cognito-identity-js, boto3,
# AWS CLI) against a freshly started emulator and prints "clients: N passed, M failed".
#
# Usage: tests/clients/run.sh <path-to-cognito-emulator-binary>
#        tests/clients/run.sh --endpoint http://127.0.0.1:<port>   (a server already running)
# The binary is started as `<binary> --port 0 --db :memory:` and must print
# "cognito-emulator listening on http://127.0.0.1:<port>" on stdout (flushed) within 10 s.
set -uo pipefail

readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly STARTUP_TIMEOUT_TENTHS=100  # 10 s, polled every 0.1 s
readonly SUITE_TIMEOUT=120           # seconds, per suite

die() {
  echo "clients: $*" >&2
  echo "clients: 0 passed, 1 failed"
  exit 1
}

[[ $# -ge 1 ]] || die "usage: $0 <path-to-cognito-emulator-binary> | --endpoint URL"

server_pid=""
server_log=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null
  fi
  [[ -n "$server_log" ]] && rm -f "$server_log"
}
trap cleanup EXIT

start_server() {
  local binary
  binary="$(realpath "$1" 2>/dev/null)" || die "binary not found: $1"
  [[ -x "$binary" ]] || die "not an executable: $1"
  # Suites that need a server with their own flags (triggers) start one from it.
  export COGNITO_BINARY="$binary"
  server_log="$(mktemp)"
  # The server must use only our flags: drop any COGNITO_* settings from the caller's environment.
  env -u COGNITO_HOST -u COGNITO_PORT -u COGNITO_DB -u COGNITO_REGION -u COGNITO_ISSUER \
    -u COGNITO_LOG_LEVEL -u COGNITO_SEED -u COGNITO_FIXED_CODE -u COGNITO_LAMBDA_ENDPOINT \
    -u COGNITO_TRIGGER_URLS -u COGNITO_LAMBDA_TIMEOUT_MS \
    "$binary" --port 0 --db :memory: >"$server_log" 2>&1 &
  server_pid=$!
  local line="" i
  for ((i = 0; i < STARTUP_TIMEOUT_TENTHS; i++)); do
    line="$(grep -m1 -E '^cognito-emulator listening on http://127\.0\.0\.1:[0-9]+$' "$server_log")"
    [[ -n "$line" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$server_log" >&2; die "server exited during start"; }
    sleep 0.1
  done
  if [[ -z "$line" ]]; then
    cat "$server_log" >&2
    die "no 'cognito-emulator listening on http://127.0.0.1:<port>' line within 10 s"
  fi
  COGNITO_ENDPOINT="${line#cognito-emulator listening on }"
}

if [[ "$1" == "--endpoint" ]]; then
  [[ $# -ge 2 ]] || die "--endpoint needs a URL"
  COGNITO_ENDPOINT="$2"
else
  start_server "$1"
fi
export COGNITO_ENDPOINT
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
echo "clients: endpoint $COGNITO_ENDPOINT"

cd "$HERE" || die "cannot cd to $HERE"
if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  die "npm ci failed in $HERE"
fi

passed=0
failed=0
failed_names=()
run_suite() {
  local name="$1"
  shift
  echo "clients: --- $name"
  if timeout "$SUITE_TIMEOUT" "$@"; then
    passed=$((passed + 1))
    echo "clients: --- $name: PASS"
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    echo "clients: --- $name: FAIL"
  fi
}

for suite in js/*.test.mjs; do
  run_suite "$suite" node --test --test-reporter=spec "$suite"
done
run_suite python/test_boto3.py python3 -m unittest discover -s python -p 'test_*.py'
run_suite cli/test_cli.sh bash cli/test_cli.sh

if [[ -n "$server_pid" ]] && ! kill -0 "$server_pid" 2>/dev/null; then
  echo "clients: the server died during the run; its output:" >&2
  cat "$server_log" >&2
  failed=$((failed + 1))
  failed_names+=("server")
fi
[[ $failed -eq 0 ]] || echo "clients: failed: ${failed_names[*]}"
echo "clients: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
