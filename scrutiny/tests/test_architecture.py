"""The layers contract is live: it names every app the project owns, passes, and fails on an upward
import. So is the dependency check: application code imports only the distributions pyproject.toml
names, and an import of a package that merely arrives with another fails it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
TOOLS = Path(sys.executable).parent


def layered_apps() -> set[str]:
    (contract,) = [c for c in CONFIG["contracts"] if c["type"] == "layers"]
    return {app.strip() for layer in contract["layers"] for app in layer.replace(":", "|").split("|")}


def test_the_contract_names_every_app_the_project_owns():
    own = {app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app).is_dir()}
    assert own == layered_apps() == set(CONFIG["root_packages"])


def run(folder: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(TOOLS / command[0]), *command[1:]],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin", "VIRTUAL_ENV": sys.prefix},
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
    kept = run(folder, "lint-imports", "--no-cache")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    (folder / "core" / "upward.py").write_text("from reports.models import Report  # the wrong way\n")
    broken = run(folder, "lint-imports", "--no-cache")
    assert broken.returncode != 0 and "core is not allowed to import reports" in broken.stdout, broken.stdout


def test_application_code_imports_only_declared_distributions(tmp_path):
    folder = copy_of_the_project(tmp_path)
    kept = run(folder, "deptry", ".", "--no-ansi")
    assert kept.returncode == 0, kept.stdout + kept.stderr

    # `requests` is installed (selenium and schemathesis bring it) but no dependency of Scrutiny's names it.
    (folder / "custody" / "tests" / "test_borrowed.py").write_text("import requests\n")
    assert run(folder, "deptry", ".", "--no-ansi").returncode == 0, "tests may use the dev extra's tools"
    (folder / "custody" / "borrowed.py").write_text("import requests\n")
    broken = run(folder, "deptry", ".", "--no-ansi")
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0, output
    assert "custody/borrowed.py" in output and "DEP003 'requests'" in output, output
