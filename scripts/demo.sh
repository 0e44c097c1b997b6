#!/usr/bin/env bash
# `npm run demo`: the whole job on this machine with built-in local stand-ins (an S3-compatible
# store and the platform), no account, no cloud, no keychain set-up. Builds the renderer when
# it is missing or older than its sources, then runs src/demo/main.ts, which prints the
# address to open. Extra arguments go to the demo: `npm run demo -- --fresh`, `-- --once`,
# `-- --help`. Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v ffmpeg >/dev/null 2>&1 || [ -d node_modules/ffmpeg-static ] || {
  echo "The demo needs ffmpeg: sudo apt-get install ffmpeg (or brew install ffmpeg)" >&2
  exit 1
}
out=out/renderer-web/index.html
if [ ! -f "$out" ] || [ -n "$(find src/renderer src/shared vite.web.config.ts -newer "$out" -print -quit)" ]; then
  echo "Building the interface..."
  npm run --silent build:web
fi

exec node_modules/.bin/tsx src/demo/main.ts "$@"
