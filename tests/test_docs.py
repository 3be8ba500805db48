"""The docs keep up with the code: every page, command, setting and API operation is in docs/reference.md."""

import re
from pathlib import Path

from scrutiny.api import api
from scrutiny.cli import COMMANDS
from tests.test_browser import url_names

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (ROOT / "docs" / "reference.md").read_text()


def test_every_url_name_is_documented():
    # API operations are checked by path and method below; admin pages are Django's own.
    pages = [name for name in url_names() if not name.startswith("admin:")]
    pages = [name for name in pages if not name.startswith("api:") or name.startswith("api:openapi")]
    missing = [name for name in pages if f"`{name}`" not in REFERENCE]
    assert not missing, f"document these pages in docs/reference.md: {missing}"


def test_every_command_is_documented():
    missing = [name for name in COMMANDS if f"| `{name}` |" not in REFERENCE]
    assert not missing, f"document these commands in docs/reference.md: {missing}"


def test_every_setting_read_from_the_environment_is_documented():
    sources = [
        *ROOT.glob("scrutiny/*.py"),
        *ROOT.glob("*/services.py"),
        *ROOT.glob("bench/*.py"),
        ROOT / "tests" / "browser.py",
    ]
    names = set()
    for source in sources:
        names |= set(
            re.findall(
                r"""(?:environ(?:\.get)?\(|env_\w+\(|environ\[)["']([A-Z_]+)["']""", source.read_text()
            )
        )
    names -= {"DJANGO_SETTINGS_MODULE"}
    missing = sorted(name for name in names if f"`{name}`" not in REFERENCE)
    assert not missing, f"document these settings in docs/reference.md: {missing}"


def test_every_api_operation_is_documented():
    schema = api.get_openapi_schema()
    missing = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if f"`{method.upper()} {path}`" not in REFERENCE:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"document these API operations in docs/reference.md: {missing}"


def test_every_app_with_tests_is_collected():
    import tomllib

    from django.conf import settings
    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    skipped = set(config["tool"]["pytest"]["ini_options"]["norecursedirs"])
    packages = set(
        find_packages(str(ROOT), exclude=config["tool"]["setuptools"]["packages"]["find"]["exclude"])
    )
    for app in settings.INSTALLED_APPS:
        if (ROOT / app / "tests").is_dir():
            assert app not in skipped, f"pytest skips {app}: take it out of norecursedirs"
            assert app in packages, f"{app} is not packaged: see [tool.setuptools.packages.find]"
