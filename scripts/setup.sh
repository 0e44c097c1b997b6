#!/usr/bin/env bash
# `npm run setup`: installs the project's dependencies with the Node line the project uses
# (.nvmrc, the one Electron ships), whatever Node this machine has. On an older Node it runs
# npm itself on the pinned Node from the npm registry (the `node` package), so the engines
# npm checks are the ones the app really runs on and no "unsupported engine" warning appears.
# Extra arguments go to npm, e.g. `npm run setup -- --ignore-scripts`.
set -euo pipefail
cd "$(dirname "$0")/.."

wanted=$(tr -d '[:space:]v' < .nvmrc)
npm_cli=${npm_execpath:-}
if [ -z "$npm_cli" ] || [ ! -f "$npm_cli" ]; then
  echo "Run this as 'npm run setup'." >&2
  exit 2
fi
# `npm ci` when the lockfile is there (exact and repeatable), `npm install` to create it.
verb=install
[ -f package-lock.json ] && verb=ci

current=$(node -p 'process.versions.node')
if [ "${current%%.*}" = "${wanted%%.*}" ]; then
  exec node "$npm_cli" "$verb" "$@"
fi
echo "This machine's Node is $current; installing with Node $wanted from the npm registry."
exec npx --yes "node@$wanted" "$npm_cli" "$verb" "$@"
