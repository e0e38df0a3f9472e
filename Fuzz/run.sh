#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer + AddressSanitizer and runs each for a given time.
#   Fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds each, all targets
# Corpora start from the repository's fixtures; crashes land in Fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzText FuzzRules FuzzDocx FuzzDocxText FuzzMarkdown FuzzHTML FuzzQuotes)

# libFuzzer + AddressSanitizer. SwiftPM links every executable with its own renamed main
# (--defsym main=<Target>_main), which clashes with libFuzzer's main; both entry points lead to the
# same target (libFuzzer's main calls LLVMFuzzerTestOneInput, ours calls libFuzzer's driver), so
# the linker may keep either.
flags=(-c release --scratch-path .build-fuzz
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
    -Xlinker --allow-multiple-definition
    # The toolchain's lld: ld.gold stops with an internal error on the sanitized build-tool plugin
    # (OmtaleRulesGenerator, which bundles rules/ into the library).
    -Xswiftc -use-ld=lld)
if ! swift build "${flags[@]}" >build.log 2>&1; then
    grep -v "Cannot export local symbol" build.log | tail -20
    echo "Fuzz/run.sh: the fuzz targets did not build (see above)" >&2
    exit 1
fi
bin=$(swift build "${flags[@]}" --show-bin-path)

seed() {  # target -> seed folder
    case "$1" in
        FuzzText) echo ../fixtures/press ../fixtures/docx-text ;;
        FuzzRules) echo ../rules/klimaalliancen ../rules/klimaalliancen/rules ;;
        FuzzDocx) echo ../fixtures/docx ../fixtures/docx/hostile ../fixtures/commercial ../fixtures/fuzz ;;
        FuzzDocxText) echo ../fixtures/docx-text ;;
        FuzzMarkdown) echo ../fixtures/press ;;
        FuzzHTML) echo ../fixtures/press ;;
        FuzzQuotes) echo ../fixtures/spokesperson ../fixtures/press ;;
        *) echo ../fixtures ;;
    esac
}

mkdir -p artifacts corpus
status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target for ${seconds}s"
    # -timeout: an input that takes 10 s is a hang. -rss_limit_mb bounds memory (ASan and the corpus
    # add their own ~400 MB). -detect_leaks=0: LeakSanitizer reports Swift's lazily initialized
    # globals (allocated once, kept for the process's life) as leaks; real growth hits the RSS limit.
    if ! ASAN_OPTIONS=detect_leaks=0 "$bin/$target" "corpus/$target" $(seed "$target") -seed="${OMTALE_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -max_len=200000 -artifact_prefix="artifacts/$target-" -print_final_stats=1 2>"artifacts/$target.log"; then
        status=1
        echo "!! $target found a problem; see Fuzz/artifacts/$target.log"
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done" "artifacts/$target.log" || tail -5 "artifacts/$target.log"
done
exit $status
