#!/usr/bin/env bash
# Runs the same grid search of examples/rsi_bb (one parameter changing per run) through btsnap
# and the tools people use instead, and prints per tool the median wall time of one run's
# snapshot and `du -sk` of what it stored after the grid.
#
#   benchmarks/peers/run.sh [RUNS...]        default: 100 1000
#
# restic and borg are installed with apt when missing and this is root; otherwise they are
# skipped with a note. Everything is written under a fresh temp folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(100 1000)

if [[ ! -f cli/target/btsnap.jar ]]; then
  mvn -B -q --no-transfer-progress -Dstyle.color=never -DskipTests package
fi
for tool in restic borg; do
  if ! command -v "$tool" >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    pkg=$tool; [[ $tool == borg ]] && pkg=borgbackup
    (apt-get install -y -qq "$pkg" >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$pkg" >/dev/null 2>&1)) || true
  fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$repo/examples/rsi_bb"
files=(rsi_bb_strategy.py indicators/__init__.py indicators/rsi.py indicators/bollinger.py utils/__init__.py utils/signals.py utils/risk.py)

now_ns() { date +%s%N; }
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] / 1e6}'; }
du_kb() { du -sk "$1" | cut -f1; }

# A working copy the snapshot tools read; each run rewrites params.json in it.
prepare_tree() {
  rm -rf "$work/tree"; mkdir -p "$work/tree"
  for f in "${files[@]}"; do mkdir -p "$work/tree/$(dirname "$f")"; cp "$src/$f" "$work/tree/$f"; done
}
params() { printf '{"rsi_period": %d, "bb_std": 2.0}\n' "$((10 + $1))" > "$work/tree/params.json"; }

# Each tool function runs one snapshot of run $1 into $2 (its store folder).
copy_all() { mkdir -p "$2/run_$1"; cp -r "$work/tree/." "$2/run_$1/"; }
copy_main() { mkdir -p "$2/run_$1"; cp "$work/tree/rsi_bb_strategy.py" "$work/tree/params.json" "$2/run_$1/"; }
git_init() { git init -q "$1"; git -C "$1" config user.email b@x; git -C "$1" config user.name b; }
git_run() { cp -r "$work/tree/." "$2/"; git -C "$2" add -A && git -C "$2" commit -q -m "run $1"; }
restic_init() { RESTIC_PASSWORD=x restic init -q -r "$1" >/dev/null; }
restic_run() { RESTIC_PASSWORD=x restic backup -q -r "$2" "$work/tree" --tag "run$1" >/dev/null; }
borg_init() { BORG_PASSPHRASE= borg init -e none "$1"; }
borg_run() { BORG_PASSPHRASE= BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes borg create "$2::run$1" "$work/tree"; }
btsnap_run() {
  "$repo/btsnap" --store "$2" capture "$work/tree/rsi_bb_strategy.py" --mode imports --root "$work/tree" \
    -p rsi_period="$((10 + $1))" -p bb_std=2.0 >/dev/null
}

measure() { # name, runs, init function or -, run function
  local name=$1 runs=$2 init=$3 fn=$4 store="$work/store-$1-$2" times="$work/times"
  prepare_tree; rm -rf "$store"; : > "$times"
  if [[ $init != - ]]; then $init "$store"; else mkdir -p "$store"; fi
  for ((i = 0; i < runs; i++)); do
    params "$i"
    local t0; t0=$(now_ns)
    $fn "$i" "$store"
    echo $(( $(now_ns) - t0 )) >> "$times"
  done
  printf '| %s | %d | %s ms | %s KB |\n' "$name" "$runs" "$(median_ms < "$times")" "$(du_kb "$store")"
  if [[ $name == git ]]; then
    git -C "$store" gc -q --aggressive --prune=now
    printf '| git after `gc --aggressive` | %d | | %s KB |\n' "$runs" "$(du_kb "$store")"
  fi
  rm -rf "$store"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(df -T "$work" | awk 'NR==2 {print $2}'), $(java -version 2>&1 | head -1)"
echo "versions: $(git --version)$(command -v restic >/dev/null && echo ", $(restic version | cut -d' ' -f1-2)")$(command -v borg >/dev/null && echo ", $(borg --version)")"
echo
echo "| tool | runs | median per run | du -sk after the grid |"
echo "|---|---:|---:|---:|"
for n in "${counts[@]}"; do
  measure "copy all files" "$n" - copy_all
  measure "copy main file" "$n" - copy_main
  measure git "$n" git_init git_run
  if command -v restic >/dev/null; then measure restic "$n" restic_init restic_run; else echo "| restic | $n | not installed | |"; fi
  if command -v borg >/dev/null; then measure borg "$n" borg_init borg_run; else echo "| borg | $n | not installed | |"; fi
  measure "btsnap (imports)" "$n" - btsnap_run
done
