#!/usr/bin/env bash
# `npm test`: type checks, lint, then the whole suite against real tools. It prepares what a
# plain vitest run cannot: the renderer build the browser tests open, and (Linux) a D-Bus
# session with an unlocked keyring for the keychain tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "npm test needs $1: $2" >&2; exit 1; }
}
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' || {
  echo "npm test runs on Node 24 (the project's line); this is $(node -v). Run: npm run setup" >&2
  exit 1
}
need ffmpeg "apt-get install ffmpeg"
need ffprobe "apt-get install ffmpeg"
need chromium "apt-get install chromium"
# moto is the reference S3 emulator the tests compare our local store with. Without it those
# comparisons are skipped (with the reason) and the S3 tests run on the local store; in CI a
# missing moto is a failure, so the store cannot drift into agreeing only with itself.
if ! python3 -c 'import moto.server' 2>/dev/null; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI needs moto's S3 server: pip install 'moto[server]'" >&2
    exit 1
  fi
  echo "moto is not installed: the tests that compare with it are skipped (pip install 'moto[server]')." >&2
fi

npm run --silent typecheck
npm run --silent lint
npm run --silent build:web
exec bash scripts/with-keyring.sh npx vitest run "$@"
