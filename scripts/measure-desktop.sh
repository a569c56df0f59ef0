#!/usr/bin/env bash
# Measures the desktop app as users run it: time from launch to the tray icon, and memory (RSS) at idle.
# Runs on a virtual X display (Xvfb) with a tray host (trayer), in a temporary home, on the built-in config.
# Needs: xvfb, trayer, libgtk-3-0 (apt-get install -y xvfb trayer libgtk-3-0 libxtst6).
#   scripts/measure-desktop.sh [runs]     (default 3 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
jar="$root/app/target/spillway-app.jar"
[ -f "$jar" ] || mvn -q -B -f "$root/pom.xml" -pl app -am -DskipTests install
for tool in Xvfb trayer; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

work="$(mktemp -d)"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY="$display" trayer --edge top --align right --widthtype request --height 24 >/dev/null 2>&1 & tray=$!
app=""
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$tray" "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
sleep 1

for run in $(seq 1 "$runs"); do
  home="$work/home$run"; mkdir -p "$home"; log="$work/run$run.log"
  start=$(date +%s%N)
  HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" DISPLAY="$display" \
    java -Duser.home="$home" -jar "$jar" >"$log" 2>&1 & app=$!
  until grep -q "desktop ready in" "$log" 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "the app exited:"; cat "$log"; exit 1; }
    sleep 0.05
  done
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  until grep -q "listening on" "$log" 2>/dev/null; do sleep 0.1; done
  serving=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 15
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
  where=$(grep -q "No tray icon" "$log" && echo "status window (no tray)" || echo "tray icon")
  echo "run $run: $where after $wall ms (JVM uptime $(grep -o 'ready in [0-9]* ms' "$log" | grep -o '[0-9]*') ms), proxy serving after $serving ms, RSS at idle $((rss / 1024)) MiB"
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
done
