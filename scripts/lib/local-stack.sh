#!/usr/bin/env bash
# PostgreSQL and Redis for scripts/start.sh: reuse what already answers at DATABASE_URL/REDIS_URL,
# else start them with Docker Compose when an engine is available, else from local binaries with
# persistent data under .local/. Needs scripts/lib/services.sh and scripts/lib/dotenv.sh.

# url_parts URL DEFAULT_PORT: host, port, user, password and database of URL, one per line, decoded.
url_parts() {
  node -e '
    const url = new URL(process.argv[1]);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const parts = [host, url.port || process.argv[2], url.username, url.password, url.pathname.slice(1)];
    console.log(parts.map(decodeURIComponent).join("\n"));
  ' "$1" "$2"
}

# answers pg|redis HOST PORT: true when a PostgreSQL or Redis server answers its protocol's greeting
# there (SSLRequest / PING; no credentials needed). A bare TCP connect is not proof: some networks
# (proxies, NAT) accept connections to any address.
answers() {
  node -e '
    const [kind, host, port] = process.argv.slice(1);
    const socket = require("net").connect({ host, port: Number(port) });
    const done = (ok) => process.exit(ok ? 0 : 1);
    socket.setTimeout(2000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
    socket.on("connect", () => socket.write(kind === "pg" ? Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]) : "PING\r\n"));
    socket.on("data", (data) => {
      const reply = data.toString("latin1");
      done(kind === "pg" ? reply[0] === "S" || reply[0] === "N" : /^[+-]/.test(reply));
    });
  ' "$1" "$2" "$3"
}

is_loopback() {
  case "$1" in 127.* | localhost | ::1) return 0 ;; *) return 1 ;; esac
}

docker_available() {
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1
}

# compose_up SERVICE: start one service of docker-compose.yml and wait until its healthcheck passes.
# POSTGRES_*/REDIS_PORT are exported first so the containers match DATABASE_URL and REDIS_URL.
compose_up() {
  echo "Starting $1 with Docker Compose"
  docker compose up -d --wait "$1"
}

# ensure_postgres LOCAL_DIR: makes the server of DATABASE_URL answer, with its database created.
ensure_postgres() {
  local dir=$1 parts host port user password db
  mapfile -t parts < <(url_parts "$DATABASE_URL" 5432)
  [ "${#parts[@]}" -eq 5 ] || { echo "DATABASE_URL is not a valid URL" >&2; return 1; }
  host=${parts[0]} port=${parts[1]} user=${parts[2]} password=${parts[3]} db=${parts[4]}
  if answers pg "$host" "$port"; then
    echo "PostgreSQL: reusing the server at $host:$port"
    return
  fi
  if ! is_loopback "$host"; then
    echo "PostgreSQL at $host:$port (DATABASE_URL) does not answer; only loopback servers are started here" >&2
    return 1
  fi
  if docker_available; then
    export POSTGRES_USER=$user POSTGRES_PASSWORD=$password POSTGRES_DB=$db POSTGRES_PORT=$port
    compose_up postgres
    return
  fi
  # The server runs as the postgres user, which must be able to reach the data directory.
  mkdir -p "$(dirname "$dir")"
  if [ "$(id -u)" = "0" ] && ! as_pg_owner test -x "$(dirname "$dir")"; then
    echo "The postgres user cannot reach $(dirname "$dir"): move the checkout to a directory" \
      "every user can traverse, or point DATABASE_URL at a running server" >&2
    return 1
  fi
  if [ -f "$dir/PG_VERSION" ]; then
    echo "PostgreSQL: starting the existing cluster in $dir on port $port"
  else
    echo "PostgreSQL: creating a cluster in $dir on port $port"
  fi
  pg_start "$dir" "$port" "$user" "$password"
  pg_create_db "$dir" "$port" "$user" "$db"
}

# ensure_redis LOCAL_DIR: makes the server of REDIS_URL answer.
ensure_redis() {
  local dir=$1 parts host port
  mapfile -t parts < <(url_parts "$REDIS_URL" 6379)
  [ "${#parts[@]}" -eq 5 ] || { echo "REDIS_URL is not a valid URL" >&2; return 1; }
  host=${parts[0]} port=${parts[1]}
  if answers redis "$host" "$port"; then
    echo "Redis: reusing the server at $host:$port"
    return
  fi
  if ! is_loopback "$host"; then
    echo "Redis at $host:$port (REDIS_URL) does not answer; only loopback servers are started here" >&2
    return 1
  fi
  if docker_available; then
    export REDIS_PORT=$port
    compose_up redis
    return
  fi
  echo "Redis: starting in $dir on port $port (append-only file, data kept across restarts)"
  redis_start "$dir" "$port" yes
}

# stop_local_stack LOCAL_DIR: stops the servers started from local binaries (not Docker's, not
# servers that were only reused). Redis gets SIGTERM, on which it flushes its data before exiting.
stop_local_stack() {
  local dir=$1 pid
  if [ -f "$dir/postgres/postmaster.pid" ]; then
    echo "Stopping PostgreSQL ($dir/postgres)"
    pg_stop "$dir/postgres"
  fi
  if [ -f "$dir/redis/redis.pid" ]; then
    pid=$(cat "$dir/redis/redis.pid")
    if kill -0 "$pid" 2>/dev/null; then
      echo "Stopping Redis ($dir/redis, pid $pid)"
      kill -TERM "$pid"
      local i
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
}
