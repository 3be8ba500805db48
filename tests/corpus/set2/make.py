"""Build the held-out corpus from src/ and check every expected.json against the built document.

Run from the project root:  .venv/bin/python tests/corpus/set2/make.py
  --check-only   skip building, only check
"""

import json
import re
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

# name -> (source file, output extension, running header/footer lines to drop when checking PDFs)
DOCUMENTS = {
    "peel-surrey-afi": ("peel-surrey-afi.html", "pdf", [r"^PEEL 2023–25: Surrey Police Page \d+ of \d+$"]),
    "jtai-kent-youth-violence": ("jtai-kent-youth-violence.html", "html", []),
    "thematic-stalking-blocks": ("thematic-stalking-blocks.py", "docx", []),
    "thematic-roads-policing-two-column": (
        "thematic-roads-policing-two-column.html",
        "pdf",
        [r"^Roads policing: still not a priority\?.*$", r"^\d+$"],
    ),
    "committee-police-retention": (
        "committee-police-retention.txt",
        "txt",
        [r"^Police officer retention\s+\d+$"],
    ),
    "response-leicestershire-older-victims": ("response-leicestershire-older-victims.md", "md", []),
    "reinspection-humberside-custody": ("reinspection-humberside-custody.html", "html", []),
    "spotlight-neighbourhood-policing": ("spotlight-neighbourhood-policing.md", "md", []),
}


def build(name, source, ext):
    out = HERE / f"{name}.{ext}"
    src = SRC / source
    if ext == "pdf":
        import weasyprint

        weasyprint.HTML(filename=str(src)).write_pdf(str(out))
    elif ext == "docx":
        runpy.run_path(str(src))["build"](out)
    elif not out.exists():  # HTML, text and Markdown are kept as received: each is its own source
        raise SystemExit(f"{out.name} is missing: it is written by hand, not built")
    return out


# ---------------------------------------------------------------- checking

HYPHENS = "-\u00ad\u2010\u2011\x02"


def fold(text):
    """Whitespace-normalise; undo end-of-line hyphenation; drop quote/dash differences."""
    text = re.sub(r"\[\^?\d+\](?!:)", "", text)  # footnote markers
    text = re.sub(rf"[{HYPHENS}]\s*\n\s*", "", text)  # end-of-line hyphen: join
    text = re.sub(rf"[{HYPHENS}\u2013\u2014]", "", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def pdf_pages(path, drop):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    pages = []
    for i in range(len(pdf)):
        raw = pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        lines = [ln for ln in raw.split("\n") if not any(re.match(p, ln.strip()) for p in drop)]
        pages.append("\n".join(lines))
    return pages


def docx_text(path):
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def html_tree(path):
    import lxml.html

    tree = lxml.html.parse(str(path)).getroot()
    for bad in tree.xpath("//script|//style|//sup[contains(@class,'fn')]"):
        bad.drop_tree()
    return tree


def markdown_text(text):
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return text.replace("**", "").replace("__", "").replace("*", "")


def check(name, ext, drop):
    expected = json.loads((HERE / f"{name}.expected.json").read_text())
    path = HERE / f"{name}.{ext}"
    problems = []
    if ext == "pdf":
        pages = pdf_pages(path, drop)
        folded = [fold(p) for p in pages]
        joined = ""
        starts = []
        for raw, f in zip(pages, folded, strict=True):
            starts.append(len(joined))
            # a word hyphenated across a page break joins without a space
            joined += f if raw.rstrip() and raw.rstrip()[-1] in HYPHENS else f + " "
    elif ext == "html":
        tree = html_tree(path)
        joined = fold(tree.text_content())
    elif ext == "docx":
        joined = fold(docx_text(path))
    else:
        text = "\n".join(
            ln for ln in path.read_text().split("\n") if not any(re.match(p, ln.strip()) for p in drop)
        )
        joined = fold(markdown_text(text) if ext == "md" else text)
    labels = set()
    for f in expected["findings"]:
        want = fold(f["text"])
        if f["label"] in labels:
            problems.append(f"duplicate label {f['label']}")
        labels.add(f["label"])
        if f["parent"] and f["parent"] not in labels:
            problems.append(f"{f['label']}: parent {f['parent']} not an earlier label")
        hits = [m.start() for m in re.finditer(re.escape(want), joined)]
        if not hits:
            problems.append(f"{f['label']}: text not found")
            continue
        if ext == "pdf":
            found = sorted({max(i for i, s in enumerate(starts) if s <= h) + 1 for h in hits})
            if found != f["pages"]:
                problems.append(f"{f['label']}: pages {f['pages']} but text starts on {found}")
        elif f["pages"]:
            problems.append(f"{f['label']}: pages given for a non-PDF")
        if ext == "html":
            holders = [
                el for el in tree.iter() if isinstance(el.tag, str) and want in fold(el.text_content())
            ]
            inner = holders[-1] if holders else None
            section = None
            while inner is not None:
                if inner.get("id"):
                    section = inner.get("id")
                    break
                inner = inner.getparent()
            if section != f["section"]:
                problems.append(f"{f['label']}: section {f['section']!r} but found in {section!r}")
        elif f["section"] is not None:
            problems.append(f"{f['label']}: section given for a non-HTML document")
    return expected, problems


def main():
    check_only = "--check-only" in sys.argv
    failed = False
    print(f"{'document':40} {'family':22} {'input':9} {'n':>3}  result")
    for name, (source, ext, drop) in DOCUMENTS.items():
        if not check_only:
            build(name, source, ext)
        if not (HERE / f"{name}.expected.json").exists():
            print(f"{name:40} (no expected.json yet)")
            continue
        expected, problems = check(name, ext, drop)
        failed |= bool(problems)
        print(
            f"{name:40} {expected['family']:22} {expected['input']:9} {len(expected['findings']):>3}  "
            + ("ok" if not problems else f"{len(problems)} problem(s)")
        )
        for p in problems:
            print("    -", p)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
