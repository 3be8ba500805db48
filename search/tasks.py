"""The search index's work for the background worker."""

from django.apps import apps
from django_tasks import task
from modelsearch.backends import get_search_backends_with_name

from search.services import rebuild_index


@task()
def index_records(label: str, keys: list[int]) -> int:
    """Index these rows of one model together (the rows saved in one transaction); rows gone since are
    passed over. The number indexed."""
    model = apps.get_model(label)
    rows = list(model.get_indexed_objects().filter(pk__in=keys))
    if rows:
        for _name, backend in get_search_backends_with_name(with_auto_update=True):
            backend.add_bulk(model, rows)
    return len(rows)


@task()
def rebuild_search_index() -> dict[str, int]:
    """Refill the search index from every indexed record (see `services.rebuild_index`)."""
    return rebuild_index()


@task()
def compare_new_findings() -> dict[str, int]:
    """Compare the findings not compared yet with every finding before them (the national register)."""
    from search.register import compare_new_findings as compare

    outcome = compare()
    return {"findings": outcome.findings, "joined": outcome.joined, "proposed": outcome.proposed}
