"""The learned intake scored on documents it did not learn from (`scrutiny intake evaluate`), on the
development set beside the checkout (../shared/realdocs); skipped where it is absent. Prints the command's
`realdocs_…=` lines (held-out F1, and each held-out PDF's agreement with its text and web-page variants), and
a row of each for the table."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    folder = Path(os.environ.get("SCRUTINY_REALDOCS") or ROOT.parent / "shared" / "realdocs")
    if not any(folder.glob("*.expected.json")):
        print(json.dumps({"benchmark": "intake (learned, held out)", "result": "skipped: no realdocs"}))
        return
    started = time.perf_counter()
    scrutiny = Path(sys.executable).with_name("scrutiny")
    result = subprocess.run(
        [str(scrutiny), "intake", "evaluate", str(folder)], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        print(json.dumps({"benchmark": "intake (learned, held out)", "result": result.stderr[-300:]}))
        return
    for line in result.stdout.splitlines():
        if line.startswith("realdocs_"):
            name, value = line.split("=", 1)
            print(line, file=sys.stderr)
            print(json.dumps({"benchmark": f"intake {name}", "result": value, "seconds": round(seconds, 1)}))
    formats(folder)


def formats(folder: Path) -> None:
    """Each development PDF (the labelled set's and the synthetic corpus's born-digital ones) as plain text
    and as a web page built from its blocks: the share of its findings found the same, read by the shipped
    model, which learned from these documents (the held-out figures are the evaluation's
    `realdocs_same_as_text=` and `realdocs_same_as_html=` lines above)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from reports.extraction.formats import agreement
    from reports.extraction.scoring import CORPUS, corpus_documents

    started = time.perf_counter()
    held = {"text": [0, 0], "html": [0, 0]}
    ours = [path for path, expected in corpus_documents(CORPUS) if expected["input"] == "pdf"]
    for path in sorted(folder.glob("*.pdf")) + ours:
        for name, (same, compared) in agreement(path).items():
            held[name][0] += same
            held[name][1] += compared
    seconds = time.perf_counter() - started
    for name, (same, compared) in held.items():
        share = same / compared if compared else 1.0
        print(f"intake_same_findings_as_{name}={share:.3f}", file=sys.stderr)
        print(
            json.dumps(
                {
                    "benchmark": f"intake: a PDF's findings found again from its {name}",
                    "result": f"{share:.3f} ({same} of {compared})",
                    "seconds": round(seconds, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
