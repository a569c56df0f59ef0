#!/usr/bin/env bash
# Renders every icon Spillway ships from the one source drawing, icons/spillway.svg.
#   app icon PNGs and tray state PNGs -> app/src/main/resources/dev/spillway/app/icons/
#   installer icons (.png, .icns, .ico) -> installers/assets/
# Re-runnable: the same drawing gives byte-identical files. Needs rsvg-convert, ImageMagick and png2icns; installs
# them with apt-get when they are missing (as root, or with sudo).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
svg="$here/spillway.svg"
app_icons="$root/app/src/main/resources/dev/spillway/app/icons"
assets="$root/installers/assets"

app_sizes=(16 32 48 64 128 256 512)
tray_sizes=(16 22 24 32 48 64)
tray_states=(serving fallback stopped error)
ico_sizes=(16 24 32 48 64 128 256)
icns_sizes=(16 32 48 128 256 512)

ensure_tools() {
  local missing=()
  command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
  [ -x /usr/bin/convert ] || command -v magick >/dev/null || missing+=(imagemagick)
  command -v png2icns >/dev/null || missing+=(icnsutils)
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

imagemagick() {
  if command -v magick >/dev/null; then magick "$@"; else /usr/bin/convert "$@"; fi
}

render() { # group-id size output
  rsvg-convert --export-id="$1" --width="$2" --height="$2" --output="$3" "$svg"
}

ensure_tools
mkdir -p "$app_icons" "$assets"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for size in "${app_sizes[@]}"; do
  render app "$size" "$app_icons/spillway-$size.png"
done
for state in "${tray_states[@]}"; do
  for size in "${tray_sizes[@]}"; do
    render "tray-$state" "$size" "$app_icons/tray-$state-$size.png"
  done
done

cp "$app_icons/spillway-512.png" "$assets/spillway.png"

icns_inputs=()
for size in "${icns_sizes[@]}"; do
  render app "$size" "$work/icns-$size.png"
  icns_inputs+=("$work/icns-$size.png")
done
png2icns "$assets/spillway.icns" "${icns_inputs[@]}" >/dev/null

ico_inputs=()
for size in "${ico_sizes[@]}"; do
  render app "$size" "$work/ico-$size.png"
  ico_inputs+=("$work/ico-$size.png")
done
imagemagick "${ico_inputs[@]}" "$assets/spillway.ico"

echo "icons written: $(find "$app_icons" -name '*.png' | wc -l) PNGs in ${app_icons#"$root"/}," \
  "and spillway.png, spillway.icns, spillway.ico in ${assets#"$root"/}"
