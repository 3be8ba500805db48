"""The search index's upkeep. Saves reach it one by one through the background worker (modelsearch's
signal handlers enqueue a task); a rebuild refills it whole, for after an upgrade, a bulk load that sent
no signals, or an index that was lost."""

from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import get_indexed_models

Progress = Callable[[str, int, int], None]  # (what, done, total)


def batches(queryset: QuerySet, size: int) -> Iterator[list]:
    """The rows in primary-key order, `size` at a time, each batch one query (no OFFSET scans)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def rebuild_index(*, batch_size: int = 1000, on_progress: Progress | None = None) -> dict[str, int]:
    """Rebuild every configured search backend from the indexed models; the rows indexed, by model."""
    counts: dict[str, int] = {}
    for _name, backend in get_search_backends_with_name():
        if backend.rebuilder_class is None:
            continue  # a backend that searches the tables themselves keeps no index
        # Models that share an index are rebuilt together: a cluster's rebuild makes a new index and
        # swaps it in, which would drop the models rebuilt before it one at a time.
        shared: dict = {}
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            shared.setdefault(index.get_key(), (index, []))[1].append(model)
        for index, models in shared.values():
            counts |= rebuild_one(backend.rebuilder_class(index), models, batch_size, on_progress)
    return counts


def rebuild_one(rebuilder, models: list, batch_size: int, on_progress: Progress | None) -> dict[str, int]:
    index = rebuilder.start()  # the database backends drop entries whose rows are gone
    counts = {}
    for model in models:
        index.add_model(model)
        objects = model.get_indexed_objects()
        total, done = objects.count(), 0
        for rows in batches(objects, batch_size):
            index.add_items(model, rows)
            done += len(rows)
            if on_progress:
                on_progress(model._meta.label, done, total)
        counts[model._meta.label] = done
    rebuilder.finish()
    return counts


def missing_from_index() -> bool:
    """Whether records that should be in a database-held index are not: an indexed model has rows while
    the index holds none of its kind (a deployment that kept its findings in the tables an earlier version
    searched directly, a model newly indexed by an upgrade, or rows loaded in bulk that sent no signals).
    A cluster keeps its own count and is rebuilt by `scrutiny search rebuild`."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.models import IndexEntry

    if not any(backend.rebuilder_class for _, backend in get_search_backends_with_name()):
        return False
    return any(
        model.get_indexed_objects().exists()
        and not IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).exists()
        for model in get_indexed_models()
    )


def never_compared() -> bool:
    """Whether findings are stored while the national register has compared none (an upgrade)."""
    from reports.models import Finding
    from search.models import Fingerprint

    return Finding.objects.exists() and not Fingerprint.objects.exists()


class SearchRefused(ValueError):
    """A saved-search change that cannot be made; the message says why, for the person."""


def save_search(owner, query: str, filters: dict[str, str]):
    """Keep `owner`'s search with its filters, e-mails on, telling only of findings recorded from now on.
    Returns (the saved search, whether it is new): saving the same search again changes nothing."""
    from django.db import IntegrityError, transaction

    from core.search_query import parse
    from reports.models import Finding
    from search.models import SavedSearch

    if parse(query).query is None:
        raise SearchRefused("Type at least one word to search for before saving the search.")
    newest = Finding.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                owner=owner, query=query, filters=filters, seen_up_to=newest
            ), True
    except IntegrityError:
        return SavedSearch.objects.get(owner=owner, query=query, filters=filters), False


def change_saved_search(saved, action: str) -> str:
    """Turn e-mails on or off ("alert-on", "alert-off") or delete ("delete"); what was done, in words."""
    if action == "delete":
        saved.delete()
        return f"Deleted the saved search “{saved.query}”."
    if action in ("alert-on", "alert-off"):
        saved.alert = action == "alert-on"
        saved.save(update_fields=["alert"])
        return f"E-mails for “{saved.query}” are {'on' if saved.alert else 'off'}."
    raise SearchRefused("Choose to turn e-mails on or off, or to delete the search.")
