#!/usr/bin/env bash
# The main job: a demo dry run against a real local server. Starts a throwaway PostgreSQL on 127.0.0.1:15432
# (below the ephemeral port range, so no outgoing connection can be holding it),
# writes a key file, runs the trifacta-dryrun CLI on the three bodies in docs/examples (success, wrong password,
# refused) and prints each v4 result. Installs PostgreSQL when it is missing. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
. eng/common.sh

ensure_dotnet
ensure_postgres

port="${DEMO_PG_PORT:-15432}"
work="$(mktemp -d /tmp/trifacta-demo.XXXXXX)"
chmod 755 "$work"
export PG_SUPERUSER_PASSWORD="demo-su-$RANDOM$RANDOM"
trap 'pg_throwaway_stop "$work/pg"; rm -rf "$work"' EXIT

echo "Building the trifacta-dryrun CLI..."
dotnet build src/Trifacta.Connections.Cli -c Release -nologo -v q -o "$work/cli" >/dev/null

echo "Starting a throwaway PostgreSQL on 127.0.0.1:$port..."
pg_throwaway_start "$work/pg" "$port"
pg_sql "$port" "CREATE ROLE demo_user LOGIN PASSWORD 'demo-Passw0rd'" "CREATE DATABASE demo_db OWNER demo_user"

key="$work/customerKey"
printf 'demo-customer-key-0123456789abcdef\n' > "$key"
chmod 600 "$key"

for example in success wrong-password refused; do
  echo
  echo "== docs/examples/$example.json"
  set +e
  dotnet "$work/cli/trifacta-dryrun.dll" --key-file "$key" "docs/examples/$example.json"
  code=$?
  set -e
  echo "(exit code $code)"
done
