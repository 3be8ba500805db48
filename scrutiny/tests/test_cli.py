import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]


def scrutiny(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "scrutiny.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_help_lists_every_command():
    result = scrutiny("--help")
    assert result.returncode == 0
    for name in ["serve", "demo", "migrate", "load-reference", "manage"]:
        assert name in result.stdout


def test_every_command_has_help():
    parser = build_parser()
    for name in COMMANDS:
        assert parser.parse_args([name]).command == name


def test_a_wrapped_commands_help_shows_its_actions_and_options(tmp_path):
    env = {"SCRUTINY_DATA_DIR": str(tmp_path)}
    result = scrutiny("custody", "--help", env=env)
    assert result.returncode == 0 and "synth" in result.stdout and "import" in result.stdout
    result = scrutiny("custody", "import", "--help", env=env)
    assert result.returncode == 0 and "path" in result.stdout and "--map" in result.stdout


def test_no_command_prints_help_and_fails():
    result = scrutiny()
    assert result.returncode == 2 and "commands" in result.stdout


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="exercises the SQLite data directory")
def test_commands_honour_the_data_directory(tmp_path):
    env = {"SCRUTINY_DATA_DIR": str(tmp_path)}
    assert scrutiny("migrate", "--no-input", env=env).returncode == 0
    result = scrutiny("demo", env=env)
    assert result.returncode == 0, result.stderr
    assert "Sign in at http://127.0.0.1:8000/sign-in/ as demo-officer" in result.stdout
    assert (tmp_path / "scrutiny.sqlite3").exists()
    again = scrutiny("demo", env=env)
    assert again.returncode == 0 and again.stdout == result.stdout


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="exercises the SQLite data directory")
def test_a_command_before_migrate_says_to_migrate(tmp_path):
    result = scrutiny("deadlines", env={"SCRUTINY_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1 and "run `scrutiny migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "behind_proxy, trusted",
    [([], ""), (["127.0.0.1", "::1"], "127.0.0.1,::1")],
)
def test_the_server_trusts_forwarded_headers_only_behind_a_configured_proxy(
    monkeypatch, settings, behind_proxy, trusted
):
    import gunicorn.app.wsgiapp
    from django.core import management

    from scrutiny import cli

    settings.SCRUTINY_PROXY_ADDRESSES = behind_proxy
    seen = {}
    monkeypatch.setattr(management, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: seen.update(argv=list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    cli.serve("127.0.0.1", 8765, 1, background=False)
    argv = seen["argv"]
    assert argv[argv.index("--forwarded-allow-ips") + 1] == trusted


def test_serving_on_a_taken_port_says_so_in_one_line_naming_port(tmp_path):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = scrutiny("serve", "--port", str(port), env={"SCRUTINY_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Port {port} on 127.0.0.1 is taken by another program: choose another, "
        "e.g. `make run PORT=8080` or `scrutiny serve --port 8080`."
    )
    assert "worker" not in result.stdout  # stopped before the background worker was started


def test_serving_on_a_free_port_goes_ahead():
    import socket

    from scrutiny.cli import check_port

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check_port("127.0.0.1", port)  # free again once the probe is closed: no exit


def test_a_port_that_is_not_a_number_is_refused_in_one_line():
    from scrutiny.cli import check_port

    for port in ["eighty", "0", "70000"]:
        with pytest.raises(SystemExit) as refused:
            check_port("127.0.0.1", port)
        assert str(refused.value) == f"The port must be a number from 1 to 65535 (PORT=8080), not {port!r}."
