"""The national register's upkeep and decisions: each new finding is compared once with every finding
recorded before it (closed ones included), joins the national item of the copies it repeats, and, where
an earlier report for the same force made it before, a proposal says what the later copy is to the earlier
one, for an officer to accept or reject.

Comparison runs in the worker (`tasks.compare_new_findings`), queued when findings are saved. Candidates
come from the database (findings sharing a MinHash band or the same normalised key), so the cost of a
report is its own findings' candidates, not the register's size."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import access
from directory.models import Force
from reports.models import Finding, Report
from search import grouping
from search.models import Band, Fingerprint, NationalItem, Proposal, Word

BATCH = 500


@dataclass
class Compared:
    findings: int = 0
    joined: int = 0  # copies placed in a national item
    proposed: int = 0


def names() -> list[str]:
    """Every name a report may call a force by: its name and its area."""
    rows = Force.objects.values_list("name", "area")
    return sorted({name for row in rows for name in row if name}, key=len, reverse=True)


def compare_new_findings(*, batch: int = BATCH, on_progress=None) -> Compared:
    """Compare every finding not yet compared, oldest report first, `batch` findings at a time
    (`on_progress(n)` after each batch)."""
    outcome = Compared()
    forces = names()
    while True:
        findings = list(
            Finding.objects.filter(fingerprint__isnull=True)
            .select_related("report", "report__report_type")
            .order_by("report__published_on", "report_id", "position", "pk")[:batch]
        )
        if not findings:
            break
        step = compare(findings, forces)
        outcome.findings += step.findings
        outcome.joined += step.joined
        outcome.proposed += step.proposed
        if on_progress:
            on_progress(step.findings)
    NationalItem.objects.filter(copies__isnull=True).delete()
    return outcome


@dataclass
class Seen:
    """What comparing needs to know of one finding already fingerprinted."""

    finding_id: int
    report_id: int
    published_on: object
    text: str
    normal: str
    fingerprint: Fingerprint
    revisit: bool


@transaction.atomic
def compare(findings: list[Finding], forces: list[str]) -> Compared:
    """Fingerprint these findings, then place each: a copy of earlier findings (identical normalised
    words, or candidates confirmed alike) joins their national item, and one for a force an earlier
    report concerned is proposed as re-raising, superseding or closing the latest earlier copy."""
    prints, bands = [], []
    for finding in findings:
        normal = grouping.normalise(finding.text, forces)
        main = grouping.normalise(grouping.main_sentence(finding.text), forces)
        recognisable = grouping.recognisable(normal)
        key = grouping.fingerprint(normal) if recognisable else ""
        prints.append(Fingerprint(finding=finding, normal=normal, main=main, key=key))
        if recognisable:
            bands += [Band(key=band, finding=finding) for band in set(grouping.bands(main or normal))]
    Fingerprint.objects.bulk_create(prints)
    Band.objects.bulk_create(bands, batch_size=2000)
    words = {word for finding in findings for word in grouping.words(finding.text)}
    Word.objects.bulk_create(
        [Word(word=word) for word in sorted(words)], batch_size=2000, ignore_conflicts=True
    )
    new = {p.finding_id: p for p in prints if p.key}
    also = same_force_matches(new, findings)
    seen = candidates(new, bands, set().union(*also.values()) if also else set())
    reports = {f.report_id: f.report for f in findings} | {s.report_id: None for s in seen.values()}
    concerned = forces_of(reports)
    outcome = Compared(findings=len(findings))
    changed: dict[int, Fingerprint] = {}
    pairs: list[Proposal] = []
    mine = defaultdict(list)
    for band in bands:
        mine[band.finding_id].append(band.key)
    by_band = defaultdict(set)
    for band in Band.objects.filter(key__in={b.key for b in bands}).values_list("key", "finding_id"):
        by_band[band[0]].add(band[1])
    keys = defaultdict(set)
    for s in seen.values():
        if s.fingerprint.key:
            keys[s.fingerprint.key].add(s.finding_id)
    for finding in findings:
        fingerprint = new.get(finding.pk)
        if fingerprint is None:
            continue
        me = seen[finding.pk]
        others = set(keys[fingerprint.key]) | also.get(finding.pk, set())
        for band in mine[finding.pk]:
            others |= by_band[band]
        near = []
        for other_id in others - {finding.pk}:
            other = seen.get(other_id)
            if other is None or other.report_id == me.report_id:
                continue
            alike = grouping.likeness(me.normal, other.normal, me.fingerprint.main, other.fingerprint.main)
            if alike >= grouping.SAME_FORCE:
                near.append((alike, other))
        near.sort(key=lambda pair: (-pair[0], pair[1].published_on, pair[1].finding_id))
        confirmed = [(alike, other) for alike, other in near if alike >= grouping.SAME]
        if confirmed:
            outcome.joined += join(me, confirmed, changed)
        proposal = propose(me, near, concerned)
        if proposal is not None:
            pairs.append(proposal)
    Fingerprint.objects.bulk_update(changed.values(), ["item", "likeness"])
    made = Proposal.objects.bulk_create(pairs, ignore_conflicts=True)
    outcome.proposed = len(made)
    return outcome


def same_force_matches(new: dict[int, Fingerprint], findings: list[Finding]) -> dict[int, set[int]]:
    """For each new finding of a report that names forces, every finding of another report naming one of
    them whose sentence asking for something is `grouping.SAME_FORCE` alike: one force's findings are
    few enough to compare all (rapidfuzz's `cdist`), and a later report rewording what an earlier one
    asked shares too few word pairs for the MinHash bands to find it."""
    from rapidfuzz import fuzz, process

    named = defaultdict(set)
    for report_id, force_id in Report.forces.through.objects.filter(
        report__in={f.report_id for f in findings}, report__all_forces=False
    ).values_list("report_id", "force_id"):
        named[force_id].add(report_id)
    found: dict[int, set[int]] = defaultdict(set)
    for force_id, reports in named.items():
        mine = [f for f in findings if f.report_id in reports and f.pk in new]
        if not mine:
            continue
        pool = list(
            Fingerprint.objects.filter(finding__report__forces=force_id, finding__report__all_forces=False)
            .exclude(key="")
            .values_list("finding_id", "finding__report_id", "main")
        )
        if not pool:
            continue
        scores = process.cdist(
            [new[f.pk].main for f in mine],
            [main for _, _, main in pool],
            scorer=fuzz.ratio,
            score_cutoff=grouping.SAME_FORCE,
            dtype="uint8",
        )
        for row, finding in enumerate(mine):
            for column in scores[row].nonzero()[0]:
                other, report_id, _ = pool[column]
                if report_id != finding.report_id:
                    found[finding.pk].add(other)
    return found


def candidates(new: dict[int, Fingerprint], bands: list[Band], also: set[int]) -> dict[int, Seen]:
    """The new findings, every finding sharing a band or a normalised key with one of them, and `also`,
    loaded once with what comparing needs."""
    keys = {band.key for band in bands}
    ids = set(new) | also | set(Band.objects.filter(key__in=keys).values_list("finding_id", flat=True))
    ids |= set(
        Fingerprint.objects.filter(key__in={p.key for p in new.values()}).values_list("finding_id", flat=True)
    )
    rows = Fingerprint.objects.filter(finding__in=ids).select_related("finding__report__report_type", "item")
    return {
        row.finding_id: Seen(
            finding_id=row.finding_id,
            report_id=row.finding.report_id,
            published_on=row.finding.report.published_on,
            text=row.finding.text,
            normal=row.normal,
            fingerprint=new.get(row.finding_id, row),
            revisit=grouping.is_revisit(row.finding.report.report_type.code, row.finding.report.title),
        )
        for row in rows
    }


def forces_of(reports: dict[int, Report | None]) -> dict[int, set[int] | None]:
    """The forces each report concerns (None: every force)."""
    every = set(Report.objects.filter(pk__in=reports, all_forces=True).values_list("pk", flat=True))
    named = defaultdict(set)
    for report_id, force_id in Report.forces.through.objects.filter(report__in=reports).values_list(
        "report_id", "force_id"
    ):
        named[report_id].add(force_id)
    return {report_id: None if report_id in every else named[report_id] for report_id in reports}


def share_a_force(a: set[int] | None, b: set[int] | None) -> bool:
    if a is None or b is None:
        return (a is None and b is None) or bool(a if b is None else b)
    return bool(a & b)


def join(me: Seen, confirmed: list[tuple[int, Seen]], changed: dict[int, Fingerprint]) -> int:
    """Put the finding in the national item of the copy most like it (or keep the one it joined earlier in
    this batch); confirmed copies in no item yet join it too, and a new item is made when none is. The
    number of copies placed."""
    item_id = me.fingerprint.item_id or next(
        (other.fingerprint.item_id for _, other in confirmed if other.fingerprint.item_id), None
    )
    if item_id is None:
        earliest = min([me] + [other for _, other in confirmed], key=lambda s: (s.published_on, s.finding_id))
        item_id = NationalItem.objects.create(text=earliest.text).pk
    placing = [(confirmed[0][0], me)] if me.fingerprint.item_id is None else []
    placing += [(alike, other) for alike, other in confirmed if other.fingerprint.item_id is None]
    for alike, seen in placing:
        seen.fingerprint.item_id, seen.fingerprint.likeness = item_id, alike
        changed[seen.finding_id] = seen.fingerprint
    return len(placing)


def propose(me: Seen, near: list[tuple[int, Seen]], concerned) -> Proposal | None:
    """The copy, published before this one in a report for one of the same forces, most like it (the
    latest of equals): what this copy is to it. Within one force's reports a lower likeness suffices
    (`grouping.SAME_FORCE`): a later report for the force rewording what an earlier one asked is the
    likely reading, and the officer decides. History loaded late (a copy recorded after a later one)
    is proposed the other way round."""
    mine = concerned.get(me.report_id)
    shared = [
        (alike, other)
        for alike, other in near
        if other.published_on != me.published_on and share_a_force(mine, concerned.get(other.report_id))
    ]
    earlier = [(alike, other) for alike, other in shared if other.published_on < me.published_on]
    if earlier:
        _, before = max(earlier, key=lambda pair: (pair[0], pair[1].published_on, pair[1].finding_id))
        return proposal(before, me)
    later = [(alike, other) for alike, other in shared if other.published_on > me.published_on]
    if later:
        _, after = max(
            later, key=lambda pair: (pair[0], -pair[1].published_on.toordinal(), -pair[1].finding_id)
        )
        return proposal(me, after)
    return None


def proposal(earlier: Seen, later: Seen) -> Proposal:
    relation = grouping.relation(
        grouping.Copy(earlier.text, earlier.normal, earlier.revisit),
        grouping.Copy(later.text, later.normal, later.revisit),
    )
    only_earlier, only_later = grouping.changed_words(earlier.normal, later.normal)
    return Proposal(
        earlier_id=earlier.finding_id,
        later_id=later.finding_id,
        relation=relation,
        likeness=grouping.likeness(
            earlier.normal, later.normal, earlier.fingerprint.main, later.fingerprint.main
        ),
        evidence={"only_earlier": only_earlier, "only_later": only_later},
    )


def forget(finding: Finding) -> None:
    """A finding's words changed: it is compared again, and the proposals nobody decided go."""
    Fingerprint.objects.filter(finding=finding).delete()
    Band.objects.filter(finding=finding).delete()
    Proposal.objects.filter(state=Proposal.State.PROPOSED).filter(earlier=finding).delete()
    Proposal.objects.filter(state=Proposal.State.PROPOSED).filter(later=finding).delete()


class DecisionRefused(ValueError):
    """A decision on a proposal that cannot be made; the message says why, for the person."""


def may_decide(user, proposal: Proposal) -> bool:
    """Staff of the office whose force the later report concerns decide (and deployment administrators)."""
    from core.models import is_superuser

    if is_superuser(user):
        return True
    if not access.is_office_staff(user) or user.office_id is None:
        return False
    report = proposal.later.report
    return report.all_forces or any(force.pk == user.office.force_id for force in report.forces.all())


def decide(user, proposal: Proposal, *, accept: bool, relation: str = "") -> Proposal:
    """Accept (as proposed, or as `relation`) or reject a proposal; who decided and when are kept. A
    decision can be changed; it is never made by the comparison again."""
    if not may_decide(user, proposal):
        raise DecisionRefused(
            "Only staff of the office whose force the later report concerns decide what it is to the earlier."
        )
    if relation and relation not in Proposal.Relation.values:
        raise DecisionRefused("Choose whether the later finding re-raises, supersedes or closes the earlier.")
    proposal.state = Proposal.State.ACCEPTED if accept else Proposal.State.REJECTED
    if accept and relation:
        proposal.relation = relation
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save(update_fields=["state", "relation", "decided_by", "decided_at"])
    return proposal


def items_for(user, words: str = ""):
    """The national items with copies in at least two reports the person may open, the most copies
    first, each with `copies_seen` (how many) and `first_seen`/`last_seen` (their reports' years)."""
    from django.db.models import Count, Max, Min, Q

    visible = Q(copies__finding__report__in=Report.objects.visible_to(user))
    items = NationalItem.objects.annotate(
        copies_seen=Count("copies", filter=visible),
        first_seen=Min("copies__finding__report__published_on", filter=visible),
        last_seen=Max("copies__finding__report__published_on", filter=visible),
    ).filter(copies_seen__gte=2)
    for word in words.split()[:10]:
        items = items.filter(text__icontains=word)
    return items.order_by("-copies_seen", "-last_seen", "pk")


def copies_for(item: NationalItem, user) -> list[Finding]:
    """The item's copies the person may open, oldest report first, with their reports and forces."""
    return list(
        Finding.objects.visible_to(user)
        .filter(fingerprint__item=item)
        .select_related("report", "report__report_type", "fingerprint")
        .prefetch_related("report__forces")
        .order_by("report__published_on", "report_id", "position")
    )


def proposals_for(user, *, state: str = Proposal.State.PROPOSED, report: int | None = None):
    proposals = (
        Proposal.objects.visible_to(user)
        .select_related("earlier__report", "later__report", "decided_by")
        .prefetch_related("later__report__forces")
    )
    if state:
        proposals = proposals.filter(state=state)
    if report:
        proposals = proposals.filter(Q(earlier__report=report) | Q(later__report=report))
    return proposals.order_by("-later__report__published_on", "later__position", "pk")


def report_panel(request, report) -> dict | None:
    """On a report's page: its findings printed in other reports the person may open, and what is
    proposed about them."""
    from django.db.models import Count

    visible = Report.objects.visible_to(request.user)
    mine = Fingerprint.objects.filter(finding__report=report, item__isnull=False)
    repeated = (
        mine.annotate(
            elsewhere=Count(
                "item__copies",
                filter=~Q(item__copies__finding__report=report)
                & Q(item__copies__finding__report__in=visible),
            )
        )
        .filter(elsewhere__gt=0)
        .select_related("finding")
        .order_by("finding__position")
    )
    proposed = proposals_for(request.user, report=report.pk).count()
    repeated = list(repeated[:50])
    if not repeated and not proposed:
        return None
    return {"report": report, "repeated": repeated, "proposed": proposed}


def actions_for(copies: list[Finding], user) -> dict[int, list]:
    """Each copy's actions the person may see (a force's own tracking of it), by finding."""
    from tracking.models import Action

    found: dict[int, list] = defaultdict(list)
    for action in Action.objects.visible_to(user).filter(finding__in=copies).select_related("force"):
        found[action.finding_id].append(action)
    return found


RELATED_MOST, RELATED_LEAST = 5, 0.25  # shown, and the TF-IDF cosine a related finding must reach
RELATED_WORDS = 16  # the item's words (not stop words) the full-text index ranks by (any of them, BM25)


@dataclass
class Related:
    finding: Finding
    similarity: float  # TF-IDF cosine, 0-1
    shared: list[str]  # the words both weigh most


def related(item: NationalItem, user, copies: list[Finding]) -> list[Related]:
    """Findings the person may open that are about the same thing in other words (not copies): the
    full-text index's best 100 for any of the item's words (its ranking weighs rare words most), weighed
    by TF-IDF (scikit-learn) against the item's words; each with the words they share."""
    from modelsearch.query import Or, PlainText
    from sklearn.feature_extraction.text import TfidfVectorizer

    from core import fulltext

    if not fulltext.supported():
        return []
    analyse = TfidfVectorizer(stop_words="english").build_analyzer()
    words = [w for w in dict.fromkeys(analyse(item.text)) if len(w) > 2 and not w.isdigit()][:RELATED_WORDS]
    if not words:
        return []
    visible = Finding.objects.visible_to(user).exclude(pk__in=[copy.pk for copy in copies])
    visible = visible.exclude(fingerprint__item=item)
    keys, _ = fulltext.ranked(Or([PlainText(word) for word in words]), visible, 100)
    if not keys:
        return []
    found = {f.pk: f for f in Finding.objects.filter(pk__in=keys).select_related("report")}
    candidates = [found[key] for key in keys if key in found]
    forces = names()  # weighed without force names, dates and who is asked, which say nothing of subject
    weigh = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    matrix = weigh.fit_transform(
        [grouping.normalise(text, forces) for text in [item.text] + [finding.text for finding in candidates]]
    )
    terms = weigh.get_feature_names_out()
    scores = (matrix[1:] @ matrix[0].T).toarray().ravel()
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    shown = []
    for i in order[:RELATED_MOST]:
        if scores[i] < RELATED_LEAST:
            break
        both = matrix[0].multiply(matrix[i + 1]).toarray().ravel()
        shared = [terms[j] for j in both.argsort()[::-1][:6] if both[j] > 0]
        shown.append(Related(candidates[i], round(float(scores[i]), 2), shared))
    return shown


def home_panel(request, _=None) -> dict | None:
    """On the home page of office staff: how many proposals about their force's reports wait for them."""
    user = request.user
    if not access.is_office_staff(user) or user.office_id is None:
        return None
    waiting = proposals_for(user).filter(
        Q(later__report__all_forces=True) | Q(later__report__forces=user.office.force_id)
    )
    count = waiting.values("pk").distinct().count()
    return {"waiting": count} if count else None
