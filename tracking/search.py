"""Word search of the findings the tracker follows, through the search index (modelsearch).

The index is SQLite's FTS5 or PostgreSQL's full-text search, whichever database is in use, or a search
cluster named in the settings. A finding reaches it through the background worker after each save
(modelsearch enqueues the update as a task), and `scrutiny search rebuild` refills it.

A search finds the findings holding every word asked for, in any form English stemming takes to the same
stem ("reviews" finds "review", "reviewing"). `matching_findings` is the one entry point.
"""

import re

from modelsearch.backends import get_search_backend

from reports.models import Finding

WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The words asked for: letters and digits; punctuation and search syntax are not words."""
    return WORD.findall(text.lower())[:20]


def matching_findings(text: str):
    """A query of the ids of findings holding every word of `text` (none, if it holds no word)."""
    words = words_of(text)
    if not words:
        return Finding.objects.none().values("pk")
    results = get_search_backend().search(" ".join(words), Finding, operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):  # the database backends: one query the tracker's filters join
        return results.get_queryset().values("pk")
    return Finding.objects.filter(pk__in=[finding.pk for finding in results]).values("pk")  # a cluster
