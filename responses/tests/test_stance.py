"""The learned stance model: what it reads, what it never reads, and how it does on answers it did not
learn from."""

import json

import pytest

from responses.stance import Labelled, read_stance, shipped, train, written_answers


@pytest.mark.parametrize(
    "answer",
    [
        "Not agreed. The force keeps its present policy.",
        "We are unable to support this recommendation, as it needs primary legislation.",
        "The department has decided not to take this forward.",
        "Not accepted: the force already does this.",
        "The Chief Constable does not agree, and will not accept a target he cannot measure.",
    ],
)
def test_not_accepted_is_never_read_as_accepted(answer):
    """By the shipped model, and by one that learned from nothing but accepted answers: refusing is
    never accepting, whatever the words around it."""
    stance, _, reason = read_stance(answer)
    assert stance == "not accepted" and reason
    naive = train(
        [Labelled("We accept this and have done it.", "accepted", "a"), *written_answers()[:3]]
        + [Labelled("Noted; this is for the Home Office.", "noted", "b")] * 2
    )
    assert naive.read(answer)[0] != "accepted"


def test_a_status_column_wins_over_prose():
    stance, sure, reason = read_stance("We welcome and accept this recommendation in full.", "Not accepted")
    assert (stance, reason) == ("not accepted", "Not accepted") and sure >= 0.95
    assert read_stance("We do not accept this.", "Partially accepted")[0] == "partially accepted"


def test_the_phrase_that_decided_it_is_quoted():
    partly = read_stance("Partially accepted. The first part is done; the second is for the council.")
    assert partly[0::2] == ("partially accepted", "Partially accepted")
    noted = read_stance("This recommendation is for the Home Office, which will reply.")
    assert noted[0::2] == ("noted", "This recommendation is for")


def test_the_shipped_model_holds_words_and_word_pairs_never_sentences():
    """The weights are shipped in the repository: no feature longer than a word pair, so no sentence of
    a document it learned from is stored; it says what it learned from."""
    model = shipped()
    assert all(len(name.split()) <= 2 for name in model.weights if name.startswith("w:"))
    assert model.trained_on["answers"] >= 200 and model.trained_on["responses"]
    assert set(model.stances) == {"accepted", "partially accepted", "noted", "not accepted"}
    json.dumps(model.as_json())


def test_held_out_models_never_learn_from_the_response_they_read():
    from responses.shapes import HeldOut

    examples = [
        Labelled("We accept this.", "accepted", "one"),
        Labelled("Not accepted.", "not accepted", "two"),
        Labelled("Not accepted", "not accepted", "two", "table"),
        *written_answers(),
    ]
    held_out = HeldOut(examples)
    held_out.stance("two", "table")
    held_out.stance("one", "restated")
    assert held_out.made.keys() == {("two", "table"), ("one", "")}  # no table variants of "one"


def test_stance_on_real_responses_it_did_not_learn_from():
    """Leave one document out, on the development set's real responses (skipped where absent): each
    document's answers are read by a model trained without it; 17 of 19 (the rule-based reader, 16)."""
    from reports.extraction.scoring import realdocs_folder
    from reports.services import force_names
    from responses.match_scoring import score_real_responses
    from responses.shapes import HeldOut, labelled_answers

    folder = realdocs_folder()
    if folder is None:
        pytest.skip("../shared/realdocs is not beside this checkout")
    results = score_real_responses(folder, force_names(), HeldOut(labelled_answers(folder)))
    compared = sum(result.score.compared for result in results)
    right = sum(result.score.stance_right for result in results)
    misses = "\n".join(miss for result in results for miss in result.score.misses)
    assert compared >= 19 and right / compared >= 0.89, misses


def test_links_on_real_responses_it_did_not_learn_from():
    """Leave one document out for the linking weights too: each real response is read once, and its
    answers linked by weights learned from the other responses and the generated shapes (skipped where
    ../shared/realdocs is absent); 16 of 19, as the hand weights did in-sample."""
    from documents import read_document
    from reports.extraction.scoring import realdocs_folder
    from reports.services import force_names
    from responses.linking import prepare
    from responses.match_scoring import real_responses, score_real_responses
    from responses.shapes import HeldOut, Reading, labelled_answers

    folder = realdocs_folder()
    if folder is None:
        pytest.skip("../shared/realdocs is not beside this checkout")
    read = []
    for document, recommendations, answers in real_responses(folder):
        given = {answer["label"]: answer["response_text"] for answer in answers}
        prepared = prepare(recommendations, read_document(document), force_names())
        read.append(
            Reading(document.name, "", prepared, [given.get(label, "") for label, _ in recommendations])
        )
    held_out = HeldOut(labelled_answers(folder), read)
    results = score_real_responses(folder, force_names(), held_out)
    assert all(key != ("", "") and key[0] for key in held_out.links_made)  # one model per document left out
    compared = sum(result.score.compared for result in results)
    linked = sum(result.score.matched for result in results)
    misses = "\n".join(miss for result in results for miss in result.score.misses)
    assert linked / compared >= 0.84, misses


def test_a_passage_naming_several_numbers_answers_each_and_a_restatement_never_answers(tmp_path):
    from documents import read_document
    from responses.linking import link_answers

    recommendations = [
        ("Recommendation 1", "The force should count every child detained overnight in custody."),
        ("Recommendation 2", "The Home Office should publish national figures on children in custody."),
        ("Recommendation 3", "The Home Office should fund local authority beds for children charged."),
    ]
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Response to the report\n\nRecommendation 1\n\n"
        "The force should count every child detained overnight in custody.\n\n"
        "We accept this. Counting began in May and the figures go to the panel each quarter.\n\n"
        "Recommendations 2 and 3\n\nBoth of these are for the Home Office, and we note them.\n\n"
        "Yours sincerely,\n",
        encoding="utf-8",
    )
    first, second, third = link_answers(recommendations, read_document(letter))
    assert first.response.startswith("We accept this") and first.stance == "accepted"
    assert second.response == third.response and "for the Home Office" in second.response
    assert (second.stance, third.stance) == ("noted", "noted")
