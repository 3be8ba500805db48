"""Generated and damaged files through every reader (text, HTML, Word, PDF): each is read or refused
with a DocumentError naming the file; none crashes, hangs or takes memory without bound.

Damaged files start from a real file of each kind and have bytes flipped, cut or repeated, so the fuzz
reaches the readers' insides rather than stopping at the first check."""

import io
import os
import resource
import signal
from contextlib import contextmanager

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents import DocumentError, read_document
from documents.testing import make_pdf

# SCRUTINY_FUZZ_EXAMPLES=1000 runs a deeper, freshly random search (derandomised only at the default).
EXAMPLES = int(os.environ.get("SCRUTINY_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # no timing in tests: a hang is caught by the alarm below instead
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=EXAMPLES == 40,  # the suite's run: the same cases every time, so a failure is never chance
)
HANG = 120  # seconds one read may take before it counts as a hang (a generous bound, not a speed test)
MEMORY_GROWTH_MB = 600  # a read may not push the process's peak memory up by more than this


@contextmanager
def bounded():
    def hung(signum, frame):
        raise AssertionError(f"a read took more than {HANG} s: it hangs")

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown < MEMORY_GROWTH_MB, f"peak memory grew by {grown:.0f} MB"


def read_or_refuse(path):
    """The only two outcomes a reader may have."""
    with bounded():
        try:
            document = read_document(path)
        except DocumentError as refused:
            assert str(refused).startswith(f"{path.name}: ") and refused.problem
            return None
    assert any(block.text for block in document.blocks)
    for block in document.blocks:
        assert isinstance(block.text, str)
    return document


def damaged(data: bytes, edits) -> bytes:
    """`data` with each edit applied: (position, kind, value) flips a byte, cuts the rest off, or repeats
    a stretch."""
    out = bytearray(data)
    for position, kind, value in edits:
        if not out:
            break
        at = position % len(out)
        if kind == "flip":
            out[at] = value
        elif kind == "cut":
            del out[at:]
        else:
            out[at:at] = out[at : at + 64] * (value % 8 + 1)
    return bytes(out)


EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.sampled_from(["flip", "cut", "repeat"]), st.integers(0, 255)),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(data=st.binary(max_size=4000))
def test_any_bytes_as_text(tmp_path, data):
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    read_or_refuse(path)


@FUZZ
@given(text=st.text(max_size=2000))
def test_any_text_in_any_encoding(tmp_path, text):
    for encoding in ("utf-8", "utf-16", "cp1252"):
        path = tmp_path / f"notes-{encoding}.txt"
        path.write_bytes(text.encode(encoding, errors="replace"))
        read_or_refuse(path)


TAGS = st.sampled_from(
    [
        "p",
        "div",
        "ol",
        "ul",
        "li",
        "h1",
        "h2",
        "h3",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "b",
        "strong",
        "span",
        "sup",
        "a",
        "aside",
        "nav",
        "main",
        "article",
        "br",
        "script",
    ]
)
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' start="-5"',
        ' start="99999999999999999999"',
        ' start="x"',
        ' type="i"',
        ' type="A"',
        ' class="footnote"',
        ' id="r1"',
        ' role="doc-noteref"',
        ' value="3"',
        ' colspan="1000000"',
        ' rowspan="-1"',
        " hidden",
    ]
)


@st.composite
def html_pages(draw):
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        tag, attribute = draw(TAGS), draw(ATTRIBUTES)
        text = draw(st.text(max_size=80)).replace("<", "&lt;")
        close = draw(st.booleans())  # unclosed and stray tags are what real pages have
        parts.append(f"<{tag}{attribute}>{text}" + (f"</{tag}>" if close else ""))
        if draw(st.booleans()):
            parts.append(
                draw(st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&#1114112;", "&nbsp;", "&bogus;"]))
            )
    return "<!DOCTYPE html><html><head><title>T</title></head><body>" + "".join(parts) + "</body></html>"


@FUZZ
@given(page=html_pages())
def test_generated_html_pages(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    read_or_refuse(path)


@FUZZ
@given(edits=EDITS)
def test_damaged_html(tmp_path, edits):
    page = "<html><body><h1>Report</h1><ol start='3'><li>Chief constables should act.</li></ol></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(damaged(page.encode(), edits))
    read_or_refuse(path)


def word_file(paragraphs) -> bytes:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Recommendation 1"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=200,
)


@FUZZ
@given(
    paragraphs=st.lists(
        st.tuples(
            st.sampled_from(["Normal", "Heading 1", "Heading 2", "List Number", "List Bullet"]), XML_TEXT
        ),
        max_size=20,
    )
)
def test_generated_word_files(tmp_path, paragraphs):
    path = tmp_path / "letter.docx"
    path.write_bytes(word_file(paragraphs))
    read_or_refuse(path)


@pytest.fixture(scope="module")
def whole_word():
    return word_file(
        [("Heading 1", "A report"), ("Normal", "Recommendation 1: Chief constables should act.")]
    )


@FUZZ
@given(edits=EDITS)
def test_damaged_word_files(tmp_path, whole_word, edits):
    path = tmp_path / "letter.docx"
    path.write_bytes(damaged(whole_word, edits))
    read_or_refuse(path)


@pytest.fixture(scope="module")
def whole_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "whole.pdf"
    html = (
        "<h1>A report</h1>" + "<p>Recommendation 1: Chief constables should act within three months.</p>" * 5
    )
    return make_pdf(path, html).read_bytes()


@FUZZ
@given(edits=EDITS)
def test_damaged_pdfs(tmp_path, whole_pdf, edits):
    path = tmp_path / "report.pdf"
    path.write_bytes(damaged(whole_pdf, edits))
    read_or_refuse(path)


@FUZZ
@given(
    width=st.sampled_from([0, -1, 1, 200, 14400, 10**6, 10**12]),
    height=st.sampled_from([0, -1, 1, 200, 14400, 10**6, 10**12]),
    pages=st.integers(0, 3),
)
def test_pdfs_with_odd_page_sizes(tmp_path, width, height, pages):
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] >>".encode()] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "odd.pdf"
    path.write_bytes(bytes(out))
    read_or_refuse(path)


def test_a_word_file_whose_table_of_contents_is_damaged_is_refused_naming_it(tmp_path, whole_word):
    # Found by the fuzzing above: the archive's end is intact (so it looks like a ZIP file) but the
    # table of contents it points to is not.
    data = bytearray(whole_word)
    start = data.index(b"PK\x01\x02")
    data[start : start + 4] = b"XX\x01\x02"
    path = tmp_path / "letter.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError, match="damaged"):
        read_document(path)
