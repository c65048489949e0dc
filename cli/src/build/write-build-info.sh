#!/usr/bin/env bash
# Writes btsnap-build.properties into the classes folder: the commit the jar is built from (and
# whether the tree had changes), for 'btsnap --version'. Outside a git checkout: "unknown".
set -uo pipefail
classes="$1"
repo="$2"
commit="unknown"
if command -v git >/dev/null 2>&1 && git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  commit="$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
    commit="$commit+changes"
  fi
fi
mkdir -p "$classes"
printf 'commit=%s\n' "$commit" > "$classes/btsnap-build.properties"
exit 0
