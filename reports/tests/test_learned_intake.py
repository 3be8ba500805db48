"""The learned intake: labels placed on blocks, training that is deterministic, a shipped model that says
what it learned from, the `scrutiny intake` commands, and the same findings whatever the format."""

import shutil

import pytest
from django.core.management import call_command

from documents import Block, read_document
from reports.extraction import extract, sequence, training
from reports.extraction.evaluation import SAME_AS, examples, leave_out, scored_as, sequences, total
from reports.extraction.evaluation import agreement as agreeing
from reports.extraction.formats import agreement
from reports.extraction.labelled import INSIDE, OTHER, place
from reports.extraction.scoring import CORPUS, corpus_documents, realdocs


def test_a_finding_is_placed_on_the_blocks_that_print_it_and_a_twin_is_placed_twice():
    blocks = [
        Block("Summary", kind="heading", level=1),
        Block("The force should publish its custody figures every quarter."),
        Block("What needs to improve", kind="heading", level=2),
        Block("1. The force should publish its custody figures every quarter."),
        Block("2. The council should review how it refers children:", kind="list-item"),
        Block("• within three months", kind="list-item"),
        Block("Inspectors found much to praise."),
    ]
    findings = [
        {
            "kind": "area_for_improvement",
            "text": "The force should publish its custody figures every quarter.",
        },
        {
            "kind": "recommendation",
            "text": "The council should review how it refers children: within three months",
        },
        {"kind": "conclusion", "text": "Inspectors found much to praise."},
    ]
    labels, unplaced = place(blocks, [f for f in findings if f["kind"] != "conclusion"])
    assert labels == [
        OTHER,
        "B-area-for-improvement",
        OTHER,
        "B-area-for-improvement",
        "B-recommendation",
        INSIDE,
        OTHER,
    ]
    assert unplaced == []


def test_a_finding_whose_words_are_not_in_the_document_is_reported_not_guessed():
    labels, unplaced = place(
        [Block("Nothing of the kind here.")], [{"kind": "recommendation", "text": "Absent."}]
    )
    assert labels == [OTHER] and len(unplaced) == 1


@pytest.fixture(scope="module")
def corpus_examples():
    # a dozen typed documents (not the scan, which needs Tesseract): enough to train on and leave out
    return examples(
        CORPUS, keep=lambda labelled: labelled.path.suffix != ".pdf" or "scan" not in labelled.name
    )[:12]


def test_training_twice_on_the_same_documents_gives_the_same_model(corpus_examples, tmp_path):
    first, second = tmp_path / "first.crfsuite", tmp_path / "second.crfsuite"
    sequence.train(sequences(corpus_examples[:12]), first)
    sequence.train(sequences(corpus_examples[:12]), second)
    assert first.read_bytes() == second.read_bytes()
    assert sequence.text_model(first).read_bytes() == sequence.text_model(second).read_bytes()


def test_leaving_out_scores_only_documents_the_model_did_not_see(corpus_examples):
    few = corpus_examples[:6]
    rows = leave_out(few, "document", workers=1)
    twins = [e.as_text.name for e in few if e.as_text is not None]
    assert twins, "a PDF is scored again as the text a viewer saves of it"
    pdfs = [e.name for e in few if e.labelled.path.suffix == ".pdf"]
    same = [name + suffix for name in pdfs for suffix in SAME_AS.values()]  # its agreement with its variants
    assert sorted(name for name, _, _ in rows) == sorted([e.name for e in few] + twins + same)
    assert {scored_as(row) for row in rows} == {"document", "as text", "same as text", "same as html"}
    summed = total([row for row in rows if scored_as(row) == "document"])
    assert summed.labelled == sum(len(e.labelled.truth) for e in few)
    assert 0 <= summed.found <= summed.labelled
    found, compared = agreeing([row for row in rows if scored_as(row) == "same as html"])
    assert 0 <= found <= compared and compared > 0


def test_the_text_model_learns_each_pdf_as_saved_text_and_as_paragraphs(corpus_examples):
    """Text a viewer saves of a PDF has no blank lines; text copied from Word or a web page keeps its
    paragraphs: the plain-text model trains on both, labelled by the same words as the PDF."""
    pdf = next(e for e in corpus_examples if e.labelled.path.suffix == ".pdf" and e.labelled.truth)
    twin = pdf.as_paragraphs
    assert twin is not None and twin.labelled.document.input_kind == "text"
    assert any(label.startswith("B-") for label in twin.labels)
    trained = sequences([pdf])
    assert len(trained["T"]) == len(trained["P"]) + 2  # the PDF, its unprinted copy, and the two twins


def test_the_shipped_model_is_small_and_names_every_document_it_learned_from():
    manifest = training.manifest()
    assert manifest is not None and sequence.MODEL.is_file(), "run `scrutiny intake train`"
    assert sequence.MODEL.stat().st_size < 5 * 1024 * 1024
    assert sequence.text_model(sequence.MODEL).stat().st_size < 5 * 1024 * 1024
    named = {(d["folder"], d["name"]): d["sha256"] for d in manifest["documents"]}
    here = {(CORPUS.name, d["name"]): d["sha256"] for d in training.inputs([CORPUS])}
    stale = sorted(name for name, digest in here.items() if named.get(name) != digest)
    assert not stale, (
        f"the shipped model did not learn from these as they are now: {stale}; run `scrutiny intake train`"
    )
    if realdocs():
        assert training.up_to_date(training.default_folders()), "run `scrutiny intake train`"


def test_intake_evaluate_prints_a_row_per_document_and_the_two_scores(tmp_path, settings):
    folder = tmp_path / "labelled"
    folder.mkdir()
    for expected in [e for e in sorted(CORPUS.glob("*.expected.json")) if "scan" not in e.name][:4]:
        name = expected.name.removesuffix(".expected.json")
        document = next(p for p in CORPUS.glob(name + ".*") if not p.name.endswith(".json"))
        shutil.copy(expected, folder)
        shutil.copy(document, folder)
    from io import StringIO

    out = StringIO()
    call_command("intake", "evaluate", str(folder), "--workers", "1", "--without-corpus", stdout=out)
    printed = out.getvalue()
    assert "realdocs_loo_f1=" in printed and "realdocs_family_out_f1=" in printed
    for line in ("realdocs_same_as_text=", "realdocs_family_out_same_as_html="):
        assert line in printed  # two of the four are PDFs: each held out, compared with its variants
    assert printed.count("Leaving out each") == 2


def test_intake_evaluate_names_a_folder_without_labels(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no labelled documents"):
        call_command("intake", "evaluate", str(tmp_path))


def test_a_one_line_plain_text_report_gives_its_printed_recommendation(tmp_path):
    """A report pasted as a line or two of text: the shipped model takes its printed finding itself (the
    rules' reading of so short a document is not sure enough to be taken over the model's)."""
    report = tmp_path / "report.txt"
    report.write_text("Report\n\nPublished 3 March 2025\n\nRecommendation 1: The force should act.\n")
    (finding,) = extract(read_document(report)).findings
    assert (finding.label, finding.text) == ("Recommendation 1", "The force should act.")
    assert "read by the model trained on labelled reports" in finding.evidence


def test_a_pdf_saved_as_a_web_page_or_as_text_gives_the_same_findings():
    """Every born-digital PDF of the synthetic corpus, as a web page built from its blocks and as its text saved as plain
    text. Floors at what they reach today, the aim of 0.95 for both (`make bench` measures the development
    set's PDFs too, and `scrutiny intake evaluate` each held out, where plain text falls short: a text file
    has no heading sizes, so a findings heading's sub-headings take its place above the findings)."""
    held = {"text": [0, 0], "html": [0, 0]}
    born_digital = [path for path, expected in corpus_documents(CORPUS) if expected["input"] == "pdf"]
    assert len(born_digital) >= 8
    for path in born_digital:
        for name, (same, compared) in agreement(path).items():
            held[name][0] += same
            held[name][1] += compared
    share = {name: same / compared for name, (same, compared) in held.items()}
    assert share["html"] >= 0.98, held
    assert share["text"] >= 0.95, held


def test_a_lower_case_bullet_is_an_item_not_a_broken_line_and_the_rules_peers_are_marked():
    """A line that opens in lower case is usually the second half of a broken sentence; a bullet that does
    is an item of a list, and the model is told which. Items the rules read as findings side by side (the
    same glyph, one after the other) carry that as a feature the model weighs, not a rule that decides."""
    from documents import Document
    from reports.extraction.features import block_features

    blocks = [
        Block("What needs to improve:", kind="heading", level=3),
        Block("• the recognition of risk and the response to neglect", kind="list-item"),
        Block("• the stability of placements for children in care", kind="list-item"),
        Block("and of those placed with family members.", kind="paragraph"),
    ]
    features = block_features(Document(path="report.pdf", media_type="application/pdf", blocks=blocks))
    first, second, broken = features[1], features[2], features[3]
    assert "item-lower" in first and "lower" not in first
    assert "lower" in broken and "item-lower" not in broken
    assert first["rule=B"] == second["rule=B"] == 1.0  # the rules read both items as areas for improvement
    assert "rule-peers" not in first and "rule-peers" in second  # the first has no peer before it


def test_a_list_under_a_heading_ending_in_a_colon_and_a_stems_own_items_are_told_apart():
    """Items under "What needs to improve:" are each marked as the heading's list however they are written;
    a "-" item under a "◼" stem ending in ":" is the stem's sub-item though both are bullets, and the next
    "◼" item is the stem's sibling."""
    from documents import Document
    from reports.extraction.features import block_features

    blocks = [
        Block("What needs to improve:", kind="heading", level=3),
        Block("• the timeliness of strategy meetings", kind="list-item"),
        Block("• the stability of placements", kind="list-item"),
        Block("What needs to improve?", kind="heading", level=3),
        Block("◼ Work with disabled children, so that it shows:", kind="list-item"),
        Block("- an understanding of each child's needs", kind="list-item"),
        Block("- direct work to hear the child's views.", kind="list-item"),
        Block("◼ The quality of supervision records.", kind="list-item"),
    ]
    features = block_features(Document(path="report.pdf", media_type="application/pdf", blocks=blocks))
    assert all("heading-list-lower" in features[index] for index in (1, 2))
    assert not any("heading-list" in features[index] for index in range(4, 8))  # "?" opens no such list
    assert "under-stem" in features[5] and "under-stem" in features[6]
    assert "stem-sibling" in features[7]


def test_a_printed_label_behind_a_paragraph_number_is_read_as_the_label():
    """A web page that numbers every paragraph prints a restated recommendation as "3. Recommendation 2: …":
    the block opens with the label, and a finding read there keeps it."""
    from reports.extraction.features import glyph, own_features
    from reports.extraction.sequence import start

    text = "3. Recommendation 2: “Forces should publish the figures every quarter.”"
    assert glyph(text) == ("label:recommendation", "“Forces should publish the figures every quarter.”")
    assert "numbered-label" in own_features(Block(text, kind="list-item"))
    assert "numbered-label" not in own_features(
        Block("Recommendation 2: Forces should act.", kind="list-item")
    )
    assert start(Block(text, kind="list-item"), "recommendation", 0).label == "Recommendation 2"
    assert glyph("3. Government response: We accept it.")[0] == "number"
