"""What the plain-text and HTML readers make of the shapes a report takes when saved from its PDF."""

from documents import read_document

WHAT_NEEDS = "What needs to improve?"


def test_a_page_that_does_not_say_its_encoding_is_read_as_the_utf8_it_is(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(
        "<html><body><h2>Leaders’ grip</h2><ul><li>◼ Children’s plans.</li></ul></body></html>".encode()
    )
    blocks = read_document(page).blocks
    assert [block.text for block in blocks] == ["Leaders’ grip", "◼ Children’s plans."]


def test_a_page_that_names_its_encoding_is_read_in_it(tmp_path):
    page = tmp_path / "page.html"
    declared = "<html><head><meta charset='windows-1252'></head><body><p>Children’s plans.</p></body></html>"
    page.write_bytes(declared.encode("cp1252"))
    assert read_document(page).blocks[0].text == "Children’s plans."


def test_plain_text_keeps_the_glyph_a_pdf_printed_its_bullets_with(tmp_path):
    saved = tmp_path / "saved.txt"
    saved.write_text(
        f"{WHAT_NEEDS}\n\n◼ The stability of the workforce.\n\n▪ The timeliness of reviews.\n\n"
        "(b) The quality of plans.\n\nA paragraph that ends as prose does.\n",
        encoding="utf-8",
    )
    blocks = read_document(saved).blocks
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", WHAT_NEEDS),
        ("list-item", "◼ The stability of the workforce."),
        ("list-item", "▪ The timeliness of reviews."),
        ("list-item", "(b) The quality of plans."),
        ("paragraph", "A paragraph that ends as prose does."),
    ]


def test_a_long_line_alone_is_a_heading_where_paragraphs_are_unwrapped_but_not_in_wrapped_text(tmp_path):
    heading = "The experiences and progress of children who need help and protection: inadequate"
    paragraph = "1. Services have declined since the last inspection, " + "and too many children wait. " * 4
    unwrapped = tmp_path / "unwrapped.txt"
    unwrapped.write_text(f"{heading}\n\n{paragraph}\n", encoding="utf-8")
    assert [block.kind for block in read_document(unwrapped).blocks] == ["heading", "list-item"]

    # Wrapped at a width, the same line is the last of a paragraph a page break cut off.
    wrapped = tmp_path / "wrapped.txt"
    cut = "Police and crime commissioners should make sure that the victim services"
    wrapped.write_text(f"Recommendation 6\n\n{cut}\n\n{heading}\n", encoding="utf-8")
    assert [block.kind for block in read_document(wrapped).blocks] == ["heading", "paragraph", "paragraph"]


# Text saved from a PDF by a viewer: every printed line a line, no blank line between paragraphs, each
# wrapped line ending in a space, and a running header on every page that differs only in its page number.
HEADER = ["Inspection of Northshire children's services ", "4 to 15 March 2024 {page}"]
PAGES = [
    [
        "The experiences and progress of children who need help and ",
        "protection: requires improvement",
        "1. Most children are seen quickly when they are referred, and their ",
    ],
    [
        "needs are understood by the social workers who visit them.",
        "2. Plans for children who are neglected are too often ",
        "vague, so families do not know what must change.",
    ],
    [
        "What needs to improve:",
        "◼ The quality of plans for neglected children.",
        "◼ Oversight by managers of children who wait.",
    ],
]


def test_text_saved_from_a_pdf_without_blank_lines_is_read_a_paragraph_at_a_time(tmp_path):
    saved = tmp_path / "saved.txt"
    pages = ["\n".join(HEADER + body).replace("{page}", str(n)) for n, body in enumerate(PAGES, 2)]
    saved.write_text("\f".join(pages), encoding="utf-8")
    blocks = read_document(saved).blocks
    assert [(block.kind, block.text.split()[:3]) for block in blocks] == [
        ("heading", ["The", "experiences", "and"]),
        ("list-item", ["1.", "Most", "children"]),
        ("list-item", ["2.", "Plans", "for"]),
        ("paragraph", ["What", "needs", "to"]),
        ("list-item", ["◼", "The", "quality"]),
        ("list-item", ["◼", "Oversight", "by"]),
    ]
    assert blocks[0].text.endswith("help and protection: requires improvement")
    assert blocks[1].text.endswith("understood by the social workers who visit them."), "across the page"


def test_text_wrapped_at_a_width_without_blank_lines_ends_a_paragraph_at_a_short_last_line(tmp_path):
    saved = tmp_path / "wrapped.txt"
    long_line = "Leaders have a clear view of what needs to change for children in this area and"
    lines = []
    for number in range(1, 8):
        lines += [f"{number}. {long_line}", "they act on it.", "The next step follows."]
    saved.write_text("\n".join(lines), encoding="utf-8")
    blocks = read_document(saved).blocks
    assert [block.text for block in blocks[:2]] == [
        f"1. {long_line} they act on it.",
        "The next step follows.",
    ]
    assert len(blocks) == 14


def test_text_with_its_blank_lines_is_read_as_before(tmp_path):
    saved = tmp_path / "spaced.txt"
    saved.write_text("\n\n".join(f"Paragraph {n} ends here." for n in range(30)), encoding="utf-8")
    assert len(read_document(saved).blocks) == 30
