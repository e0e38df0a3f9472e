#!/bin/sh
# Applies seven deliberate bugs, one at a time, to the mechanisms the README promises (issue 18,
# "Tests that can fail"), runs the tests that guard each one and shows that they fail.
# Run by hand from the repository root (not in CI): scripts/mutants.sh
# Each mutation is undone (from a copy of the file) before the next; the tree ends as it began.
set -u
cd "$(dirname "$0")/.." || exit 2

mutate() {  # file, old text, new text: exact replacement, exactly once
    python3 - "$1" "$2" "$3" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"mutation not applicable: {old!r} occurs {text.count(old)} times in {path}")
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}

survived=0
run() {  # name, test filter, file, old, new
    name=$1 filter=$2 file=$3
    cp "$file" "$file.mutants-backup"
    if ! mutate "$file" "$4" "$5"; then mv "$file.mutants-backup" "$file"; touch "$file"; survived=$((survived + 1)); return; fi
    if swift test --filter "$filter" >/tmp/omtale-mutant.log 2>&1; then
        echo "SURVIVED  $name  (swift test --filter '$filter' passed)"
        survived=$((survived + 1))
    else
        failed=$(grep -c '✘ Test .* recorded an issue' /tmp/omtale-mutant.log)
        if grep -q "error: " /tmp/omtale-mutant.log && [ "$failed" -eq 0 ]; then
            echo "BUILD?    $name  (did not build; see /tmp/omtale-mutant.log)"; survived=$((survived + 1))
        else
            echo "killed    $name  ($failed failing expectation(s) in '$filter')"
        fi
    fi
    mv "$file.mutants-backup" "$file"
    touch "$file"  # the backup is older than the last build: without this, the next build keeps the mutant
}

B=MechanismBoundaryTests
run "ZIP ratio limit raised 1000x" "$B/zipRatioLimit" Sources/Omtale/Inputs/SafeZip.swift \
    'output.count / compressed > limits.maxRatio {' 'output.count / compressed > limits.maxRatio * 1000 {'
run "entry-count limit raised 1000x" "$B/entryCountLimit" Sources/Omtale/Inputs/SafeZip.swift \
    'guard count <= limits.maxEntries else' 'guard count <= limits.maxEntries * 1000 else'
run "2 MB text limit enforced at 8 MB" "$B/textLimit" Sources/Omtale/Engine/Checker.swift \
    'limits.maxFileBytes : limits.maxTextBytes' 'limits.maxFileBytes : limits.maxTextBytes * 4'
run "baseline not a multiset" "$B/baselineIsAMultiset" Sources/Omtale/Engine/Baseline.swift \
    'remaining[key] = count - 1' 'remaining[key] = count'
run "report written in place" "$B/reportsAreReplaced" Sources/Omtale/Engine/Baseline.swift \
    '        let url = URL(fileURLWithPath: path)
        let temporary' '        if FileManager.default.fileExists(atPath: path) { try writeDirectly(data, to: path); return }
        let url = URL(fileURLWithPath: path)
        let temporary'
run "SIGINT handler not installed" "$B/sigintIsHandled" Sources/OmtaleCLI/OmtaleCommand.swift \
    'AtomicFile.removeTemporaryFilesOnInterrupt()' '// AtomicFile.removeTemporaryFilesOnInterrupt()'
run "chained hook status ignored" "$B/chainedHook" Sources/Omtale/Git/HookInstaller.swift \
    'exec "$chained" "$@"' '"$chained" "$@"'

echo "$survived of 7 mutants survived"
[ "$survived" -eq 0 ]
