#!/usr/bin/env bash
# make deploy-check: the production set-up on loopback. nginx (deploy/nginx, rendered by
# deploy/nginx_site.py, TLS with a certificate made here) in front of two gunicorn
# instances sharing one PostgreSQL database of their own and one Redis database, then
# deploy/check.py proves what the README's "Production" section promises. Everything
# started here is stopped however the run ends.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

BIN=${BIN:-.venv/bin}
DATABASE=${DEPLOY_CHECK_DATABASE:-pauseai_deploy_check}
REDIS_DB=${DEPLOY_CHECK_REDIS_DB:-10}
HTTPS_PORT=${DEPLOY_CHECK_HTTPS_PORT:-8780}
HTTP_PORT=${DEPLOY_CHECK_HTTP_PORT:-8779}
PORT_A=${DEPLOY_CHECK_PORT_A:-8781}
PORT_B=${DEPLOY_CHECK_PORT_B:-8782}
LOAD_SECONDS=${DEPLOY_CHECK_LOAD_SECONDS:-30}

step() { printf '\n=== %s\n' "$*"; }

# nginx, wrk and openssl from Debian, installed with apt when missing (as .ci/run does
# Chromium); without them the check cannot run.
missing=""
for tool in nginx:nginx wrk:wrk openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null || [ -x "/usr/sbin/${tool%%:*}" ] || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "Installing$missing with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "make deploy-check needs$missing (apt-get install$missing)"; exit 1
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in "$HTTPS_PORT" "$HTTP_PORT" "$PORT_A" "$PORT_B"; do
  if "$BIN/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then
    echo "Port $port is taken: set DEPLOY_CHECK_*_PORT (deploy/check.sh)"; exit 1
  fi
done

run=$(mktemp -d /tmp/pauseai-deploy-check.XXXXXX)
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  if [ -f "$run/nginx.pid" ]; then kill -QUIT "$(cat "$run/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then
    echo "--- deploy-check failed; the last lines of the logs:"
    tail -n 15 "$run"/gunicorn-*.log "$run"/logs/error.log 2>/dev/null || true
  fi
  rm -rf "$run"
  echo "deploy-check took $(( $(date +%s) - started )) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Production settings, as deploy/production.env.example has them, on loopback; nothing
# of the caller's (CI's SECURE_SSL_REDIRECT=false for its tests, say) comes through.
for name in $(grep -oE '^[A-Z_]+' .env.example); do unset "$name"; done
export DEBUG=false
SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50)[:50])')"
export SECRET_KEY
export ALLOWED_HOSTS=localhost,127.0.0.1
export CSRF_TRUSTED_ORIGINS="https://localhost:$HTTPS_PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DATABASE"
export DATABASE_CONN_MAX_AGE=60
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
export MEDIA_ROOT="$run/media" PRIVATE_MEDIA_ROOT="$run/private-media"
export ALLAUTH_TRUSTED_PROXY_COUNT=1 FORWARDED_ALLOW_IPS=127.0.0.1
export GUNICORN_WORKERS=${DEPLOY_CHECK_WORKERS:-3}
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export SITE_URL="https://localhost:$HTTPS_PORT"
export LOG_LEVEL=WARNING

step "PostgreSQL database $DATABASE (recreated) and Redis database $REDIS_DB (emptied)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DATABASE" postgres
redis-cli -n "$REDIS_DB" flushdb >/dev/null
"$BIN/python" manage.py migrate --noinput --verbosity 0
"$BIN/python" manage.py load_content >/dev/null
"$BIN/python" manage.py collectstatic --noinput --verbosity 0
"$BIN/python" manage.py check --deploy --fail-level WARNING

step "A self-signed certificate for localhost, and the nginx site"
# nginx's workers run as www-data (Debian's user) when started as root: they read the
# static and media folders, never the private one.
mkdir -p "$run/media" "$run/private-media" "$run/logs" "$run/temp"
chmod 755 "$run" "$run/media"
chmod 700 "$run/private-media"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost" \
  -keyout "$run/tls.key" -out "$run/tls.crt" 2>/dev/null
"$BIN/python" deploy/nginx_site.py --server-name localhost \
  --upstream "127.0.0.1:$PORT_A" --upstream "127.0.0.1:$PORT_B" \
  --certificate "$run/tls.crt" --certificate-key "$run/tls.key" \
  --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" --log-dir "$run/logs" > "$run/site.conf"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user www-data;"
# Debian's /etc/nginx/nginx.conf, less what a site does not need, with room for the load
# below: 200 clients, each with a connection to nginx and one from nginx to gunicorn.
cat > "$run/nginx.conf" <<CONF
$user_line
worker_processes auto;
pid $run/nginx.pid;
error_log $run/logs/error.log;
events { worker_connections 4096; }
http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $run/temp/body;
    proxy_temp_path $run/temp/proxy;
    fastcgi_temp_path $run/temp/fastcgi;
    uwsgi_temp_path $run/temp/uwsgi;
    scgi_temp_path $run/temp/scgi;
    include $run/site.conf;
}
CONF
"$NGINX" -t -q -p "$run" -c "$run/nginx.conf"

step "nginx on :$HTTPS_PORT (HTTPS) and :$HTTP_PORT, gunicorn on :$PORT_A (A) and :$PORT_B (B)"
"$NGINX" -p "$run" -c "$run/nginx.conf"
# Each instance in a session of its own, so the check can stop it with its workers.
GUNICORN_BIND="127.0.0.1:$PORT_A" setsid "$BIN/gunicorn" --config gunicorn.conf.py \
  --no-control-socket >"$run/gunicorn-a.log" 2>&1 &
pids+=($!); pid_a=$!
GUNICORN_BIND="127.0.0.1:$PORT_B" setsid "$BIN/gunicorn" --config gunicorn.conf.py \
  --no-control-socket >"$run/gunicorn-b.log" 2>&1 &
pids+=($!); pid_b=$!

"$BIN/python" deploy/check.py \
  --site "https://localhost:$HTTPS_PORT" --plain-http-port "$HTTP_PORT" --cafile "$run/tls.crt" \
  --instance "127.0.0.1:$PORT_A=$pid_a" --instance "127.0.0.1:$PORT_B=$pid_b" \
  --site-conf "$run/site.conf" --gunicorn-log "$run/gunicorn-a.log" \
  --load-seconds "$LOAD_SECONDS"
