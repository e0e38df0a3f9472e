#!/usr/bin/env python3
"""Turns bench/run.sh's hyperfine exports into the table in BENCHMARKS.md (medians, ratios)."""
import json
import pathlib
import sys

results = pathlib.Path(sys.argv[1])
cores = int(sys.argv[2])
sizes = [int(n) for n in sys.argv[3].split()]


def run(name):
    return json.loads((results / f"{name}.json").read_text())["results"][0]


def median(name):
    return run(name)["median"]


def cpu(name):
    """Mean CPU time (user + system) of one run."""
    r = run(name)
    return r["user"] + r["system"]


def number(name):
    path = results / f"{name}.txt"
    text = path.read_text().split() if path.exists() else []
    return int(text[-1]) if text else float("nan")


def corpus_bytes(n, kind):
    return sum(p.stat().st_size for p in pathlib.Path(f"bench/corpus/{n}/{kind}").iterdir())


def target(ok):
    return "met" if ok else "**missed**"


lines = ["| measurement | value | ratio | target |", "| --- | --- | --- | --- |"]
for n in sizes:
    mb = corpus_bytes(n, "txt") / 1e6
    floor, one, every = median(f"floor-{n}"), median(f"omtale-txt-1-{n}"), median(f"omtale-txt-all-{n}")
    d1, dall = median(f"omtale-docx-1-{n}"), median(f"omtale-docx-all-{n}")
    by_cpu = cpu(f"floor-{n}") / cpu(f"omtale-txt-1-{n}")
    lines += [
        f"| {n} .txt: ICU floor (C: fread, u_strFromUTF8, 2 break iterators) | {n / floor:,.0f} docs/s, {mb / floor:.1f} MB/s | 1.00 | |",
        f"| {n} .txt: Omtale, 1 core | {n / one:,.0f} docs/s, {mb / one:.1f} MB/s | {floor / one:.3f} × floor (wall), {by_cpu:.3f} × (CPU) | ≥ 0.5: {target(by_cpu >= 0.5)} |",
        f"| {n} .txt: Omtale, {cores} cores | {n / every:,.0f} docs/s | {one / every:.2f} × 1 core | ≥ 1.8: {target(one / every >= 1.8)} |",
        f"| {n} .docx: Omtale, 1 core | {n / d1:,.0f} docs/s | | |",
        f"| {n} .docx: Omtale, {cores} cores | {n / dall:,.0f} docs/s | {d1 / dall:.2f} × 1 core | |",
        f"| {n} files: peak memory (.txt / .docx) | {number(f'rss-txt-{n}') / 1024:.0f} MB / {number(f'rss-docx-{n}') / 1024:.0f} MB | | flat in n |",
    ]
ir_floor, ir_omtale = number("ir-floor"), number("ir-omtale")
lines += [
    f"| 100 .txt: instructions (callgrind), floor / Omtale | {ir_floor / 1e6:,.0f} M / {ir_omtale / 1e6:,.0f} M | {ir_floor / ir_omtale:.3f} × floor | ≥ 0.5: {target(ir_floor / ir_omtale >= 0.5)} |",
    f"| instructions: `--version` / single-file check | {number('ir-version') / 1e6:,.1f} M / {number('ir-single') / 1e6:,.1f} M | | |",
]
proselint, serial = median("proselint"), median("omtale-100-serial")
docx2txt, read = median("docx2txt"), median("omtale-read-docx")
single, version, hook = median("single"), median("version"), median("hook")
lines += [
    f"| proselint, 100 .txt | {100 / proselint:,.1f} docs/s | Omtale (1 core) {proselint / serial:.1f} × faster | ≥ 20: {target(proselint / serial >= 20)} |",
    f"| docx2txt, 100 .docx | {100 / docx2txt:,.1f} docs/s | Omtale's reading {docx2txt / read:.1f} × faster | ≥ 10: {target(docx2txt / read >= 10)} |",
    f"| single-file check (process) | {single * 1000:.1f} ms median | | ≤ 15 ms: {target(single <= 0.015)} |",
    f"| `omtale --version` (start-up) | {version * 1000:.1f} ms median | | |",
    f"| git hook, 10 staged drafts | {hook * 1000:.1f} ms median | | ≤ 100 ms: {target(hook <= 0.100)} |",
]
base = number("rss-one-empty")
for name in ("6k", "600k", "2m"):
    peak, size = number(f"rss-one-{name}"), number(f"size-{name}")
    per_byte = (peak - base) * 1024 / size
    lines.append(f"| one file of {size / 1000:,.0f} KB: peak memory | {peak / 1024:.1f} MB ({base / 1024:.1f} MB baseline) | {per_byte:.1f} bytes per input byte | ≤ 10: {target(per_byte <= 10)} |")
nfc, nfd = median("nfc"), median("nfd")
lines.append(f"| 460 KB text, NFC / one decomposed «å» | {nfc * 1000:.0f} ms / {nfd * 1000:.0f} ms | {nfd / nfc:.2f} × | linear: {target(nfd / nfc <= 1.5)} |")
print("\n".join(lines))
