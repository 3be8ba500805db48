"""Saved publication pages (inspectorate HTML, GOV.UK) → blocks, each with the id of its section."""

import re
from pathlib import Path

import lxml.html
from lxml import etree

from reports.ingest.document import Block, Document, IntakeError
from reports.ingest.text import join_lines

SKIP = {
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "svg",
    "form",
    "button",
    "select",
    "header",
    "footer",
    "aside",
    "iframe",
}
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
}
FOOTNOTE_LINK = re.compile(r"^\[?\d{1,3}\]?$")
PUBLISHED = re.compile(r"\b(published|updated|last updated)\s*(on)?\s*:?\s*(\d{1,2}\s+\w+\s+\d{4})", re.I)


def read_html(path: Path) -> Document:
    raw = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError) as error:
        raise IntakeError(path, f"the HTML cannot be read ({error})") from None
    document = Document(path=path, media_type="text/html")
    title = root.find(".//title")
    document.title = (title.text_content() if title is not None else "").strip()
    for element in root.iter("sup", "a"):
        text = element.text_content().strip()
        is_marker = FOOTNOTE_LINK.match(text) and (
            element.tag == "sup"
            or (element.get("href") or "").startswith("#fn")
            or "footnote" in (element.get("class") or "")
            or "footnote" in (element.get("href") or "")
        )
        if is_marker and element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if (
            isinstance(element.tag, str)
            and (
                element.tag in SKIP
                or is_footnotes_list(element)
                or "govuk-visually-hidden" in (element.get("class") or "")
            )
            and element.getparent() is not None
        ):
            element.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    text = body.text_content()
    published = PUBLISHED.search(text)
    document.published_text = published.group(0) if published else ""
    walk(body, document.blocks, section=None, row=[0])
    return document


def is_footnotes_list(element) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}".lower()
    return element.tag in ("ol", "section", "div", "aside") and ("footnote" in marks or "endnote" in marks)


def walk(element, blocks: list[Block], section: str | None, row: list[int]) -> None:
    """Depth first; a block element becomes one Block unless it holds other block elements."""
    if not isinstance(element.tag, str):
        return
    section = element.get("id") or section
    if element.tag == "tr":
        row[0] += 1
    if element.tag in BLOCKS and not any(
        isinstance(child.tag, str) and child.tag in BLOCKS | {"ul", "ol", "table", "div", "section"}
        for child in element.iterdescendants()
    ):
        text = join_lines(element.text_content().split("\n"))
        if text:
            kind, level = "paragraph", 0
            if element.tag[0] == "h" and element.tag[1:].isdigit():
                kind, level = "heading", int(element.tag[1])
            elif element.tag == "li":
                kind = "list-item"
            elif element.tag in ("td", "th"):
                kind = "table-cell"
            column = (
                len([s for s in element.itersiblings(preceding=True) if s.tag in ("td", "th")])
                if kind == "table-cell"
                else None
            )
            blocks.append(
                Block(
                    text=text,
                    kind=kind,
                    level=level,
                    section=section,
                    row=row[0] if kind == "table-cell" else None,
                    column=column,
                )
            )
        return
    if element.text and element.text.strip() and element.tag in ("div", "section", "article", "main", "body"):
        blocks.append(Block(text=join_lines(element.text.split("\n")), section=section))
    for child in element:
        walk(child, blocks, section, row)
        if child.tail and child.tail.strip() and element.tag in ("div", "section", "article", "main", "body"):
            blocks.append(Block(text=join_lines(child.tail.split("\n")), section=section))
