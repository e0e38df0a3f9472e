#!/usr/bin/env python3
"""Stores one re-gathered corpus text, only if it is byte for byte the text that was annotated.

    python3 scripts/corpus/put.py ID < text          # the search excerpt, as the tool returned it
    python3 scripts/corpus/put.py --status           # how many texts of each set and part are here

The corpus texts never enter git, so a fresh machine has none. They are re-gathered with the
search tool (corpus "pages"): the excerpt of the page at the annotation's ``source`` address is the
text, exactly as returned, without a trailing newline. This script reads it from standard input,
drops the one newline a shell here-document adds, and writes ``<corpus>/<set>/<ID>.txt`` only when its
SHA-256 is the annotation's; otherwise it writes nothing there, says how the text differs in
length from what the annotation needs, and exits 1.
"""
import argparse
import hashlib
import json
import sys

from corpuslib import ANNOTATIONS, SETS, corpus_dir, spans


def annotation_of(identifier):
    for set_name in SETS:
        path = ANNOTATIONS / set_name / f"{identifier}.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    sys.exit(f"{identifier}: no annotation in fixtures/real")


def status(corpus):
    for set_name in SETS:
        counts = {}
        for path in sorted((ANNOTATIONS / set_name).glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            have = (corpus / set_name / f"{annotation['id']}.txt").exists()
            part = counts.setdefault(annotation["split"], [0, 0])
            part[0] += have
            part[1] += 1
        print(set_name, ", ".join(f"{name}: {have}/{total}" for name, (have, total) in sorted(counts.items())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("id", nargs="?")
    parser.add_argument("--corpus")
    parser.add_argument("--status", action="store_true")
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    if args.status or not args.id:
        status(corpus)
        return
    annotation = annotation_of(args.id)
    text = sys.stdin.buffer.read().decode("utf-8")
    # The here-document's own newline first; then the text as read, in case the excerpt had none.
    candidates = [text[:-1] if text.endswith("\n") else text, text]
    for candidate in candidates:
        if hashlib.sha256(candidate.encode("utf-8")).hexdigest() == annotation["sha256"]:
            target = corpus / annotation["set"] / f"{args.id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(candidate.encode("utf-8"))
            print(f"{args.id}: stored ({len(candidate)} characters)")
            return
    needed = max((end for _, end in spans(annotation)), default=0)
    print(f"{args.id}: SHA-256 differs; not stored. The text has {len(candidates[0])} characters; "
          f"the annotation reaches offset {needed}. Check characters that are easy to change in copying: "
          "non-breaking spaces, soft hyphens, dashes (– —), quotation marks (” » «), trailing spaces.",
          file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()
