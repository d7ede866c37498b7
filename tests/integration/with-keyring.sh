#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME
# Keyring, so the keychain tests exercise a real Secret Service. Used
# through dbus-run-session, which ends the bus and the keyring afterwards.
set -euo pipefail
# A fresh data folder makes the daemon create a new login keyring with the
# password below, instead of failing to unlock the user's own.
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
# The password only unlocks a throwaway keyring in this private session.
eval "$(printf 'consilium-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
