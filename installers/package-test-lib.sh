# shellcheck shell=bash
# Shared by test-deb.sh and test-rpm.sh, which source it: PASS/FAIL bookkeeping, a throwaway user to run the installed
# program as, and the checks that are the same whichever package put Spillway in /opt/spillway. The sourcing script
# installs and removes the package, and calls cleanup_test from its own EXIT trap.

app_dir=/opt/spillway
launcher=$app_dir/bin/Spillway
menu_entry=/usr/share/applications/spillway.desktop

passed=0
failed=0
tmp=""
user=""
home=""
app_pid=""
upstream_pid=""
ready_ms=""
stop_ms=""
as_user=()
other_pids=() # more background processes for cleanup_test to stop

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*"; }
pass() { passed=$((passed + 1)); log "PASS $*"; }
fail() { failed=$((failed + 1)); log "FAIL $*"; }
check() { # description, command...
  local what="$1"
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
now_ms() { date +%s%3N; }

install_test_tools() { # extra Debian packages... -> installs them and the tools every package test needs, if missing
  local needed=("$@")
  command -v curl >/dev/null || needed+=(curl)
  command -v python3 >/dev/null || needed+=(python3)
  command -v desktop-file-validate >/dev/null || needed+=(desktop-file-utils)
  if [ ${#needed[@]} -gt 0 ]; then
    log "installing ${needed[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
  fi
}

# A user with its own home under a fresh $tmp. as_user runs a command as that user; setpriv and env exec the command,
# so in the background $! is the command's own PID (a shell function would put a subshell in between). Callers may
# append VAR=value settings to as_user.
create_test_user() { # name
  user="$1"
  tmp="$(mktemp -d)"
  chmod 755 "$tmp"
  home="$tmp/home"
  useradd --home-dir "$home" --create-home --shell /bin/sh "$user"
  as_user=(setpriv --reuid="$user" --regid="$user" --init-groups --reset-env env)
}

cleanup_test() { # stops what the test started, deletes the user and $tmp
  local pid
  for pid in "$app_pid" "$upstream_pid" "${other_pids[@]}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  # userdel refuses while a process of the user's runs, and one the desktop app started may outlive it for a moment
  # (test-deb.sh used to leave its users behind). Polls for up to 10 s.
  if [ -n "$user" ] && id "$user" >/dev/null 2>&1; then
    for _ in $(seq 100); do
      userdel "$user" 2>/dev/null && break
      sleep 0.1
    done
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
  return 0
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

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
  # shellcheck disable=SC2034 # for the sourcing script to print
  stop_ms=$(( $(now_ms) - start ))
  [ "$status" -eq 143 ] || [ "$status" -eq 0 ] || { log "exit status $status"; return 1; }
  [ "${2:-}" = --no-log-check ] || grep -q 'Stopped' "$1"
}

check_installed() { # how it was installed ("dpkg -i")
  check "$1 installs $launcher" test -x "$launcher"
  check "/usr/bin/spillway runs the launcher" test "$(readlink /usr/bin/spillway)" = "$launcher"
  check "the menu entry is valid" desktop-file-validate "$menu_entry"
}

counted_one_request() { # base URL. Metrics are recorded off the request path: polls for up to 10 s
  for _ in $(seq 100); do
    curl -sS "$1/metrics" | grep -q '^litellm_proxy_total_requests_metric_total{.*} 1' && return 0
    sleep 0.1
  done
  return 1
}

# One proxied request through the installed runtime, to a local stand-in for Anthropic's API: proves the jlink'd
# runtime holds what the request path needs (HTTP client, JSON, the H2 spend store, metrics). Writes $tmp/serve.log.
check_serve_relays() {
  local upstream_port port base reply
  upstream_port=$(free_port)
  cat >"$tmp/upstream.py" <<'PY'
import http.server, json, sys
class Anthropic(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        body = json.dumps({"id": "msg_package_test", "type": "message", "role": "assistant",
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
    pass "spillway serve answers $base/api/hello after $ready_ms ms"
    reply="$(curl -sS "$base/v1/messages" -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
      -d '{"model":"claude-sonnet-4-5-20250929","max_tokens":32,"messages":[{"role":"user","content":"hi"}]}' || true)"
    check "a proxied /v1/messages comes back from the upstream" grep -q 'hello from the stand-in upstream' <<<"$reply"
    check "/metrics counts the request" counted_one_request "$base"
    check "SIGTERM stops spillway serve cleanly" stop_app "$tmp/serve.log"
  else
    fail "spillway serve did not answer within 60 s"
  fi
}

check_logs_clean() { # the logs in $tmp
  check "no missing classes or modules in the logs" \
    bash -c "! grep -E 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|NoSuchProviderException' \
    '$tmp'/*.log"
}

login_entry() { echo "$home/.config/autostart/spillway.desktop"; }

check_autostart_enable() {
  "${as_user[@]}" spillway autostart enable >"$tmp/autostart.log" 2>&1 || true
  check "spillway autostart enable writes $(login_entry) for the installed launcher" \
    grep -qx "TryExec=$launcher" "$(login_entry)"
  check "the login entry is valid" desktop-file-validate "$(login_entry)"
}

check_upgrade_keeps_entries() { # how it was reinstalled ("dpkg -i"), command... -> runs the command, which replaces
  # the installed package with the same one the way an upgrade does, and checks the command, menu and login entries
  # are all still there: only a removal takes them away
  local how="$1"
  shift
  "$@" >/dev/null
  check "$how (an upgrade) keeps /usr/bin/spillway, the menu entry and the login entry" \
    test "$(readlink /usr/bin/spillway)" = "$launcher" -a -f "$menu_entry" -a -f "$(login_entry)"
}

check_removed() { # how it was removed ("dpkg -r")
  check "$1 removes $app_dir" test ! -e "$app_dir"
  check "$1 removes /usr/bin/spillway and the menu entry" test ! -e /usr/bin/spillway -a ! -e "$menu_entry"
  check "$1 removes the user's login entry" test ! -e "$(login_entry)"
}

print_failed_logs() { # after failures: the tail of each log in $tmp
  local file
  [ "$failed" -gt 0 ] || return 0
  for file in "$tmp"/*.log; do
    [ -s "$file" ] && { echo "--- $(basename "$file")"; tail -30 "$file"; }
  done
  return 0
}
