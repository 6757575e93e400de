#!/usr/bin/env bash
# make bench (README, "Benchmark"): a database of its own at full size, served by
# `make serve`'s gunicorn with production settings, and by the nginx of make deploy-check
# in front of it (deploy/loopback_nginx.sh) with a location of static copies beside;
# measured by bench_run, which prints the tables and writes bench/results.md. gunicorn
# (its log in bench/gunicorn.log; no control socket, which a `make serve` on the machine
# may hold) and nginx are stopped however the run ends. wrk and nginx are installed with
# apt where they can be; without wrk the load comes from Python threads, without nginx
# its table is left out.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
DATABASE=${BENCH_DATABASE:-pauseai_bench}
PORT=${BENCH_PORT:-8765}
NGINX_PORT=${BENCH_NGINX_PORT:-8767}
NGINX_HTTP_PORT=${BENCH_NGINX_HTTP_PORT:-8768}
SECONDS_EACH=${BENCH_SECONDS:-5}
REDIS_DB=${BENCH_REDIS_DB:-11}

missing=""
for tool in wrk nginx openssl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
      || echo "Could not install$missing"
  else
    echo "Not installed:$missing"
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in "$PORT" "$NGINX_PORT" "$NGINX_HTTP_PORT"; do
  if "$BIN/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then
    echo "Port $port is taken: make bench BENCH_PORT=… BENCH_NGINX_PORT=… BENCH_NGINX_HTTP_PORT=…"
    exit 1
  fi
done

# The production settings of deploy/production.env.example: persistent connections too.
export DEBUG=false SECURE_SSL_REDIRECT=false ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DATABASE" DATABASE_CONN_MAX_AGE=60
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" GUNICORN_WORKERS=2 GUNICORN_BIND="127.0.0.1:$PORT"
export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(48)[:50])')"
export SECRET_KEY

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DATABASE" postgres
"$BIN/python" manage.py migrate --noinput --verbosity 0
"$BIN/python" manage.py load_content
"$BIN/python" manage.py bench_data
"$BIN/python" manage.py collectstatic --noinput --verbosity 0

run=$(mktemp -d /tmp/pauseai-bench.XXXXXX)
gunicorn=""
cleanup() {
  if [ -f "$run/nginx.pid" ]; then kill -QUIT "$(cat "$run/nginx.pid")" 2>/dev/null || true; fi
  if [ -n "$gunicorn" ]; then kill "$gunicorn" 2>/dev/null; wait "$gunicorn" 2>/dev/null || true; fi
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/gunicorn" --config gunicorn.conf.py --no-control-socket >bench/gunicorn.log 2>&1 &
gunicorn=$!

nginx_options=()
if [ -x "$NGINX" ] && command -v openssl >/dev/null; then
  # The same bytes as a static file, from the same nginx, beside the pages.
  mkdir -p "$run/static-copies"
  cat > "$run/static-copies.conf" <<CONF
    location /__bench__/static/ {
        alias $run/static-copies/;
        gzip_static on;
        types { text/html html; application/json json; }
        default_type application/octet-stream;
    }
CONF
  # shellcheck source=deploy/loopback_nginx.sh
  . deploy/loopback_nginx.sh
  loopback_nginx_configure "$run" "$NGINX_PORT" "$NGINX_HTTP_PORT" "127.0.0.1:$PORT" \
    "$run/static-copies.conf"
  chmod 755 "$run/static-copies"
  "$NGINX" -p "$run" -c "$run/nginx.conf"
  nginx_options=(--nginx "https://localhost:$NGINX_PORT" --static-dir "$run/static-copies")
fi

"$BIN/python" manage.py bench_run --url "http://127.0.0.1:$PORT" --seconds "$SECONDS_EACH" \
  "${nginx_options[@]}"
