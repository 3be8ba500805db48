"""Response matching on the labelled report/response pairs (tests/corpus/pairs): how often each
recommendation is linked to the passage that answers it, and how often its stance is read right.
Baseline in the same run: every recommendation left unanswered with stance "none". Then every real
response document of the development set (../shared/realdocs, skipped where absent), a row each, ending
with the lines `realdocs_link=` and `realdocs_stance=` (nothing in matching learns yet, so nothing is
held out)."""

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
    real()


def real() -> None:
    from reports.extraction.scoring import realdocs_folder
    from reports.services import force_names
    from responses.match_scoring import PairScore, score_real_responses

    folder = realdocs_folder()
    if folder is None:
        print(json.dumps({"benchmark": "matching (real responses)", "result": "skipped: no realdocs"}))
        return
    start = time.perf_counter()
    results = score_real_responses(folder, forces=force_names())
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
                    "benchmark": "matching (real responses)",
                    "case": result.name,
                    "linked": f"{score.matched}/{score.compared}",
                    "stance": f"{score.stance_right}/{score.compared}",
                }
            )
        )
    print(
        json.dumps(
            {
                "benchmark": "matching (real responses)",
                "case": f"all ({len(results)} documents)",
                "linked": f"{total.matched}/{total.compared}",
                "stance": f"{total.stance_right}/{total.compared}",
                "seconds": round(seconds, 2),
            }
        )
    )
    print(f"realdocs_link={total.matching_accuracy:.3f}", file=sys.stderr)
    print(f"realdocs_stance={total.stance_accuracy:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
