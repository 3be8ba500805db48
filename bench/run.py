"""Run every benchmark under bench/ on each available database and print one table."""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (script, run once per database?)
BENCHMARKS = [
    ("pages.py", True),
    ("custody.py", True),
    ("tracker.py", True),
    ("search.py", True),
    ("search_known.py", True),
    ("grouping.py", True),
    ("extraction.py", False),
    ("intake.py", False),
    ("matching.py", False),
    ("load.py", False),
]


def databases() -> list[tuple[str, str | None]]:
    found = [("SQLite", None)]
    url = os.environ.get("SCRUTINY_BENCH_DATABASE_URL") or os.environ.get("SCRUTINY_TEST_DATABASE_URL")
    if url:
        found.append(("PostgreSQL", url.rsplit("/", 1)[0] + "/scrutiny_bench"))
    return found


def run(script: str, database: str | None) -> list[dict]:
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    if database:
        env["SCRUTINY_BENCH_DATABASE_URL"] = database
    result = subprocess.run([sys.executable, str(HERE / script)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"benchmark {script} failed")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    rows = []
    for script, per_database in BENCHMARKS:
        for name, url in databases() if per_database else [("", None)]:
            print(f"running {script}{' on ' + name if name else ''}…", file=sys.stderr, flush=True)
            rows += [{"database": name, **row} for row in run(script, url)]
    headers = []
    for row in rows:
        headers += [key for key in row if key not in headers]
    table = [[str(row.get(key, "")) for key in headers] for row in rows]
    widths = [max(len(header), *(len(line[i]) for line in table)) for i, header in enumerate(headers)]
    print(" | ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True)))
    print("-+-".join("-" * width for width in widths))
    for line in table:
        print(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))


if __name__ == "__main__":
    main()
