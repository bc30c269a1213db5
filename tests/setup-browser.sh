#!/usr/bin/env bash
# Page tests drive Debian's Chromium; install it (and CJK fonts) when missing.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "chromium is missing; page tests will be skipped (run as root to install it)" >&2
  fi
fi
