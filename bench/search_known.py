"""Known-answer queries over real documents: the development set beside the checkout (../shared/realdocs,
skipped where absent) is loaded as history (`scrutiny ingest --history`, responses and statements
included, the kinds it skips skipped), and each counted labelled finding of a loaded report (not the
optional ones the development set's scorer leaves out) is looked for by a
distinctive phrase from it: the four neighbouring words of its text that are rarest among all stored
findings. It counts as found when one of the search's first three findings comes from that document and
holds those words. Prints the share found in the top three, and the line
`search_known db=<sqlite|postgresql> labelled=<n> top3=<share>`.

A labelled finding that intake did not extract cannot be found; those are counted apart
(`not extracted`), so the figure for the search is over what intake stored.
"""

import contextlib
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import configure  # noqa: E402  (bench scripts run as files, beside each other)

WORD = re.compile(r"[a-z]{3,}")
KINDS = ("recommendation", "area-for-improvement", "cause-of-concern")


def phrase(text: str, rarity: dict[str, float]) -> list[str]:
    words = WORD.findall(text.lower())[:80]
    if len(words) <= 4:
        return words
    windows = [words[at : at + 4] for at in range(len(words) - 3)]
    return max(windows, key=lambda window: sum(rarity.get(word, 10.0) for word in window))


def main() -> None:
    configure()
    from django.core.management import call_command
    from django.db import connection

    from accounts.roles import Role
    from accounts.testing import make_user
    from directory.services import load_reference_data
    from reports.extraction.scoring import realdocs_folder
    from reports.models import Finding, SourceDocument
    from search.finder import search
    from search.services import rebuild_index

    folder = realdocs_folder()
    if folder is None:
        print(json.dumps({"benchmark": "search: known answers", "result": "skipped: no realdocs"}))
        return
    call_command("migrate", verbosity=0)
    load_reference_data()
    started = time.perf_counter()
    # The README, the scorer and the label files are no reports: listed as failed, as they should be.
    with contextlib.suppress(SystemExit):
        call_command("ingest", str(folder), "--history", verbosity=0)
    rebuild_index()  # what the worker does after the ingest, here at once
    loaded = time.perf_counter() - started
    officer = make_user(username="known-answers", role=Role.OPCC_OFFICER)
    texts = list(Finding.objects.values_list("text", flat=True))
    frequency = Counter(word for text in texts for word in set(WORD.findall(text.lower())))
    rarity = {word: math.log(len(texts) / n) for word, n in frequency.items()}
    labelled = found = not_extracted = 0
    timings = []
    for expected in sorted(folder.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        source = SourceDocument.objects.filter(original_name__startswith=name + ".").first()
        if source is None:
            continue  # not a report (a response letter, a statement): not loaded as one
        stored = list(source.report.findings.values_list("pk", "text"))
        for finding in json.loads(expected.read_text(encoding="utf-8"))["findings"]:
            if finding.get("optional") or (finding.get("kind") or "").replace("_", "-") not in KINDS:
                continue
            labelled += 1
            words = phrase(finding["text"], rarity)
            holding = {pk for pk, text in stored if all(word in text.lower() for word in words)}
            if not holding:
                not_extracted += 1
                if os.environ.get("SCRUTINY_BENCH_SHOW_MISSES"):
                    print(f"not stored: {name}: {' '.join(words)}", file=sys.stderr)
                continue
            started = time.perf_counter()
            top = search(officer, " ".join(words)).keys[:3]
            timings.append((time.perf_counter() - started) * 1000)
            found += bool(holding & set(top))
    searched = labelled - not_extracted
    share = found / searched if searched else 0.0
    timings.sort()
    print(
        json.dumps(
            {
                "benchmark": "search: known answers (realdocs)",
                "labelled": labelled,
                "not extracted": not_extracted,
                "found in top 3": f"{found} of {searched} ({share:.2f})",
                "p95 ms": round(timings[int(len(timings) * 0.95) - 1], 1) if timings else None,
                "loading s": round(loaded, 1),
            }
        )
    )
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    line = f"search_known db={database} labelled={searched} top3={share:.3f}"
    print(line, file=sys.stderr)
    print(json.dumps({"benchmark": "search: known answers", "result": line}))


if __name__ == "__main__":
    main()
