"""A real server under load: 20 people browsing while the worker links a 400 KB comments document and OCRs
a scanned report.

`scrutiny serve` (as `make run` starts it: the web server with its default workers, and the background
worker beside it) on loopback, on a fresh SQLite database in a temporary folder. Twenty signed-in
officers each browse the office's pages in a loop, with no pause, first while nothing else runs (the
idle baseline), then while an officer uploads the chief officer's comments (a Word file of about 400 KB,
linked in the worker) and a two-page scanned report (OCR in the worker), until both jobs have ended.

Prints one JSON object per phase (requests, failed requests, median and 95th-percentile page time) and
per background job (how it ended and how long it took). A failed request is a 5xx, a refused or dropped
connection, or no answer within 30 seconds. Nothing here asserts a time.
"""

import io
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERS, IDLE_REQUESTS_EACH, TIMEOUT, LONGEST_LOADED_PHASE = 20, 15, 30, 900
PASSWORD = "bench-password-not-secret-1"


def configure(data: Path) -> dict:
    env = {
        **os.environ,
        "SCRUTINY_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "scrutiny.settings",
        # 21 people sign in from one address here: the per-address sign-in limit is for the open internet
        "SCRUTINY_SIGN_IN_RATE": "10000/m",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return env


def prepare() -> int:
    """Reference data, the people, and a report whose Cheshire obligation will receive the comments."""
    from django.core.management import call_command

    from accounts.models import Role, User
    from directory.models import Force, LocalPolicingBody, ReportType
    from directory.services import load_reference_data
    from reports.models import Finding
    from reports.services import FindingInput, create_report

    call_command("migrate", verbosity=0)
    load_reference_data()
    office = LocalPolicingBody.objects.filter(force__code="cheshire").current().get()
    for n in range(USERS + 1):
        User.objects.create_user(
            username=f"load{n}", password=PASSWORD, role=Role.OPCC_OFFICER, office=office, first_name="Load"
        )
    report = create_report(
        title="Custody inspection for the load benchmark",
        report_type=ReportType.objects.get(code="peel"),
        published_on=date.today(),
        inspectorates=[],
        forces=[Force.objects.get(code="cheshire")],
        findings=[
            FindingInput(
                kind=Finding.Kind.RECOMMENDATION,
                label=f"Recommendation {n}",
                text=f"Within six months the force should improve custody record {n} for every child.",
            )
            for n in range(1, 31)
        ],
    )
    return report.obligations.get().pk


def comments_docx(size: int = 400_000) -> bytes:
    """The chief officer's comments, answering each recommendation at length, to about `size` bytes."""
    import docx

    rng = random.Random(56)
    words = [
        "custody",
        "child",
        "force",
        "officer",
        "review",
        "record",
        "transfer",
        "accommodation",
        "authority",
        "plan",
    ]
    document = docx.Document()
    document.add_heading("Comments of the Chief Constable", 1)
    number = 0
    while True:
        for _ in range(40):
            number += 1
            document.add_heading(f"Recommendation {number % 30 + 1}", 2)
            document.add_paragraph(" ".join(rng.choice(words) + str(rng.randint(0, 999)) for _ in range(120)))
        out = io.BytesIO()
        document.save(out)
        if out.tell() >= size:
            return out.getvalue()


def scanned_pdf() -> bytes:
    """Two A4 pages of a report as images only, no text layer: reading it needs OCR."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=30)
    pages = []
    for page in range(2):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        lines = ["Inspection of custody arrangements", "Published 3 March 2025", ""] if page == 0 else []
        lines += [
            f"Recommendation {page * 6 + n}: the force should review custody record {n}." for n in range(6)
        ]
        for row, line in enumerate(lines):
            draw.text((100, 120 + row * 70), line, fill=0, font=font)
        pages.append(image.convert("RGB"))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "scrutiny.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import requests

    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/accessibility/", timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    stop(server)
    raise SystemExit("the server did not start")


def stop(server: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def sign_in(base: str, username: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/sign-in/", timeout=TIMEOUT).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = session.post(
        f"{base}/sign-in/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{base}/sign-in/"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200 and "sign-out" in answer.text, f"{username} could not sign in"
    return session


def post_form(session, base: str, path: str, fields: dict, files: dict) -> str:
    """Send a form as a browser would (its CSRF token from the page); return where it led."""
    page = session.get(f"{base}{path}", timeout=TIMEOUT).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = session.post(
        f"{base}{path}",
        data={"csrfmiddlewaretoken": token, **fields},
        files=files,
        headers={"Referer": f"{base}{path}"},
        timeout=120,
        allow_redirects=False,
    )
    if answer.status_code != 302:
        errors = re.findall(r'<a href="#[^"]*">([^<]+)</a>', answer.text)
        raise SystemExit(f"{path} answered {answer.status_code}: {errors}")
    return answer.headers["Location"]


class Browsing:
    """USERS people browsing in threads; each request's time and whether it failed."""

    def __init__(self, base: str, sessions: list, pages: list[str]):
        self.base, self.sessions, self.pages = base, sessions, pages
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.failures: list[str] = []

    def browse(self, session, stop: threading.Event | None, count: int | None, seed: int) -> None:
        import requests

        rng = random.Random(seed)
        done = 0
        while (count is None or done < count) and not (stop is not None and stop.is_set()):
            path = rng.choice(self.pages)
            start = time.perf_counter()
            try:
                status = session.get(f"{self.base}{path}", timeout=TIMEOUT).status_code
                failed = f"{path}: {status}" if status >= 500 else None
            except requests.RequestException as error:
                failed = f"{path}: {type(error).__name__}"
            elapsed = (time.perf_counter() - start) * 1000
            with self.lock:
                self.times.append(elapsed)
                if failed:
                    self.failures.append(failed)
            done += 1

    def run(self, *, count: int | None = None, stop: threading.Event | None = None) -> None:
        threads = [
            threading.Thread(target=self.browse, args=(session, stop, count, n))
            for n, session in enumerate(self.sessions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def row(self, phase: str, seconds: float) -> dict:
        ordered = sorted(self.times)
        return {
            "benchmark": "load",
            "case": phase,
            "users": len(self.sessions),
            "requests": len(ordered),
            "failed": len(self.failures),
            "seconds": round(seconds, 1),
            "median ms": round(statistics.median(ordered), 1),
            "p95 ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        }


def say(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="scrutiny-load-"))
    env = configure(data)
    obligation = prepare()
    from core.models import Job
    from reports.models import Report

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    say("starting the server and its worker")
    server = start_server(env, port)
    try:
        say("signing in")
        sessions = [sign_in(base, f"load{n}") for n in range(USERS)]
        officer = sign_in(base, f"load{USERS}")
        report = Report.objects.get()
        pages = [
            "/",
            "/reports/",
            f"/reports/{report.pk}/",
            "/findings/",
            "/deadlines/",
            f"/obligations/{obligation}/",
        ]

        say("idle baseline")
        idle = Browsing(base, sessions, pages)
        started = time.perf_counter()
        idle.run(count=IDLE_REQUESTS_EACH)
        print(
            json.dumps(idle.row("baseline: browsing, worker idle", time.perf_counter() - started)), flush=True
        )

        comments, scan = comments_docx(), scanned_pdf()
        say(f"uploading the comments ({len(comments) // 1000} KB) and the scan, browsing until both jobs end")
        loaded, stop_browsing = Browsing(base, sessions, pages), threading.Event()
        browsing = threading.Thread(target=loaded.run, kwargs={"stop": stop_browsing})
        started = time.perf_counter()
        browsing.start()
        try:
            jobs = [
                post_form(
                    officer,
                    base,
                    f"/obligations/{obligation}/comments/",
                    {
                        "received_on_day": str(date.today().day),
                        "received_on_month": str(date.today().month),
                        "received_on_year": str(date.today().year),
                    },
                    {"document": ("comments.docx", comments, "application/octet-stream")},
                ),
                post_form(
                    officer,
                    base,
                    "/reports/upload/",
                    {"history": "current"},
                    {"document": ("scan.pdf", scan, "application/pdf")},
                ),
            ]
            job_ids = [int(re.search(r"/(\d+)/?$", location).group(1)) for location in jobs]
            deadline = time.monotonic() + LONGEST_LOADED_PHASE
            while time.monotonic() < deadline:
                if all(job.state in ("done", "failed") for job in Job.objects.filter(pk__in=job_ids)):
                    break
                time.sleep(1)
        finally:
            stop_browsing.set()
            browsing.join()
        print(
            json.dumps(
                loaded.row(
                    "browsing while the worker links comments and OCRs a scan", time.perf_counter() - started
                )
            ),
            flush=True,
        )
        for job in Job.objects.filter(pk__in=job_ids).order_by("pk"):
            took = (
                (job.finished_at - job.started_at).total_seconds()
                if job.finished_at and job.started_at
                else None
            )
            print(
                json.dumps(
                    {
                        "benchmark": "load",
                        "case": f"background job: {job.kind}",
                        "state": job.state,
                        "seconds": round(took, 1) if took is not None else "did not finish",
                        "message": job.message[:60],
                    }
                ),
                flush=True,
            )
        for failure in (idle.failures + loaded.failures)[:10]:
            print(f"failed: {failure}", file=sys.stderr)
    finally:
        stop(server)


if __name__ == "__main__":
    main()
