#!/usr/bin/env bash
# Builds okr's Python wheel for this machine and proves it the way a user
# gets it: `pip install` of the wheel into a fresh virtual environment, then
# `okr --version` (must be Cargo.toml's version) and `okr check
# examples/acme` (must pass) with the okr of that environment.
#
# maturin is used from PATH, or installed into a throwaway virtual
# environment (from PyPI) when missing. The wheel is kept in
# $CARGO_TARGET_DIR/wheels (default target/wheels); everything else lives in
# a temporary folder that is removed at the end. The wheel has no
# dependencies, so its own installation needs no network.
#
# Usage: scripts/wheel.sh     (exit 0: the wheel works; anything else: it
#                              does not, and the last line says why)
# Environment: PYTHON (default python3), CARGO_TARGET_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}
out="${CARGO_TARGET_DIR:-$root/target}/wheels"
work=$(mktemp -d)
trap 'status=$?; rm -rf "$work"; if [ "$status" -ne 0 ]; then echo "wheel.sh: FAILED (exit $status): see above" >&2; fi' EXIT

fail() {
    echo "wheel.sh: $*" >&2
    exit 1
}

# A virtual environment's folder of executables: bin/, or Scripts/ on Windows.
venv_bin() {
    if [ -d "$1/Scripts" ]; then echo "$1/Scripts"; else echo "$1/bin"; fi
}

seconds() {
    "$python" -c 'import time; print(f"{time.monotonic():.3f}")'
}

command -v "$python" >/dev/null || fail "$python is needed (set PYTHON to another interpreter)"

if command -v maturin >/dev/null; then
    maturin=maturin
else
    echo "wheel.sh: maturin is not on PATH; installing it into a throwaway virtual environment"
    "$python" -m venv "$work/maturin"
    "$(venv_bin "$work/maturin")/python" -m pip install --quiet --disable-pip-version-check 'maturin>=1.9,<2' \
        || fail "could not install maturin from PyPI"
    maturin="$(venv_bin "$work/maturin")/maturin"
fi
echo "wheel.sh: $("$maturin" --version)"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || fail "no version in Cargo.toml"

# A folder of its own for this build, so the wheel tested is the one just
# built, never an older one left in $out.
start=$(seconds)
"$maturin" build --release --locked --out "$work/dist" \
    || fail "maturin could not build the wheel"
built=$(seconds)
wheels=("$work"/dist/*.whl)
[ "${#wheels[@]}" -eq 1 ] && [ -f "${wheels[0]}" ] || fail "expected one wheel, found: ${wheels[*]}"
wheel=${wheels[0]}
name=$(basename "$wheel")
case "$name" in
    "okr-$version-py3-none-"*.whl) ;;
    *) fail "unexpected wheel name $name (want okr-$version-py3-none-<platform>.whl)" ;;
esac
mkdir -p "$out"
cp "$wheel" "$out/"

"$python" -m venv "$work/venv"
bin=$(venv_bin "$work/venv")
installing=$(seconds)
"$bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel" \
    || fail "pip could not install $name"
installed=$(seconds)

# The okr a user would run: the one the environment puts first on PATH.
okr=$(PATH="$bin:$PATH" command -v okr) || fail "no okr on PATH after pip install"
[ "$okr" = "$bin/okr" ] || [ "$okr" = "$bin/okr.exe" ] || fail "okr on PATH is $okr, not the virtual environment's"

said=$("$okr" --version) || fail "okr --version failed"
[ "$said" = "okr $version" ] || fail "okr --version says '$said', want 'okr $version'"
echo "wheel.sh: $said"

rc=0
"$okr" check examples/acme > "$work/check.txt" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
    cat "$work/check.txt" >&2
    fail "okr check examples/acme exited $rc (want 0)"
fi
echo "wheel.sh: okr check examples/acme: $(tail -n 1 "$work/check.txt")"

size=$(wc -c < "$wheel" | tr -d ' ')
"$python" - "$start" "$built" "$installing" "$installed" "$size" "$out/$name" <<'PY'
import sys
start, built, installing, installed = map(float, sys.argv[1:5])
size, path = int(sys.argv[5]), sys.argv[6]
print(f"wheel.sh: OK: {path} ({size / 1e6:.1f} MB)")
print(f"wheel.sh: build {built - start:.1f} s, pip install into a fresh venv {installed - installing:.1f} s")
PY
