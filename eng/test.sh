#!/usr/bin/env bash
# Runs every test. The PostgreSQL and MariaDB tests start their own throwaway servers from Debian's packages,
# installed here when missing, as is iproute2 for the network-namespace test. TRX results go to artifacts/test-results. Extra arguments go to 'dotnet test'.
set -euo pipefail
cd "$(dirname "$0")/.."
. eng/common.sh

ensure_dotnet
ensure_postgres
ensure_mariadb
ensure_iproute2

dotnet test Trifacta.Connections.sln -c Release -nologo \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory artifacts/test-results "$@"
