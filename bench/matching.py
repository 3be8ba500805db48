"""Response matching on the labelled report/response pairs (tests/corpus/pairs): how often each
recommendation is linked to the passage that answers it, and how often its stance is read right.
Baseline in the same run: every recommendation left unanswered with stance "none"."""

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


if __name__ == "__main__":
    main()
