# Sourced by deploy/check.sh and bench/bench.sh: the nginx site of deploy/nginx, rendered
# by deploy/nginx_site.py, with a self-signed certificate for localhost, run on loopback
# from a folder of its own. Production runs the same site under Debian's nginx.conf;
# this is that file, less what a site does not need.
#
#   loopback_nginx_configure RUN_DIR HTTPS_PORT HTTP_PORT "UPSTREAM …" [INCLUDE_FILE]
#   "$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf"          # start
#   kill -QUIT "$(cat "$RUN_DIR/nginx.pid")"                 # stop
#
# Needs BIN (the virtualenv's bin) and NGINX (nginx's path).

loopback_nginx_configure() {
  local run=$1 https_port=$2 http_port=$3 upstreams=$4 include=${5:-}
  # nginx's workers run as www-data (Debian's user) when started as root: they read the
  # static and media folders, never the private one, and write the cache and temp files.
  mkdir -p "$run/logs" "$run/temp" "$run/cache"
  chmod 755 "$run"
  if [ "$(id -u)" = 0 ]; then chown www-data "$run/cache" "$run/temp"; fi
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost" \
    -keyout "$run/tls.key" -out "$run/tls.crt" 2>/dev/null
  local options=(--server-name localhost --certificate "$run/tls.crt"
    --certificate-key "$run/tls.key" --http-port "$http_port" --https-port "$https_port"
    --log-dir "$run/logs" --cache-dir "$run/cache")
  local upstream
  for upstream in $upstreams; do options+=(--upstream "$upstream"); done
  if [ -n "$include" ]; then options+=(--include "$include"); fi
  "$BIN/python" deploy/nginx_site.py "${options[@]}" > "$run/site.conf"
  local user_line=""
  if [ "$(id -u)" = 0 ]; then user_line="user www-data;"; fi
  # Room for many clients: each has a connection to nginx and one from nginx to gunicorn.
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
}
