"""Settings from the environment: a malformed value stops start-up with a message naming it."""

import os
import subprocess
import sys

import pytest


def check(tmp_path, **environment):
    env = {**os.environ, "SCRUTINY_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "scrutiny.settings"}
    env.pop("DATABASE_URL", None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("SCRUTINY_COMMENTS_DAYS", "three weeks", "SCRUTINY_COMMENTS_DAYS must be a whole number"),
        ("SCRUTINY_REMIND_DAYS", "-4", "SCRUTINY_REMIND_DAYS must be between 0 and 365"),
        ("SCRUTINY_MAX_UPLOAD_MB", "lots", "SCRUTINY_MAX_UPLOAD_MB must be a number"),
        ("EMAIL_PORT", "99999", "EMAIL_PORT must be between 1 and 65535"),
    ],
)
def test_a_malformed_number_stops_start_up_naming_the_setting(tmp_path, name, value, message):
    result = check(tmp_path, **{name: value})
    assert result.returncode != 0 and message in result.stderr


def test_well_formed_numbers_are_taken(tmp_path):
    result = check(tmp_path, SCRUTINY_COMMENTS_DAYS="14", SCRUTINY_MAX_UPLOAD_MB="2.5")
    assert result.returncode == 0, result.stderr


def test_a_malformed_rate_stops_start_up_naming_the_setting(tmp_path):
    result = check(tmp_path, SCRUTINY_SIGN_IN_RATE="lots")
    assert result.returncode != 0 and "SCRUTINY_SIGN_IN_RATE must be a count per period" in result.stderr
    assert check(tmp_path, SCRUTINY_PUBLIC_DOCUMENT_RATE="100/h").returncode == 0


def test_the_data_folder_database_and_uploads_are_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    script = (
        "from django.db import connection; connection.ensure_connection(); "
        "from django.core.files.storage import default_storage; "
        "from django.core.files.base import ContentFile; "
        "default_storage.save('reports/2026/a.txt', ContentFile(b'x'))"
    )
    env = {**os.environ, "SCRUTINY_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny.cli", "manage", "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    mode = lambda path: path.stat().st_mode & 0o777  # noqa: E731
    assert mode(data) == 0o700
    assert mode(data / "scrutiny.sqlite3") == 0o600
    assert mode(data / "uploads" / "reports" / "2026") == 0o700
    assert mode(data / "uploads" / "reports" / "2026" / "a.txt") == 0o600
