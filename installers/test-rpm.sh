#!/usr/bin/env bash
# End-to-end test of the .rpm, as root on this Debian/Ubuntu machine (rpm runs here from Debian's `rpm` package):
#   build the .rpm (PACKAGES=rpm installers/build.sh), install it with `rpm -i --nodeps`, check the launcher, command
#   and menu entry, run `spillway serve` as a throwaway user and relay one request to a local stand-in upstream, switch
#   autostart on, erase the package with `rpm -e` and check nothing is left (/opt/spillway, command, menu and login
#   entries).
# --nodeps: the package requires Fedora's package names and sonames (gtk3, libc.so.6()(64bit), ...), which Debian's
# own rpm database does not hold (Debian's libraries are dpkg's); the libraries themselves are on this machine.
# The desktop app under Xvfb is test-deb.sh's part: both packages carry the same /opt/spillway, built from the same
# input, and this test needs none of the GTK libraries that would take.
# Usage: installers/test-rpm.sh [path/to/spillway.rpm]   (with no argument it builds one first)
# Prints sizes and timings, and "N passed, M failed" last. Exit code 0 only when everything passed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=package-test-lib.sh
. "$here/package-test-lib.sh"

install_ms=""
remove_ms=""

[ "$(id -u)" -eq 0 ] || { echo "test-rpm.sh: run as root (it installs packages and an .rpm)" >&2; exit 1; }

# rpm -e only: a dpkg-installed Spillway is test-deb.sh's to remove.
cleanup() {
  set +e
  cleanup_test
  rpm -q spillway >/dev/null 2>&1 && rpm -e --nodeps spillway >/dev/null 2>&1
}
trap cleanup EXIT

needed=()
command -v rpm >/dev/null && command -v rpmbuild >/dev/null || needed+=(rpm)
install_test_tools "${needed[@]}"

if [ -e "$app_dir" ] && ! rpm -q spillway >/dev/null 2>&1; then
  echo "test-rpm.sh: $app_dir exists and is not from an .rpm (dpkg -r spillway first?)" >&2
  exit 1
fi
if rpm -q spillway >/dev/null 2>&1; then
  log "erasing the spillway .rpm that was already on this machine"
  rpm -e --nodeps spillway >/dev/null
fi

rpm_file="${1:-}"
if [ -z "$rpm_file" ]; then
  log "building the .rpm"
  build_start=$(now_ms)
  PACKAGES=rpm "$here/build.sh"
  log "build took $(( ($(now_ms) - build_start) / 1000 )) s"
  rpm_file="$(find "$here/target" -maxdepth 1 -name 'spillway-*.rpm' | head -1)" # build.sh empties target/ first
fi
rpm_file="$(readlink -f "$rpm_file")"
rpm_bytes=$(wc -c <"$rpm_file")

# What the package declares, for the record (and a check that it declares the libraries it links).
log "Requires: $(rpm -qpR "$rpm_file" | grep -v '^rpmlib(' | paste -sd' ')"
check "the .rpm requires the GTK 3 JavaFX needs and the C library, by soname" \
  bash -c "rpm -qpR '$rpm_file' | grep -qxF 'libgtk-3.so.0()(64bit)' &&
    rpm -qpR '$rpm_file' | grep -qxF 'libc.so.6()(64bit)'"
check "the .rpm claims no directory of the system's (/opt, /usr, /usr/bin)" \
  bash -c "! rpm -qpl '$rpm_file' | grep -qxE '/opt|/usr|/usr/bin'"

install_start=$(now_ms)
rpm -i --nodeps "$rpm_file"
install_ms=$(( $(now_ms) - install_start ))
installed_kb=$(du -sk "$app_dir" | cut -f1)
check_installed "rpm -i"

create_test_user "swrpmtest$$"
check_serve_relays
check_logs_clean
check_autostart_enable
# --reinstall runs as an upgrade: the new %post with $1 = 2, then the old %preun with $1 = 1.
check_upgrade_keeps_entries "rpm --reinstall" rpm --reinstall --nodeps "$rpm_file"

# rpm -e runs %preun with $1 = 0 (erase), which runs package-hooks.sh uninstall.
remove_start=$(now_ms)
rpm -e spillway
remove_ms=$(( $(now_ms) - remove_start ))
check_removed "rpm -e"
check "rpm -e leaves /opt in place" test -d /opt
print_failed_logs

echo
echo "package:        $(basename "$rpm_file")  $rpm_bytes bytes ($(( rpm_bytes / 1048576 )) MB)"
echo "installed size: $(( installed_kb / 1024 )) MB in $app_dir"
echo "rpm -i: $install_ms ms   rpm -e: $remove_ms ms   spillway serve answering after: ${ready_ms:-?} ms"
echo "test-rpm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
