"""Rebuild the intake corpus from src/, and check the labels against what was built.

    .venv/bin/python tests/corpus/make.py            # rebuild every document
    .venv/bin/python tests/corpus/make.py NAME...    # rebuild some
    .venv/bin/python tests/corpus/make.py --check    # rebuild, then check every <name>.expected.json

Producers, one per input kind (see DOCUMENTS):
  pdf          src/<name>.html (+ the .css it links) through WeasyPrint
  scanned-pdf  the same, then every page rendered to a greyscale image and saved as an image-only PDF
  docx         src/<name>.py, whose build(path) writes the document with python-docx
  html, text, markdown   src/<name>.<ext> copied as it is

Every output is byte-for-byte reproducible: WeasyPrint is deterministic, the Word zip and the scanned
PDF get fixed timestamps.
"""

import argparse
import difflib
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

# (name, input kind) for every document; the output is HERE/<name>.<extension of the kind>.
DOCUMENTS = [
    # inspectorate
    ("thematic-child-protection-2019", "pdf"),
    ("ncpi-gwent-two-column", "pdf"),
    ("peel-lincolnshire", "pdf"),
    ("thematic-child-exploitation-page", "html"),
    ("custody-cumbria-joint", "docx"),
    ("accelerated-cause-of-concern-scan", "scanned-pdf"),
    ("super-complaint-missing-children-govuk", "html"),
    # recommendation-blocks
    ("thematic-intrafamilial-abuse", "pdf"),
    ("thematic-digital-forensics", "docx"),
    ("thematic-fraud-older-people", "text"),
    ("thematic-missing-children", "markdown"),
    # committee
    ("committee-children-in-custody", "pdf"),
    ("review-concordat-transfers-govuk", "html"),
    ("panel-custody-task-group", "docx"),
    ("committee-inspection-accountability", "text"),
    # response
    ("response-cheshire-child-protection-2020", "pdf"),
    ("response-cumbria-custody-table", "docx"),
    ("response-hampshire-child-exploitation", "html"),
    ("response-essex-intrafamilial-letter", "text"),
    # reinspection
    ("reinspection-northamptonshire-child-protection", "pdf"),
    ("reinspection-dorset-custody", "html"),
    ("reinspection-north-wales-missing", "docx"),
    ("reinspection-avon-somerset-vetting", "markdown"),
    # no findings
    ("news-summary-custody-figures", "pdf"),
]
EXTENSION = {
    "pdf": "pdf",
    "scanned-pdf": "pdf",
    "docx": "docx",
    "html": "html",
    "text": "txt",
    "markdown": "md",
}

SCAN_SCALE = 2.5  # 72 dpi * 2.5 = 180 dpi, the resolution of an office scanner's "document" setting
SCAN_DATE = time.strptime("2022-10-06 09:14:00", "%Y-%m-%d %H:%M:%S")
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------------------------- producers
def weasyprint_pdf(name: str) -> bytes:
    import weasyprint

    source = SRC / f"{name}.html"
    return weasyprint.HTML(filename=str(source), base_url=str(SRC)).write_pdf()


def build_pdf(name: str, out: Path) -> None:
    out.write_bytes(weasyprint_pdf(name))


def build_scanned_pdf(name: str, out: Path) -> None:
    """Print to PDF, then 'scan' it: greyscale page images, slightly skewed and soft, no text layer."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    pdf = pdfium.PdfDocument(weasyprint_pdf(name))
    pages = []
    for index in range(len(pdf)):
        image = pdf[index].render(scale=SCAN_SCALE, grayscale=True).to_pil().convert("L")
        # A sheet fed a little crooked, toner slightly soft, paper not quite white.
        image = image.rotate(0.4 if index % 2 else -0.3, resample=Image.BILINEAR, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(0.6))
        image = image.point(lambda v: 28 + v * 214 // 255)
        pages.append(image)
    pdf.close()
    dpi = 72 * SCAN_SCALE
    pages[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=dpi,
        quality=55,
        title="Scanned document",
        creator="Scanner",
        producer="Scanner",
        creationDate=SCAN_DATE,
        modDate=SCAN_DATE,
    )


def build_docx(name: str, out: Path) -> None:
    """Run src/<name>.py's build(path), then rewrite the zip with fixed timestamps."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))  # the sources share src/docxkit.py
    spec = importlib.util.spec_from_file_location(f"corpus_src_{name.replace('-', '_')}", SRC / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    buffer = io.BytesIO()
    module.build(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def as_written(name: str, out: Path) -> None:
    """HTML, text and Markdown documents are kept as Scrutiny receives them: each is its own source."""
    if not out.exists():
        raise SystemExit(f"{out.name} is missing: it is written by hand, not built")


PRODUCERS = {
    "pdf": build_pdf,
    "scanned-pdf": build_scanned_pdf,
    "docx": build_docx,
    "html": as_written,
    "text": as_written,
    "markdown": as_written,
}


def output_path(name: str, kind: str) -> Path:
    return HERE / f"{name}.{EXTENSION[kind]}"


def build(names: list[str]) -> None:
    for name, kind in DOCUMENTS:
        if names and name not in names:
            continue
        started = time.perf_counter()
        out = output_path(name, kind)
        PRODUCERS[kind](name, out)
        print(
            f"built {out.name:58} {out.stat().st_size / 1024:6.0f} KB {time.perf_counter() - started:5.1f} s"
        )


# ---------------------------------------------------------------------------------------------- checking
FAMILIES = {"inspectorate", "recommendation-blocks", "committee", "response", "reinspection"}
KINDS = {"recommendation", "area-for-improvement", "cause-of-concern", "promising-practice"}
HARD_PARTS = {
    "two-column",
    "running-headers",
    "hyphenation",
    "footnotes",
    "page-break-inside-finding",
    "numbered-non-recommendations",
    "boxed-text",
    "printed-twice",
    "contents-list",
}
FINDING_KEYS = [
    "kind",
    "label",
    "text",
    "pages",
    "section",
    "parent",
    "addressees",
    "deadline_text",
    "deadline_on",
]
METADATA_KEYS = {"title", "published_on", "inspectorates", "report_type", "all_forces", "forces"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def key(text: str) -> str:
    """Text reduced to letters and digits: line breaks, hyphens (soft or not), quotes and spaces go."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def pdf_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    return pages


def ocr_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = []
    with tempfile.TemporaryDirectory() as folder:
        for i in range(len(pdf)):
            image = Path(folder) / f"page-{i}.png"
            pdf[i].render(scale=SCAN_SCALE).to_pil().save(image)  # back at the resolution it was scanned at
            pages.append(
                subprocess.run(["tesseract", str(image), "-"], capture_output=True, text=True).stdout
            )
    pdf.close()
    return pages


def plain_pages(path: Path, kind: str) -> list[str]:
    """The whole text of a non-PDF document, as one 'page'."""
    if kind == "docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        return ["\n".join(parts)]
    text = path.read_text(encoding="utf-8")
    if kind == "html":
        import lxml.html

        text = lxml.html.fromstring(text).text_content()
    return [text]


def coverage(want: str, have: str) -> float:
    """Share of want's characters found, in order, in have."""
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(want), 1)


def locate(text: str, pages: list[str]) -> tuple[list[int], float]:
    """1-based pages where the text starts, and how much of it reads back from there (the best place).

    A start is where the first 40 letters (20 when a page break cuts them) occur and at least 90% of the
    text follows: a paragraph that merely opens the same way is not the finding printed again."""
    keys = [key(p) for p in pages]
    wanted = key(text)
    for length in (40, 20):
        head = wanted[:length]
        places = []
        for page, page_key in enumerate(keys):
            start = page_key.find(head)
            while start >= 0:
                following = (page_key[start:] + "".join(keys[page + 1 :]))[: int(len(wanted) * 1.3) + 40]
                places.append((page + 1, coverage(wanted, following)))
                start = page_key.find(head, start + 1)
        if places:
            best = max(read for _, read in places)
            found = sorted({page for page, read in places if read >= min(0.9, best)})
            return found, best
    return [], 0.0


def check_schema(name: str, data: dict) -> list[str]:
    problems = []
    if list(data) != ["family", "input", "hard_parts", "metadata", "findings"]:
        problems.append(f"top-level keys {list(data)}")
    if data.get("family") not in FAMILIES:
        problems.append(f"family {data.get('family')!r}")
    kind = dict(DOCUMENTS).get(name)
    if data.get("input") != kind:
        problems.append(f"input {data.get('input')!r}, DOCUMENTS says {kind!r}")
    if not set(data.get("hard_parts", [])) <= HARD_PARTS:
        problems.append(f"hard parts {set(data['hard_parts']) - HARD_PARTS}")
    metadata = data.get("metadata", {})
    if set(metadata) != METADATA_KEYS or not DATE.match(metadata.get("published_on") or ""):
        problems.append(f"metadata {metadata}")
    labels = [f.get("label") for f in data.get("findings", [])]
    if len(labels) != len(set(labels)):
        problems.append("labels repeat")
    for f in data.get("findings", []):
        where = f"finding {f.get('label')!r}"
        if list(f) != FINDING_KEYS:
            problems.append(f"{where}: keys {list(f)}")
            continue
        if f["kind"] not in KINDS:
            problems.append(f"{where}: kind {f['kind']!r}")
        if not f["label"] or f["label"][-1] in ":.":
            problems.append(f"{where}: label")
        if f["parent"] is not None and f["parent"] not in labels:
            problems.append(f"{where}: parent {f['parent']!r} is no finding's label")
        is_pdf = data["input"] in ("pdf", "scanned-pdf")
        if is_pdf != bool(f["pages"]) or not all(isinstance(p, int) and p > 0 for p in f["pages"]):
            problems.append(f"{where}: pages {f['pages']}")
        if (f["section"] is not None) != (data["input"] == "html"):
            problems.append(f"{where}: section {f['section']!r}")
        if (f["deadline_text"] is None) != (f["deadline_on"] is None) or (
            f["deadline_on"] and not DATE.match(f["deadline_on"])
        ):
            problems.append(f"{where}: deadline")
        if f["deadline_text"] and key(f["deadline_text"]) not in key(f["text"]):
            problems.append(f"{where}: deadline text not in the text")
        if not isinstance(f["addressees"], list):
            problems.append(f"{where}: addressees")
    return problems


def check(ocr: bool) -> bool:
    """Every expected.json follows the schema, and every finding reads back from its document."""
    ok = True
    total = 0
    for name, kind in DOCUMENTS:
        path = HERE / f"{name}.expected.json"
        if not path.exists():
            print(f"{name}: no expected.json")
            ok = False
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = check_schema(name, data)
        document = output_path(name, kind)
        if kind == "scanned-pdf" and not ocr:
            pages = None
        elif kind == "scanned-pdf":
            pages = ocr_pages(document)
        elif kind == "pdf":
            pages = pdf_pages(document)
        else:
            pages = plain_pages(document, kind)
        threshold = 0.85 if kind == "scanned-pdf" else 0.97
        for f in data["findings"] if pages is not None else []:
            found, read = locate(f["text"], pages)
            if kind in ("pdf", "scanned-pdf") and found != f["pages"]:
                problems.append(f"{f['label']!r}: starts on pages {found}, expected says {f['pages']}")
            elif not found:
                problems.append(f"{f['label']!r}: text not found")
            if found and read < threshold:
                problems.append(f"{f['label']!r}: only {read:.0%} of the text reads back")
        total += len(data["findings"])
        status = "ok" if not problems else "PROBLEMS"
        print(f"{status:8} {name:50} {data['family']:22} {kind:12} {len(data['findings']):3} findings")
        for problem in problems:
            print(f"         - {problem}")
        ok = ok and not problems
    print(f"{total} findings in {len(DOCUMENTS)} documents")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="documents to rebuild (default: all)")
    parser.add_argument("--check", action="store_true", help="check the labels against the built documents")
    parser.add_argument("--no-build", action="store_true", help="check without rebuilding")
    parser.add_argument(
        "--no-ocr", action="store_true", help="skip Tesseract on the scanned PDF when checking"
    )
    args = parser.parse_args()
    unknown = set(args.names) - {name for name, _ in DOCUMENTS}
    if unknown:
        parser.error(f"unknown documents: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    if not args.no_build:
        build(args.names)
        print(f"built in {time.perf_counter() - started:.1f} s")
    if args.check and not check(ocr=not args.no_ocr and shutil.which("tesseract") is not None):
        sys.exit(1)


if __name__ == "__main__":
    main()
