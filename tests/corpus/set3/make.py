"""Build the third held-out corpus from src/ and check every expected.json against the built document.

Run from the project root:  .venv/bin/python tests/corpus/set3/make.py
  --check-only   skip building, only check
  --pages NAME   print the text of each page of a built PDF (to label pages by eye)

The checker reads the built documents the way a careful reader would (pypdfium2 for PDF text, lxml for
HTML, python-docx for Word) and confirms, for every expected finding, that its text is printed in the
document, on exactly the pages listed (PDF), inside the section listed (HTML). It does not extract
anything: it only looks up the texts written by hand in the expected.json files.
"""

import json
import re
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

# Lines dropped from every PDF page before checking: list markers, which WeasyPrint draws after the
# text of the page, so they land at the end of the page's text layer.
PDF_MARKERS = [r"^[•◦▪–]$", r"^\d+\.$", r"^\([a-z]+\)$", r"^\((?:i|ii|iii|iv|v|vi)\)$"]

# name -> (source file, output extension, running header/footer lines to drop when checking)
DOCUMENTS = {
    "peel-cheshire-2025": (
        "peel-cheshire-2025.html",
        "pdf",
        [r"^PEEL 2023–25: Cheshire Constabulary$", r"^Page \d+$", r"^OFFICIAL$"],
    ),
    "thematic-children-custody-boxed": (
        "thematic-children-custody-boxed.html",
        "pdf",
        [r"^Held too long: children in police custody$", r"^\d+$"],
    ),
    "committee-digital-evidence": (
        "committee-digital-evidence.html",
        "pdf",
        [
            r"^Digital evidence and the criminal justice system( \d+)?$",
            r"^\d+$",
            r"^Sixth Report of Session 2024–25$",
        ],
    ),
    "response-govt-digital-evidence": (
        "response-govt-digital-evidence.html",
        "pdf",
        [r"^Government response: digital evidence and the criminal justice system$", r"^\d+$"],
    ),
    "inquiry-non-emergency-contact": (
        "inquiry-non-emergency-contact.html",
        "pdf",
        [r"^Answering the call \| \d+$"],
    ),
    "review-complaints-titled": (
        "review-complaints-titled.html",
        "pdf",
        [r"^Independent review of the police complaints system: final report$", r"^\d+ of \d+$"],
    ),
    "review-complaints-in-brief": ("review-complaints-in-brief.html", "pdf", []),
    "statement-complaints-review-publication": ("statement-complaints-review-publication.html", "html", []),
    "register-lancashire-web-text": ("register-lancashire-web-text.txt", "txt", []),
    "opcc-dyfed-powys-web-text": ("opcc-dyfed-powys-web-text.txt", "txt", []),
    "reinspection-west-midlands-custody": ("reinspection-west-midlands-custody.py", "docx", []),
    "joint-da-perpetrators-causes": (
        "joint-da-perpetrators-causes.html",
        "pdf",
        [r"^Joint inspection of domestic abuse perpetrator management$", r"^– \d+ –$"],
    ),
    "panel-gwent-mental-health": ("panel-gwent-mental-health.html", "html", []),
    "response-pcc-merseyside-table": ("response-pcc-merseyside-table.html", "html", []),
}

KINDS = {"recommendation", "area-for-improvement", "cause-of-concern", "promising-practice"}
FAMILIES = {"inspectorate", "recommendation-blocks", "committee", "response", "reinspection"}
INPUTS = {"pdf": "pdf", "html": "html", "docx": "docx", "txt": "text", "md": "markdown"}
STANCES = {"accepted", "accepted-in-part", "noted", "rejected"}


def build(name, source, ext):
    out = HERE / f"{name}.{ext}"
    src = SRC / source
    if ext == "pdf":
        import weasyprint

        weasyprint.HTML(filename=str(src)).write_pdf(str(out))
    elif ext == "docx":
        runpy.run_path(str(src))["build"](out)
    elif not out.exists():  # HTML and text are kept as received: each is its own source
        raise SystemExit(f"{out.name} is missing: it is written by hand, not built")
    return out


# ---------------------------------------------------------------- checking

HYPHENS = "-\u00ad\u2010\u2011\x02\ufffe"


def fold(text):
    """Whitespace-normalise; undo end-of-line hyphenation; drop quote/dash differences and bullets."""
    text = re.sub(r"\[\^?\d+\](?!:)", "", text)  # footnote markers
    text = re.sub(rf"[{HYPHENS}]\s*\n\s*", "", text)  # end-of-line hyphen: join
    text = re.sub(rf"[{HYPHENS}\u2013\u2014]", "", text)
    text = re.sub(r"[•◦▪]", " ", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def pattern(want):
    """A bulleted list is written '; '-joined in expected.json; the document may print no semicolons."""
    return ";? ?".join(re.escape(piece) for piece in want.split("; "))


def pdf_pages(path, drop):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    pages = []
    for i in range(len(pdf)):
        raw = pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        lines = [ln for ln in raw.split("\n") if not any(re.match(p, ln.strip()) for p in drop + PDF_MARKERS)]
        pages.append("\n".join(lines))
    return pages


def docx_text(path):
    """Paragraphs and table cells in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                for cell in row.cells:
                    out.append(cell.text)
    return "\n".join(out)


def html_tree(path):
    import lxml.html

    tree = lxml.html.parse(str(path)).getroot()
    for bad in tree.xpath("//script|//style|//sup[contains(@class,'fn')]"):
        bad.drop_tree()
    return tree


def check(name, ext, drop):
    expected = json.loads((HERE / f"{name}.expected.json").read_text())
    path = HERE / f"{name}.{ext}"
    problems = []
    meta = expected["metadata"]
    if expected["family"] not in FAMILIES:
        problems.append(f"family {expected['family']!r}")
    if expected["input"] != INPUTS[ext]:
        problems.append(f"input {expected['input']!r} for a .{ext}")
    for key in ("title", "published_on", "inspectorates", "report_type", "all_forces", "forces"):
        if key not in meta:
            problems.append(f"metadata.{key} missing")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.get("published_on") or ""):
        problems.append("metadata.published_on is not a date")
    npages = None
    if ext == "pdf":
        pages = pdf_pages(path, drop)
        npages = len(pages)
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
        joined = fold(text)
    if fold(meta["title"]).split(":")[0] not in joined:
        problems.append("title not printed in the document")
    labels = set()
    for f in expected["findings"]:
        for key in (
            "kind",
            "label",
            "text",
            "pages",
            "section",
            "parent",
            "addressees",
            "deadline_text",
            "deadline_on",
        ):
            if key not in f:
                problems.append(f"{f.get('label')}: {key} missing")
        if f["kind"] not in KINDS:
            problems.append(f"{f['label']}: kind {f['kind']!r}")
        if f["deadline_text"]:
            own, up = [f["text"]], f["parent"]
            by_label = {g["label"]: g for g in expected["findings"]}
            while up in by_label:  # a sub-item inherits its lead-in's deadline, at any depth
                own.append(by_label[up]["text"])
                up = by_label[up]["parent"]
            if not any(f["deadline_text"].lower() in t.lower() for t in own):
                problems.append(f"{f['label']}: deadline_text not in its text or its parent's")
        want = fold(f["text"])
        if f["label"] in labels:
            problems.append(f"duplicate label {f['label']}")
        labels.add(f["label"])
        if f["parent"] and f["parent"] not in labels:
            problems.append(f"{f['label']}: parent {f['parent']} not an earlier label")
        rx = re.compile(pattern(want))
        hits = [m.start() for m in rx.finditer(joined)]
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
                el for el in tree.iter() if isinstance(el.tag, str) and rx.search(fold(el.text_content()))
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
    responses = HERE / f"{name}.responses.json"
    if responses.exists():
        for r in json.loads(responses.read_text()):
            if r["label"] not in labels:
                problems.append(f"responses: {r['label']} is not a finding's label")
            if r["stance"] not in STANCES:
                problems.append(f"responses: {r['label']} stance {r['stance']!r}")
            if fold(r["answer_starts"]) not in joined:
                problems.append(f"responses: answer to {r['label']} not found")
    return expected, problems, npages


def show_pages(name):
    source, ext, drop = DOCUMENTS[name]
    for i, page in enumerate(pdf_pages(HERE / f"{name}.{ext}", drop), 1):
        print(f"=================== page {i}")
        print(page)


def main():
    if "--pages" in sys.argv:
        show_pages(sys.argv[sys.argv.index("--pages") + 1])
        return
    check_only = "--check-only" in sys.argv
    failed = False
    total = 0
    print(f"{'document':42} {'family':22} {'input':6} {'pp':>3} {'n':>3}  result")
    for name, (source, ext, drop) in DOCUMENTS.items():
        if not (SRC / source).exists() and not (HERE / f"{name}.{ext}").exists():
            print(f"{name:42} (not written yet)")
            failed = True
            continue
        if not check_only:
            build(name, source, ext)
        if not (HERE / f"{name}.expected.json").exists():
            print(f"{name:42} (no expected.json yet)")
            failed = True
            continue
        expected, problems, npages = check(name, ext, drop)
        failed |= bool(problems)
        total += len(expected["findings"])
        print(
            f"{name:42} {expected['family']:22} {expected['input']:6} {npages or '':>3} "
            f"{len(expected['findings']):>3}  " + ("ok" if not problems else f"{len(problems)} problem(s)")
        )
        for p in problems:
            print("    -", p)
    print(f"{'total findings':42} {'':22} {'':6} {'':>3} {total:>3}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
