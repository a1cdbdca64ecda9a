#!/usr/bin/env bash
# Local PostgreSQL and Redis on loopback, without Docker. Sourced by scripts/start.sh (persistent
# data under .local/) and scripts/test.sh (throwaway data in a temp dir).

# PostgreSQL refuses to run as root: run its binaries as the "postgres" user when we are root.
as_pg_owner() {
  if [ "$(id -u)" = "0" ]; then /usr/sbin/runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/"$name"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "PostgreSQL binary '$name' not found: install PostgreSQL 15+ (apt-get install postgresql)" >&2
  return 1
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# pg_start DATA_DIR PORT USER [PASSWORD]: initialise (once) and start a cluster on 127.0.0.1:PORT.
# With a PASSWORD, TCP logins need it (scram); without one the throwaway cluster trusts loopback.
pg_start() {
  local dir=$1 port=$2 user=$3 password=${4:-}
  mkdir -p "$dir"
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    local auth=(--auth=trust)
    if [ -n "$password" ]; then
      printf '%s\n' "$password" > "$dir.pw"
      [ "$(id -u)" = "0" ] && chown postgres "$dir.pw"
      auth=(--auth-local=trust --auth-host=scram-sha-256 "--pwfile=$dir.pw")
    fi
    as_pg_owner "$(pg_bin initdb)" -D "$dir" -U "$user" --locale=C.UTF-8 -E UTF8 "${auth[@]}" >"$dir.initdb.log" 2>&1 \
      || { cat "$dir.initdb.log" >&2; return 1; }
    rm -f "$dir.pw"
  fi
  # PG_FSYNC=off (throwaway test clusters) drops the other durability costs along with fsync.
  local durability="-c fsync=${PG_FSYNC:-on}"
  [ "${PG_FSYNC:-on}" = "off" ] && durability+=" -c synchronous_commit=off -c full_page_writes=off"
  as_pg_owner "$(pg_bin pg_ctl)" -D "$dir" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -h 127.0.0.1 -k $dir $durability" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; return 1; }
}

pg_stop() {
  local dir=$1
  [ -f "$dir/postmaster.pid" ] && as_pg_owner "$(pg_bin pg_ctl)" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_db DATA_DIR PORT USER DB: create the database if it does not exist (via the socket).
pg_create_db() {
  local dir=$1 port=$2 user=$3 db=$4
  local psql; psql=$(pg_bin psql)
  if ! as_pg_owner "$psql" -h "$dir" -p "$port" -U "$user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    as_pg_owner "$psql" -h "$dir" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null
  fi
}

# redis_start DIR PORT [PERSIST]: start a daemonised redis-server bound to 127.0.0.1:PORT.
redis_start() {
  local dir=$1 port=$2 persist=${3:-no}
  command -v redis-server >/dev/null 2>&1 || {
    echo "redis-server not found: install Redis 7 (apt-get install redis-server)" >&2; return 1; }
  mkdir -p "$dir"
  local save=(--save '' --appendonly no)
  [ "$persist" = "yes" ] && save=(--appendonly yes)
  redis-server --bind 127.0.0.1 --port "$port" "${save[@]}" --daemonize yes \
    --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log" >/dev/null
  # Ready once the server answering on PORT is the one just started: a bare ping could be
  # answered by another server that took the port first, while ours failed to bind.
  local i pid
  for i in $(seq 1 50); do
    pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(redis-cli -p "$port" info server 2>/dev/null | tr -d '\r' |
      sed -n 's/^process_id://p')" = "$pid" ]; then return 0; fi
    sleep 0.1
  done
  echo "redis-server did not answer on port $port" >&2; tail -20 "$dir/redis.log" >&2; return 1
}

# redis_stop DIR PORT: stop the server redis_start started in DIR, found by its pidfile. Never a
# shutdown sent to PORT: after a failed start, another server may be the one answering there.
redis_stop() {
  local dir=$1 pid i
  pid=$(cat "$dir/redis.pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
