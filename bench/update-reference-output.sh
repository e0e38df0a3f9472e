#!/usr/bin/env bash
# Rewrites the reference output that ReferenceOutputTests compares against: the JSON report (and the
# refusals on standard error) of `omtale check` over the whole fixture set. Run it only when a change
# is meant to change the output, and say so in the commit; speed work must leave it untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product omtale >/dev/null
bin=$(swift build --show-bin-path)
out=Tests/OmtaleTests/Engine/Expected
OMTALE_CHECK_DATE=2026-12-01 LANG=da_DK.UTF-8 LC_ALL= LC_MESSAGES= "$bin/omtale" check --format json fixtures >"$out/fixtures.json" 2>"$out/fixtures.stderr" || true
echo "wrote $out/fixtures.json and $out/fixtures.stderr"
