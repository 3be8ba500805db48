"""Plain text and Markdown → blocks; and the line joining every reader shares."""

import re
from collections import Counter
from pathlib import Path

from documents.model import Block, Document

HYPHENS = "\u2010\u00ad\u2011"
HARD_PREFIXES = {
    "multi",
    "non",
    "cross",
    "co",
    "self",
    "well",
    "long",
    "short",
    "child",
    "front",
    "pre",
    "post",
    "anti",
    "sub",
    "inter",
    "over",
    "under",
    "joint",
    "high",
    "low",
    "full",
    "part",
    "de",
    "re",
    "ex",
    "mid",
    "semi",
    "top",
    "face",
    "decision",
    "risk",
    "time",
    "out",
    "in",
}
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*([*+\-•]|\d{1,3}[.)])\s+")
# Plain text keeps whatever glyph the page printed its bullets with (a PDF's text saved as text keeps the
# squares and symbol-font bullets), and lettered and roman items as well as numbered ones.
TEXT_BULLET = re.compile(
    r"^\s*([•▪◦●■◼\ue000-\uf8ff–−*+\-]|\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|\d{1,3}(\.\d{1,3})*[.)])\s+|^\s*\d{1,3}\.(?=[A-Z])"
)


def join_lines(lines: list[str], ocr: bool = False) -> str:
    """Join printed lines into one paragraph, undoing end-of-line hyphenation."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        last = text[-1]
        starts_lower = line[0].islower()
        if last in HYPHENS and starts_lower:
            text = text[:-1] + line
        elif last == "-" and starts_lower and len(text) > 1 and text[-2].isalpha():
            word = re.findall(r"[A-Za-z]+-$", text)
            keep = not ocr or (word and word[0][:-1].lower() in HARD_PREFIXES)
            text = (text if keep else text[:-1]) + line
        else:
            text = f"{text} {line}"
    return re.sub(r"[ \t]+", " ", text).replace("\u2010", "-").strip()


FOOTNOTE_MARKER = re.compile(
    r"\s?\[footnote\s+\d{1,3}\]", re.I
)  # as GOV.UK pages mark footnotes in their text


def text_blocks(raw: str, markdown: bool, page: int | None = None, ocr: bool = False) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullet = MD_BULLET if markdown else TEXT_BULLET

    def flush():
        if paragraph:
            text = FOOTNOTE_MARKER.sub("", join_lines(paragraph, ocr=ocr))
            kind = "list-item" if bullet.match(paragraph[0]) else "paragraph"
            if kind == "paragraph" and looks_like_heading(paragraph, longest):
                blocks.append(Block(text=text.strip("=-# "), kind="heading", level=2, page=page))
                paragraph.clear()
                return
            if markdown:
                text = strip_markdown(
                    MD_BULLET.sub("", text, count=1)
                    if kind == "list-item" and not re.match(r"^\s*\d", paragraph[0])
                    else text
                )
            blocks.append(Block(text=text, kind=kind, page=page))
            paragraph.clear()

    lines = raw.splitlines()
    one_per_line = not markdown and element_per_line(lines)
    if not markdown and not one_per_line:
        lines = paragraphs_marked(lines)
    # Unwrapped text (a paragraph to a line, lines far wider than a page) may have longer headings.
    longest = 100 if max((len(line) for line in lines), default=0) > 120 else 70
    for line in lines:
        if one_per_line:  # a web page copied as text: each line is an element of the page
            flush()
            if line.strip():  # the blank lines between elements are not elements
                paragraph.append(line)
                flush()
            continue
        if markdown:
            line = re.sub(r"^\s{0,3}>\s?", "", line)  # a block quote: its words, without the marker
        heading = MD_HEADING.match(line) if markdown else None
        if heading:
            flush()
            blocks.append(
                Block(
                    text=strip_markdown(heading.group(2)),
                    kind="heading",
                    level=len(heading.group(1)),
                    page=page,
                )
            )
        elif not line.strip():
            flush()
        elif bullet.match(line) and paragraph:
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return blocks


SENTENCE_ENDS = (".", "!", "?", ":", ";", ".”", ".)", "?”")


def paragraphs_marked(lines: list[str]) -> list[str]:
    """Text saved from a PDF often has no blank line between paragraphs: each printed line is a line, and
    a paragraph ends only where its line does. Where blank lines are that rare, a blank line is put where
    a paragraph ends: after a line with no trailing space when the saver marks every wrapped line with one
    (as PDF viewers' text does), else after a line that ends a sentence well short of the text's width, or
    before an item that opens with a bullet or number. Text that has its blank lines is left as it is."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 8 or len(lines) - len(filled) > len(filled) * 0.03:
        return lines
    soft = sum(1 for line in filled if line != line.rstrip()) > len(filled) * 0.25
    widths = sorted(len(line.strip()) for line in filled)
    width = widths[int(len(widths) * 0.9)]
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        after = lines[index + 1] if index + 1 < len(lines) else ""
        text = line.strip()
        if not text or not after.strip():
            continue
        if soft:  # a line the saver did not mark as wrapped, unless the next carries on its sentence
            ends = line == line.rstrip() and not after.strip()[:1].islower()
            # or a sentence's end before a short line of its own ("What needs to improve:"), marked or not
            ends = ends or (
                text.endswith(SENTENCE_ENDS)
                and len(after.strip()) < width * 0.6
                and after.strip()[:1].isupper()
                and after == after.rstrip()
            )
        else:
            short = len(text) < width * 0.75
            ends = (short and text.endswith(SENTENCE_ENDS)) or (
                short and bool(TEXT_BULLET.match(after)) and not text.endswith((",", "-"))
            )
        if ends:
            out.append("")
    return out


def element_per_line(lines: list[str]) -> bool:
    """Text copied from a web page puts each element (heading, paragraph, link, list item) on a line of its
    own, often with no blank lines between; text hard-wrapped at a width continues its sentences on the
    next line, most often in lower case."""
    filled = [line.strip() for line in lines if line.strip()]
    if len(filled) < 8:
        return False
    pairs = list(zip(filled, filled[1:], strict=False))
    continued = sum(1 for before, after in pairs if after[:1].islower() and not before.endswith((".", ":")))
    blank = sum(1 for line in lines if not line.strip())
    long_lines = sum(1 for line in filled if len(line) > 110)
    return continued < len(pairs) * 0.08 and (blank < len(filled) * 0.2 or long_lines > len(filled) * 0.2)


def looks_like_heading(lines: list[str], longest: int = 70) -> bool:
    """In plain text: one short line with no closing punctuation (a question may head a section: "What
    needs to improve?"), or a line underlined with = or -. Short is 70 characters in text wrapped at a
    width (where a paragraph's last line, cut by a page break, may stand alone); where each paragraph is
    one long line, a heading may be longer ("The experiences of children in care: inadequate")."""
    if len(lines) == 2 and re.fullmatch(r"\s*[=\-]{3,}\s*", lines[1]):
        del lines[1]
        return True
    text = lines[0].strip()
    if len(lines) == 2:  # a heading wrapped over two printed lines ("…who need help and" "protection: …")
        text = join_lines(lines)
        return (
            len(text) <= longest * 1.5
            and text[:1].isupper()
            and not re.search(r"[.;:,!)]$", text)
            and not lines[1].strip()[:1].isdigit()
        )
    return (
        len(lines) == 1
        and len(text) <= longest
        and not re.search(r"[.;:,!)]$", text)
        and not text[:1].isdigit()
    )


def strip_markdown(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\[\^?\d+\]", "", text)
    return text.replace("`", "").strip()


PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$|^\s*-\s*\d{1,4}\s*-\s*$", re.I
)


def drop_page_furniture(content: str) -> str:
    """Text saved from a paginated document: page numbers on lines of their own, form feeds, and the
    header lines repeated at the top of every page."""
    pages = content.split("\f")
    firsts = [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in pages]
    repeated = {line for line in firsts if line and firsts.count(line) > 1}
    # a running header's or footer's other lines differ only in their numbers ("21 November 2022 3")
    edges = Counter(
        key for page in pages for key in {furniture_key(line) for line in edge_lines(page)} if key
    )
    running = {key for key, count in edges.items() if len(pages) >= 3 and count > len(pages) / 2}
    kept = []
    for page in pages:
        lines = [line for line in page.splitlines() if not PAGE_NUMBER_LINE.match(line)]
        if repeated:
            lines = [line for line in lines if line.strip() not in repeated]
        if running:
            edge = set(edge_lines(page))
            lines = [line for line in lines if line not in edge or furniture_key(line) not in running]
        kept.append("\n".join(lines))
    return "\n".join(kept)


def edge_lines(page: str) -> list[str]:
    """The first two and last two printed lines of a page, where running headers and footers sit."""
    filled = [line for line in page.splitlines() if line.strip()]
    return filled[:2] + filled[-2:]


def furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())) if len(line.strip()) > 3 else ""


def decoded(raw: bytes) -> str:
    """A text file's bytes as text: UTF-16 with its mark, UTF-8 (with or without one), else Windows-1252."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")  # Windows' "Unicode" text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text(path: Path, media_type: str) -> Document:
    return text_document(path, decoded(path.read_bytes()), media_type)


def text_document(path: Path, content: str, media_type: str = "text/plain") -> Document:
    """Text already decoded (a file's, or a PDF's saved as text) read as `read_text` reads a file."""
    blocks = text_blocks(drop_page_furniture(content), markdown=media_type == "text/markdown")
    return Document(path=path, media_type=media_type, blocks=blocks)
