# Shared helpers of the eng/ scripts. Source it; it defines functions only.

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: '$*' needs root and sudo is not available." >&2; return 1; fi
}

# The newest PostgreSQL server bin folder of Debian's packages, or nothing.
pg_bindir() {
  if [ -n "${TRIFACTA_PG_BINDIR:-}" ] && [ -x "$TRIFACTA_PG_BINDIR/initdb" ]; then echo "$TRIFACTA_PG_BINDIR"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -n 1
}

# Installs Debian's PostgreSQL server when its binaries are missing.
ensure_postgres() {
  if [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ]; then return 0; fi
  echo "PostgreSQL server binaries not found: installing Debian's 'postgresql' package..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  [ -x "$(pg_bindir)/initdb" ] || { echo "error: PostgreSQL was not installed; install it with 'apt-get install -y postgresql'." >&2; return 1; }
}

# Installs Debian's MariaDB server (the MySQL probe's tests start their own) when it is missing.
ensure_mariadb() {
  if [ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null 2>&1; then return 0; fi
  echo "MariaDB server binaries not found: installing Debian's 'mariadb-server' package..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  # The package may start its own service where it can; the tests use their own server and do not need it.
}

# Installs Debian's iproute2 (the 'ip' command; the network-namespace test needs it) when it is missing.
ensure_iproute2() {
  command -v ip >/dev/null 2>&1 && return 0
  echo "The 'ip' command is missing: installing Debian's 'iproute2' package..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null
}

# Fails with a clear message when the .NET SDK is missing.
ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK ('dotnet') is needed: https://dot.net/download" >&2; return 1; }
}

# Runs one of PostgreSQL's tools as the 'postgres' user when we are root (the server refuses to run as root).
pg_run() {
  local tool="$(pg_bindir)/$1"; shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$tool" "$@"; else "$tool" "$@"; fi
}

# pg_throwaway_start DIR PORT: initdb a SCRAM cluster in DIR (superuser 'postgres', password in $PG_SUPERUSER_PASSWORD)
# and start it on 127.0.0.1:PORT. Stop it with pg_throwaway_stop DIR.
pg_throwaway_start() {
  local dir="$1" port="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "error: port $port on 127.0.0.1 is already in use; free it (or set a different port) and try again." >&2; return 1
  fi
  mkdir -p "$dir"
  printf '%s\n' "$PG_SUPERUSER_PASSWORD" > "$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
  pg_run initdb -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --no-sync --locale=C >/dev/null
  rm -f "$dir/pwfile"
  pg_run pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
}

pg_throwaway_stop() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then pg_run pg_ctl -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$dir"
}

# pg_sql PORT SQL...: runs each statement as the superuser.
pg_sql() {
  local port="$1"; shift
  local statement
  for statement in "$@"; do
    PGPASSWORD="$PG_SUPERUSER_PASSWORD" pg_run psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "$statement" >/dev/null
  done
}
