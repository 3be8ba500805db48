"""Rebuild the shapes printed as PDF from their web pages in src/ with WeasyPrint, as tests/corpus/make.py
does for the corpus; the text and HTML shapes are their own sources. Run from the project root:
.venv/bin/python reports/extraction/shapes/make.py (then `scrutiny intake train`: the hashes change)."""

from pathlib import Path

import weasyprint

HERE = Path(__file__).resolve().parent

for page in sorted((HERE / "src").glob("*.html")):
    weasyprint.HTML(filename=str(page)).write_pdf(str(HERE / f"{page.stem}.pdf"))
    print(f"built {page.stem}.pdf")
