#!/usr/bin/env python3
"""Shrinks a fuzz corpus to the few inputs worth committing.

`cargo fuzz cmin` keeps every input that adds a coverage feature, which for
okr is thousands of files; this keeps at most N (default 45), chosen
greedily: each next input is the one that covers the most edges not yet
covered, the smaller on a tie. For `checkin`, inputs that reach the editor
(`OKR_FUZZ_LOG` prints `edited` or `refused`) are chosen first, up to two
thirds of N. Inputs with a name of their own (not a hash: `regression-*`,
`seed-*`) are always kept.

    python3 shrink.py TARGET FROM_DIR [N]    # run in fuzz/, after cargo fuzz build -s none

writes the chosen inputs to corpus/TARGET/ (emptied first, but for the
named inputs). See docs/fuzzing.md.
"""

import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
BINARY = HERE / "target" / "x86_64-unknown-linux-gnu" / "release"


def coverage(binary, source):
    """Edges covered by each input, from a libFuzzer merge control file."""
    with tempfile.TemporaryDirectory() as tmp:
        control = pathlib.Path(tmp) / "control"
        out = pathlib.Path(tmp) / "out"
        out.mkdir()
        subprocess.run(
            [binary, "-merge=1", f"-merge_control_file={control}", out, source],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        lines = control.read_text().split("\n")
    count = int(lines[0])
    files = lines[2 : 2 + count]
    edges = {}
    for line in lines[2 + count :]:
        parts = line.split()
        if parts and parts[0] == "COV":
            edges[files[int(parts[1])]] = set(parts[2:])
    return edges


def reaching_editor(binary, paths):
    """The inputs for which the target prints `edited` or `refused`."""
    found = set()
    for i in range(0, len(paths), 500):
        run = subprocess.run(
            [binary, *paths[i : i + 500]],
            env={**os.environ, "OKR_FUZZ_LOG": "1"},
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
        )
        current = None
        for line in run.stderr.split("\n"):
            if line.startswith("Running: "):
                current = line[len("Running: ") :]
            elif line.startswith(("edited", "refused")) and current:
                found.add(current)
    return found


def is_hash(name):
    return len(name) == 40 and all(c in "0123456789abcdef" for c in name)


def greedy(edges, candidates, chosen, covered, limit):
    candidates = [c for c in candidates if c not in chosen]
    while len(chosen) < limit and candidates:
        best = max(candidates, key=lambda c: (len(edges[c] - covered), -os.path.getsize(c)))
        if not edges[best] - covered:
            break
        covered |= edges[best]
        chosen.append(best)
        candidates.remove(best)


def main():
    target, source = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 45
    binary = BINARY / target
    edges = coverage(binary, source)
    chosen, covered = [], set()
    if target == "checkin":
        reach = reaching_editor(binary, list(edges))
        reaching = [f for f in edges if f in reach]
        greedy(edges, reaching, chosen, covered, limit * 2 // 3)
    greedy(edges, list(edges), chosen, covered, limit)
    total = set().union(*edges.values()) if edges else set()
    print(f"{len(chosen)} inputs cover {len(covered)} of {len(total)} edges")
    # Read first: FROM_DIR may be the corpus itself.
    keep = {pathlib.Path(p).name: pathlib.Path(p).read_bytes() for p in chosen}
    corpus = HERE / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    for old in corpus.iterdir():
        if is_hash(old.name):
            old.unlink()
    for name, data in keep.items():
        (corpus / name).write_bytes(data)


if __name__ == "__main__":
    main()
