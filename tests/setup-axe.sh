#!/usr/bin/env bash
# Accessibility tests inject axe-core into the built pages; install it (pinned by
# tests/axe/package-lock.json, from the npm registry) when missing. Nothing is fetched
# while a page runs: the tests read node_modules/axe-core/axe.min.js and inject it.
set -euo pipefail
cd "$(dirname "$0")/axe"
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
  else
    echo "npm is missing; accessibility tests will fail (install nodejs and npm)" >&2
  fi
fi
