import json

import pytest
from django.core.management import call_command

from responses.linking import match_response
from responses.matching import stance_of


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Accepted. The custody system has been changed.", "accepted"),
        ("We do not accept this recommendation, because the law already requires it.", "not accepted"),
        ("The force accepts the first part of this recommendation but not the second.", "partially accepted"),
        ("This recommendation is for the Home Office. We will adopt its guidance.", "noted"),
        ("The force reviewed its staffing in March 2020.", "accepted"),
        ("Our decision is not to offer a payment, for the reasons below.", "not accepted"),
        ("", "none"),
    ],
)
def test_the_stance_of_an_answer(text, stance):
    assert stance_of(text)[0] == stance


def test_a_response_that_restates_each_recommendation_is_linked_to_the_report(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(
        "An inspection of custody\n\nPublished 3 March 2025\n\n"
        "Recommendation 1: The force should count every child detained overnight.\n\n"
        "Recommendation 2: The force should publish the figures each quarter.\n\n"
        "Recommendation 3: The Home Office should collect the figures nationally.\n"
    )
    response = tmp_path / "response.txt"
    response.write_text(
        "Response of the Commissioner\n\n17 April 2025\n\n"
        "Recommendation 1: The force should count every child detained overnight.\n\n"
        "Response: Accepted. The custody record now counts them.\n\n"
        "Recommendation 2: The force should publish the figures each quarter.\n\n"
        "Response: We do not accept this: the numbers are too small to publish safely.\n\n"
        "Yours sincerely,\n\nThe Commissioner\n"
    )
    matches = {match.label: match for match in match_response(report, response)}
    assert matches["Recommendation 1"].response == "Accepted. The custody record now counts them."
    assert matches["Recommendation 1"].stance == "accepted"
    assert matches["Recommendation 2"].stance == "not accepted"
    assert matches["Recommendation 3"].stance == "none" and matches["Recommendation 3"].response == ""


def test_a_letter_answering_several_together_is_matched_by_the_numbers_it_names(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(
        "Report\n\nPublished 3 March 2025\n\n"
        "Recommendation 1: Chief constables should train custody staff.\n\n"
        "Recommendation 2: Chief constables should audit custody records.\n\n"
        "Recommendation 3: The Home Office should fund research.\n"
    )
    response = tmp_path / "letter.txt"
    response.write_text(
        "Dear Home Secretary,\n\nOn recommendations 1 and 2, the force accepts both and has begun training.\n\n"
        "Recommendation 3 is a matter for the Home Office, and I note it.\n\nYours sincerely,\n"
    )
    matches = {match.label: match for match in match_response(report, response)}
    assert matches["Recommendation 1"].stance == matches["Recommendation 2"].stance == "accepted"
    assert "begun training" in matches["Recommendation 2"].response
    assert matches["Recommendation 3"].stance == "noted"


def test_the_command_prints_json_with_one_object_per_recommendation(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("Report\n\nPublished 3 March 2025\n\nRecommendation 1: The force should act.\n")
    response = tmp_path / "response.txt"
    response.write_text("Reply\n\nRecommendation 1: The force should act.\n\nResponse: Accepted.\n")
    call_command("match_response", str(report), str(response), "--json")
    (item,) = json.loads(capsys.readouterr().out)
    assert set(item) == {"label", "recommendation", "response", "stance", "confidence", "reason", "evidence"}
    assert item["stance"] == "accepted" and item["response"] == "Accepted."


def test_a_recommendation_numbered_another_way_is_found_by_its_number():
    from responses.matching import mentioned_numbers

    assert mentioned_numbers("Recommendation three") == ["3"]
    assert mentioned_numbers("R12") == ["12"]
    assert mentioned_numbers("Recommendations four and five are for the Home Office.") == ["4", "5"]
    assert mentioned_numbers("HMICFRS/R3 of 2019") == []  # part of a reference, not a heading's number


def test_a_status_column_wins_over_the_prose_and_the_deciding_words_are_quoted(tmp_path):
    import docx

    from documents import read_document
    from responses.linking import link_answers

    recommendation = "Chief constables should review how custody officers request local-authority beds."
    document = docx.Document()
    grid = document.add_table(rows=1, cols=3)
    for cell, title in zip(grid.rows[0].cells, ("Recommendation", "Response", "Status"), strict=True):
        cell.text = title
    row = grid.add_row().cells
    row[0].text = f"Recommendation 1: {recommendation}"
    row[1].text = "We welcome the aim and will not accept delay; the review began in May."
    row[2].text = "Partially accepted"
    document.save(tmp_path / "table.docx")
    (match,) = link_answers([("Recommendation 1", recommendation)], read_document(tmp_path / "table.docx"))
    assert (match.stance, match.reason) == ("partially accepted", "Partially accepted")
    assert match.confidence >= 0.9

    assert stance_of("We accept this in part: the form stays.")[2] == "accept this in part"


def test_a_letter_that_cites_no_number_is_linked_by_likeness_and_says_which_words(tmp_path):
    from documents import read_document
    from responses.linking import link_answers

    recommendations = [
        (
            "Recommendation 1",
            "Chief constables should review every vetting decision made with adverse information.",
        ),
        (
            "Recommendation 2",
            "Chief constables should publish the number of children detained overnight in custody.",
        ),
    ]
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Commissioner,\n\n"
        "We have published figures for children detained overnight in our custody suites every quarter.\n\n"
        "Every vetting decision made since 2020 where adverse information was found has been reviewed.\n\n"
        "Yours sincerely,\n",
        encoding="utf-8",
    )
    first, second = link_answers(recommendations, read_document(letter))
    assert first.response.startswith("Every vetting decision") and second.response.startswith(
        "We have published"
    )
    assert first.evidence.startswith("the passage most like it (words in common: vetting, decision, adverse")
    assert first.confidence <= 0.6 and second.confidence <= 0.6  # never more than a possible match


def test_a_letter_by_topic_answers_a_recommendation_and_its_parts_with_one_paragraph(tmp_path):
    from documents import read_document
    from responses.linking import link_answers

    recommendations = [
        (
            "Recommendation 1",
            "Chief constables should review every vetting decision made with adverse information.",
        ),
        ("Recommendation 2", "Within six months, chief constables should:"),
        ("2a", "record when a child tells a teacher or a doctor about abuse; and"),
        ("2b", "make sure interviews with children are planned around how each child communicates."),
        ("Recommendation 3", "The Home Office should fund research into why abuse is seldom reported."),
    ]
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Commissioner,\n\n"
        "Every vetting decision made since 2020 where adverse information was found has been reviewed.\n\n"
        "A new field on the crime record now captures what a child told a teacher or a doctor, and each "
        "interview with a child is planned around how that child communicates.\n\n"
        "Yours sincerely,\n",
        encoding="utf-8",
    )
    matches = {match.label: match for match in link_answers(recommendations, read_document(letter))}
    for label in ("Recommendation 2", "2a", "2b"):
        assert matches[label].response.startswith("A new field on the crime record"), label
    assert matches["Recommendation 1"].response.startswith("Every vetting decision")
    assert matches["Recommendation 3"].response == ""  # not answered: no family to share with


def test_an_answer_by_topic_in_other_words_is_found_by_where_it_stands_and_who_speaks(tmp_path):
    from documents import read_document
    from responses.linking import link_answers

    recommendations = [
        (
            "Recommendation 1",
            "Chief constables should review every vetting decision made with adverse information.",
        ),
        (
            "Recommendation 2",
            "The force must make sure that every use of force in custody is recorded fully and promptly.",
        ),
        (
            "Recommendation 3",
            "Chief constables should publish the number of children detained overnight in custody.",
        ),
        ("Recommendation 4", "The Home Office should fund research into why abuse is seldom reported."),
    ]
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Commissioner,\n\n"
        "Every vetting decision made since 2020 where adverse information was found has been reviewed.\n\n"
        "Accepted. We issued a reminder to every sergeant in March, and we check compliance each month.\n\n"
        "We have published figures for children detained overnight in our suites every quarter since May.\n\n"
        "Yours sincerely,\n",
        encoding="utf-8",
    )
    matches = {match.label: match for match in link_answers(recommendations, read_document(letter))}
    assert matches["Recommendation 2"].response.startswith("Accepted. We issued a reminder")
    assert matches["Recommendation 2"].stance == "accepted" and matches["Recommendation 2"].confidence <= 0.6
    assert matches["Recommendation 1"].response.startswith("Every vetting decision")
    assert matches["Recommendation 3"].response.startswith("We have published")
    assert matches["Recommendation 4"].response == ""  # a response may leave some unanswered
