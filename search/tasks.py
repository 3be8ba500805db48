"""The search index's work for the background worker."""

from django_tasks import task

from search.services import rebuild_index


@task()
def rebuild_search_index() -> dict[str, int]:
    """Refill the search index from every indexed record (see `services.rebuild_index`)."""
    return rebuild_index()
