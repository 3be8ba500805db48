"""Shared by the Word sources: turn a list of blocks into a .docx with python-docx.

A block is a tuple whose first item says what it is:
  ("title", text)                      the document title (Title style)
  ("h1" | "h2" | "h3", text)           headings
  ("p", text)                          a paragraph
  ("label", label, text)               a paragraph that opens with a bold label ("Recommendation 3:")
  ("bullet", text)                     a bulleted paragraph (List Bullet)
  ("number", text)                     a paragraph numbered by Word itself (List Number): the number is
                                       not part of the text, as in real Word documents
  ("quote", text)                      an indented, italic paragraph (a restated recommendation, say)
  ("table", [[cell, ...], ...])        a table whose first row is the header; a cell may hold several
                                       paragraphs separated by "\n\n"
  ("pagebreak",)
"""

from datetime import datetime

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

FIXED = datetime(2024, 1, 1, 9, 0, 0)


def write(path, blocks, *, title, author, created=FIXED, font="Arial", size=11):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.created = properties.modified = created
    properties.revision = 1
    for block in blocks:
        add(document, block)
    document.save(path)


def add(document, block):
    kind, *rest = block
    if kind == "title":
        document.add_paragraph(rest[0], style="Title")
    elif kind in ("h1", "h2", "h3"):
        document.add_heading(rest[0], level=int(kind[1]))
    elif kind == "p":
        document.add_paragraph(rest[0])
    elif kind == "label":
        paragraph = document.add_paragraph()
        paragraph.add_run(rest[0]).bold = True
        paragraph.add_run(" " + rest[1])
    elif kind == "bullet":
        document.add_paragraph(rest[0], style="List Bullet")
    elif kind == "number":
        document.add_paragraph(rest[0], style="List Number")
    elif kind == "quote":
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1)
        paragraph.add_run(rest[0]).italic = True
    elif kind == "table":
        rows = rest[0]
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                parts = value.split("\n\n")
                cell.text = parts[0]
                for part in parts[1:]:
                    cell.add_paragraph(part)
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        document.add_paragraph()
    elif kind == "pagebreak":
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:
        raise ValueError(f"unknown block {kind!r}")
