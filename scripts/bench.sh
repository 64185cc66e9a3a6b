#!/usr/bin/env bash
# Whole-command speed of okr against the targets of docs/performance.md,
# reported as ratios measured in one run (absolute times depend on the
# machine; the ratios should not):
#
#   1. parse-bound: okr check / the parse floor (examples/parse_floor.rs:
#      the same loader and threads, no rules)            target <= 1.25
#   2. threads: okr check with 1 thread / with 2          target >= 1.6
#   3. linear: time per file at 8,000 files / at 1,000    target 0.8 - 1.2
#   4. check-jsonschema (okr's own JSON Schemas) / okr check   >= 50
#      yamllint / okr check                                     >= 50
#   5. examples/acme: okr check and okr report, median        < 10 ms
#   6. peak resident memory / total size of the input files  <= 3
#
#   scripts/bench.sh            # everything (about 10 minutes on 2 cores)
#   QUICK=1 scripts/bench.sh    # skip the Python tools (4.)
#
# Builds okr and the examples in release, generates the organizations with
# examples/generate.rs (1,000 teams x 4 quarters: about 4,000 files and
# 30 MB; 250 x 4 and 2,000 x 4 for linearity) into a temporary folder,
# installs check-jsonschema and yamllint into a throwaway Python virtual
# environment there, and times everything with hyperfine (-N: no shell).
# Needs hyperfine (apt-get install -y hyperfine) and python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
SLOW_RUNS=${SLOW_RUNS:-2}
AS_OF=2026-11-28
export OKR_AS_OF=$AS_OF

for tool in hyperfine python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench: $tool is not installed (apt-get install -y $tool)" >&2
    exit 2
  fi
done

cargo build --release --quiet --bin okr --example generate --example parse_floor
target_dir=${CARGO_TARGET_DIR:-target}
okr="$PWD/$target_dir/release/okr"
floor="$PWD/$target_dir/release/examples/parse_floor"
generate="$PWD/$target_dir/release/examples/generate"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for teams in 250 1000 2000; do
  "$generate" --teams "$teams" --quarters 4 --seed 7 --out "$work/org$teams" >/dev/null
done
org="$work/org1000"
files=$(find "$org" -name '*.yaml' | wc -l)
bytes=$(find "$org" -name '*.yaml' -print0 | xargs -0 cat | wc -c)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "input: $files YAML files, $bytes bytes"

# The median of hyperfine's JSON export, in seconds.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }

# okr check exits 1 when the generated organization has findings: -i keeps measuring.
hf() { hyperfine -N -i --style none "$@" >/dev/null; }

echo
echo "== 1-2. parse floor and threads ($files files)"
hf --warmup 1 --runs "$RUNS" --export-json "$work/floor.json" \
  "$floor $org 2" \
  "$okr check $org --threads 2 --format json" \
  "$okr check $org --threads 1 --format json"
t_floor=$(median "$work/floor.json" 0)
t_check=$(median "$work/floor.json" 1)
t_check1=$(median "$work/floor.json" 2)
echo "parse floor (2 threads)  ${t_floor}s"
echo "okr check (2 threads)    ${t_check}s"
echo "okr check (1 thread)     ${t_check1}s"
echo "1. check / parse floor:  $(ratio "$t_check" "$t_floor")   (target <= 1.25)"
echo "2. 1 thread / 2 threads: $(ratio "$t_check1" "$t_check")   (target >= 1.6)"

echo
echo "== 3. linearity"
hf --warmup 1 --runs "$RUNS" --export-json "$work/linear.json" \
  "$okr check $work/org250 --format json" \
  "$okr check $work/org2000 --format json"
small=$(find "$work/org250" -name '*.yaml' | wc -l)
large=$(find "$work/org2000" -name '*.yaml' | wc -l)
per_small=$(python3 -c "print($(median "$work/linear.json" 0) / $small)")
per_large=$(python3 -c "print($(median "$work/linear.json" 1) / $large)")
echo "$small files: $(python3 -c "print(f'{$per_small*1e6:.0f}')") us/file; $large files: $(python3 -c "print(f'{$per_large*1e6:.0f}')") us/file"
echo "3. per file, large / small: $(ratio "$per_large" "$per_small")   (target 0.8 - 1.2)"

echo
echo "== 5. examples/acme (process start included)"
hf --warmup 3 --runs 50 --export-json "$work/acme.json" \
  "$okr check examples/acme" \
  "$okr report examples/acme"
echo "okr check  examples/acme: $(python3 -c "print(f'{$(median "$work/acme.json" 0)*1000:.1f}')") ms   (target < 10 ms)"
echo "okr report examples/acme: $(python3 -c "print(f'{$(median "$work/acme.json" 1)*1000:.1f}')") ms   (target < 10 ms)"

echo
echo "== 6. peak memory ($files files)"
peak_kb=$(/usr/bin/time -f '%M' "$okr" check "$org" --format json 2>&1 >/dev/null | tail -n 1)
echo "peak resident: $((peak_kb / 1024)) MiB for $((bytes / 1048576)) MiB of input"
echo "6. peak / input: $(ratio "$((peak_kb * 1024))" "$bytes")   (target <= 3)"

if [ -n "${QUICK:-}" ]; then
  exit 0
fi

echo
echo "== 4. check-jsonschema and yamllint (same $files files)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet check-jsonschema yamllint
"$okr" schema --write "$work/schemas" -q
find "$org" -name '20*-Q*.yaml' | sort > "$work/quarters.txt"
# One invocation per schema, as a CI job would run it; a shell joins them.
cat > "$work/jsonschema.sh" <<EOF
#!/bin/sh
"$work/venv/bin/check-jsonschema" --schemafile "$work/schemas/quarter.schema.json" \$(cat "$work/quarters.txt") >/dev/null
"$work/venv/bin/check-jsonschema" --schemafile "$work/schemas/strategy.schema.json" "$org/strategy.yaml" >/dev/null
EOF
chmod +x "$work/jsonschema.sh"
hf --runs "$SLOW_RUNS" --export-json "$work/tools.json" \
  "$work/jsonschema.sh" \
  "$work/venv/bin/yamllint -d relaxed $org"
t_schema=$(median "$work/tools.json" 0)
t_yamllint=$(median "$work/tools.json" 1)
echo "check-jsonschema ${t_schema}s, yamllint ${t_yamllint}s, okr check ${t_check}s"
echo "4. check-jsonschema / okr check: $(ratio "$t_schema" "$t_check")   (target >= 50)"
echo "4. yamllint / okr check:         $(ratio "$t_yamllint" "$t_check")   (target >= 50)"
