"""The named places where apps plug in.

Each app fills these in its `AppConfig.ready()`; the project (`scrutiny/`) reads them to build the URLs,
the API, the navigation, the home page, the demo and the permission matrix. They live in `core`, the
lowest layer, so that every app can reach them without importing any other app. Adding an app touches
that app, one line in `INSTALLED_APPS` and its line in the layers contract; see `docs/architecture.md`.

Entries that name code by dotted path ("reports.urls") are imported only when first used, so an app's
`ready()` never imports another app's modules.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any


def resolve(path: str) -> Any:
    """Import "package.module" or "package.module:attribute"."""
    module, _, attribute = path.partition(":")
    loaded = import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


class Registry:
    """An ordered list of entries, in `order` then in the order they were added; re-adding an entry that
    is already there (a second `ready()` in tests) changes nothing."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[int, int, Any]] = []

    def add(self, entry, *, order: int = 100):
        if any(existing == entry for _, _, existing in self._entries):
            return entry
        self._entries.append((order, len(self._entries), entry))
        return entry

    def __iter__(self) -> Iterator[Any]:
        return iter([entry for _, _, entry in sorted(self._entries, key=lambda item: item[:2])])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)} entries>"


@dataclass(frozen=True)
class NavItem:
    """A link in the service navigation. `prefix` marks it current on pages under that path (None: only
    on the page itself); `allowed(user)` decides who sees it."""

    label: str
    url_name: str
    prefix: str | None
    allowed: Callable[[Any], bool]


@dataclass(frozen=True)
class Panel:
    """A block on another app's page (the report page, the home page, a force's page). `context(request,
    obj)` returns the template's context, or None when the panel has nothing to show this person."""

    template: str
    context: Callable[..., dict | None]


@dataclass(frozen=True)
class SectionSource:
    """A section an app can draft for a response ("Referrals to safeguarding partnerships", "Children in
    custody"): `draft(obligation, user)` returns (title, body) for the officer to edit, or None when the app
    has nothing for this obligation."""

    key: str
    label: str
    draft: Callable[..., tuple[str, str] | None]


@dataclass(frozen=True)
class Routes:
    """An app's pages: its URL module mounted at `prefix`."""

    prefix: str
    module: str


@dataclass(frozen=True)
class ApiRouter:
    """An app's API operations: "module:router", mounted at `prefix` of /api/."""

    prefix: str
    router: str


@dataclass(frozen=True)
class DemoStep:
    """A step of the demo scenario: "module:function", called with the demo's shared dict (which it may
    add to) after every step of a lower `order`."""

    name: str
    function: str


@dataclass(frozen=True)
class DailyReminder:
    """Reminders an app sends when `scrutiny remind` runs (daily): `send` is "module:function", called
    as send(today) and returning how many it sent (never twice a day for the same thing and person);
    `due`, called as due(today), returns how many are due, for `--dry-run`."""

    label: str
    send: str
    due: str


@dataclass
class VisibilityGrants:
    """What other apps add to a model's visibility: for "reports.Report", partnerships lets a partnership
    contributor see the reports referred to the partnership. Each grant is `grant(user)`, returning a
    queryset of the model's primary keys, or None when it gives this person nothing."""

    grants: dict[str, list[Callable]] = field(default_factory=dict)

    def add(self, model_label: str, grant: Callable) -> None:
        entries = self.grants.setdefault(model_label, [])
        if grant not in entries:
            entries.append(grant)

    def granted(self, model_label: str, user) -> list:
        found = []
        for grant in self.grants.get(model_label, []):
            ids = grant(user)
            if ids is not None:
                found.append(ids)
        return found


navigation = Registry("navigation")
report_panels = Registry("panels on a report's page")
home_panels = Registry("panels on the home page")
force_panels = Registry("panels on a force's page")
response_sections = Registry("sections apps draft for a response")
routes = Registry("page routes")
api_routers = Registry("API routers")
demo_steps = Registry("demo steps")
reminders = Registry("reminders other apps send with `scrutiny remind`")
visibility = VisibilityGrants()


def render_panels(registry: Registry, request, obj=None) -> list[str]:
    """Each panel that has something for this person, rendered, in order."""
    from django.template.loader import render_to_string

    rendered = []
    for panel in registry:
        context = panel.context(request, obj)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
