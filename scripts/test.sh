#!/usr/bin/env bash
# The test command (`npm test`): lint, typecheck, unit tests, then end-to-end tests against a real
# PostgreSQL and Redis. Unless DATABASE_URL / REDIS_URL are given, throwaway servers are started on
# random loopback ports with their data in a temp dir, and stopped again however the run ends.
# Every step runs even after an earlier one failed, so one run reports everything; the last line
# is always "N passed, N failed" and the exit status is non-zero if anything failed.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh

WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gateway-test.XXXXXX")
# The postgres user must reach the cluster directory inside it.
chmod 755 "$WORK_DIR"
PG_DIR="$WORK_DIR/pg"
REDIS_DIR="$WORK_DIR/redis"
PG_STARTED='' REDIS_STARTED='' REDIS_PORT=''
FAILED_STEPS=()

section() { printf '\n==== %s (at %ss) ====\n' "$*" "$SECONDS"; }

# Sums the jest --json reports; steps without a report (lint, typecheck, a crashed jest) that
# failed count as one failure each, so the final line never reads "0 failed" after a failure.
print_totals() {
  node - "$WORK_DIR" "${FAILED_STEPS[@]+"${FAILED_STEPS[@]}"}" <<'NODE'
const fs = require('fs');
const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0, failed = 0;
const reported = new Set();
for (const name of ['unit', 'e2e']) {
  const file = `${dir}/${name}.json`;
  if (!fs.existsSync(file)) continue;
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    // A suite that fails to load has no failed tests; count it so it is not silently lost.
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (report.numRuntimeErrorTestSuites ? `, ${report.numRuntimeErrorTestSuites} suite(s) failed to run` : ''));
    if (!report.success && report.numFailedTests + report.numRuntimeErrorTestSuites === 0) failed += 1;
    reported.add(name);
  } catch (error) {
    console.log(`${name}: unreadable report (${error.message})`);
  }
}
for (const step of failedSteps) {
  if (reported.has(step)) continue;
  console.log(`step failed: ${step}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
NODE
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  set +e
  if [ -n "$PG_STARTED" ] || [ -n "$REDIS_STARTED" ]; then section 'Stopping test services'; fi
  [ -n "$PG_STARTED" ] && pg_stop "$PG_DIR"
  [ -n "$REDIS_STARTED" ] && redis_stop "$REDIS_DIR" "$REDIS_PORT"
  # An interrupted or aborted run is a failure even if nothing recorded one.
  [ "$status" -ne 0 ] && [ ${#FAILED_STEPS[@]} -eq 0 ] && FAILED_STEPS+=("exit-status-$status")
  section 'Summary'
  [ ${#FAILED_STEPS[@]} -gt 0 ] && echo "failed steps: ${FAILED_STEPS[*]}"
  print_totals
  rm -rf "$WORK_DIR"
  [ "$status" -eq 0 ] && [ ${#FAILED_STEPS[@]} -gt 0 ] && status=1
  exit "$status"
}
trap cleanup EXIT
# Ctrl-C or a kill still runs cleanup (through EXIT) and ends with the conventional status.
trap 'FAILED_STEPS+=(interrupted); exit 130' INT
trap 'FAILED_STEPS+=(terminated); exit 143' TERM
trap 'FAILED_STEPS+=(hangup); exit 129' HUP

# Runs a step and records its failure instead of stopping, so later steps still report.
step() {
  local name=$1
  shift
  if ! "$@"; then FAILED_STEPS+=("$name"); fi
}

# Failures here leave nothing meaningful to test: stop at once (the summary still prints).
abort() {
  FAILED_STEPS+=("$1")
  echo "Aborting: $1 failed" >&2
  exit 1
}

section 'Dependencies'
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Not `npm ci`: it rejects this lockfile here (other-OS optional packages missing upstream).
  npm install --no-audit --no-fund || abort install
else
  echo 'node_modules is up to date with package-lock.json'
fi

section 'Lint'
step lint npm run --silent lint

section 'Typecheck'
step typecheck npm run --silent typecheck

section 'Unit tests'
step unit npm run --silent test:unit -- --json --outputFile="$WORK_DIR/unit.json"

section 'Test services'
export PG_FSYNC=off # throwaway data: durability only costs time
# A free port can be taken between probing and binding it: try a few.
start_postgres() {
  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    PG_STARTED=1 # from here on cleanup stops whatever runs in PG_DIR
    if pg_start "$PG_DIR" "$port" gateway && pg_create_db "$PG_DIR" "$port" gateway gateway_test; then
      export DATABASE_URL="postgresql://gateway@127.0.0.1:$port/gateway_test"
      echo "PostgreSQL: 127.0.0.1:$port (throwaway, data in $PG_DIR)"
      return 0
    fi
    pg_stop "$PG_DIR"
    echo "PostgreSQL did not start on port $port (attempt $attempt)" >&2
  done
  return 1
}
start_redis() {
  local attempt
  for attempt in 1 2 3; do
    REDIS_PORT=$(free_port)
    REDIS_STARTED=1
    if redis_start "$REDIS_DIR" "$REDIS_PORT"; then
      export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
      echo "Redis: 127.0.0.1:$REDIS_PORT (throwaway)"
      return 0
    fi
    redis_stop "$REDIS_DIR" "$REDIS_PORT"
    echo "Redis did not start on port $REDIS_PORT (attempt $attempt)" >&2
  done
  return 1
}
if [ -n "${DATABASE_URL:-}" ]; then echo 'PostgreSQL: using the given DATABASE_URL'; else start_postgres || abort postgres; fi
if [ -n "${REDIS_URL:-}" ]; then echo 'Redis: using the given REDIS_URL'; else start_redis || abort redis; fi

section 'Migrations'
npx --no-install prisma migrate deploy || abort migrate

section 'End-to-end tests'
step e2e npm run --silent test:e2e -- --json --outputFile="$WORK_DIR/e2e.json"
