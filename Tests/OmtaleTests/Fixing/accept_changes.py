#!/usr/bin/env python3
"""What a Word document says once every tracked change is accepted, as LibreOffice reads it.

LibreOffice (headless) converts the document to flat ODF, where every tracked change is a
<text:changed-region> (insertion or deletion) and the body marks its extent with
<text:change-start>/<text:change-end> (or a lone <text:change>). Accepting all changes keeps
inserted text and drops the text between the marks of a deletion; comments are not text. Prints that text (one paragraph a line) to the output file, and on
stderr one line per tracked change ("change<TAB>insertion|deletion<TAB>author") and per comment
("comment<TAB>author<TAB>text").

Usage: accept_changes.py in.docx out.txt      (needs soffice: apt-get install libreoffice-writer-nogui)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


class Reader:
    """Walks the body in document order, leaving out deleted stretches, comments and the change log."""

    def __init__(self, deletions):
        self.deletions = deletions
        self.open = set()

    def text(self, element):
        out = []
        if element.text and not self.open:
            out.append(element.text)
        for child in element:
            tag = child.tag
            if tag == f"{{{TEXT}}}change-start" and child.get(f"{{{TEXT}}}change-id") in self.deletions:
                self.open.add(child.get(f"{{{TEXT}}}change-id"))
            elif tag == f"{{{TEXT}}}change-end":
                self.open.discard(child.get(f"{{{TEXT}}}change-id"))
            elif tag in (f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end", f"{{{TEXT}}}tracked-changes"):
                pass
            elif self.open:
                self.text(child)  # still follow the marks inside
            elif tag == f"{{{TEXT}}}s":
                out.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
            elif tag == f"{{{TEXT}}}tab":
                out.append("\t")
            elif tag == f"{{{TEXT}}}line-break":
                out.append(" ")
            else:
                out.append(self.text(child))
            if child.tail and not self.open:
                out.append(child.tail)
        return "".join(out)


def main():
    source, target = (os.path.abspath(a) for a in sys.argv[1:3])
    work = tempfile.mkdtemp(prefix="omtale-lo-")
    try:
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        done = subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                               "--convert-to", "fodt", "--outdir", work, source],
                              env=env, capture_output=True, text=True, timeout=300)
        flat = os.path.join(work, os.path.splitext(os.path.basename(source))[0] + ".fodt")
        if done.returncode != 0 or not os.path.exists(flat):
            sys.stderr.write(done.stderr)
            raise SystemExit(f"LibreOffice could not convert {source}")
        root = ET.parse(flat).getroot()
        body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
        for region in body.iter(f"{{{TEXT}}}changed-region"):
            for kind in ("insertion", "deletion", "format-change"):
                change = region.find(f"{{{TEXT}}}{kind}")
                if change is not None:
                    creator = change.find(f"{{{OFFICE}}}change-info/{{{DC}}}creator")
                    sys.stderr.write(f"change\t{kind}\t{creator.text if creator is not None else ''}\n")
        for note in body.iter(f"{{{OFFICE}}}annotation"):
            creator = note.find(f"{{{DC}}}creator")
            words = " ".join("".join(p.itertext()) for p in note.iter(f"{{{TEXT}}}p"))
            sys.stderr.write(f"comment\t{creator.text if creator is not None else ''}\t{words}\n")
        deletions = {region.get(f"{{{TEXT}}}id") for region in body.iter(f"{{{TEXT}}}changed-region")
                     if region.find(f"{{{TEXT}}}deletion") is not None}
        reader = Reader(deletions)
        paragraph = (f"{{{TEXT}}}p", f"{{{TEXT}}}h")
        # Paragraphs inside comments and the change log are not text; nested ones are read with their parent.
        excluded = set()
        for holder in list(body.iter(f"{{{TEXT}}}tracked-changes")) + list(body.iter(f"{{{OFFICE}}}annotation")):
            excluded.update(id(e) for e in holder.iter() if e.tag in paragraph)
        lines = []
        for element in body.iter():
            if element.tag in paragraph and id(element) not in excluded:
                excluded.update(id(e) for e in element.iter() if e is not element and e.tag in paragraph)
                line = reader.text(element)
                lines.append(line)
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
