#!/usr/bin/env bash
# Builds Spillway's installer for the OS this runs on, into installers/target/:
#   Linux: .deb (and .rpm when rpmbuild is installed)   macOS: .dmg   Windows (Git Bash): .msi (needs WiX 3)
# On Linux, PACKAGES picks the package types: "deb rpm" (the default; the .rpm only where rpmbuild is installed),
# "deb" or "rpm" (then rpmbuild must be installed). installers/target/ is emptied first either way.
# Steps: Maven reactor (tests skipped) -> app jar + its libraries -> modules they need (jdeps + the ones only
# reflection or TLS reach) -> jlink'd runtime -> jpackage.
# Needs a JDK 17+ with jlink/jpackage and jmods (JAVA_HOME, else the `java` on PATH), and Maven.
# Pass Maven options through MAVEN_ARGS, e.g. MAVEN_ARGS="-o -Dmaven.repo.local=/path/to/repo".
set -euo pipefail

# What the installed launcher starts: the main jar (its libraries are in lib/ beside it) and its main class.
APP_MAIN="app/target/spillway-app.jar dev.spillway.app.Main"
# The headless engine alone would be:
# APP_MAIN="proxy-engine/target/spillway-engine.jar dev.spillway.engine.cli.SpillwayCli"

# Debian packages the JavaFX natives need (jpackage only sees the runtime's own libraries). The .rpm needs no such
# list: it requires every library its natives link, by soname (linked_libraries below).
DEB_DEPS="libgtk-3-0, libxtst6, libxxf86vm1, libgl1"

# Modules no static analysis finds: TLS key exchange (jdk.crypto.ec), charsets named at run time, JAR file systems,
# JMX behind metrics, and what JavaFX reaches by reflection (AWT bridges, WebView's JavaScript and DOM APIs).
EXTRA_MODULES="jdk.crypto.ec,jdk.charsets,jdk.zipfs,java.management,jdk.management,jdk.unsupported,jdk.unsupported.desktop,java.desktop,java.naming,java.sql,java.net.http,jdk.jsobject,jdk.xml.dom"

# Modules jdeps finds but Spillway runs without: jdk.jfr for JavaFX's Flight Recorder pulse logger (JavaFX loads it
# reflectively and goes without when jdk.jfr is absent), java.compiler for @Generated, a source-only annotation, in
# caffeine and error_prone. 0.3 MB packed.
UNUSED_MODULES="jdk.jfr,java.compiler"

NAME="Spillway"
PACKAGE="spillway"
VENDOR="Spillway"
DESCRIPTION="Local LLM gateway: Anthropic first, AWS Bedrock the moment Anthropic says 429"
IDENTIFIER="dev.spillway.Spillway"
# A fixed upgrade code lets a newer .msi replace an older one instead of installing beside it.
WIN_UPGRADE_UUID="6f1f3c52-4b8e-4d36-9a0e-52f0a7d4c9b1"

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/target"
work="$out/work"
read -r main_jar main_class <<<"$APP_MAIN"

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*" >&2; }

jdk_tool() { # name -> path of a JDK tool, from JAVA_HOME or beside the java on PATH
  local home="${JAVA_HOME:-}"
  if [ -z "$home" ]; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  local tool="$home/bin/$1"
  [ -x "$tool" ] || [ -x "$tool.exe" ] || { echo "build.sh: $1 not found in $home/bin (need a full JDK 17+)" >&2; exit 1; }
  echo "$tool"
}

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=mac ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac

packages="${PACKAGES:-deb rpm}"
if [ "$os" = linux ]; then
  for type in $packages; do
    case "$type" in
      deb) ;;
      rpm)
        if [ -n "${PACKAGES:-}" ] && ! command -v rpmbuild >/dev/null; then
          echo "build.sh: PACKAGES asks for an .rpm, but rpmbuild is not installed (apt-get install rpm)" >&2
          exit 1
        fi
        ;;
      *) echo "build.sh: PACKAGES=\"$packages\": only deb and rpm are built on Linux" >&2; exit 1 ;;
    esac
  done
fi

if [ "$os" = linux ] && ! { command -v fakeroot && command -v dpkg-deb && command -v zip && command -v unzip &&
  command -v python3 && command -v xz && command -v ar && command -v strip; } >/dev/null; then
  log "installing fakeroot, dpkg-dev (jpackage needs them for a .deb), binutils, zip, unzip, python3 and xz-utils"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fakeroot dpkg-dev binutils zip unzip python3 xz-utils \
    >/dev/null
fi

version="$(sed -n 's:^  <version>\([0-9.]*\).*</version>:\1:p' "$root/pom.xml" | head -1)"
[ -n "$version" ] || { echo "build.sh: no <version> in $root/pom.xml" >&2; exit 1; }
jdeps="$(jdk_tool jdeps)"
jlink="$(jdk_tool jlink)"
jpackage="$(jdk_tool jpackage)"
start=$SECONDS

# clean: app/target/lib would otherwise keep the jars of dependencies dropped since the last build.
log "building the Maven reactor from clean (tests skipped)"
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
mvn -B -q ${MAVEN_ARGS:-} -f "$root/pom.xml" -DskipTests clean package

jar_path="$root/$main_jar"
[ -f "$jar_path" ] || { echo "build.sh: $main_jar was not built" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$work/input/lib"
cp "$jar_path" "$work/input/"
cp "$(dirname "$jar_path")"/lib/*.jar "$work/input/lib/"

# Native libraries inside jars (JavaFX's) go beside the jars, where JavaFX looks first, and out of the jars: the
# package's compression then shrinks them far better (WebKit: 30 MB instead of 46 MB), and JavaFX does not have to
# unpack 130 MB into each user's ~/.openjfx cache on first start. (On Windows JavaFX looks in ../bin instead; the
# jars stay as they are there.)
unpack_natives() {
  local jar natives
  for jar in "$work/input/lib"/*.jar; do
    natives="$(unzip -Z1 "$jar" | grep -E '^[^/]+\.(so|dylib|jnilib)$' || true)"
    [ -n "$natives" ] || continue
    # shellcheck disable=SC2086 # one file name per word
    unzip -q -o "$jar" $natives -d "$work/input/lib"
    # shellcheck disable=SC2086
    zip -q -d "$jar" $natives
  done
}
# javafx.media's natives (GStreamer, the ffmpeg plugins): only audio and video playback loads them, and Spillway plays
# none (WebView needs the module's classes, not these). 3.6 MB, 1 MB packed.
MEDIA_NATIVES="libav*.so libfxplugins.so libgstreamer-lite.so libjfxmedia.so libgstreamer-lite.dylib libjfxmedia*.dylib
  libfxplugins.dylib libglib-lite.dylib"
if [ "$os" != windows ]; then
  log "unpacking native libraries from the jars"
  unpack_natives
  # shellcheck disable=SC2086 # each pattern is a glob, expanded here
  (cd "$work/input/lib" && for pattern in $MEDIA_NATIVES; do rm -f $pattern; done)
fi

# Jars rewritten with their entries stored, not deflated: xz in the .deb then compresses across all classes at once
# (the jars take 18 MB in the package instead of 41 MB; installed, they take 111 MB instead of 45 MB).
store_jars() {
  python3 - "$work/input" <<'PY'
import pathlib, sys, zipfile
for jar in pathlib.Path(sys.argv[1]).rglob("*.jar"):
    stored = jar.with_suffix(".stored")
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry), compress_type=zipfile.ZIP_STORED)
    stored.replace(jar)
PY
}
if [ "$os" = linux ]; then
  log "storing the jars uncompressed, for the package's compression"
  store_jars
fi

jars="$(find "$work/input/lib" -name '*.jar' | wc -l | tr -d ' ')"
log "finding the modules $(basename "$main_jar") and its $jars libraries need"
found="$(cd "$work/input" && "$jdeps" --print-module-deps --ignore-missing-deps --recursive --multi-release 17 \
  --class-path 'lib/*' "$(basename "$main_jar")")"
modules="$(printf '%s,%s' "$found" "$EXTRA_MODULES" | tr ',' '\n' | sort -u |
  grep -vxF -f <(tr ',' '\n' <<<"$UNUSED_MODULES") | paste -sd, -)"
log "modules: $modules"

# No --compress: the installer's own compression (xz in a .deb) shrinks an uncompressed runtime far better
# (18 MB instead of 31 MB here), and classes load without inflating.
log "linking the runtime"
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --strip-native-commands \
  --output "$work/runtime"

# Symbol tables are for debuggers and crash reports; libjvm.so alone carries 4 MB of them (0.8 MB packed).
if [ "$os" = linux ]; then
  log "stripping symbol tables from the native libraries"
  find "$work/runtime" "$work/input" -name '*.so' -exec strip --strip-unneeded {} +
fi

app_version="$version"
# macOS wants an app version whose first number is at least 1.
[ "$os" = mac ] && [[ "$version" == 0.* ]] && app_version="1.${version#0.}"
common=(--name "$NAME" --app-version "$app_version" --vendor "$VENDOR" --description "$DESCRIPTION"
  --copyright "Copyright the Spillway authors"
  --input "$work/input" --main-jar "$(basename "$main_jar")" --main-class "$main_class"
  --runtime-image "$work/runtime" --dest "$out")

# jpackage's .deb holds data.tar.xz at xz's default level. Half the package is machine code (WebKit, the JVM), which
# xz's x86 filter makes more compressible; with it, -9e, a 192 MB window and like files together the .deb is
# 3.6 MB smaller (the format allows any xz filter: dpkg decodes it with liblzma; unpacking needs 192 MB of memory).
# Compressing takes 3-4 minutes on one core.
recompress_deb() { # path of the .deb
  local deb="$1" tree="$work/deb-tree" parts="$work/deb-parts"
  log "recompressing $(basename "$deb") ($(wc -c <"$deb" | tr -d ' ') bytes from jpackage) with xz --x86 -9e"
  rm -rf "$tree" "$parts"
  mkdir -p "$parts"
  dpkg-deb --raw-extract "$deb" "$tree"
  local tar=(tar --format=gnu --owner=0 --group=0 --numeric-owner)
  "${tar[@]}" --sort=name -C "$tree/DEBIAN" -cf - . | xz -9 >"$parts/control.tar.xz"
  # Like files together, so that the compressor's window sees all the jars at once: the rest, then the runtime's modules
  # image, then the machine code (WebKit alone is 115 MB).
  (cd "$tree" && find . -path ./DEBIAN -prune -o ! -path . -print | LC_ALL=C sort >"$parts/all")
  {
    grep -v -e '\.so$' -e '/lib/modules$' "$parts/all"
    grep -e '/lib/modules$' "$parts/all"
    grep '\.so$' "$parts/all"
  } |
    "${tar[@]}" -C "$tree" --no-recursion -T - -cf - | xz --x86 --lzma2=preset=9e,dict=192MiB --threads=1 \
      >"$parts/data.tar.xz"
  printf '2.0\n' >"$parts/debian-binary"
  rm "$deb"
  # The members in the order dpkg requires; D: no timestamps or owners, so the same input gives the same bytes.
  (cd "$parts" && ar rcD "$deb" debian-binary control.tar.xz data.tar.xz)
  dpkg-deb --info "$deb" >/dev/null
}

# The .rpm's Requires: each shared library its native code links and does not carry, by soname the way rpm's own
# generator writes them (libz.so.1()(64bit)), so right on any rpm distribution (Fedora, openSUSE) and whichever JDK made
# the runtime (Debian's links the system's libjpeg, giflib and lcms2, Temurin's carries its own). jpackage looks the
# libraries' package names up in the rpm database instead, which a Debian build machine has empty.
linked_libraries() { # directories...
  local carried
  carried="$(find "$@" -name '*.so*' -printf '%f\n')"
  find "$@" -name '*.so' -exec objdump -p {} + | awk '$1 == "NEEDED" { print $2 }' | sort -u |
    grep -vxF -f <(printf '%s\n' "$carried") | sed 's/$/()(64bit)/' | paste -sd, - | sed 's/,/, /g'
}

package() { # type, extra jpackage options...
  local type="$1"
  shift
  log "packaging .$type"
  "$jpackage" --type "$type" "${common[@]}" "$@"
}

case "$os" in
  linux)
    # The icon goes in as an app file, not --icon: jpackage 17 would then add a desktop file and a dependency on
    # xdg-utils, whose menu commands fail without a desktop. linux/package-hooks.sh writes the menu entry itself; both
    # packages' scripts (linux/postinst and prerm, linux/spillway.spec) run it from /opt/spillway/lib/app.
    cp "$here/assets/spillway.png" "$here/linux/package-hooks.sh" "$work/input/"
    linux=(--linux-package-name "$PACKAGE" --linux-app-category utils --resource-dir "$here/linux")
    for type in $packages; do
      case "$type" in
        deb)
          package deb "${linux[@]}" --linux-package-deps "$DEB_DEPS" --linux-deb-maintainer "packaging@spillway.dev"
          recompress_deb "$out"/*.deb
          ;;
        rpm)
          if command -v rpmbuild >/dev/null; then
            requires="$(linked_libraries "$work/runtime" "$work/input")"
            package rpm "${linux[@]}" --linux-package-deps "$requires"
          else
            log "rpmbuild not installed (apt-get install rpm, dnf install rpm-build): no .rpm"
          fi
          ;;
      esac
    done
    ;;
  mac)
    package dmg --icon "$here/assets/spillway.icns" \
      --mac-package-identifier "$IDENTIFIER" --mac-package-name "$NAME"
    ;;
  windows)
    # windows/main.wxs: jpackage's own, plus an uninstall step that deletes the login entry (HKCU Run value).
    package msi --icon "$here/assets/spillway.ico" --win-menu --win-shortcut --win-dir-chooser \
      --win-upgrade-uuid "$WIN_UPGRADE_UUID" --win-menu-group "$NAME" --resource-dir "$here/windows"
    ;;
esac

runtime_size="$(du -sk "$work/runtime" | cut -f1)"
log "done in $((SECONDS - start)) s; runtime image $((runtime_size / 1024)) MB"
for file in "$out"/*.deb "$out"/*.rpm "$out"/*.dmg "$out"/*.msi; do
  [ -f "$file" ] || continue
  bytes="$(wc -c <"$file" | tr -d ' ')"
  echo "$file $bytes bytes ($((bytes / 1048576)) MB)"
done
