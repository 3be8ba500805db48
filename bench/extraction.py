"""Intake: extraction quality on the labelled corpus, and speed beside raw pypdfium2 text extraction.

Prints one JSON object per row. Speed is measured on one core: the corpus PDFs, and a 320-page report
generated with WeasyPrint (two columns, running headers, footnotes; cached in bench/results/).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LARGE_PAGES = 320


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    import django

    django.setup()


def large_report() -> Path:
    """A long inspection report in the shape of the real ones, built once with a real PDF producer."""
    path = RESULTS / f"large-{LARGE_PAGES}.pdf"
    if path.exists():
        return path
    import weasyprint

    RESULTS.mkdir(exist_ok=True)
    chapters = []
    for chapter in range(1, 83):
        paragraphs = "".join(
            f"<p>{chapter}.{n} The force's arrangements for protecting vulnerable people were examined in "
            f"chapter {chapter}. Officers described how cases are assessed, how supervisors review them and how "
            f"partner agencies are told of risks; we found practice that was inconsistent between areas"
            f"<span class='fn'>Inspection fieldwork, chapter {chapter}, item {n}.</span> and records that did not "
            f"always show the reasons for decisions made about children and adults at risk.</p>"
            for n in range(1, 31)
        )
        chapters.append(
            f"<h2>Chapter {chapter}: Findings</h2><div class='cols'>{paragraphs}"
            f"<div class='box'><p><b>Recommendation {chapter}</b></p><p>Within six months, chief constables should "
            f"make sure that supervisors record the reasons for decisions in every case of type {chapter}.</p></div>"
            f"<div class='box'><p><b>Area for improvement {chapter}</b></p><p>The force should improve how it "
            f"shares information about risk with partner agencies in area {chapter}.</p></div></div>"
        )
    html = f"""<html lang="en-GB"><head><style>
      @page {{ size: A4; margin: 2.2cm 1.8cm;
        @top-center {{ content: "A long inspection report"; font-size: 8pt }}
        @bottom-center {{ content: "Page " counter(page); font-size: 8pt }} }}
      body {{ font-family: serif; font-size: 10.5pt; hyphens: auto }}
      .cols {{ columns: 2; column-gap: 0.8cm }} .box {{ border: 1px solid #000; padding: 4pt }}
      .fn {{ float: footnote; font-size: 7pt }} h2 {{ break-before: page }}
    </style></head><body><h1>A long inspection report</h1><p>Published 27 February 2020</p>
    {"".join(chapters)}</body></html>"""
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def raw_text(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    for index in range(pages):
        page = pdf[index]
        page.get_textpage().get_text_range()
        page.close()
    pdf.close()
    return pages


def timed(function, *args, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    setup()
    from documents import read_document
    from documents.ocr import tesseract
    from reports.extraction import extract
    from reports.extraction.scoring import Score, corpus_documents, score_document
    from reports.services import force_names

    names = force_names()
    score = Score()
    for path, expected in corpus_documents():
        if expected["input"] == "scanned-pdf" and tesseract() is None:
            continue
        score_document(score, path, expected, extract(read_document(path), forces=names).as_dict())

    def row(group, name, tally):
        return {
            "benchmark": "extraction",
            "case": f"{group}: {name}",
            "precision": round(tally.precision, 3),
            "recall": round(tally.recall, 3),
            "F1": round(tally.f1, 3),
            "found/expected": f"{tally.true_positive}/{tally.true_positive + tally.false_negative}",
        }

    print(json.dumps(row("overall", "all findings", score.overall)))
    for group, tallies in [("kind", score.by_kind), ("family", score.by_family), ("input", score.by_input)]:
        for name, tally in sorted(tallies.items()):
            print(json.dumps(row(group, name, tally)))
    for name, (right, compared) in sorted(score.details.items()):
        print(
            json.dumps(
                {
                    "benchmark": "extraction",
                    "case": f"detail: {name}",
                    "precision": round(right / compared, 3) if compared else "",
                    "found/expected": f"{right}/{compared}",
                }
            )
        )

    def extract_all(paths):
        for path in paths:
            extract(read_document(path), forces=names)

    def raw_all(paths):
        return sum(raw_text(path) for path in paths)

    corpus_pdfs = [p for p, e in corpus_documents() if e["input"] == "pdf"]
    for case, paths in [
        ("speed: corpus PDFs (text layer)", corpus_pdfs),
        (f"speed: {LARGE_PAGES}-page report", [large_report()]),
    ]:
        pages = raw_all(paths)
        raw = timed(raw_all, paths)
        ours = timed(extract_all, paths)
        print(
            json.dumps(
                {
                    "benchmark": "extraction",
                    "case": case,
                    "pages": pages,
                    "raw pypdfium2 s": round(raw, 3),
                    "extract s": round(ours, 3),
                    "pages/s": round(pages / ours),
                    "x raw": round(ours / raw, 2),
                }
            )
        )


if __name__ == "__main__":
    main()
