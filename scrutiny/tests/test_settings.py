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
