#!/usr/bin/env bash
# Entry point of `npm start`, `npm test`, `npm stop`, `npm run infra`, `npm run bench` and `npm run chaos`: makes sure Node
# dependencies are installed (a fresh clone has none), then hands over to the TypeScript orchestrator of that command.
set -euo pipefail
cd "$(dirname "$0")/../.."

command="${1:?usage: bootstrap.sh start|test|stop|infra|bench|chaos [args…]}"
shift

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" != "20" ]; then
  echo "Gongzhi needs Node.js 20 (found: $(node --version 2>/dev/null || echo none)). Install Node 20 and retry." >&2
  exit 1
fi

# npm records what it installed in node_modules/.package-lock.json; reinstall when the lockfile is newer.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm dependencies (npm ci, about a minute the first time)…"
  # Playwright drives Debian's Chromium (deploy/local/components/browser.ts): it must never try to download one.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# One node process with tsx as a loader (not the tsx CLI, which relays signals from a parent process): Ctrl-C must
# reach the orchestrator exactly once, or its second-signal "force quit" would skip the clean shutdown.
case "$command" in
  start | test | stop) exec node --import tsx "deploy/local/$command.ts" "$@" ;;
  infra) exec node --import tsx deploy/local/infra.ts "$@" ;;
  bench) exec node --import tsx deploy/bench/main.ts "$@" ;;
  chaos) exec node --import tsx deploy/local/chaos.ts "$@" ;;
  *)
    echo "unknown command: $command" >&2
    exit 2
    ;;
esac
