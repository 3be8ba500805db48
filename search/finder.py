"""One search over the records a person may open: the findings of every report and the reports themselves.

Each kind of record is searched inside the same queryset its own pages show that person
(`visible_to(user)`), so the engine applies the visibility rule in the query it runs: a person never
finds what they could not open. Facet filters narrow that queryset the same way, and facet counts are
counted by the database over the matching rows.

Ranking: the engine's relevance (a printed label such as "Recommendation 4" or a report's title counts
above a word of the text), then the best hits are re-ranked with rapidfuzz so that a query naming a
finding's label and its report ("PEEL 2023 AFI 7") puts that finding first even where the engine weighed
other rows a little higher.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from modelsearch.backends import get_search_backend
from modelsearch.query import PlainText
from rapidfuzz import fuzz, process

from core import fulltext as engine
from core.search_query import Asked, parse
from directory.models import Force, Inspectorate, ReportType
from reports.models import Finding, Report
from tracking.access import reads_tracking
from tracking.models import Action, ActionUpdate, Category
from tracking.queries import late_filter

RERANKED = 200  # the engine's best hits that are re-ranked; later pages keep the engine's order
MOST_SHOWN = 1000  # hits a person can page through; the count still says how many matched
LISTED = 5000  # at most this many keys are passed to a query as a list rather than as a subquery
FACETS = ("kind", "type", "year", "force", "inspectorate", "status", "overdue", "theme")
TRACKING_FACETS = ("status", "overdue", "theme")  # counted over the actions the person may see
# A finding named by its printed label: "Recommendation 4", "R4", "AFI 7", "cause of concern 2".
REFERENCE = re.compile(
    r"\b(?P<kind>recommendations?|rec|r|areas?\s+for\s+improvement|afi|causes?\s+of\s+concern|coc)"
    r"\s*(?P<number>\d{1,3}[a-z]?)\b",
    re.I,
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
TYPED_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w])")  # a word as typed (not one after a minus sign)
PUNCTUATED = re.compile(r"^(\W*)(.*?)(\W*)$", re.S)


@dataclass
class Facet:
    name: str
    label: str
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)
    chosen: str = ""


@dataclass
class Results:
    asked: Asked
    keys: list[int] = field(default_factory=list)  # the findings found, best first (at most MOST_SHOWN)
    matched: QuerySet | None = None  # every finding found, as one query (for exports)
    total: int = 0
    reports: list[Report] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    corrected_from: str = ""  # what was typed, when nothing matched it and these are a correction's results
    text: str = ""  # the query these are the results of (the correction, when there was one)

    @property
    def searched(self) -> bool:
        return self.asked.query is not None

    @property
    def findings(self) -> list[Finding]:
        """Every finding found, best first (pages and the API load only theirs: `loaded`)."""
        return loaded(self.keys)


def loaded(keys: list[int]) -> list[Finding]:
    """The findings of these keys, with their reports, in the keys' order."""
    found = Finding.objects.filter(pk__in=keys).select_related("report", "report__report_type")
    by_pk = {finding.pk: finding for finding in found}
    return [by_pk[pk] for pk in keys if pk in by_pk]


def engine_search(query, queryset: QuerySet):
    """A search cluster's answer, through modelsearch (the databases' own search: `core.fulltext`)."""
    return get_search_backend().search(query, queryset, order_by_relevance=True)


def matching_keys(query, visible: QuerySet, limit: int) -> list[int]:
    """The keys of the best `limit` rows of `visible` that match, best first."""
    if engine.supported():
        return engine.ranked(query, visible, limit)[0]
    return [row.pk for row in engine_search(query, visible)[:limit]]


def noted_findings(query, visible: QuerySet, user) -> list[int]:
    """The findings of `visible` (newest first, at most MOST_SHOWN) whose actions' updates the person may
    read say what was asked: "where is each one now" is often in the updates' words, not the finding's."""
    if not reads_tracking(user):
        return []
    ids = list(set(updates_saying(query, user).values_list("action__finding_id", flat=True)))
    if not ids:
        return []
    found = visible.filter(pk__in=ids).order_by("-pk")
    return list(found.values_list("pk", flat=True)[:MOST_SHOWN])


def updates_saying(query, user) -> QuerySet:
    """The updates the person may read that say what was asked: the updates that say it first, as a list
    (at most LISTED), then the person's visibility over those. PostgreSQL planned the match inside the
    visibility rule badly (70 ms for a rare word as a force contributor, walking every update the person
    may read); this way, a few milliseconds."""
    said = engine.matching(query, ActionUpdate.objects.all()).order_by().values_list("pk", flat=True)
    return ActionUpdate.objects.visible_to(user).filter(pk__in=list(said[:LISTED]))


def notes_for(findings: list[Finding], asked: Asked, user) -> dict[int, object]:
    """For each finding shown, the newest update the person may read that says what was asked."""
    if not findings or asked.query is None or not engine.supported() or not reads_tracking(user):
        return {}
    updates = updates_saying(asked.query, user)
    found: dict[int, object] = {}
    for update in (
        updates.filter(action__finding__in=findings).select_related("action").order_by("-effective_on", "-pk")
    ):
        found.setdefault(update.action.finding_id, update)
    return found


def tracked_by(user) -> QuerySet:
    """The actions whose status, lateness and themes the person's facets count: those they may see."""
    return Action.objects.visible_to(user) if reads_tracking(user) else Action.objects.none()


def narrowed(findings: QuerySet, chosen: dict[str, str], user=None) -> QuerySet:
    """The findings under the facet values chosen; an unknown value matches nothing."""
    if any(chosen.get(name) for name in TRACKING_FACETS):
        actions = tracked_by(user)
        if chosen.get("status"):
            actions = actions.filter(category=chosen["status"])
        if chosen.get("overdue"):
            actions = (
                actions.filter(late_filter("late", timezone.localdate()))
                if chosen["overdue"] == "yes"
                else actions.none()
            )
        if chosen.get("theme"):
            actions = actions.filter(themes__name=chosen["theme"])
        findings = findings.filter(pk__in=actions.values("finding_id"))
    if chosen.get("kind"):
        findings = findings.filter(kind=chosen["kind"])
    reports = Report.objects.all()
    narrowing = False
    if chosen.get("type"):
        reports, narrowing = reports.filter(report_type__code=chosen["type"]), True
    if chosen.get("year"):
        year = chosen["year"]
        reports = reports.filter(published_on__year=int(year)) if year.isdigit() else reports.none()
        narrowing = True
    if chosen.get("force"):
        force = Force.objects.filter(code=chosen["force"]).first()
        reports = reports.concerning(force) if force else reports.none()
        narrowing = True
    if chosen.get("inspectorate"):
        reports, narrowing = reports.filter(inspectorates__code=chosen["inspectorate"]), True
    if narrowing:
        findings = findings.filter(report_id__in=reports.values("pk"))
    return findings


def search(user, text: str, chosen: dict[str, str] | None = None, *, correct: bool = True) -> Results:
    """The findings and reports `user` may open that match `text` (web search syntax, see
    `core.search_query`), under the facet values `chosen` ({"kind": …, "type": …, "year": …, "force": …}).
    When nothing matches and a word seems mistyped, the results of the query with the words corrected
    (`corrected`), if that finds anything, with `corrected_from` saying what was typed."""
    results = searched(user, text, chosen)
    results.text = text
    if correct and results.searched and not results.total and not results.reports:
        fixed = corrected(text)
        if fixed != text:
            again = searched(user, fixed, chosen)
            if again.total or again.reports:
                again.corrected_from, again.text = text, fixed
                return again
    return results


def corrected(text: str) -> str:
    """`text` with each word of four letters or more that no finding holds replaced by the most alike word
    one does (rapidfuzz, 80 or more; same first letter, length within two), the rest as typed."""
    from search.models import Word

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if len(lower) < 4 or not lower.isalpha() or Word.objects.filter(word=lower).exists():
            return word
        nearby = Word.objects.filter(word__startswith=lower[0])
        nearby = [w for w in nearby.values_list("word", flat=True) if abs(len(w) - len(lower)) <= 2]
        best = process.extractOne(lower, nearby, scorer=fuzz.ratio, score_cutoff=80)
        return best[0] if best else word

    return TYPED_WORD.sub(fix, text)


def searched(user, text: str, chosen: dict[str, str] | None = None) -> Results:
    chosen = {name: value for name, value in (chosen or {}).items() if name in FACETS and value}
    asked = parse(text)
    results = Results(asked=asked)
    if asked.query is None:
        return results
    visible = narrowed(Finding.objects.visible_to(user), chosen, user)
    named = by_reference(user, text, visible)
    noted: list[int] = []
    if engine.supported():  # the database's own full-text search, ranked in one pass
        best, matches = engine.ranked(asked.query, visible, MOST_SHOWN)
        noted = noted_findings(asked.query, visible, user)
        every = matches if not (named or noted) else matches | Finding.objects.filter(pk__in=named + noted)
    else:  # a search cluster: its best hits, counted over those
        best = [finding.pk for finding in engine_search(asked.query, visible)[:MOST_SHOWN]]
        every = Finding.objects.filter(pk__in=best + named)
    best = named + [pk for pk in best if pk not in set(named)]
    best += [pk for pk in noted if pk not in set(best)][: max(0, MOST_SHOWN - len(best))]
    results.keys = reranked(text, best[:RERANKED]) + best[RERANKED:]
    results.facets, results.total = facets(every, chosen, user)
    results.matched = every
    if not chosen.get("kind"):
        keys = matching_keys(asked.query, Report.objects.visible_to(user), 5)
        reports = Report.objects.in_bulk(keys)
        results.reports = [reports[key] for key in keys if key in reports]
    return results


def by_reference(user, text: str, findings: QuerySet) -> list[int]:
    """The findings a query names by label ("R4", "AFI 7"), of the reports its other words and year name
    ("PEEL 2023 AFI 7", "Custody in Merseyside recommendation 2"), newest report first; none when the
    query names no label."""
    reference = REFERENCE.search(text)
    if reference is None:
        return []
    word = re.sub(r"\s+", " ", reference["kind"].lower())
    kind = (
        Finding.Kind.AREA_FOR_IMPROVEMENT
        if word.startswith(("area", "afi"))
        else Finding.Kind.CAUSE_OF_CONCERN
        if word.startswith(("cause", "coc"))
        else Finding.Kind.RECOMMENDATION
    )
    number = reference["number"]
    named = findings.filter(kind=kind)
    if engine.supported():  # the label's number is an indexed word: the index narrows before the pattern
        named = engine.matching(PlainText(number.lower()), named)
    named = named.filter(label__iregex=rf"(^|[^0-9]){re.escape(number)}$")
    rest = f"{text[: reference.start()]} {text[reference.end() :]}"
    years = [int(year) for year in YEAR.findall(rest)]
    if years:
        named = named.filter(report__published_on__year__in=years)
    about = parse(YEAR.sub(" ", rest)).query
    if about is not None:
        named = named.filter(report_id__in=matching_keys(about, Report.objects.visible_to(user), MOST_SHOWN))
    return list(
        named.order_by("-report__published_on", "report_id", "position").values_list("pk", flat=True)[:20]
    )


def reranked(text: str, keys: list[int]) -> list[int]:
    """The engine's order, except that a finding whose label and report title hold what was typed (a
    reference such as "PEEL 2023 AFI 7", typos and word order allowed) comes first."""
    if not keys:
        return []
    names = {
        pk: f"{label} {title} {report}"
        for pk, label, title, report in Finding.objects.filter(pk__in=keys).values_list(
            "pk", "label", "title", "report__title"
        )
    }
    wanted = text.lower().replace('"', " ")
    closeness = {pk: fuzz.token_set_ratio(wanted, names.get(pk, "").lower()) for pk in keys}
    position = {pk: n for n, pk in enumerate(keys)}
    return sorted(
        keys, key=lambda pk: (closeness[pk] < 90, -closeness[pk] if closeness[pk] >= 90 else 0, position[pk])
    )


def facets(matched: QuerySet, chosen: dict[str, str], user=None) -> tuple[list[Facet], int]:
    """Counts of the matching findings by kind, report type, year, the force each report names and its
    inspectorates, counted by the database (kind, type and year grouped together in one query), and how
    many match in all; for people who read a tracker, by the status, lateness and themes of the actions
    they may see. A report on every force counts under no single force."""
    kinds = dict(Finding.Kind.choices)
    types = dict(ReportType.objects.values_list("code", "name"))
    rows = matched.order_by()
    # Grouped by the raw date and type key: no date function or join per matching row (SQLite runs its date
    # functions in Python); years and names are worked out over the groups.
    grouped = rows.values("kind", "report__report_type_id", "report__published_on").annotate(n=Count("pk"))
    type_codes = dict(ReportType.objects.values_list("pk", "code"))
    by_kind: Counter = Counter()
    by_type: Counter = Counter()
    by_year: Counter = Counter()
    for row in grouped:
        by_kind[row["kind"]] += row["n"]
        by_type[type_codes.get(row["report__report_type_id"], "")] += row["n"]
        by_year[str(row["report__published_on"].year)] += row["n"]
    # A report names each force once, so a plain count is exact.
    by_force_key = rows.filter(report__forces__isnull=False).values("report__forces").annotate(n=Count("pk"))
    counted = {row["report__forces"]: row["n"] for row in by_force_key}
    names = dict(Force.objects.filter(pk__in=counted).values_list("pk", "code"))
    labels = dict(Force.objects.filter(pk__in=counted).values_list("pk", "name"))
    by_force = sorted(
        ((names[pk], labels[pk], n) for pk, n in counted.items()), key=lambda row: (-row[2], row[1])
    )
    found = [
        Facet("kind", "Kind", [(kind, kinds.get(kind, kind), n) for kind, n in by_kind.most_common()]),
        Facet("type", "Report type", [(code, types.get(code, ""), n) for code, n in by_type.most_common()]),
        Facet(
            "year", "Year published", [(year, year, by_year[year]) for year in sorted(by_year, reverse=True)]
        ),
        Facet(
            "force",
            "Force named",
            by_force[:50],
        ),
    ]
    by_inspectorate = rows.filter(report__inspectorates__isnull=False).values("report__inspectorates")
    counted = {row["report__inspectorates"]: row["n"] for row in by_inspectorate.annotate(n=Count("pk"))}
    inspectorates = {
        pk: (code, name)
        for pk, code, name in Inspectorate.objects.filter(pk__in=counted).values_list(
            "pk", "code", "short_name"
        )
    }
    found.append(
        Facet(
            "inspectorate",
            "Inspectorate",
            sorted(((*inspectorates[pk], n) for pk, n in counted.items()), key=lambda row: (-row[2], row[1])),
        )
    )
    if reads_tracking(user):
        total = sum(by_kind.values())
        # A few matches go to the actions' query as a list: PostgreSQL joined the actions the person may
        # see to the full-text subquery badly (80 ms a facet for a rare word as a force contributor).
        within = list(rows.values_list("pk", flat=True)) if total <= LISTED else matched
        found += tracking_facets(within, user)
    for facet in found:
        facet.chosen = chosen.get(facet.name, "")
    return found, sum(by_kind.values())


def tracking_facets(matched, user) -> list[Facet]:
    """The matching findings counted by the status of the actions the person may see, whether one is
    past its target date, and their themes (a finding followed by several offices counts once under
    each status its actions have)."""
    today = timezone.localdate()
    within = matched if isinstance(matched, list) else matched.order_by().values("pk")
    actions = tracked_by(user).filter(finding__in=within)
    categories = dict(Category.choices)
    # One pass for both: a late action is an open one, so the findings late are counted in its group.
    by_status = list(
        actions.values("category").annotate(
            n=Count("finding", distinct=True),
            late=Count("finding", distinct=True, filter=late_filter("late", today)),
        )
    )
    late = sum(row["late"] for row in by_status)
    by_theme = (
        actions.filter(themes__isnull=False)
        .values("themes__name")
        .annotate(n=Count("finding", distinct=True))
    )
    return [
        Facet(
            "status",
            "Status",
            sorted(
                ((row["category"], categories.get(row["category"], ""), row["n"]) for row in by_status),
                key=lambda row: -row[2],
            ),
        ),
        Facet("overdue", "Past its target date", [("yes", "Past its target date", late)] if late else []),
        Facet(
            "theme",
            "Theme",
            sorted(
                ((row["themes__name"], row["themes__name"], row["n"]) for row in by_theme),
                key=lambda row: (-row[2], row[1]),
            )[:30],
        ),
    ]


def snippet(text: str, asked: Asked, width: int = 32) -> SafeString:
    """The part of `text` around the first word asked for, escaped, with each word asked for (in any of
    its forms: "review" marks "reviews" and "reviewing") in <mark>."""
    words = text.split()
    stems = [word[: max(4, len(word) - 2)] for word in asked.words]
    if not words:
        return mark_safe("")

    def hit(word: str) -> bool:
        bare = re.sub(r"\W", "", word.lower())
        return any(bare.startswith(stem) for stem in stems if stem)

    def marked(word: str) -> str:
        if not hit(word):
            return html.escape(word)
        before, core, after = PUNCTUATED.match(word).groups()
        return f"{html.escape(before)}<mark>{html.escape(core)}</mark>{html.escape(after)}"

    first = next((n for n, word in enumerate(words) if hit(word)), 0)
    start = max(0, first - width // 3)
    shown = " ".join(marked(word) for word in words[start : start + width])
    return mark_safe(("… " if start else "") + shown + (" …" if start + width < len(words) else ""))


def new_matches(user, text: str, chosen: dict[str, str], after: int, limit: int) -> tuple[list[Finding], int]:
    """The findings `user` may open that match `text` under `chosen` and were recorded after finding
    number `after` (newest first, at most `limit`), and how many there are."""
    asked = parse(text)
    if asked.query is None:
        return [], 0
    chosen = {name: value for name, value in chosen.items() if name in FACETS and value}
    newer = narrowed(Finding.objects.visible_to(user), chosen, user).filter(pk__gt=after)
    if engine.supported():
        matches = engine.matching(asked.query, newer)
    else:
        matches = Finding.objects.filter(
            pk__in=[row.pk for row in engine_search(asked.query, newer)[:MOST_SHOWN]]
        )
    listed = list(matches.select_related("report").order_by("-pk")[:limit])
    return listed, (len(listed) if len(listed) < limit else matches.count())


PUBLIC_SHOWN = 50


def public_search(text: str) -> tuple[Asked, list[tuple[Finding, object]], int]:
    """For anyone, signed in or not: the findings of reports with a published (not withdrawn) response
    that match `text`, best first (at most `PUBLIC_SHOWN`), each with the published response that answers
    it, and how many match. Nothing else is searched: what is not published is not found."""
    from responses.models import ResponseObligation

    asked = parse(text)
    if asked.query is None:
        return asked, [], 0
    published = ResponseObligation.objects.public()
    findings = Finding.objects.filter(report__in=published.values("report"))
    if engine.supported():
        keys, matches = engine.ranked(asked.query, findings, PUBLIC_SHOWN)
        total = matches.count()
    else:
        keys = [finding.pk for finding in engine_search(asked.query, findings)[:PUBLIC_SHOWN]]
        total = len(keys)
    found = loaded(keys)
    answering: dict[int, list] = {}
    for obligation in published.filter(report__in={f.report_id for f in found}).select_related("body"):
        answering.setdefault(obligation.report_id, []).append(obligation)
    return asked, [(finding, answering.get(finding.report_id, [])) for finding in found], total
