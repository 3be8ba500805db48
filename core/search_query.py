"""What a person types into the search box, read as web search engines read it: words that must all be
there, "a phrase in quotes", -word to leave out what holds it, and `or` between two alternatives
(`custody or detention`). The result is a modelsearch query, which every engine (SQLite's FTS5,
PostgreSQL, a search cluster) runs the same way; `words` gives the words asked for, for highlighting.
"""

import re
from dataclasses import dataclass, field

from modelsearch.query import And, Not, Or, Phrase, PlainText, SearchQuery

TOKEN = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
WORD = re.compile(r"\w+")
MOST_TERMS = 20  # a pasted paragraph is searched by its first twenty words, not refused


@dataclass
class Asked:
    """A query read: the query for the engine (None when nothing is asked), the words and phrases to
    highlight, and the words left out."""

    query: SearchQuery | None
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def parse(text: str) -> Asked:
    groups: list[list[SearchQuery]] = []  # alternatives joined by "or"; the groups are all required
    excluded: list[SearchQuery] = []
    asked = Asked(query=None)
    join_next = False
    terms = 0
    for match in TOKEN.finditer(text or ""):
        if terms >= MOST_TERMS:
            break
        negated = bool(match["minus"])
        if match["phrase"] is not None:
            words = WORD.findall(match["phrase"].lower())
            if not words:
                continue
            term: SearchQuery = Phrase(" ".join(words)) if len(words) > 1 else PlainText(words[0])
            shown = " ".join(words)
        else:
            raw = match["word"]
            if raw.lower() == "or" and groups and not join_next:
                join_next = True
                continue
            negated = raw.startswith("-") and len(raw) > 1
            words = WORD.findall(raw.lower())
            if not words:
                continue
            term = PlainText(" ".join(words), operator="and")
            shown = " ".join(words)
        terms += 1
        if negated:
            excluded.append(term)
            asked.excluded.append(shown)
            join_next = False
            continue
        if " " in shown and match["phrase"] is not None:
            asked.phrases.append(shown)
        asked.words.extend(WORD.findall(shown))
        if join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    required = [group[0] if len(group) == 1 else Or(group) for group in groups]
    if not required:
        return asked  # only words left out, or none: nothing to search for
    query = required[0] if len(required) == 1 else And(required)
    if excluded:
        query = And([query, Not(excluded[0] if len(excluded) == 1 else Or(excluded))])
    asked.query = query
    return asked
