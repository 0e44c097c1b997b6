#!/usr/bin/env bash
# `npm test`: type checks, lint, then the whole suite against real tools. It prepares what a
# plain vitest run cannot: the renderer build the browser tests open, and (Linux) a D-Bus
# session with an unlocked keyring for the keychain tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "npm test needs $1: $2" >&2; exit 1; }
}
need ffmpeg "apt-get install ffmpeg"
need ffprobe "apt-get install ffmpeg"
need chromium "apt-get install chromium"
python3 -c 'import moto.server' 2>/dev/null || {
  echo "npm test needs moto's S3 server: pip install 'moto[server]'" >&2
  exit 1
}

npm run --silent typecheck
npm run --silent lint
npm run --silent build:web
exec bash scripts/with-keyring.sh npx vitest run "$@"
