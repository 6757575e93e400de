#!/usr/bin/env bash
# make deploy-check: the production set-up on loopback. nginx (deploy/nginx, rendered by
# deploy/nginx_site.py, TLS with a certificate made here) in front of two gunicorn
# instances sharing one PostgreSQL database of their own and one Redis database, and the
# worker; then the checks in deploy/tests (pytest, one line a check) prove what the
# README's "Production" section promises. Everything started here is stopped however
# the run ends.
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
# The mail server the checks start and stop (aiosmtpd), and a port for the instances
# they start with a part hung.
SMTP_PORT=${DEPLOY_CHECK_SMTP_PORT:-8783}
SPARE_PORT=${DEPLOY_CHECK_SPARE_PORT:-8784}

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

for port in "$HTTPS_PORT" "$HTTP_PORT" "$PORT_A" "$PORT_B" "$SMTP_PORT" "$SPARE_PORT"; do
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
  # A release check that did not finish leaves the template as it was.
  cp "$run/template.backup" templates/groups/national_group_list.html 2>/dev/null || true
  if [ "$status" != 0 ]; then
    echo "--- deploy-check failed; the last lines of the logs:"
    tail -n 15 "$run"/gunicorn-*.log "$run"/worker.log "$run"/logs/error.log 2>/dev/null || true
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
export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
export EMAIL_HOST=127.0.0.1 EMAIL_PORT="$SMTP_PORT" EMAIL_USE_TLS=false EMAIL_TIMEOUT=2
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
mkdir -p "$run/media" "$run/private-media"
chmod 755 "$run/media"
chmod 700 "$run/private-media"
cp templates/groups/national_group_list.html "$run/template.backup"
# shellcheck source=deploy/loopback_nginx.sh
. deploy/loopback_nginx.sh
loopback_nginx_configure "$run" "$HTTPS_PORT" "$HTTP_PORT" "127.0.0.1:$PORT_A 127.0.0.1:$PORT_B"

step "nginx on :$HTTPS_PORT (HTTPS) and :$HTTP_PORT, gunicorn on :$PORT_A (A) and :$PORT_B (B), the worker"
"$NGINX" -p "$run" -c "$run/nginx.conf"
# Each instance in a session of its own, so the checks can stop it with its workers.
GUNICORN_BIND="127.0.0.1:$PORT_A" setsid "$BIN/gunicorn" --config gunicorn.conf.py \
  --no-control-socket >"$run/gunicorn-a.log" 2>&1 &
pids+=($!); pid_a=$!
GUNICORN_BIND="127.0.0.1:$PORT_B" setsid "$BIN/gunicorn" --config gunicorn.conf.py \
  --no-control-socket >"$run/gunicorn-b.log" 2>&1 &
pids+=($!); pid_b=$!
"$BIN/python" manage.py worker >"$run/worker.log" 2>&1 &
pids+=($!)

step "The checks (deploy/tests)"
DEPLOY_CHECK_SITE="https://localhost:$HTTPS_PORT" \
DEPLOY_CHECK_PLAIN_HTTP_PORT="$HTTP_PORT" \
DEPLOY_CHECK_CAFILE="$run/tls.crt" \
DEPLOY_CHECK_INSTANCES="127.0.0.1:$PORT_A=$pid_a,127.0.0.1:$PORT_B=$pid_b" \
DEPLOY_CHECK_SITE_CONF="$run/site.conf" \
DEPLOY_CHECK_LOG_DIR="$run" \
DEPLOY_CHECK_LOAD_SECONDS="$LOAD_SECONDS" \
DEPLOY_CHECK_SMTP_PORT="$SMTP_PORT" \
DEPLOY_CHECK_SPARE_PORT="$SPARE_PORT" \
  "$BIN/pytest" -c deploy/pytest.ini \
    deploy/tests/test_start.py deploy/tests/test_https.py deploy/tests/test_two_instances.py \
    deploy/tests/test_files.py deploy/tests/test_nginx_cache.py deploy/tests/test_mail.py \
    deploy/tests/test_hung_parts.py deploy/tests/test_load.py deploy/tests/test_stopping.py
