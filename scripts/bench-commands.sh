#!/usr/bin/env bash
# Whole-command timing of `okr report` and `okr diff` against `okr check` on
# a synthetic organization (examples/generate.rs), with hyperfine. Targets:
# `okr report` within 1.5x of `okr check` on the same files; `okr diff`
# between two revisions within 2.5x.
#
#   scripts/bench-commands.sh
#
# Builds okr and the generator in release, writes a 1,000-team x 4-quarter
# organization (about 4,000 files, 30 MB) into a temporary folder, runs
#   okr check  DIR --as-of 2026-11-28 --format json
#   okr report DIR --as-of 2026-11-28 --quarter all --format json
#   okr diff HEAD~1 HEAD --as-of 2026-11-28 --format json   (DIR made a git
#     repository of two commits: the organization, then one target changed)
# with their output discarded, and prints report/check for the mean and the
# median. Settings, from the environment: TEAMS (1000), QUARTERS (4), SEED (7),
# RUNS (10), WARMUP (2).
#
# Needs hyperfine: `apt-get install -y hyperfine` (or `cargo install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."

TEAMS=${TEAMS:-1000}
QUARTERS=${QUARTERS:-4}
SEED=${SEED:-7}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
AS_OF=2026-11-28

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "bench-commands: hyperfine is not installed; install it with" >&2
  echo "  apt-get install -y hyperfine     (or: cargo install hyperfine)" >&2
  exit 2
fi

cargo build --release --quiet --bin okr --example generate
target_dir=${CARGO_TARGET_DIR:-target}
okr="$target_dir/release/okr"
generate="$target_dir/release/examples/generate"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
org="$work/org"

"$generate" --teams "$TEAMS" --quarters "$QUARTERS" --seed "$SEED" --out "$org"
echo "input: $(find "$org" -name '*.yaml' | wc -l) YAML files, $(du -sh "$org" | cut -f1) on disk"

# Two commits for okr diff: the organization, then one key result's target changed.
gitc() { git -C "$org" -c user.name=okr -c user.email=okr@example.com "$@"; }
gitc init -q -b main
gitc add -A
gitc commit -q -m base
first=$(find "$org" -path '*team-*' -name '2026-Q4.yaml' | sort | head -n 1)
sed -i '0,/target: /s/target: \([0-9.]*\)/target: 1\1/' "$first"
gitc commit -q -am "raise one target"

# okr check exits 1 when it finds errors: -i keeps hyperfine measuring anyway.
# -N runs the commands without a shell; hyperfine discards their output.
hyperfine -N -i --warmup "$WARMUP" --runs "$RUNS" \
  --export-csv "$work/times.csv" \
  -n check "$okr check $org --as-of $AS_OF --format json" \
  -n report "$okr report $org --as-of $AS_OF --quarter all --format json" \
  -n diff "$okr diff HEAD~1 HEAD --path $org --as-of $AS_OF --format json"

# CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
awk -F, '
  $1 == "check"  { cm = $2; cd = $4 }
  $1 == "report" { rm = $2; rd = $4 }
  $1 == "diff"   { dm = $2; dd = $4 }
  END {
    printf "check:  mean %.3f s, median %.3f s\n", cm, cd
    printf "report: mean %.3f s, median %.3f s\n", rm, rd
    printf "diff:   mean %.3f s, median %.3f s\n", dm, dd
    printf "report/check: %.2fx (mean), %.2fx (median); target: at most 1.50x\n", rm / cm, rd / cd
    printf "diff/check:   %.2fx (mean), %.2fx (median); target: at most 2.50x\n", dm / cm, dd / cd
  }' "$work/times.csv"
