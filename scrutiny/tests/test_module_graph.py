"""The house's shape: no two modules import each other (even inside a function), and no app module is
longer than 500 lines outside the two the intake and custody issues rewrite."""

import ast
from pathlib import Path

from django.conf import settings

OWN_APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (settings.BASE_DIR / app).is_dir()]
LONG_ALLOWED = {"custody/imports.py"}  # and reports/extraction/ (the intake issue rewrites it)


def app_modules() -> dict[str, Path]:
    found = {}
    for app in OWN_APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            relative = path.relative_to(settings.BASE_DIR)
            if {"tests", "migrations"} & set(relative.parts) or path.name == "testing.py":
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports_of(path: Path, modules: dict) -> set[str]:
    """The project's modules a module imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name in modules}


def test_no_two_modules_import_each_other():
    modules = app_modules()
    graph = {name: imports_of(path, modules) for name, path in modules.items()}
    pairs = sorted(
        {
            tuple(sorted((a, b)))
            for a, targets in graph.items()
            for b in targets
            if a != b and a in graph.get(b, ())
        }
    )
    assert pairs == []


def test_no_app_module_is_over_500_lines_but_those_being_rewritten():
    long = []
    for path in app_modules().values():
        relative = str(path.relative_to(settings.BASE_DIR))
        if relative.startswith("reports/extraction/") or relative in LONG_ALLOWED:
            continue
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 500:
            long.append(f"{relative}: {count}")
    assert long == []


def test_an_app_s_views_are_one_module_or_one_package_never_modules_beside_it():
    """`views.py` while an app has a few pages; a `views/` package of modules by topic once it has more
    (as `reports/views/`); never `views_*.py` files beside either."""
    mixed = []
    for app in OWN_APPS:
        folder = settings.BASE_DIR / app
        beside = sorted(path.name for path in folder.glob("views_*.py"))
        if beside or ((folder / "views.py").exists() and (folder / "views").is_dir()):
            mixed.append(f"{app}: {beside or 'views.py and views/'}")
    assert mixed == []
