#!/bin/sh
# What Spillway's Linux packages do outside /opt/spillway, shared by the .deb's maintainer scripts (postinst, prerm)
# and the .rpm's scriptlets (%post, %preun in spillway.spec). build.sh puts it in the package as
# /opt/spillway/lib/app/package-hooks.sh; each package maps its own calling convention onto two actions:
#   install    writes the menu entry /usr/share/applications/spillway.desktop and links /usr/bin/spillway to the
#              launcher (first installs and upgrades alike)
#   uninstall  removes both again, and deletes the login (autostart) entries that `spillway autostart enable` wrote
#              for this launcher in users' homes (only when the package goes, never on an upgrade)
# Written directly rather than with xdg-utils, which servers and containers often lack (jpackage's own shortcut code
# then fails the install). Runs before the package's files are removed, so it may live among them.
set -e

launcher=/opt/spillway/bin/Spillway
menu_entry=/usr/share/applications/spillway.desktop
command_link=/usr/bin/spillway

refresh_menu() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
}

add_entries() {
    mkdir -p /usr/share/applications
    cat >"$menu_entry" <<ENTRY
[Desktop Entry]
Type=Application
Name=Spillway
GenericName=LLM gateway
Comment=Local LLM gateway: Anthropic first, AWS Bedrock the moment Anthropic says 429
Exec=$launcher
TryExec=$launcher
Icon=/opt/spillway/lib/app/spillway.png
Terminal=false
Categories=Development;
ENTRY
    # A /usr/bin/spillway that is not ours (another package's, the admin's) stays.
    if [ ! -e "$command_link" ] || [ "$(readlink "$command_link")" = "$launcher" ]; then
        ln -sf "$launcher" "$command_link"
    fi
    refresh_menu
}

# Entries elsewhere (a custom XDG_CONFIG_HOME) are skipped by desktops anyway: their TryExec names the launcher that
# is about to go.
remove_login_entries() {
    getent passwd | cut -d: -f6 | sort -u | while read -r home; do
        entry="$home/.config/autostart/spillway.desktop"
        if [ -f "$entry" ] && grep -qx "TryExec=$launcher" "$entry"; then
            rm -f "$entry"
            echo "spillway: removed the login entry $entry"
        fi
    done
}

remove_entries() {
    rm -f "$menu_entry"
    if [ "$(readlink "$command_link" 2>/dev/null)" = "$launcher" ]; then
        rm -f "$command_link"
    fi
    refresh_menu
    remove_login_entries
}

case "$1" in
    install) add_entries ;;
    uninstall) remove_entries ;;
    *)
        echo "package-hooks.sh: unknown action '$1' (install or uninstall)" >&2
        exit 1
    ;;
esac
