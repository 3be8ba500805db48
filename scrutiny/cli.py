"""`scrutiny`: the one command for running and looking after Scrutiny.

Each subcommand is a thin wrapper around a Django management command, so what the CLI does, the tests,
cron jobs and `manage.py` can do too. Every command honours SCRUTINY_DATA_DIR and DATABASE_URL.
"""

import argparse
import os
import sys

COMMANDS = {
    # name: (management command, help)
    "serve": (
        None,
        "Serve Scrutiny with gunicorn, static files included (http://127.0.0.1:8000 by default).",
    ),
    "migrate": ("migrate", "Create or update the database tables."),
    "load-reference": (
        "load_reference",
        "Load forces, bodies, local authorities, inspectorates, report types.",
    ),
    "extract": ("extract", "Print a document's findings (PATH --json for JSON); stores nothing."),
    "intake": (
        "intake",
        "The learned intake: `evaluate FOLDER` (scored on documents it did not learn from), `train`, "
        "`export-labels REPORT`.",
    ),
    "ingest": (
        "ingest",
        "Store reports and findings from files or folders; the same file twice changes nothing.",
    ),
    "deadlines": ("deadlines", "Print section 55 deadlines: overdue and due within 7, 14 and 28 days."),
    "remind": (
        "remind",
        "E-mail responses due soon or overdue, referral follow-ups and tracked actions; never twice a day.",
    ),
    "tracking": (
        "tracking",
        "Tracked actions: `panel-report --quarter 2026Q3 --office cheshire` (Word, PDF, Excel annex).",
    ),
    "search": (
        "search",
        "The search index: `rebuild [--batch-size N]` refills it from every record, with a progress bar.",
    ),
    "match-response": (
        "match_response",
        "Link a response to a report's recommendations (REPORT RESPONSE --json); stores nothing.",
    ),
    "custody": (
        "custody",
        "Children in custody: `synth` (synthetic file), `import FILE` (with progress), `purge` (retention).",
    ),
    "worker": (
        "db_worker",
        "Run background work (large and scanned reports, comment linking, imports, exports) until stopped.",
    ),
    "demo": ("demo", "Load reference data and the demo scenario, and print how to sign in. Safe to rerun."),
    "createsuperuser": ("createsuperuser", "Create an administrator account."),
    "check": ("check", "Check the configuration for problems."),
    "manage": (None, "Run any Django management command: scrutiny manage COMMAND [ARGS…]."),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrutiny",
        description="Scrutiny: inspection reports, section 55 responses and the recommendations behind them.",
        epilog="Data (SQLite database, uploads) lives in ./data unless SCRUTINY_DATA_DIR names another folder; "
        "set DATABASE_URL to use PostgreSQL.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (_, help_text) in COMMANDS.items():
        # A wrapped command's own --help is the management command's (its actions and options), so it is
        # passed through rather than answered here with only the one line above.
        sub = commands.add_parser(name, help=help_text, description=help_text, add_help=name == "serve")
        if name == "serve":
            sub.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
            sub.add_argument("--port", type=int, default=8000, help="Port to listen on (default 8000).")
            sub.add_argument("--workers", type=int, default=2, help="Web worker processes (default 2).")
            sub.add_argument(
                "--no-background-worker",
                action="store_true",
                help="Do not start `scrutiny worker` beside the server (run it yourself, or elsewhere).",
            )
    return parser


def check_port(host: str, port: int | str) -> None:
    """Stop with one line, before anything starts, when the server could not listen on host:port.

    The probe reuses addresses as gunicorn does, so only a listener counts as taking the port, not the
    closing connections of a server just stopped."""
    import errno
    import socket

    if not str(port).isdigit() or not 1 <= int(port) <= 65535:  # 0 would serve on a port nobody named
        raise SystemExit(f"The port must be a number from 1 to 65535 (PORT=8080), not {port!r}.")
    port = int(port)

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SystemExit(
                    f"Port {port} on {host} is taken by another program: choose another, "
                    f"e.g. `make run PORT=8080` or `scrutiny serve --port 8080`."
                ) from None
            raise SystemExit(f"Cannot serve on {host}:{port}: {error.strerror}.") from None


def serve(host: str, port: int, workers: int, background: bool = True) -> None:
    import atexit
    import subprocess

    from django.conf import settings
    from django.core.management import call_command
    from gunicorn.app.wsgiapp import run

    check_port(host, port)
    call_command("collectstatic", interactive=False, verbosity=0)
    if background:  # the background worker runs beside the server and stops with it
        worker = subprocess.Popen([sys.executable, "-m", "scrutiny.cli", "worker", "--no-startup-delay"])
        server = os.getpid()  # gunicorn's forked web workers inherit atexit: only the server stops it
        atexit.register(lambda: os.getpid() == server and worker.terminate())
        print(f"The background worker is running (process {worker.pid}).", flush=True)
    print(f"Scrutiny is serving on http://{host}:{port}/ (Ctrl+C stops it)", flush=True)
    sys.argv = [
        "scrutiny serve",
        "scrutiny.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",  # none unless SCRUTINY_BEHIND_PROXY: a header anyone could send
        ",".join(settings.SCRUTINY_PROXY_ADDRESSES),
    ]
    run()


def main(argv: list[str] | None = None) -> None:
    os.umask(0o077)  # the database, uploads and exports this process writes are its user's alone
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    parser = build_parser()
    # Options after the command go to the management command it wraps (e.g. `scrutiny migrate --plan`).
    options, extra = parser.parse_known_args(argv)
    if options.command is None:
        parser.print_help()
        raise SystemExit(2)
    if options.command == "serve" and extra:
        parser.error(f"serve does not take {' '.join(extra)}")
    import django
    from django.db.utils import OperationalError, ProgrammingError

    django.setup()
    try:
        run(options, extra)
    except (OperationalError, ProgrammingError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            raise SystemExit("The database is not set up yet: run `scrutiny migrate` first.") from None
        raise


def run(options, extra: list[str]) -> None:
    from django.core.management import execute_from_command_line

    if options.command == "serve":
        serve(options.host, options.port, options.workers, background=not options.no_background_worker)
    elif options.command == "manage":
        execute_from_command_line(["scrutiny manage", *extra])
    else:
        execute_from_command_line(["scrutiny", COMMANDS[options.command][0], *extra])


if __name__ == "__main__":
    main()
