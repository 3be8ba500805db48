"""Intake: extraction quality on real documents and on the labelled corpus, and speed beside raw pypdfium2.

Prints one JSON object per row:
- real documents (../shared/realdocs, when present): F1 per document by their own scorer's rule, and how
  often kind, label and page are right on the findings matched;
- the corpus (tests/corpus, sets 1 and 2): F1 overall and per family, kind and input; detail accuracy;
- each blind set: its F1 now beside its first score (taken before any change was made for it);
- speed on one core (process time, so other work on the machine does not count): the real 336-page
  volume, and generated reports of 30, 300 and 1,000 pages to show how time grows with length, each beside
  raw pypdfium2 text extraction of the same file measured in the same run.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZES = [30, 300, 1000]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    import django

    django.setup()


def chapter_html(chapter: int) -> str:
    paragraphs = "".join(
        f"<p>{chapter}.{n} The force's arrangements for protecting vulnerable people were examined in "
        f"chapter {chapter}. Officers described how cases are assessed, how supervisors review them and how "
        f"partner agencies are told of risks; we found practice that was inconsistent between areas"
        f"<span class='fn'>Inspection fieldwork, chapter {chapter}, item {n}.</span> and records that did not "
        f"always show the reasons for decisions made about children and adults at risk.</p>"
        for n in range(1, 31)
    )
    return (
        f"<h2>Chapter {chapter}: Findings</h2><div class='cols'>{paragraphs}"
        f"<div class='box'><p><b>Recommendation {chapter}</b></p><p>Within six months, chief constables should "
        f"make sure that supervisors record the reasons for decisions in every case of type {chapter}.</p></div>"
        f"<div class='box'><p><b>Area for improvement {chapter}</b></p><p>The force should improve how it "
        f"shares information about risk with partner agencies in area {chapter}.</p></div></div>"
    )


def generated_report(pages: int) -> Path:
    """An inspection report of about `pages` pages in the shape of real ones (two columns, running heads,
    footnotes, boxed findings), made with WeasyPrint once and cached: a 30-page report, and longer ones
    assembled from its chapters by pypdfium2 so that every length has the same density."""
    path = RESULTS / f"generated-{pages}.pdf"
    if path.exists():
        return path
    import pypdfium2 as pdfium
    import weasyprint

    RESULTS.mkdir(exist_ok=True)
    base = RESULTS / "generated-base.pdf"
    if not base.exists():
        html = f"""<html lang="en-GB"><head><style>
          @page {{ size: A4; margin: 2.2cm 1.8cm;
            @top-center {{ content: "A long inspection report"; font-size: 8pt }}
            @bottom-center {{ content: "Page " counter(page); font-size: 8pt }} }}
          body {{ font-family: serif; font-size: 10.5pt; hyphens: auto }}
          .cols {{ columns: 2; column-gap: 0.8cm }} .box {{ background: #eef; padding: 4pt }}
          .fn {{ float: footnote; font-size: 7pt }} h2 {{ break-before: page }}
        </style></head><body><h1>A long inspection report</h1><p>Published 27 February 2020</p>
        {"".join(chapter_html(n) for n in range(1, 11))}</body></html>"""
        weasyprint.HTML(string=html).write_pdf(base)
    source = pdfium.PdfDocument(str(base))
    made = pdfium.PdfDocument.new()
    while len(made) < pages:
        made.import_pages(source, list(range(min(len(source), pages - len(made)))))
    made.save(str(path))
    return path


def raw_text(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    for index in range(pages):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return pages


def cpu_seconds(function, *args, repeat: int = 3) -> float:
    """The median process time of `repeat` runs: the work of one core, whatever else runs beside it."""
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        function(*args)
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def row(case: str, **figures) -> None:
    print(json.dumps({"benchmark": "extraction", "case": case, **figures}))


def main() -> None:
    setup()
    from documents import read_document
    from documents.ocr import tesseract
    from reports.extraction import extract
    from reports.extraction.scoring import (
        RealScore,
        Score,
        blind_sets,
        corpus_documents,
        realdocs,
        score_document,
        score_real,
    )
    from reports.services import force_names

    names = force_names()

    def extracted(path: Path) -> dict:
        return extract(read_document(path), forces=names).as_dict()

    # Real documents, by their own scorer's rule.
    total = RealScore()
    for path, expected in realdocs():
        start = time.perf_counter()
        score = score_real(expected, extracted(path), path.name)
        total.add(score)
        row(
            f"real: {path.stem}",
            F1=round(score.f1, 3),
            precision=round(score.precision, 3),
            recall=round(score.recall, 3),
            **{"found/expected": f"{score.found}/{score.labelled}", "extracted": score.extracted},
            seconds=round(time.perf_counter() - start, 2),
        )
    if total.labelled:
        row(
            "real: all documents",
            F1=round(total.f1, 3),
            precision=round(total.precision, 3),
            recall=round(total.recall, 3),
            **{"found/expected": f"{total.found}/{total.labelled}", "extracted": total.extracted},
        )
        for detail, (right, compared) in sorted(total.details.items()):
            row(
                f"real: {detail} right on matched",
                precision=round(right / compared, 3),
                **{"found/expected": f"{right}/{compared}"},
            )
    else:
        row("real: ../shared/realdocs not found; skipped")

    def corpus_score(documents) -> Score:
        score = Score()
        for path, expected in documents:
            if expected["input"] == "scanned-pdf" and tesseract() is None:
                continue
            score_document(score, path, expected, extracted(path))
        return score

    def tally(case, item):
        row(
            case,
            F1=round(item.f1, 3),
            precision=round(item.precision, 3),
            recall=round(item.recall, 3),
            **{"found/expected": f"{item.true_positive}/{item.true_positive + item.false_negative}"},
        )

    score = corpus_score(corpus_documents())
    tally("corpus: all findings", score.overall)
    for group, tallies in [("kind", score.by_kind), ("family", score.by_family), ("input", score.by_input)]:
        for name, item in sorted(tallies.items()):
            tally(f"corpus {group}: {name}", item)
    for name, (right, compared) in sorted(score.details.items()):
        row(
            f"corpus detail: {name}",
            precision=round(right / compared, 3),
            **{"found/expected": f"{right}/{compared}"},
        )

    for folder in blind_sets():
        first = json.loads((folder / "first_score.json").read_text())
        documents = [(p, e) for p, e in corpus_documents(folder, blind=True) if folder in p.parents]
        blind = corpus_score(documents)
        tally(f"blind {folder.name}: now", blind.overall)
        row(
            f"blind {folder.name}: first score, before any change for it",
            F1=first["overall"]["f1"],
            precision=first["overall"]["precision"],
            recall=first["overall"]["recall"],
        )

    # Speed on one core, beside raw pypdfium2 text extraction of the same file.
    volumes = [path for path, _ in realdocs() if path.suffix == ".pdf"]
    cases = []
    if volumes:
        largest = max(volumes, key=lambda path: path.stat().st_size)
        cases.append((f"speed: real {largest.stem}", largest))
    cases += [(f"speed: generated {pages} pages", generated_report(pages)) for pages in SIZES]
    for case, path in cases:
        pages = raw_text(path)
        raw = cpu_seconds(raw_text, path)
        ours = cpu_seconds(extracted, path)
        row(
            case,
            pages=pages,
            **{"raw pypdfium2 s": round(raw, 3), "extract s": round(ours, 3)},
            **{"pages/s": round(pages / ours), "x raw": round(ours / raw, 2)},
        )


if __name__ == "__main__":
    main()
