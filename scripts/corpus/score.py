#!/usr/bin/env python3
"""Scores Omtale against the blind-annotated real corpus, per part (dev / test).

    python3 scripts/corpus/score.py [--omtale PATH] [--corpus DIR] [--record] [--check]

It runs Omtale exactly as a user would (``omtale check --format json`` on the gathered .txt files)
and compares with the annotations in fixtures/real/. ``--record`` appends the dated figures to
ACCURACY.md and stores them in fixtures/real/scores.json; ``--check`` exits 1 when a figure is
worse than the last recorded one, so nothing slips back (run it before committing a change to a
Danish judgement). Tune on the dev part only; the test part is reported, never tuned on.

Commercial use is scored per paragraph (the issue's figure) and per text ("commercial text
precision/recall": a text that sells or claims in any paragraph, against a text with any paragraph
flagged), since the rule makes one finding per text about the alliance.
"""
import argparse
import datetime
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

from corpuslib import PARTIES, REPO, LineIndex, block_in_paragraph, load, span_text

SCORES = REPO / "fixtures" / "real" / "scores.json"
ACCURACY = REPO / "ACCURACY.md"
PARTS = ("dev", "test")

# Figures where less is better; every other figure is a rate where more is better.
LOWER_IS_BETTER = {"quotes in titles", "spokesperson alarms on attributed releases", "false applies",
                   "commercial false alarms on releases"}


def run_omtale(omtale, paths, extra=()):
    """One `omtale check --format json` over many files; reports keyed by path."""
    reports = {}
    for chunk in range(0, len(paths), 200):
        part = [str(p) for p in paths[chunk:chunk + 200]]
        done = subprocess.run([omtale, "check", "--format", "json", *extra, *part], capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"omtale exited {done.returncode}: {done.stderr.strip()[:500]}")
        for report in json.loads(done.stdout)["files"]:
            reports[report["path"]] = report
    return reports


def fold(name):
    """A name as compared: case-folded, NFC, without party letters "(S)", genitive or punctuation."""
    if name is None:
        return None
    name = unicodedata.normalize("NFC", name).casefold()
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"[’'`´]s\b|[.,:;!?]+$", "", name.strip())
    name = re.sub(r"\s+", " ", name).strip(" ,.-–")
    return name


def same_name(found, annotated):
    """The same person: equal, one contained in the other (5 letters or more), or one name's words a run of
    the other's words ("Tind" and "Peder Tind": the annotator gave the name as written at the quote, Omtale
    the full name it resolved it to)."""
    a, b = fold(found), fold(annotated)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 5 and (a in b or b in a)):
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return len(short) < len(long) and any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


def same_organisation(found, annotated):
    a, b = fold(found), fold(annotated)
    if not a or not b:
        return False
    strip = lambda s: re.sub(r"s$", "", s)
    return a == b or strip(a) == strip(b) or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def ratio(numerator, denominator):
    return round(numerator / denominator, 3) if denominator else None


def score_releases(items, reports):
    """Quote, speaker and organisation figures, and the document verdicts (applies, 9.1)."""
    counts = {part: dict(quotes=0, quotes_found=0, quotes_matched=0, fragments=0, speakers=0, speakers_found=0,
                         speakers_right=0, speakers_recalled=0, orgs=0, orgs_right=0, in_titles=0, texts=0, alarms=0, applies_right=0,
                         applies_total=0, false_applies=0, verdicts=0, verdicts_right=0, senders=0, senders_right=0,
                         dates=0, dates_right=0, commercial_alarms=0)
              for part in PARTS}
    misses = {part: [] for part in PARTS}
    for annotation, text, path in items:
        report = reports.get(str(path))
        if report is None or report.get("error"):
            sys.exit(f"{path}: Omtale could not read it: {report and report.get('error')}")
        c = counts[annotation["split"]]
        c["texts"] += 1
        lines = LineIndex(text)
        found = [dict(q, offset=lines.offset(q["line"], q["column"])) for q in report["quotes"]]
        annotated = annotation.get("quotes", [])
        c["quotes"] += len(annotated)
        c["quotes_found"] += len(found)
        matched = {}
        for quote in found:
            if any(start <= quote["offset"] < end for start, end in annotation.get("not_quotes", [])):
                c["in_titles"] += 1
                continue
            owner = next((i for i, q in enumerate(annotated) if q["start"] - 2 <= quote["offset"] < max(q["end"], q["start"] + 1)), None)
            if owner is None:
                misses[annotation["split"]].append(f"{annotation['id']}: found a quote at {quote['offset']} the annotator did not mark")
            elif owner in matched:
                c["fragments"] += 1
            else:
                matched[owner] = quote
            if quote.get("speaker"):
                c["speakers_found"] += 1
                if owner is not None and same_name(quote["speaker"], span_text(text, annotated[owner]["speaker"])):
                    c["speakers_right"] += 1
        c["quotes_matched"] += len(matched)
        for index, quote in enumerate(annotated):
            speaker = span_text(text, quote.get("speaker"))
            mine = matched.get(index)
            if speaker:
                c["speakers"] += 1
                if mine is None:
                    misses[annotation["split"]].append(f"{annotation['id']}: quote at {quote['start']} not found")
                elif same_name(mine.get("speaker"), speaker):
                    c["speakers_recalled"] += 1
                else:
                    misses[annotation["split"]].append(
                        f"{annotation['id']}: quote at {quote['start']}: speaker {mine.get('speaker')!r}, annotated {speaker!r}")
            organisation = span_text(text, quote.get("organisation"))
            if organisation and mine is not None:
                c["orgs"] += 1
                # "KL" for "Kommunernes Landsforening": one party of the alliance under two of its names.
                right = same_organisation(mine.get("organisation"), organisation) or (
                    quote.get("party") is not None and mine.get("party") == quote.get("party"))
                c["orgs_right"] += right
                if not right:
                    misses[annotation["split"]].append(
                        f"{annotation['id']}: quote at {quote['start']}: organisation {mine.get('organisation')!r}, annotated {organisation!r}")
        if annotated and all(q.get("speaker") for q in annotated):
            c["alarms"] += any(d["rule"] == "spokesperson" and d["severity"] in ("error", "warning")
                               for d in report["diagnostics"])
        # Every real release is a public text: no commercial finding may fire on any of them.
        if any(d["rule"] in ("non-commercial", "partnership-claim") for d in report["diagnostics"]):
            c["commercial_alarms"] += 1

        # Document verdicts.
        if not annotation.get("about_ambiguous"):
            c["applies_total"] += 1
            applies = bool(report.get("applies"))
            c["applies_right"] += applies == bool(annotation["about_partnership"])
            c["false_applies"] += applies and not annotation["about_partnership"]
            expected = sorted(annotation.get("verdict_9_1", []))
            sender = (report.get("sender") or {}).get("party")
            # `missing` is Omtale's own verdict (collective forms, the sender and where a mention counts
            # taken into account); older reports without it fall back to "not mentioned, not the sender".
            missing = sorted(p["name"] for p in report["parties"]
                             if (p["missing"] if "missing" in p else not p["mentioned"] and p["name"] != sender)) if applies else []
            c["verdicts"] += 1
            c["verdicts_right"] += missing == expected
            if missing != expected:
                misses[annotation["split"]].append(f"{annotation['id']}: 9.1 missing {missing}, annotated {expected}")
        if "sender" in report:
            c["senders"] += 1
            c["senders_right"] += (report["sender"] or {}).get("party") == annotation.get("publisher_party")
        if "date" in report and annotation.get("date"):
            c["dates"] += 1
            c["dates_right"] += ((report["date"] or {}).get("value") or "")[:10] == annotation["date"][:10]

    figures = {}
    for part, c in counts.items():
        figures[part] = {
            "texts": c["texts"], "annotated quotes": c["quotes"],
            "quote recall": ratio(c["quotes_matched"], c["quotes"]),
            "quote precision": ratio(c["quotes_matched"] + c["fragments"], c["quotes_found"]),
            # Per annotated quote (its first matching quote), so the fragments of one quote cannot count twice.
            "speaker recall": ratio(c["speakers_recalled"], c["speakers"]),
            "speaker precision": ratio(c["speakers_right"], c["speakers_found"]),
            "organisation accuracy": ratio(c["orgs_right"], c["orgs"]),
            "quotes in titles": c["in_titles"],
            "spokesperson alarms on attributed releases": c["alarms"],
            "applies accuracy": ratio(c["applies_right"], c["applies_total"]),
            "false applies": c["false_applies"],
            "9.1 verdict agreement": ratio(c["verdicts_right"], c["verdicts"]),
            "sender accuracy": ratio(c["senders_right"], c["senders"]),
            "date accuracy": ratio(c["dates_right"], c["dates"]),
            "commercial false alarms on releases": c["commercial_alarms"],
        }
    return figures, misses


def score_commercial(items, omtale):
    """Paragraph-level precision and recall of commercial evidence, over the whole text.

    The corpus paragraphs are not about Klimaalliancen, so the rule itself would never fire on
    them; `omtale-bench commercial` prints, per paragraph of each file, whether the evidence model
    calls it commercial (the rule's judgement minus the link to the alliance). Without an
    omtale-bench beside omtale this part is skipped; a failing one stops the scoring.
    """
    bench = pathlib.Path(omtale).with_name("omtale-bench")
    if not bench.exists():
        print(f"{bench}: missing, so commercial use is not scored (swift build --product omtale-bench)", file=sys.stderr)
        return None, {}
    paths = [str(path) for _, _, path in items]
    done = subprocess.run([str(bench), "commercial", *paths], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"omtale-bench commercial exited {done.returncode}: {done.stderr.strip()[:500]}")
    # Without the Danish lexicon the evidence model sees fewer word forms: its figures are not the
    # rule's as users with hunspell-da get it, so they are never recorded or compared.
    if "lexicon not in use" in done.stderr:
        sys.exit(f"{done.stderr.strip()}\ncommercial use is not scored without the Danish lexicon "
                 "(apt-get install libhunspell-1.7-0 hunspell-da)")
    verdicts = json.loads(done.stdout)
    counts = {part: dict(tp=0, fp=0, fn=0, paragraphs=0, texts_tp=0, texts_fp=0, texts_fn=0) for part in PARTS}
    misses = {part: [] for part in PARTS}
    for annotation, text, path in items:
        c = counts[annotation["split"]]
        predicted = verdicts.get(str(path), [])
        # The rule judges a text about the alliance as a whole (one finding per text), so a text is
        # also scored as one: does it sell or claim anywhere, and is any paragraph of it flagged.
        sells = any(paragraph["commercial"] in ("sale", "claim") for paragraph in annotation["paragraphs"])
        flagged = bool(predicted)
        c["texts_tp"] += sells and flagged
        c["texts_fp"] += flagged and not sells
        c["texts_fn"] += sells and not flagged
        for paragraph in annotation["paragraphs"]:
            c["paragraphs"] += 1
            truth = paragraph["commercial"] in ("sale", "claim")
            guess = any(block_in_paragraph(text, p["offset"], paragraph) for p in predicted)
            if truth and guess:
                c["tp"] += 1
            elif guess:
                c["fp"] += 1
                misses[annotation["split"]].append(f"{annotation['id']}: paragraph at {paragraph['start']} flagged, annotated none")
            elif truth:
                c["fn"] += 1
                misses[annotation["split"]].append(f"{annotation['id']}: paragraph at {paragraph['start']} missed ({paragraph['commercial']})")
    figures = {part: {"paragraphs": c["paragraphs"],
                      "commercial precision": ratio(c["tp"], c["tp"] + c["fp"]),
                      "commercial recall": ratio(c["tp"], c["tp"] + c["fn"]),
                      "commercial text precision": ratio(c["texts_tp"], c["texts_tp"] + c["texts_fp"]),
                      "commercial text recall": ratio(c["texts_tp"], c["texts_tp"] + c["texts_fn"])} for part, c in counts.items()}
    return figures, misses


def worse(name, new, old):
    if new is None or old is None:
        return False
    return new > old if name in LOWER_IS_BETTER else new < old


def present(entries, set_name):
    """The annotated texts that are here; the missing ones are named by count, never silently dropped."""
    missing = {}
    for annotation, text, _ in entries:
        if text is None:
            missing[annotation["split"]] = missing.get(annotation["split"], 0) + 1
    if missing:
        counts = ", ".join(f"{part} {count}" for part, count in sorted(missing.items()))
        print(f"{set_name}: {sum(missing.values())} annotated texts are not in the corpus folder ({counts}); "
              "they are not scored (re-gather them, see fixtures/real/README.md)", file=sys.stderr)
    return [entry for entry in entries if entry[1] is not None]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--omtale", default=str(REPO / ".build" / "release" / "omtale"))
    parser.add_argument("--corpus")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--misses", type=int, default=0,
                        help="print up to N misses of the dev part (the test part's misses are never printed: "
                             "it is reported, not tuned on)")
    args = parser.parse_args()

    releases = present(load("releases", args.corpus, require_text=False), "releases")
    figures, misses = score_releases(releases, run_omtale(args.omtale, [p for _, _, p in releases]))
    commercial = present(load("commercial", args.corpus, require_text=False), "commercial")
    commercial_figures, commercial_misses = score_commercial(commercial, args.omtale) if commercial else (None, {})
    if commercial_figures:
        for part in PARTS:
            figures[part].update(commercial_figures[part])
            misses[part].extend(commercial_misses[part])

    for part in PARTS:
        print(f"[{part}]")
        for name, value in figures[part].items():
            print(f"  {name}: {value}")
        if part == "dev":
            for line in misses[part][:args.misses]:
                print(f"    - {line}")

    previous = json.loads(SCORES.read_text()) if SCORES.exists() else None
    failed = []
    if previous:
        for part in PARTS:
            for name, value in figures[part].items():
                if worse(name, value, previous["figures"].get(part, {}).get(name)):
                    failed.append(f"{part} {name}: {value} (last recorded {previous['figures'][part][name]})")
    if args.record:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        stamp = datetime.date.today().isoformat()
        SCORES.write_text(json.dumps({"date": stamp, "commit": commit, "figures": figures}, ensure_ascii=False, indent=1) + "\n")
        with open(ACCURACY, "a", encoding="utf-8") as out:
            out.write(f"\n### {stamp} (after {commit})\n\n| figure | dev | test |\n| --- | --- | --- |\n")
            for name in figures["dev"]:
                out.write(f"| {name} | {figures['dev'][name]} | {figures['test'][name]} |\n")
    if args.check and previous and any(
            figures[part].get(key) != previous["figures"].get(part, {}).get(key)
            for part in PARTS for key in ("texts", "paragraphs")):
        print("the corpus present is not the one last recorded (texts or paragraphs differ), "
              "so the figures cannot be compared", file=sys.stderr)
        return 1
    if args.check and failed:
        print("worse than the last recorded figures:", *failed, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
