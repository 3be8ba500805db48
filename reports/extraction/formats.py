"""The same document in other formats, built from a PDF's blocks, to check that intake finds the same
findings whatever the format an office is sent: its text saved as plain text, and a web page built from
its blocks (headings, lists, paragraphs)."""

import html
import tempfile
from pathlib import Path

from documents import Document, read_document
from reports.extraction import sequence
from reports.extraction.reading import extract
from reports.extraction.scoring import RealScore, score_real


def as_text(document: Document) -> str:
    return "\n\n".join(block.text for block in document.blocks)


def as_html(document: Document) -> str:
    parts, in_list = [], False
    for block in document.blocks:
        text = html.escape(block.text)
        if block.kind == "list-item":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{text}</li>")
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        if block.kind == "heading":
            level = min(6, max(1, block.level or 2))
            parts.append(f"<h{level}>{text}</h{level}>")
        else:
            parts.append(f"<p>{text}</p>")
    if in_list:
        parts.append("</ul>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'></head><body><main>"
        + "".join(parts)
        + "</main></body></html>"
    )


def agreement(path: Path, reader: sequence.Reader | None | bool = True) -> dict[str, tuple[int, int]]:
    """For the plain-text and the HTML variant of a PDF: (findings held in common, the larger count), by
    the development set's matching rule with the PDF's findings as the labels."""
    return {name: same(result) for name, result in compared(read_document(path), reader).items()}


def same(result: RealScore) -> tuple[int, int]:
    """(findings held in common, the larger count) of a variant's findings scored against the PDF's."""
    return result.found, max(result.labelled, result.extracted)


def compared(document: Document, reader: sequence.Reader | None | bool = True) -> dict[str, RealScore]:
    """The findings of the plain-text and the HTML variant of a PDF's `document` scored with the PDF's
    findings as the labels, all read by `reader` (as `extract` takes it: True for the shipped model)."""
    from_pdf = extract(document, reader=reader).as_dict()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (("text", as_text(document)), ("html", as_html(document))):
            variant = Path(folder) / f"variant.{'txt' if name == 'text' else 'html'}"
            variant.write_text(text, encoding="utf-8")
            other = extract(read_document(variant), reader=reader).as_dict()
            results[name] = score_real({"findings": from_pdf["findings"]}, other)
    return results
