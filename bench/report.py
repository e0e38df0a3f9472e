#!/usr/bin/env python3
"""Turns bench/run.sh's hyperfine exports into the table in BENCHMARKS.md (medians, ratios)."""
import json
import pathlib
import sys

results = pathlib.Path(sys.argv[1])
cores = int(sys.argv[2])
sizes = [int(n) for n in sys.argv[3].split()]


def median(name):
    data = json.loads((results / f"{name}.json").read_text())
    return data["results"][0]["median"]


def corpus_bytes(n, kind):
    return sum(p.stat().st_size for p in pathlib.Path(f"bench/corpus/{n}/{kind}").iterdir())


def rss(name):
    path = results / f"{name}.txt"
    return int(path.read_text().split()[-1]) / 1024 if path.exists() else float("nan")


def target(ok):
    return "met" if ok else "**missed**"


lines = ["| measurement | value | ratio | target |", "| --- | --- | --- | --- |"]
for n in sizes:
    mb = corpus_bytes(n, "txt") / 1e6
    floor = median(f"floor-{n}")
    one = median(f"omtale-txt-1-{n}")
    every = median(f"omtale-txt-all-{n}")
    d1 = median(f"omtale-docx-1-{n}")
    dall = median(f"omtale-docx-all-{n}")
    lines += [
        f"| {n} .txt: ICU floor (break iterators only) | {n / floor:,.0f} docs/s, {mb / floor:.1f} MB/s | 1.00 | |",
        f"| {n} .txt: Omtale, 1 core | {n / one:,.0f} docs/s, {mb / one:.1f} MB/s | {floor / one:.2f} × floor | ≥ 0.5: {target(floor / one >= 0.5)} |",
        f"| {n} .txt: Omtale, {cores} cores | {n / every:,.0f} docs/s | {one / every:.2f} × 1 core | ≥ 1.7: {target(one / every >= 1.7)} |",
        f"| {n} .docx: Omtale, 1 core | {n / d1:,.0f} docs/s | | |",
        f"| {n} .docx: Omtale, {cores} cores | {n / dall:,.0f} docs/s | {d1 / dall:.2f} × 1 core | |",
        f"| {n} files: peak memory (.txt / .docx) | {rss(f'rss-txt-{n}'):.0f} MB / {rss(f'rss-docx-{n}'):.0f} MB | | flat in n |",
    ]
proselint = median("proselint")
serial = median("omtale-100-serial")
docx2txt = median("docx2txt")
pandoc = median("pandoc")
read = median("omtale-read-docx")
single = median("single")
hook = median("hook")
lines += [
    f"| proselint, 100 .txt | {100 / proselint:,.1f} docs/s | Omtale (1 core) {proselint / serial:.0f} × faster | ≥ 20: {target(proselint / serial >= 20)} |",
    f"| docx2txt, 100 .docx | {100 / docx2txt:,.1f} docs/s | Omtale's reading {docx2txt / read:.0f} × faster | ≥ 5: {target(docx2txt / read >= 5)} |",
    f"| pandoc -t plain, 100 .docx | {100 / pandoc:,.1f} docs/s | Omtale's reading {pandoc / read:.0f} × faster | |",
    f"| single-file check (process) | {single * 1000:.1f} ms median | | ≤ 30 ms: {target(single <= 0.030)} |",
    f"| git hook, 10 staged drafts | {hook * 1000:.1f} ms median | | ≤ 150 ms: {target(hook <= 0.150)} |",
]
print("\n".join(lines))
