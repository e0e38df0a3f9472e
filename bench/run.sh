#!/usr/bin/env bash
# Omtale's benchmark: everything measured side by side in one run, reported as ratios.
#
#   bench/run.sh [--quick] [--full]   (--quick: fewer repetitions; --full: adds 10,000 documents)
#
# Installs what it needs (hyperfine, proselint, docx2txt, python-docx, GNU time, valgrind), builds
# Omtale in release mode, generates the corpus (bench/corpus/, not committed), measures, prints a
# table and appends it to BENCHMARKS.md with the date, the commit and the machine's core count.
# The default run takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=0 full=0
for arg in "$@"; do
    case $arg in --quick) quick=1 ;; --full) full=1 ;; *) echo "usage: bench/run.sh [--quick] [--full]" >&2; exit 2 ;; esac
done

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v docx2txt >/dev/null || need+=(docx2txt)
command -v valgrind >/dev/null || need+=(valgrind)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"; fi
python3 -c "import docx" 2>/dev/null || python3 -m pip install -q python-docx
command -v proselint >/dev/null || python3 -m pip install -q proselint

# The release binary as the README builds it: the Swift runtime and Foundation linked in
# (--static-swift-stdlib), which starts faster and runs from a copy on a machine without Swift.
release=(-c release --static-swift-stdlib)
swift build "${release[@]}" --product omtale >/dev/null
swift build "${release[@]}" --product omtale-bench >/dev/null
bin=$(swift build "${release[@]}" --show-bin-path)
omtale="$bin/omtale"
floor="$bin/omtale-bench"

sizes=(100 1000)
[ $full -eq 1 ] && sizes+=(10000)
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
instructions() {  # name, command...: instruction count under callgrind (stable on a shared machine)
    local name=$1
    shift
    # The program's own status (1 when it reports findings) is not a failure here.
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' > "$results/ir-$name.txt"
}
rss() {  # name, command...: peak resident set in KB (GNU time)
    local name=$1
    shift
    /usr/bin/time -f "%M" -o "$results/rss-$name.txt" "$@" > /dev/null 2>&1 || true
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
    rss "txt-$n" "$omtale" check -j "$cores" --format json "$txt"
    rss "docx-$n" "$omtale" check -j "$cores" --format json "$docx"
done

# Instruction counts on the 100-document corpus: the floor and the full check, one core. Valgrind
# 3.19 gives up on the Swift binaries' debug info, so it runs stripped copies.
txt100=bench/corpus/100/txt
docx100=bench/corpus/100/docx
strip -o "$results/omtale" "$omtale"
strip -o "$results/omtale-bench" "$floor"
instructions floor "$results/omtale-bench" icu-floor $txt100/*.txt
instructions omtale "$results/omtale" check -j 1 --format json "$txt100"
instructions version "$results/omtale" --version
instructions single "$results/omtale" check "$(ls "$txt100"/*.txt | head -1)"

# Peers on the 100-document corpus (proselint takes about a second per release).
hf proselint 3 "proselint check $txt100/*.txt > /dev/null"
hf omtale-100-serial 5 "$omtale check -j 1 --format json $txt100 > /dev/null"
hf docx2txt 3 "for f in $docx100/*.docx; do docx2txt \"\$f\" - > /dev/null; done"
hf omtale-read-docx 5 "$floor read $docx100/*.docx"

# Single-file latency, start-up, and the git hook on a commit of 10 staged drafts.
one=$(ls "$txt100"/*.txt | head -1)
hf single 30 "$omtale check $one > /dev/null"
hf version 30 "$omtale --version > /dev/null"
hook_repo=$(mktemp -d)
git -C "$hook_repo" init -q
for f in $(ls "$txt100"/*.txt | head -10); do cp "$f" "$hook_repo/"; done
git -C "$hook_repo" add .
(cd "$hook_repo" && OMTALE="$omtale" "$omtale" hook install >/dev/null)
hf hook 20 "cd $hook_repo && OMTALE=$omtale sh .git/hooks/pre-commit > /dev/null 2>&1"
rm -rf "$hook_repo"

# Peak memory of one file at 6 KB, 600 KB and 2 MB (releases of the corpus joined), against the
# process baseline (an empty file), and the decomposed-character case: the same ~460 KB text in NFC
# and with one "a" + U+030A, which once made the NFC pass quadratic.
big="$results/big"
mkdir -p "$big"
: > "$big/empty.txt"
python3 - "$txt100" "$big" <<'PY'
import pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(src.glob("*.txt"))]
def joined(limit):
    parts, size, i = [], 0, 0
    while size < limit:
        parts.append(texts[i % len(texts)]); size += len(parts[-1].encode()); i += 1
    return "\n\n".join(parts)
for name, limit in (("6k", 6_000), ("600k", 600_000), ("2m", 2_000_000)):
    (out / f"{name}.txt").write_text(joined(limit), encoding="utf-8")
nfc = joined(460_000)
(out / "nfc.txt").write_text(nfc, encoding="utf-8")
i = nfc.index("å") if "å" in nfc else 0
(out / "nfd.txt").write_text(nfc[:i] + "a\u030a" + nfc[i + 1:], encoding="utf-8")
PY
for name in empty 6k 600k 2m; do rss "one-$name" "$omtale" check --format json "$big/$name.txt"; done
for name in 6k 600k 2m; do stat -c %s "$big/$name.txt" > "$results/size-$name.txt"; done
hf nfc 3 "$omtale check --format json $big/nfc.txt > /dev/null"
hf nfd 3 "$omtale check --format json $big/nfd.txt > /dev/null"

python3 bench/report.py "$results" "$cores" "${sizes[*]}" | tee "$results/table.md"
{
    echo
    echo "## $(date -u +%Y-%m-%d) — commit $(git rev-parse --short HEAD), $cores cores, $(uname -m)"
    echo
    cat "$results/table.md"
} >> BENCHMARKS.md
echo "appended to BENCHMARKS.md"
