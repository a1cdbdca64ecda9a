#!/usr/bin/env bash
# The start command (`npm start`): from a fresh clone to a running gateway with no manual step.
#   1. installs dependencies when node_modules is missing or older than package-lock.json;
#   2. creates .env with fresh secrets if there is none, then loads it (set variables win);
#   3. reuses or starts PostgreSQL and Redis on loopback (Docker Compose if an engine is available,
#      else local binaries with data under .local/);
#   4. applies migrations, builds, runs the api (and the worker, once apps/worker exists) until
#      Ctrl-C or SIGTERM, and prints the URLs once the api is ready.
# Idempotent: a second run reuses .env, node_modules and the running servers.
# `bash scripts/start.sh stop` stops the PostgreSQL/Redis started from local binaries.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
LOCAL_DIR=$ROOT/.local
READY_TIMEOUT_S=${READY_TIMEOUT_S:-90}

# shellcheck source=lib/services.sh
. scripts/lib/services.sh
# shellcheck source=lib/dotenv.sh
. scripts/lib/dotenv.sh
# shellcheck source=lib/local-stack.sh
. scripts/lib/local-stack.sh

say() { printf '\n==> %s\n' "$*"; }

case "${1:-}" in
  "") ;;
  stop)
    stop_local_stack "$LOCAL_DIR"
    exit 0
    ;;
  *)
    echo "usage: bash scripts/start.sh [stop]" >&2
    exit 2
    ;;
esac

# --- 1. dependencies -------------------------------------------------------------------------------
# `npm ci` cannot be used: the registry copy lacks some other-OS optional packages it insists on.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing dependencies (npm install; about a minute on a fresh clone)"
  npm install --no-audit --no-fund
fi
# The generated Prisma client goes stale when the schema changes after the install (e.g. a pull).
if ! cmp -s prisma/schema.prisma node_modules/.prisma/client/schema.prisma; then
  say "Generating the Prisma client"
  npm run --silent prisma:generate
fi

# --- 2. configuration ------------------------------------------------------------------------------
if [ ! -f .env ]; then
  say "Creating .env"
  create_env_file "$ROOT/.env"
fi
load_env_file .env

# Probe and print through loopback when the api listens on every interface.
case "${HOST:-127.0.0.1}" in 0.0.0.0 | :: | "") PROBE_HOST=127.0.0.1 ;; *) PROBE_HOST=$HOST ;; esac
BASE_URL="http://${PROBE_HOST}:${PORT:-3000}"
if port_in_use "$PROBE_HOST" "${PORT:-3000}"; then
  echo "Port ${PORT:-3000} on $PROBE_HOST is already in use (is the gateway already running?)." \
    "Stop it or choose another port: PORT=3001 npm start" >&2
  exit 1
fi

# --- 3. PostgreSQL and Redis -----------------------------------------------------------------------
say "PostgreSQL and Redis"
ensure_postgres "$LOCAL_DIR/postgres"
ensure_redis "$LOCAL_DIR/redis"

# --- 4. migrations and build -----------------------------------------------------------------------
say "Applying migrations"
npx prisma migrate deploy

# The worker is built and run only once it exists, so this script works before and after it lands.
APPS=(api)
[ -f apps/worker/src/main.ts ] && APPS+=(worker)
for app in "${APPS[@]}"; do
  say "Building $app"
  npx nest build "$app"
done

# --- 5. run ------------------------------------------------------------------------------------------
CHILDREN=()
STOPPING=
stop_children() {
  # Once only: a second signal would make Nest skip its graceful shutdown.
  [ -n "$STOPPING" ] && return
  STOPPING=1
  local pid
  for pid in ${CHILDREN[@]+"${CHILDREN[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in ${CHILDREN[@]+"${CHILDREN[@]}"}; do wait "$pid" 2>/dev/null || true; done
}
trap stop_children EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "Starting ${APPS[*]}"
for app in "${APPS[@]}"; do
  # Own session (setsid, which execs in place so $! is node's pid): a terminal Ctrl-C then reaches
  # only this script, which stops the children exactly once (see stop_children).
  if command -v setsid >/dev/null 2>&1; then
    setsid node "dist/apps/$app/apps/$app/src/main.js" &
  else
    node "dist/apps/$app/apps/$app/src/main.js" &
  fi
  CHILDREN+=("$!")
done

alive() {
  local pid
  for pid in "${CHILDREN[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
}
ready() {
  node -e '
    require("http").get(process.argv[1], (res) => process.exit(res.statusCode === 200 ? 0 : 1))
      .on("error", () => process.exit(1));
  ' "$BASE_URL/health/ready"
}

deadline=$((SECONDS + READY_TIMEOUT_S))
until ready; do
  alive || { echo "The gateway exited during start-up; see the log above." >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "Not ready after ${READY_TIMEOUT_S}s: $BASE_URL/health/ready" >&2; exit 1; }
  sleep 0.5
done

cat <<EOF

Billing portal gateway is ready (${APPS[*]}):
  API          $BASE_URL
  Swagger UI   $BASE_URL/docs
  OpenAPI JSON $BASE_URL/docs-json
  Readiness    $BASE_URL/health/ready
  Admin key    variable ADMIN_API_KEYS in $ROOT/.env
Press Ctrl-C to stop (PostgreSQL and Redis keep running; 'bash scripts/start.sh stop' stops them).

EOF

# npm passes SIGTERM to its `sh`, not on to this script: when run by npm, stop once that shell is gone
# rather than leave the gateway running unattended.
parent_gone() { [ -n "${npm_lifecycle_event:-}" ] && ! kill -0 "$PPID" 2>/dev/null; }

# Run until a child exits or a signal arrives; `sleep & wait` keeps the signal traps responsive.
while alive; do
  parent_gone && { echo "npm was stopped; stopping the gateway." >&2; exit 143; }
  sleep 1 &
  wait "$!" || true
done
echo "A gateway process exited; stopping the others." >&2
exit 1
