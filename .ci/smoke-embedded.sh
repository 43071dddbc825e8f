#!/usr/bin/env bash
# Starts the built product with no DATABASE_URL/REDIS_URL (embedded PostgreSQL, in-process
# backplane), checks /readyz and that `{ me }` without credentials is UNAUTHENTICATED, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
chmod 755 "$data"
port=${SMOKE_PORT:-4555}
log="$data/server.log"
TOLLGATE_DATA_DIR="$data" PORT="$port" EMBEDDED_PG_PORT="${SMOKE_PG_PORT:-54555}" LOG_LEVEL=info \
  node server/dist/index.js >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: server exited during start"; exit 1; }
  sleep 0.5
done
ready=$(curl -fsS "http://127.0.0.1:$port/readyz")
echo "smoke: /readyz -> $ready"
me=$(curl -sS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d '{"query":"{ me { email } }"}')
echo "smoke: { me } -> $me"
echo "$me" | grep -q '"code":"UNAUTHENTICATED"' || { cat "$log"; echo "smoke: expected UNAUTHENTICATED"; exit 1; }
kill -TERM "$pid"
wait "$pid"
trap - EXIT
grep -q 'shut down cleanly' "$log" || { cat "$log"; echo "smoke: no clean shutdown"; exit 1; }
rm -rf "$data"
echo "smoke: embedded mode OK"
