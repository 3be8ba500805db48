"""The layers contract is live: it names every app the project owns, passes, and fails on an upward
import."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT = Path(sys.executable).parent / "lint-imports"


def layered_apps() -> set[str]:
    (contract,) = [c for c in CONFIG["contracts"] if c["type"] == "layers"]
    return {app.strip() for layer in contract["layers"] for app in layer.replace(":", "|").split("|")}


def test_the_contract_names_every_app_the_project_owns():
    own = {app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app).is_dir()}
    assert own == layered_apps() == set(CONFIG["root_packages"])


def lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(ROOT / "pyproject.toml", folder)
    for app in CONFIG["root_packages"]:
        shutil.copytree(ROOT / app, folder / app, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    return folder


def test_the_project_keeps_its_layers_and_an_upward_import_breaks_them(tmp_path):
    folder = copy_of_the_project(tmp_path)
    kept = lint(folder)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    (folder / "core" / "upward.py").write_text("from reports.models import Report  # the wrong way\n")
    broken = lint(folder)
    assert broken.returncode != 0 and "core is not allowed to import reports" in broken.stdout, broken.stdout
