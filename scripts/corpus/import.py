#!/usr/bin/env python3
"""Takes the blind annotations from the local corpus folder into fixtures/real/ (committed).

    python3 scripts/corpus/import.py [--corpus DIR]

For each ``<set>/<id>.json`` beside its ``<id>.txt``: checks the text's SHA-256, checks every span
lies inside the text, checks the annotation holds no copied text (only offsets, ids, labels and
the annotator's short notes), and records the part (dev/test) its publisher belongs to. An
annotation already in fixtures/real keeps its part: the split is made once and never moved.
Re-importing an annotation whose answers changed is refused unless ``--allow-change REASON`` is
given; the reason is appended to fixtures/real/CHANGES.md, as the annotation guide asks.
"""
import argparse
import datetime
import json
import sys

from corpuslib import ANNOTATIONS, SETS, corpus_dir, sha256_of, spans, split_for

# Keys whose values are free text written by the annotator or metadata, not copied from the text.
FREE_TEXT = {"notes", "verdict_notes", "source", "publisher", "publisher_domain", "annotator", "id", "set",
             "mark", "party", "date", "commercial", "language", "kind", "split", "sha256", "publisher_party"}
MAX_NOTE = 1000


def strings(value, key=None):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from strings(item, k)


def check(annotation, text, where):
    problems = []
    for start, end in spans(annotation):
        if not (0 <= start <= end <= len(text)):
            problems.append(f"span {start}-{end} outside the text ({len(text)} characters)")
    for quote in annotation.get("quotes", []):
        if not (0 <= quote["start"] <= quote.get("end", quote["start"]) <= len(text)):
            problems.append(f"quote {quote['start']}-{quote.get('end')} outside the text")
    for key, value in strings(annotation):
        if key not in FREE_TEXT and len(value) > 40:
            problems.append(f"'{key}' holds {len(value)} characters of text: annotations give offsets, not copied text")
        if key in ("notes", "verdict_notes") and len(value) > MAX_NOTE:
            problems.append(f"'{key}' is {len(value)} characters; notes are short remarks, not copied text")
    return [f"{where}: {problem}" for problem in problems]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus")
    parser.add_argument("--allow-change", metavar="REASON")
    args = parser.parse_args()
    root = corpus_dir(args.corpus)
    problems, imported, changed = [], 0, []
    for set_name in SETS:
        target = ANNOTATIONS / set_name
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((root / set_name).glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            text_path = path.with_suffix(".txt")
            if not text_path.exists():
                problems.append(f"{path}: no text beside it")
                continue
            if sha256_of(text_path) != annotation.get("sha256"):
                problems.append(f"{path}: sha256 does not match {text_path.name}")
                continue
            text = text_path.read_text(encoding="utf-8")
            found = check(annotation, text, path)
            if found:
                problems.extend(found)
                continue
            out = target / path.name
            if out.exists():
                old = json.loads(out.read_text(encoding="utf-8"))
                annotation["split"] = old["split"]
                if {k: v for k, v in old.items() if k != "split"} != {k: v for k, v in annotation.items() if k != "split"}:
                    if not args.allow_change:
                        problems.append(f"{path}: differs from {out}; give --allow-change REASON to record a correction")
                        continue
                    changed.append(annotation["id"])
            else:
                annotation["split"] = split_for(annotation["publisher_domain"])
            out.write_text(json.dumps(annotation, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            imported += 1
    if changed:
        with open(ANNOTATIONS / "CHANGES.md", "a", encoding="utf-8") as log:
            log.write(f"- {datetime.date.today()}: {', '.join(changed)}: {args.allow_change}\n")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"imported {imported} annotations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
