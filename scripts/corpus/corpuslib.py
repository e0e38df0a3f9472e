"""Shared pieces of the real-text corpus scripts: where things are, loading, the split, offsets.

The corpus texts are third-party text and never enter git: they live in a local folder
(``$OMTALE_CORPUS``, default ``../corpus`` beside the clone). What git holds is, per text, its
annotation (``fixtures/real/<set>/<id>.json``): the address, publisher, SHA-256 of the text as
gathered, and the answers as character offsets into it (Python ``str`` indices, i.e. code points).
"""
import hashlib
import json
import os
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "fixtures" / "real"
SETS = ("releases", "commercial")

PARTIES = ["KL", "Region Nordjylland", "Region Midtjylland", "Region Syddanmark",
           "Region Sjælland", "Region Hovedstaden", "Realdania"]


def corpus_dir(explicit=None):
    """The folder with the gathered texts (``<set>/<id>.txt``)."""
    path = explicit or os.environ.get("OMTALE_CORPUS") or str(REPO.parent / "corpus")
    return pathlib.Path(path)


def split_for(domain):
    """The part a publisher belongs to, fixed once by a hash of its domain: about 30 % test.

    A hash, not a draw, so a text added later from a known publisher lands where its publisher is,
    and no text can be moved between parts by re-running anything.
    """
    digest = hashlib.sha256(domain.strip().lower().encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 10 < 3 else "dev"


def sha256_of(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def load(set_name, corpus=None, require_text=True):
    """Annotations of a set with their texts: a list of (annotation, text or None, text path)."""
    folder = ANNOTATIONS / set_name
    texts = corpus_dir(corpus) / set_name
    result = []
    for path in sorted(folder.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        text_path = texts / f"{annotation['id']}.txt"
        text = None
        if text_path.exists():
            if sha256_of(text_path) != annotation["sha256"]:
                sys.exit(f"{text_path}: SHA-256 differs from the annotation; the text changed since it was annotated")
            text = text_path.read_text(encoding="utf-8")
        elif require_text:
            sys.exit(f"{text_path}: missing (set OMTALE_CORPUS to the folder with the gathered texts)")
        result.append((annotation, text, text_path))
    return result


def block_in_paragraph(text, offset, paragraph):
    """Whether a block Omtale found (its start offset) is the annotated paragraph: it starts inside it,
    or only white space lies between the block's start and the paragraph's (a text that opens with a
    space: Omtale's block starts at 0, the annotator's paragraph at 1)."""
    start, end = paragraph["start"], paragraph["end"]
    if start <= offset < end + 1:
        return True
    return offset < start and text[offset:start].strip() == ""


def spans(value):
    """Every [start, end] pair inside an annotation value."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("start", "end"):
                continue
            yield from spans(item)


def span_text(text, span):
    return None if span is None else text[span[0]:span[1]]


class LineIndex:
    """Turns Omtale's 1-based line and column (code points, see README "Positions") into offsets."""

    def __init__(self, text):
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)

    def offset(self, line, column):
        return self.starts[line - 1] + column - 1
