from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        post_migrate.connect(index_what_is_missing, sender=self, dispatch_uid="search.index_what_is_missing")


def index_what_is_missing(sender, *, using="default", **kwargs) -> None:
    """After `scrutiny migrate`: when an upgrade brings the index in over records already stored, the
    worker fills it (the tracker's search would otherwise find nothing until someone rebuilt it)."""
    from search.services import missing_from_index
    from search.tasks import rebuild_search_index

    if using == "default" and missing_from_index():
        rebuild_search_index.enqueue()
