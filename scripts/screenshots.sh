#!/usr/bin/env bash
# `npm run screenshots`: regenerates docs/screenshots/*.png, the README's pictures, from the
# demo's generated footage against the real engine, the local S3-compatible store and the
# platform stand-in, in headless Chromium (`which chromium`, or CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v ffmpeg >/dev/null 2>&1 || { echo "screenshots need ffmpeg" >&2; exit 1; }
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || {
  echo "screenshots need Chromium (apt-get install chromium, or set CHROMIUM_PATH)" >&2
  exit 1
}
npm run --silent build:web
exec npx vitest run --config vitest.screenshots.config.ts "$@"
