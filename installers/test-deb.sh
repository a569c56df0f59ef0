#!/usr/bin/env bash
# End-to-end test of the Linux package, as root on a Debian/Ubuntu machine:
#   build the .deb (installers/build.sh), install it with dpkg, start the installed launcher under Xvfb as a
#   throwaway user, check the proxy answers (/api/hello, /v1/models, one proxied /v1/messages), switch autostart on,
#   stop it with SIGTERM, remove the package and check nothing is left (/opt/spillway, menu entry, login entry).
# Usage: installers/test-deb.sh [path/to/spillway.deb]   (with no argument it builds one first)
# Prints sizes and timings, and "N passed, M failed" last. Exit code 0 only when everything passed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
app_dir=/opt/spillway
launcher=$app_dir/bin/Spillway
default_port=47000
user="swdebtest$$"

passed=0
failed=0
tmp=""
xvfb_pid=""
app_pid=""
upstream_pid=""
ready_ms=""
stop_ms=""
launcher_ready_ms=""
install_ms=""
remove_ms=""

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*"; }
pass() { passed=$((passed + 1)); log "PASS $*"; }
fail() { failed=$((failed + 1)); log "FAIL $*"; }
check() { # description, command...
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
now_ms() { date +%s%3N; }

[ "$(id -u)" -eq 0 ] || { echo "test-deb.sh: run as root (it installs packages and a .deb)" >&2; exit 1; }

cleanup() {
  set +e
  for pid in "$app_pid" "$upstream_pid" "$xvfb_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  dpkg -s spillway >/dev/null 2>&1 && dpkg --purge spillway >/dev/null 2>&1
  id "$user" >/dev/null 2>&1 && userdel "$user" 2>/dev/null
  [ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT

needed=()
command -v Xvfb >/dev/null || needed+=(xvfb)
command -v xauth >/dev/null || needed+=(xauth)
command -v curl >/dev/null || needed+=(curl)
command -v python3 >/dev/null || needed+=(python3)
command -v desktop-file-validate >/dev/null || needed+=(desktop-file-utils)
command -v xdotool >/dev/null || needed+=(xdotool)
if [ ${#needed[@]} -gt 0 ]; then
  log "installing ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

deb="${1:-}"
if [ -z "$deb" ]; then
  log "building the .deb"
  build_start=$(now_ms)
  "$here/build.sh"
  log "build took $(( ($(now_ms) - build_start) / 1000 )) s"
  deb="$(ls -t "$here"/target/spillway_*.deb | head -1)"
fi
deb="$(readlink -f "$deb")"
deb_bytes=$(wc -c <"$deb")

if dpkg -s spillway >/dev/null 2>&1; then
  log "purging the spillway package that was already on this machine"
  dpkg --purge spillway >/dev/null
fi

# dpkg does not fetch dependencies: install the ones the package declares first, the way apt would.
depends="$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/([^)]*)//; s/|.*//' | tr -d ' ' | grep -v '^$' || true)"
missing=()
for package in $depends; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing the package's dependencies: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

install_start=$(now_ms)
dpkg -i "$deb" >/dev/null
install_ms=$(( $(now_ms) - install_start ))
installed_kb=$(du -sk "$app_dir" | cut -f1)
check "dpkg -i installs $launcher" test -x "$launcher"
check "/usr/bin/spillway runs the launcher" test "$(readlink /usr/bin/spillway)" = "$launcher"
check "the menu entry is valid" desktop-file-validate /usr/share/applications/spillway.desktop

tmp="$(mktemp -d)"
chmod 755 "$tmp"
home="$tmp/home"
useradd --home-dir "$home" --create-home --shell /bin/sh "$user"

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=":$(cat "$tmp/display")"
log "Xvfb on display $display"

# Runs a command as the test user, with its HOME and the Xvfb display. setpriv and env exec the command, so in the
# background $! is the command's own PID (a shell function would put a subshell in between).
as_user=(setpriv --reuid="$user" --regid="$user" --init-groups --reset-env env DISPLAY="$display")

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_until_answering() { # base URL -> polls /api/hello for up to 60 s while the app runs; sets ready_ms
  local start
  start=$(now_ms)
  while ! curl -fsS -o /dev/null "$1/api/hello" 2>/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || return 1
    [ $(( $(now_ms) - start )) -lt 60000 ] || return 1
    sleep 0.1
  done
  ready_ms=$(( $(now_ms) - start ))
}

stop_app() { # log file [--no-log-check] -> SIGTERM, wait for the exit; sets stop_ms. Clean: the JVM exited with
  # 143 (its usual status after SIGTERM) or 0, and the shutdown hook logged "Stopped"
  local start status=0
  start=$(now_ms)
  kill -TERM "$app_pid"
  wait "$app_pid" || status=$?
  app_pid=""
  stop_ms=$(( $(now_ms) - start ))
  [ "$status" -eq 143 ] || [ "$status" -eq 0 ] || { log "exit status $status"; return 1; }
  [ "${2:-}" = --no-log-check ] || grep -q 'Stopped' "$1"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# 1. The launcher as a user starts it: no arguments. With the desktop app inside, that is the tray app hosting the
#    proxy; the headless engine alone serves directly.
desktop=false
grep -q '^app.mainclass=dev.spillway.app.Main$' "$app_dir/lib/app/Spillway.cfg" && desktop=true
if port_in_use "$default_port"; then
  port=$(free_port)
  log "port $default_port is taken on this machine: starting with 'serve --port $port' instead of no arguments"
  args=(serve --port "$port")
else
  port=$default_port
  args=()
fi
base="http://127.0.0.1:$port"
"${as_user[@]}" "$launcher" "${args[@]}" >"$tmp/app.log" 2>&1 &
app_pid=$!
if wait_until_answering "$base"; then
  launcher_ready_ms=$ready_ms
  pass "the installed launcher answers $base/api/hello after $ready_ms ms"
  models="$(curl -fsS "$base/v1/models" || true)"
  check "/v1/models lists the built-in model groups" grep -q '"claude-sonnet"' <<<"$models"
  if $desktop; then
    desktop_up() { for _ in $(seq 300); do grep -q 'desktop ready in' "$tmp/app.log" && return 0; sleep 0.1; done; false; }
    check "the desktop app comes up under Xvfb (JavaFX and its natives load)" desktop_up
    # Open dashboard: in the status window (no tray host under Xvfb) it is the button before Settings..., which
    # has the focus. The dashboard is a WebView, so this is where WebKit, the largest native part, gets loaded.
    open_dashboard() {
      local window
      window="$(DISPLAY="$display" xdotool search --onlyvisible --name '^Spillway$' | head -1)"
      [ -n "$window" ] || return 1
      DISPLAY="$display" xdotool windowfocus --sync "$window" key --window "$window" shift+Tab space
      for _ in $(seq 200); do
        DISPLAY="$display" xdotool search --onlyvisible --name '^Spillway dashboard$' >/dev/null &&
          grep -q "$app_dir/lib/app/lib/libjfxwebkit.so" "/proc/$app_pid/maps" && return 0
        sleep 0.1
      done
      return 1
    }
    check "the dashboard window opens, with WebKit loaded from $app_dir" open_dashboard
    check "JavaFX loads its natives from the package, unpacking nothing into ~/.openjfx" test ! -e "$home/.openjfx"
    if command -v import >/dev/null; then
      sleep 1 # only so that the picture shows the page rendered; nothing is checked on it
      import -display "$display" -window root "$here/target/desktop-under-xvfb.png" 2>/dev/null &&
        log "screenshot: $here/target/desktop-under-xvfb.png"
    fi
    check "SIGTERM ends it" stop_app "$tmp/app.log" --no-log-check
  else
    check "SIGTERM stops it cleanly" stop_app "$tmp/app.log"
  fi
  log "stopped in $stop_ms ms"
else
  fail "the installed launcher did not answer $base/api/hello within 60 s"
fi

# 2. One proxied request through the installed runtime, to a local stand-in for Anthropic's API: proves the
#    jlink'd runtime holds what the request path needs (HTTP client, JSON, the H2 spend store, metrics).
upstream_port=$(free_port)
cat >"$tmp/upstream.py" <<'PY'
import http.server, json, sys
class Anthropic(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        body = json.dumps({"id": "msg_deb_test", "type": "message", "role": "assistant",
                           "model": "claude-sonnet-4-5-20250929", "stop_reason": "end_turn", "stop_sequence": None,
                           "content": [{"type": "text", "text": "hello from the stand-in upstream"}],
                           "usage": {"input_tokens": 7, "output_tokens": 6}}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Anthropic).serve_forever()
PY
python3 "$tmp/upstream.py" "$upstream_port" &
upstream_pid=$!
cat >"$tmp/config.yaml" <<YAML
model_list:
  - model_name: "claude-*"
    litellm_params: {model: "anthropic/*", api_base: "http://127.0.0.1:$upstream_port", api_key: sk-ant-test-key}
YAML
chmod 644 "$tmp/config.yaml"
port=$(free_port)
base="http://127.0.0.1:$port"
"${as_user[@]}" spillway serve --config "$tmp/config.yaml" --port "$port" >"$tmp/serve.log" 2>&1 &
app_pid=$!
if wait_until_answering "$base"; then
  reply="$(curl -sS "$base/v1/messages" -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
    -d '{"model":"claude-sonnet-4-5-20250929","max_tokens":32,"messages":[{"role":"user","content":"hi"}]}' || true)"
  check "a proxied /v1/messages comes back from the upstream" grep -q 'hello from the stand-in upstream' <<<"$reply"
  counted() { # metrics are recorded off the request path: poll for up to 10 s
    for _ in $(seq 100); do
      curl -sS "$base/metrics" | grep -q '^litellm_proxy_total_requests_metric_total{.*} 1' && return 0
      sleep 0.1
    done
    return 1
  }
  check "/metrics counts the request" counted
  check "SIGTERM stops spillway serve cleanly" stop_app "$tmp/serve.log"
else
  fail "spillway serve did not answer within 60 s"
fi
check "no missing classes or modules in the logs" \
  bash -c "! grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|NoSuchProviderException' \
  '$tmp/app.log' '$tmp/serve.log'"

# 3. Autostart, then removal: postrm deletes the user's login entry.
entry="$home/.config/autostart/spillway.desktop"
"${as_user[@]}" spillway autostart enable >"$tmp/autostart.log" 2>&1 || true
check "spillway autostart enable writes $entry for the installed launcher" grep -qx "TryExec=$launcher" "$entry"
check "the login entry is valid" desktop-file-validate "$entry"

remove_start=$(now_ms)
dpkg -r spillway >/dev/null
remove_ms=$(( $(now_ms) - remove_start ))
check "dpkg -r removes $app_dir" test ! -e "$app_dir"
check "dpkg -r removes /usr/bin/spillway and the menu entry" \
  test ! -e /usr/bin/spillway -a ! -e /usr/share/applications/spillway.desktop
check "dpkg -r removes the user's login entry" test ! -e "$entry"

if [ "$failed" -gt 0 ]; then
  for file in app.log serve.log autostart.log; do
    [ -s "$tmp/$file" ] && { echo "--- $file"; tail -30 "$tmp/$file"; }
  done
fi

echo
echo "package:        $(basename "$deb")  $deb_bytes bytes ($(( deb_bytes / 1048576 )) MB)"
echo "installed size: $(( installed_kb / 1024 )) MB in $app_dir"
echo "dpkg -i: $install_ms ms   dpkg -r: $remove_ms ms   launcher answering after: ${launcher_ready_ms:-?} ms"
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
