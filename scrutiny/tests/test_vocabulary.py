"""One vocabulary for roles: a role's value is spelled only in accounts/roles.py; everywhere else names
it through `Role` (or `accounts.access`), so renaming or adding a role is one change."""

import re

from django.conf import settings

from accounts.roles import Role

OWN_APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (settings.BASE_DIR / app).is_dir()]


def test_no_role_is_spelled_out_of_accounts_roles():
    spelled = re.compile("|".join(rf"""["']{re.escape(role.value)}["']""" for role in Role))
    found = []
    for app in OWN_APPS:
        for path in (settings.BASE_DIR / app).rglob("*"):
            parts = set(path.parts)
            if path.suffix not in (".py", ".html") or {"tests", "migrations"} & parts:
                continue
            if path.name in ("roles.py", "testing.py") and app == "accounts":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if spelled.search(line):
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert found == []


def test_refusals_are_shown_as_sentences_by_one_function_and_every_refusal_is_a_core_refused():
    """Thirteen places capitalised an exception's text by hand; now `Refused.sentence` does it."""
    import importlib
    import inspect

    from core.refusals import Refused

    by_hand = re.compile(r"str\(\w+\)(\[:1\]\.upper\(\)|\.capitalize\(\))")
    found, kinds = [], []
    for app in OWN_APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            relative = path.relative_to(settings.BASE_DIR)
            if {"tests", "migrations"} & set(relative.parts):
                continue
            text = path.read_text(encoding="utf-8")
            found += [
                f"{relative}:{n}" for n, line in enumerate(text.splitlines(), 1) if by_hand.search(line)
            ]
            if re.search(r"^class \w+Refused\(", text, re.M):
                module = importlib.import_module(
                    ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
                )
                kinds += [
                    name
                    for name, value in vars(module).items()
                    if inspect.isclass(value) and name.endswith("Refused") and value.__module__ == module.__name__
                    and not issubclass(value, Refused) and not issubclass(value, ValueError)
                ]  # fmt: skip
    assert found == [] and kinds == []


def test_the_lower_layers_name_no_page_of_an_app_above_them():
    """The page header linked to responses' public index and a directory model to a partnerships page;
    the apps above now hand those links down (the public pages' context, ABSOLUTE_URL_OVERRIDES)."""
    above = re.compile(r"""["'](reports|responses|partnerships|tracking|custody):[a-z-]+["']""")
    found = []
    for app in ["core", "directory", "documents", "accounts"]:
        for path in (settings.BASE_DIR / app).rglob("*"):
            relative = path.relative_to(settings.BASE_DIR)
            if path.suffix not in (".py", ".html") or {"tests", "migrations"} & set(relative.parts):
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{relative}:{n}" for n, line in enumerate(text.splitlines(), 1) if above.search(line)]
    assert found == []
