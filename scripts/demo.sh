#!/usr/bin/env bash
# `npm run demo`: Dailies in a browser on a demo catalog in .demo-data/. Builds the renderer
# when it is missing or older than its sources, then starts the loopback web host, which
# prints the address to open (with its per-run token). Extra arguments go to the host,
# e.g. `npm run demo -- --port 5180`. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=out/renderer-web/index.html
if [ ! -f "$out" ] || [ -n "$(find src/renderer src/shared vite.web.config.ts -newer "$out" -print -quit)" ]; then
  echo "Building the renderer..."
  npm run --silent build:web
fi

exec node_modules/.bin/tsx src/web/main.ts --data-dir .demo-data "$@"
