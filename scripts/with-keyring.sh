#!/usr/bin/env bash
# Runs a command with a usable OS keychain, so the secrets tests exercise the real thing.
#
#   bash scripts/with-keyring.sh npx vitest run test/secrets
#
# macOS and Windows always have a keychain: the command simply runs. On Linux the keychain is
# the Secret Service on the D-Bus session bus. When one already answers (a desktop session),
# the command runs against it unchanged. Otherwise (CI, a container, ssh) this starts a
# private session bus and a gnome-keyring-daemon unlocked with a throwaway password, both
# under a temp dir, runs the command with DBUS_SESSION_BUS_ADDRESS pointing there, and stops
# them afterwards. It never touches the user's own keyrings.
#
# Needs (Debian/Ubuntu): gnome-keyring dbus (dbus-daemon, dbus-send). When they are missing it
# says so and runs the command anyway: the tests then fail under CI=true, or skip loudly.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

if [[ "$(uname -s)" != "Linux" ]]; then
  exec "$@"
fi

say() { echo "with-keyring: $*" >&2; }

# True when the current session bus has a Secret Service (running or activatable).
secret_service_answers() {
  [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || return 1
  local reply
  reply=$(timeout 5 dbus-send --session --print-reply --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets \
    2>/dev/null) || return 1
  [[ "$reply" == *"boolean true"* ]]
}

if command -v dbus-send >/dev/null 2>&1 && secret_service_answers; then
  exec "$@"
fi

for tool in dbus-daemon dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "'$tool' is not installed, so there is no keychain for this run."
    say "install it (apt-get install gnome-keyring dbus) for the keychain tests to run."
    exec "$@"
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dailies-keyring.XXXXXX")
chmod 700 "$work"
mkdir -p "$work/runtime" "$work/data"
chmod 700 "$work/runtime"
bus_pid=""
keyring_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$keyring_pid" ]]; then
    kill "$keyring_pid" 2>/dev/null
    wait "$keyring_pid" 2>/dev/null
  fi
  if [[ -n "$bus_pid" ]]; then
    kill "$bus_pid" 2>/dev/null
    wait "$bus_pid" 2>/dev/null
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private session bus on a socket in our temp dir. Not --fork: this script stays its parent,
# so stopping it leaves no zombie behind in containers whose pid 1 does not reap orphans.
dbus-daemon --session --address="unix:path=$work/bus" --nofork --print-address=1 \
  >"$work/bus.address" 2>"$work/bus.err" &
bus_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/bus.address" ]] && break # printed once it listens
  kill -0 "$bus_pid" 2>/dev/null || break
  sleep 0.05
done
if [[ ! -s "$work/bus.address" ]]; then
  say "dbus-daemon did not start:"
  cat "$work/bus.err" >&2
  wait "$bus_pid" 2>/dev/null || true
  bus_pid=""
  rm -rf "$work"
  trap - EXIT
  exec "$@"
fi
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"

# The keyring keeps its files under XDG_DATA_HOME/keyrings: a temp dir, so a fresh "login"
# keyring is created with the throwaway password, made the default, and left unlocked.
# --foreground (in the background here) so that this script knows the pid to stop.
printf '%s' "dailies-test-keyring" |
  XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/runtime" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$work/keyring.out" 2>&1 &
keyring_pid=$!

for _ in $(seq 1 100); do
  secret_service_answers && break
  if ! kill -0 "$keyring_pid" 2>/dev/null; then
    say "gnome-keyring-daemon exited early:"
    cat "$work/keyring.out" >&2
    keyring_pid=""
    break
  fi
  sleep 0.1
done
if ! secret_service_answers; then
  say "the Secret Service did not come up on the private bus; running without a keychain."
fi

"$@"
