#!/usr/bin/env bash
# The GitHub Action (action.yml): check the committed .claude/settings*.json files of the checkout and
# print one annotation per finding (::error file=…,line=…,col=…::…). Exit 1 when a credential is found.
#   CGC_ACTION_PATH  this repository, as the runner checked it out (the action's own folder)
#   CGC_PATH         the folder to check (default .)
#   CGC_BASELINE     a baseline file (optional)
set -euo pipefail
action="${CGC_ACTION_PATH:?CGC_ACTION_PATH must name the folder of the action}"
cli="$action/dist/cli/cli.js"
if [ ! -f "$cli" ]; then
  # The action runs from its source: build it once (dist/ is not committed).
  (cd "$action" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null && npm run -s build >/dev/null)
fi
args=(doctor --ci --format github --repo "${CGC_PATH:-.}")
if [ -n "${CGC_BASELINE:-}" ]; then args+=(--baseline "$CGC_BASELINE"); fi
exec node "$cli" "${args[@]}"
