#!/usr/bin/env bash
# Runs the benchmarks against a throwaway local PostgreSQL on 127.0.0.1:${BENCH_PG_PORT:-15433}. Arguments go to
# BenchmarkDotNet (default: every benchmark), or --failures / --load for the harness. Summary: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. eng/common.sh

ensure_dotnet
ensure_postgres

port="${BENCH_PG_PORT:-15433}"
work="$(mktemp -d /tmp/trifacta-bench.XXXXXX)"
chmod 755 "$work"
export PG_SUPERUSER_PASSWORD="bench-su-$RANDOM$RANDOM"
trap 'pg_throwaway_stop "$work/pg"; rm -rf "$work"' EXIT

pg_throwaway_start "$work/pg" "$port"
pg_sql "$port" "CREATE ROLE bench_user LOGIN PASSWORD 'bench-Passw0rd'" "CREATE DATABASE bench_db OWNER bench_user"
printf 'bench-customer-key-0123456789abcdef\n' > "$work/customerKey"

export TRIFACTA_BENCH_HOST=127.0.0.1 TRIFACTA_BENCH_PORT="$port" TRIFACTA_BENCH_USER=bench_user \
  TRIFACTA_BENCH_PASSWORD=bench-Passw0rd TRIFACTA_BENCH_DATABASE=bench_db TRIFACTA_BENCH_KEY_FILE="$work/customerKey"

# --failures and --load are the repo's own harness (see bench/Trifacta.Connections.Benchmarks/Harness.cs).

if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
dotnet run -c Release --project bench/Trifacta.Connections.Benchmarks -- "$@"
