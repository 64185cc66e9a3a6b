#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets into a folder (default
/tmp/okr-seeds/<target>/), from examples/acme, the tests/rules fixtures and
a few layouts the check-in editor must handle. `cargo fuzz cmin` then keeps
the few that matter in fuzz/corpus/<target>/; see docs/fuzzing.md.

Input formats (see the targets): `check` is quarter file, then optionally
SEP strategy.yaml, SEP okr.yaml; `checkin` is a quarter file, then
optionally SEP and parameter bytes. SEP is the two bytes 00 FF.
"""

import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEP = b"\x00\xff"
OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/okr-seeds")

# Layouts the editor meets: flow key results, flow and empty lists, a null
# `checkins:`, a dash on its own line, comments, quoted keys, CRLF, a BOM,
# no final newline, block scalars, tabs before comments.
LAYOUTS = [
    "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"
    "      - {title: Reach 100 users, target: 100, current: 40}   # flow\n"
    "      - title: Reach 10 teams\n        target: 10\n        current: 4 # Monday\n",
    "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n"
    "      - title: Reach 100 users\n        target: 100\n"
    "        checkins: [{date: 2026-10-01, value: 10}, {date: 2026-10-15, value: '20'} ]\n"
    "      - title: Reach 10 teams\n        target: 10\n        checkins:\n"
    "        - {date: 2026-10-01, value: 1}\n"
    "      - title: Reach 5 regions\n        target: 5\n        checkins: []\n",
    '"objectives":\r\n- \'id\': O1\r\n  "title": Grow\r\n  key_results:\r\n'
    '  - "title": Reach 100 users\r\n    \'target\': 100\r\n    "current": 40',
    "objectives:\n  - id: O1\n    title: Grow\n    key_results:\n      -\n"
    "        title: Reach 100 users\n        target: 100\n        checkins:\n"
    "          -\n            date: 2026-10-01\n            value: 10\t# tab\n",
    "# Platform OKRs.\nquarter: 2026-Q4\nobjectives:\n  - id: P1   # the big one\n"
    "    title: Make deploys boring\n    key_results:\n      - id: P1.1\n"
    "        title: Cut failed deploys from 7% to 3%\n        start: 7\n        target: 3\n"
    "        checkins:\n          - date: 2026-10-09\n            value: 6.5\n"
    "            note: |\n              Expand-contract migrations.\n"
    "              # not a comment\n\n          # a comment after the last check-in\n"
    "      - title: Publish 3 runbooks\n        done: false\n",
    "\ufeffobjectives:\n- id: O1\n  title: Ship\n  key_results:\n"
    "  - title: Ship 2 services\n    done: true\n    checkins:\n"
    "  # nothing yet\n  - title: Hold p99 at 200 ms\n    keep_below: 200\n"
    "    checkins: ~\n",
    "objectives: [{id: O1, title: Grow, key_results: [{title: Reach 9 teams, "
    "target: 9, checkins: [{date: 2026-07-02, value: 1, note: \"a: b # c\"}]}]}]\n",
]

# Parameter bytes: objective, key result, value (mode + bytes), confidence
# flag and value, date offset (i16, days from 2026-01-01), note flag and text.
PARAMS = [
    b"",
    bytes([0, 1, 0, 5, 0, 1, 2, 60, 0x20, 1, 1]) + "Freeze: few\n\"deploys\" # 1".encode(),
    bytes([0, 0, 3]) + b"\x00\x00\x00\x00\x00\x00\xf0\x7f" + bytes([0, 0x30, 1, 1, 0]),
    bytes([1, 2, 1, 0xff, 0xff, 0xff, 0x7f, 1, 2, 250, 0xff, 0xff, 1]) + "é\u2028 ".encode(),
]


def write(target, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    acme = ROOT / "examples" / "acme"
    strategy = (acme / "strategy.yaml").read_bytes()
    config = (acme / "okr.yaml").read_bytes()
    quarters = sorted(acme.rglob("20*.yaml"))
    for q in quarters:
        write("check", q.read_bytes())
        write("check", q.read_bytes() + SEP + strategy + SEP + config)
        for p in PARAMS[:2]:
            write("checkin", q.read_bytes() + (SEP + p if p else b""))
    for fixture in sorted((ROOT / "tests" / "rules").glob("*/*")):
        files = sorted(fixture.rglob("20*-Q*.y*ml"))
        if not files:
            continue
        data = files[0].read_bytes()
        extra = [fixture / "strategy.yaml", fixture / "okr.yaml"]
        if extra[1].exists():
            s = extra[0].read_bytes() if extra[0].exists() else b""
            data += SEP + s + SEP + extra[1].read_bytes()
        elif extra[0].exists():
            data += SEP + extra[0].read_bytes()
        write("check", data)
        if fixture.name == "pass":
            write("checkin", files[0].read_bytes())
    for layout in LAYOUTS:
        for crlf in (False, True):
            text = layout.replace("\r\n", "\n").replace("\n", "\r\n") if crlf else layout
            for p in PARAMS:
                write("checkin", text.encode() + (SEP + p if p else b""))
            write("check", text.encode())


if __name__ == "__main__":
    main()
