#!/usr/bin/env bash
# Omtale's benchmark: everything measured side by side in one run, reported as ratios.
#
#   bench/run.sh [--quick]        (--quick: 100 and 1,000 documents only, fewer repetitions)
#
# Installs what it needs (hyperfine, proselint, docx2txt, pandoc, python-docx, GNU time), builds
# Omtale in release mode, generates the corpus (bench/corpus/, not committed), measures, prints a
# table and appends it to BENCHMARKS.md with the date, the commit and the machine's core count.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v docx2txt >/dev/null || need+=(docx2txt)
command -v pandoc >/dev/null || need+=(pandoc)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; fi
python3 -c "import docx" 2>/dev/null || python3 -m pip install -q python-docx
command -v proselint >/dev/null || python3 -m pip install -q proselint

swift build -c release --product omtale >/dev/null
swift build -c release --product omtale-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
omtale="$bin/omtale"
floor="$bin/omtale-bench"

sizes=(100 1000 10000)
[ $quick -eq 1 ] && sizes=(100 1000)
for n in "${sizes[@]}"; do
    [ -d "bench/corpus/$n/docx" ] || python3 bench/make_corpus.py --count "$n" --out "bench/corpus/$n" --docx
done

results=bench/results
rm -rf "$results" && mkdir -p "$results"
runs=5
[ $quick -eq 1 ] && runs=3
cores=$(nproc)

hf() {  # name, runs, command...
    local name=$1 count=$2
    shift 2
    hyperfine --style none --warmup 1 --runs "$count" -i --export-json "$results/$name.json" "$@" >/dev/null
}

for n in "${sizes[@]}"; do
    txt="bench/corpus/$n/txt"
    docx="bench/corpus/$n/docx"
    r=$runs
    [ "$n" -ge 10000 ] && r=3
    hf "floor-$n" "$r" "$floor icu-floor $txt/*.txt"
    hf "omtale-txt-1-$n" "$r" "$omtale check -j 1 --format json $txt > /dev/null"
    hf "omtale-txt-all-$n" "$r" "$omtale check -j $cores --format json $txt > /dev/null"
    hf "omtale-docx-1-$n" "$r" "$omtale check -j 1 --format json $docx > /dev/null"
    hf "omtale-docx-all-$n" "$r" "$omtale check -j $cores --format json $docx > /dev/null"
    /usr/bin/time -f "%M" -o "$results/rss-txt-$n.txt" "$omtale" check -j "$cores" --format json "$txt" > /dev/null || true
    /usr/bin/time -f "%M" -o "$results/rss-docx-$n.txt" "$omtale" check -j "$cores" --format json "$docx" > /dev/null || true
done

# Peers on the 100-document corpus (proselint takes about a second per release).
txt100=bench/corpus/100/txt
docx100=bench/corpus/100/docx
hf proselint 3 "proselint check $txt100/*.txt > /dev/null"
hf omtale-100-serial 5 "$omtale check -j 1 --format json $txt100 > /dev/null"
hf docx2txt 3 "for f in $docx100/*.docx; do docx2txt \"\$f\" - > /dev/null; done"
hf pandoc 3 "for f in $docx100/*.docx; do pandoc -t plain \"\$f\" > /dev/null; done"
hf omtale-read-docx 5 "$floor read $docx100/*.docx"

# Single-file latency and the git hook on a commit of 10 staged drafts.
one=$(ls "$txt100"/*.txt | head -1)
hf single 30 "$omtale check $one > /dev/null"
hook_repo=$(mktemp -d)
git -C "$hook_repo" init -q
for f in $(ls "$txt100"/*.txt | head -10); do cp "$f" "$hook_repo/"; done
git -C "$hook_repo" add .
(cd "$hook_repo" && OMTALE="$omtale" "$omtale" hook install >/dev/null)
hf hook 20 "cd $hook_repo && OMTALE=$omtale sh .git/hooks/pre-commit > /dev/null 2>&1"
rm -rf "$hook_repo"

python3 bench/report.py "$results" "$cores" "${sizes[*]}" | tee "$results/table.md"
{
    echo
    echo "## $(date -u +%Y-%m-%d) — commit $(git rev-parse --short HEAD), $cores cores, $(uname -m)"
    echo
    cat "$results/table.md"
} >> BENCHMARKS.md
echo "appended to BENCHMARKS.md"
