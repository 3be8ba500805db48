"""Response matching on the labelled report/response pairs (tests/corpus/pairs): how often each
recommendation is linked to the passage that answers it, and how often its stance is read right.
Baseline in the same run: every recommendation left unanswered with stance "none" (the pairs are
scored by the shipped models, which learned from them). Then every real response document of the
development set (../shared/realdocs, skipped where absent), a row each, each read by models trained
without it (leave one document out), ending with the lines `realdocs_link=` and `realdocs_stance=`; and
the labelled answers written in each shape, each read by models trained on neither that response nor
that shape (leave one shape out).

`--train` trains the shipped models (stance, links, and the paragraph round for letters answering by
topic) on every labelled answer and writes them to responses/trained/."""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    import django

    django.setup()
    if "--train" in sys.argv:
        train()
        return
    from reports.services import force_names
    from responses.match_scoring import labelled_pairs, score_pairs

    pairs = labelled_pairs()
    start = time.perf_counter()
    score = score_pairs(forces=force_names())
    seconds = time.perf_counter() - start
    answers = [answer for _, _, data in pairs for answer in data["answers"]]
    unanswered = sum(1 for answer in answers if answer["stance"] == "none")
    baseline = unanswered / len(answers) if answers else 0.0
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "case": f"baseline: leave all unanswered ({len(pairs)} pairs)",
                "precision": round(baseline, 3),
                "found/expected": f"{unanswered}/{len(answers)}",
            }
        )
    )
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "case": "matching accuracy (right passage)",
                "precision": round(score.matching_accuracy, 3),
                "found/expected": f"{score.matched}/{score.compared}",
                "extract s": round(seconds, 2),
            }
        )
    )
    print(
        json.dumps(
            {
                "benchmark": "matching",
                "case": "stance accuracy",
                "precision": round(score.stance_accuracy, 3),
                "found/expected": f"{score.stance_right}/{score.compared}",
            }
        )
    )
    from reports.extraction.scoring import realdocs_folder
    from responses.shapes import HeldOut, labelled_answers, readings

    folder = realdocs_folder()  # with the corpus's answers alone where the development set is absent
    start = time.perf_counter()
    held_out = HeldOut(labelled_answers(folder), readings(folder, force_names()))
    print(
        json.dumps(
            {
                "benchmark": "matching (held out)",
                "case": f"every labelled response read once ({len(held_out.read)})",
                "seconds": round(time.perf_counter() - start, 2),
            }
        )
    )
    real(held_out)
    shapes(folder, held_out)
    speed()


def speed(count: int = 300) -> None:
    """Linking a response to a report of `count` recommendations (the corpus's answered recommendations
    repeated, each made distinct), restated and as a narrative letter: CPU seconds of one core."""
    from responses.comments import typed_document
    from responses.linking import link_answers
    from responses.shapes import Answered, narrative, restated, sources

    pool = [answered for source in sources(None) for answered in source.answered]
    answered = [
        Answered(
            f"Recommendation {n}",
            f"{pool[n % len(pool)].recommendation} (item {n})",
            f"{pool[n % len(pool)].answer} Reference {n}.",
            pool[n % len(pool)].stance,
        )
        for n in range(1, count + 1)
    ]
    recommendations = [(a.label, a.recommendation) for a in answered]
    for shape, text in (("restated", restated(answered)), ("narrative", narrative(answered))):
        document = typed_document(text)
        start = time.process_time()
        link_answers(recommendations, document)
        seconds = time.process_time() - start
        print(
            json.dumps(
                {
                    "benchmark": "matching speed",
                    "case": f"{count} recommendations, {shape} response",
                    "cpu s": round(seconds, 2),
                    "per recommendation ms": round(seconds / count * 1000, 1),
                }
            )
        )
        print(f"link_{count}_{shape}_cpu_s={seconds:.2f}", file=sys.stderr)


def train() -> None:
    """Train the stance model on every labelled answer (the development set's too, where present), and the
    linking and paragraph models on every labelled response read, and write each, with what it learned
    from, to responses/trained/ (stance.json, links.json, paragraphs.json)."""
    from collections import Counter

    from reports.extraction.scoring import realdocs_folder
    from reports.services import force_names
    from responses.linking import train as train_links
    from responses.linking import training_pairs
    from responses.paragraphs import train as train_paragraphs
    from responses.paragraphs import training_pairs as paragraph_pairs
    from responses.shapes import labelled_answers, readings
    from responses.stance import TRAINED, train

    examples = labelled_answers(realdocs_folder())
    sources = sorted({example.source for example in examples if not example.source.startswith("written")})
    trained_on = {
        "answers": len(examples),
        "stances": dict(Counter(example.stance for example in examples)),
        "shape variants": dict(Counter(example.shape for example in examples if example.shape)),
        "written for Scrutiny": "responses/trained/answers.txt",
        "responses": sources,
    }
    model = train(examples, trained_on)
    path = TRAINED / "stance.json"
    path.write_text(json.dumps(model.as_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{path}: {len(model.weights)} features from {len(examples)} answers")
    read = readings(realdocs_folder(), force_names())
    rows, labels = [], []
    for reading in read:
        more_rows, more_labels = training_pairs(reading.prepared, reading.answers)
        rows += more_rows
        labels += more_labels
    trained_on = {
        "pairs": len(rows),
        "answering pairs": sum(labels),
        "responses read": sorted({f"{reading.source} {reading.shape}".strip() for reading in read}),
    }
    links = train_links(rows, labels, trained_on)
    path = TRAINED / "links.json"
    path.write_text(json.dumps(links.as_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{path}: {links.weights} from {len(rows)} pairs")
    rows, labels = [], []
    for reading in read:
        texts = [text for _, text in reading.prepared.recommendations]
        more_rows, more_labels = paragraph_pairs(texts, reading.prepared.document, reading.answers)
        rows += more_rows
        labels += more_labels
    trained_on = {**trained_on, "pairs": len(rows), "answering pairs": sum(labels)}
    paragraphs = train_paragraphs(rows, labels, trained_on)
    path = TRAINED / "paragraphs.json"
    path.write_text(json.dumps(paragraphs.as_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{path}: {paragraphs.weights} from {len(rows)} pairs")


def real(held_out) -> None:
    from reports.extraction.scoring import realdocs_folder
    from reports.services import force_names
    from responses.match_scoring import PairScore, score_real_responses

    folder = realdocs_folder()
    if folder is None:
        print(json.dumps({"benchmark": "matching (real responses)", "result": "skipped: no realdocs"}))
        return
    start = time.perf_counter()
    results = score_real_responses(folder, forces=force_names(), held_out=held_out)
    seconds = time.perf_counter() - start
    total = PairScore()
    for result in results:
        score = result.score
        total.compared += score.compared
        total.matched += score.matched
        total.stance_right += score.stance_right
        print(
            json.dumps(
                {
                    "benchmark": "matching (real responses, held out)",
                    "case": result.name,
                    "linked": f"{score.matched}/{score.compared}",
                    "stance": f"{score.stance_right}/{score.compared}",
                }
            )
        )
    print(
        json.dumps(
            {
                "benchmark": "matching (real responses, held out)",
                "case": f"all ({len(results)} documents, each left out)",
                "linked": f"{total.matched}/{total.compared}",
                "stance": f"{total.stance_right}/{total.compared}",
                "seconds": round(seconds, 2),
            }
        )
    )
    print(f"realdocs_link={total.matching_accuracy:.3f}", file=sys.stderr)
    print(f"realdocs_stance={total.stance_accuracy:.3f}", file=sys.stderr)


def shapes(folder, held_out) -> None:
    """The labelled answers (real and corpus) written in each shape responses take: a row per shape."""
    from reports.services import force_names
    from responses.shapes import ShapeScore, score_shapes

    start = time.perf_counter()
    scores = score_shapes(folder, forces=force_names(), held_out=held_out)
    seconds = time.perf_counter() - start
    for shape, by_source in scores.items():
        total = ShapeScore()
        for score in by_source.values():
            total.add(score)
        print(
            json.dumps(
                {
                    "benchmark": "matching (generated shapes, shape and response held out)",
                    "case": f"{shape} ({len(by_source)} responses)",
                    "linked": f"{total.linked}/{total.compared}",
                    "stance": f"{total.stance_right}/{total.compared}",
                    "seconds": round(seconds, 2),
                }
            )
        )
        print(f"shape_{shape.replace('-', '_')}_link={total.link:.3f}", file=sys.stderr)
        print(f"shape_{shape.replace('-', '_')}_stance={total.stance:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
