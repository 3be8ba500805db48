"""Saved publication pages (inspectorate HTML, GOV.UK) → blocks, each with the id of its section."""

import re
from pathlib import Path

import lxml.html
from lxml import etree

from documents.model import Block, Document, DocumentError
from documents.text import join_lines

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
PRINTED_MARKER = re.compile(r"^\s*(\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,3}(\.\d{1,3})*[.)]|[a-z][.)])\s")
FOOTNOTE_LINK = re.compile(r"^\[?\d{1,3}\]?$")
PUBLISHED = re.compile(r"\b(published|updated|last updated)\s*(on)?\s*:?\s*(\d{1,2}\s+\w+\s+\d{4})", re.I)


# Control characters (NUL, Word's vertical tab…) that no HTML text may hold; lxml refuses to move text
# holding them. Dropped as bytes, which is safe in UTF-8 and the single-byte encodings pages use.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_html(path: Path) -> Document:
    raw = path.read_bytes()
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 pages keep their bytes
        raw = CONTROL_BYTES.sub(b"", raw)
    try:
        root = lxml.html.document_fromstring(raw, parser=parser_for(raw))
    except (etree.ParserError, ValueError) as error:
        raise DocumentError(path, f"the HTML cannot be read ({error})") from None
    document = Document(path=path, media_type="text/html")
    title = root.find(".//title")
    document.title = (title.text_content() if title is not None else "").strip()
    # The page's own "Published" line often sits in its header, which is dropped below. Only a short line
    # counts: "…the report, published on 11 May 2023, found…" in prose is another document's date.
    document.published_text = page_published(root)
    drop(element for element in root.iter("sup", "a") if is_footnote_marker(element))
    drop(element for element in root.iter() if isinstance(element.tag, str) and is_furniture(element))
    number_list_items(root)
    body = root.find("body") if root.find("body") is not None else root
    walk(body, document.blocks, section=None, row=[0])
    return document


DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset|<\?xml[^>]+encoding", re.I)


def parser_for(raw: bytes) -> lxml.html.HTMLParser | None:
    """A page that does not say its encoding is read as UTF-8 when its bytes are UTF-8, as browsers do
    (lxml alone would read it as Latin-1, turning every curly quote into three letters)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or DECLARED_CHARSET.search(raw[:4096]):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return lxml.html.HTMLParser(encoding="utf-8")


PUBLISHED_META = (
    "govuk:first-published-at",
    "dcterms.issued",
    "dc.date.issued",
    "article:published_time",
    "citation_publication_date",
)


def page_published(root) -> str:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        content = meta.get("content") or ""
        stamp = re.match(r"(\d{4})-(\d{2})-(\d{2})", content)
        if name in PUBLISHED_META and stamp:
            year, month, day = stamp.groups()
            months = "January February March April May June July August September October November December"
            return f"published {int(day)} {months.split()[int(month) - 1]} {year}"
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "script", "style"):
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= 80:
            published = PUBLISHED.search(text)
            if published:
                return f"{published.group(1)} {published.group(3)}"
    return ""


def drop(elements) -> None:
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()


def is_footnote_marker(element) -> bool:
    href, css = element.get("href") or "", element.get("class") or ""
    return bool(FOOTNOTE_LINK.match(element.text_content().strip())) and (
        element.tag == "sup" or href.startswith("#fn") or "footnote" in css or "footnote" in href
    )


def is_furniture(element) -> bool:
    """Navigation, scripts, footnote lists and text only screen readers hear: not the report's words."""
    return (
        element.tag in SKIP
        or is_footnotes_list(element)
        or "govuk-visually-hidden" in (element.get("class") or "")
    )


def number_list_items(root) -> None:
    """Browsers print the numbers and letters of <ol> items; the text needs them ("(a) …", "3. …")."""
    for ordered in root.iter("ol"):
        kind = ordered.get("type", "1")
        number = list_start(ordered.get("start", "1"))
        for item in ordered.findall("li"):
            if PRINTED_MARKER.match(item.text_content()):
                continue  # the page prints its own markers
            item.text = list_marker(kind, number) + (item.text or "")
            number += 1


def list_start(value: str) -> int:
    """The start attribute as browsers read it: a whole number within 32 bits, 1 when unreadable."""
    value = value.strip()
    if not re.fullmatch(r"[+-]?\d{1,10}", value):
        return 1
    return max(-(2**31), min(2**31 - 1, int(value)))


def list_marker(kind: str, number: int) -> str:
    """The marker browsers print: letters and Roman numerals where they exist (a to z, then aa; I to
    MMMCMXCIX), the number itself otherwise, as CSS counter styles fall back to decimal."""
    if kind in ("a", "A") and number >= 1:
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord(kind) + rest) + letters
        return f"({letters}) "
    if kind in ("i", "I") and 1 <= number <= 3999:
        return f"({roman(number) if kind == 'I' else roman(number).lower()}) "
    return f"{number}. "


def roman(number: int) -> str:
    out = ""
    values = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
    ]
    for value, letters in [*values, (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while number >= value:
            out, number = out + letters, number - value
    return out


def is_footnotes_list(element) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}".lower()
    return element.tag in ("ol", "section", "div", "aside") and ("footnote" in marks or "endnote" in marks)


def cell_text(cell) -> str:
    """A table cell's words: its list items joined with "; ", line breaks as spaces."""
    parts = []

    def visit(element):
        if not isinstance(element.tag, str):
            return
        if element.tag == "br":
            parts.append(" ")
        elif element.tag == "li":
            parts.append(("; " if parts and "".join(parts).strip() else "") + element.text_content().strip())
            parts.append(element.tail or "")
            return
        parts.append(element.text or "")
        for child in element:
            visit(child)
        if element is not cell:
            parts.append(element.tail or "")

    visit(cell)
    text = join_lines("".join(parts).split("\n"))
    return re.sub(r":\s*;\s*", ": ", re.sub(r"\s*;\s*;\s*", "; ", text))


def walk(element, blocks: list[Block], section: str | None, row: list[int]) -> None:
    """Depth first; a block element becomes one Block unless it holds other block elements."""
    if not isinstance(element.tag, str):
        return
    section = element.get("id") or section
    if element.tag == "tr":
        row[0] += 1
    if element.tag in ("td", "th"):  # a cell is one block, whatever lists or breaks it holds
        text = cell_text(element)
        if text:
            column = len([s for s in element.itersiblings(preceding=True) if s.tag in ("td", "th")])
            blocks.append(Block(text=text, kind="table-cell", section=section, row=row[0], column=column))
        return
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
