#!/usr/bin/env bash
# End-to-end test of the Linux package, as root on a Debian/Ubuntu machine:
#   build the .deb (installers/build.sh), install it with dpkg, start the installed launcher under Xvfb as a
#   throwaway user, check the proxy answers (/api/hello, /v1/models, one proxied /v1/messages), switch autostart on,
#   stop it with SIGTERM, remove the package and check nothing is left (/opt/spillway, menu entry, login entry).
# Usage: installers/test-deb.sh [path/to/spillway.deb]   (with no argument it builds one first)
# Prints sizes and timings, and "N passed, M failed" last. Exit code 0 only when everything passed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=package-test-lib.sh
. "$here/package-test-lib.sh"
default_port=47000

launcher_ready_ms=""
install_ms=""
remove_ms=""

[ "$(id -u)" -eq 0 ] || { echo "test-deb.sh: run as root (it installs packages and a .deb)" >&2; exit 1; }

cleanup() {
  set +e
  cleanup_test
  dpkg -s spillway >/dev/null 2>&1 && dpkg --purge spillway >/dev/null 2>&1
}
trap cleanup EXIT

needed=()
command -v Xvfb >/dev/null || needed+=(xvfb)
command -v xauth >/dev/null || needed+=(xauth)
command -v xdotool >/dev/null || needed+=(xdotool)
install_test_tools "${needed[@]}"

deb="${1:-}"
if [ -z "$deb" ]; then
  log "building the .deb"
  build_start=$(now_ms)
  "$here/build.sh"
  log "build took $(( ($(now_ms) - build_start) / 1000 )) s"
  deb="$(find "$here/target" -maxdepth 1 -name 'spillway_*.deb' | head -1)" # build.sh empties target/ first
fi
deb="$(readlink -f "$deb")"
deb_bytes=$(wc -c <"$deb")
# The issue's aim, in bytes as a download shows them. It fails the run, so that a new dependency shows up here.
size_aim=60000000
if [ "$deb_bytes" -lt "$size_aim" ]; then
  pass "the .deb is under 60 MB: $deb_bytes bytes"
else
  fail "the .deb is $deb_bytes bytes, over the aim of $size_aim (see installers/README.md for what keeps it down)"
fi

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
check_installed "dpkg -i"

create_test_user "swdebtest$$"

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
other_pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=":$(cat "$tmp/display")"
log "Xvfb on display $display"

as_user+=(DISPLAY="$display")

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

# 2. One proxied request through the installed runtime, to a local stand-in for Anthropic's API.
check_serve_relays
check_logs_clean

# 3. Autostart, then removal: prerm (package-hooks.sh) deletes the user's login entry.
check_autostart_enable
# Over an installed version, dpkg runs the old prerm with "upgrade", then the new postinst with "configure".
check_upgrade_keeps_entries "dpkg -i over the installed package" dpkg -i "$deb"

remove_start=$(now_ms)
dpkg -r spillway >/dev/null
remove_ms=$(( $(now_ms) - remove_start ))
check_removed "dpkg -r"
print_failed_logs

echo
echo "package:        $(basename "$deb")  $deb_bytes bytes ($(( deb_bytes / 1048576 )) MB)"
echo "installed size: $(( installed_kb / 1024 )) MB in $app_dir"
echo "dpkg -i: $install_ms ms   dpkg -r: $remove_ms ms   launcher answering after: ${launcher_ready_ms:-?} ms"
echo "test-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
