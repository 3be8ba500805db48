"""The office's tracker, an action's page and the force contributor's page. Views parse, call a service,
render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import access
from accounts.roles import Role
from core.forms import refusal
from directory.models import Force
from documents import DocumentError
from tracking import evidence as evidence_files
from tracking import queries, rules
from tracking.access import tracker_reader_required, updater_required
from tracking.forms import (
    BulkForm,
    FilterForm,
    OwnerForm,
    RagForm,
    RemoveEvidenceForm,
    TargetForm,
    ThemesForm,
    UpdateForm,
)
from tracking.models import Action, ActionUpdate, Evidence, View
from tracking.services import (
    ActionRefused,
    BulkEdit,
    Change,
    allowed_views,
    bulk_edit,
    override_rag,
    record_update,
    revise_target,
    set_owner,
    set_themes,
)

PAGE_SIZE = 50


def filters_from(form: FilterForm) -> queries.Filters:
    if not form.is_valid():
        return queries.Filters()
    data = form.cleaned_data
    return queries.Filters(
        q=data["q"],
        report=data["report"],
        force=data["force"],
        category=data["category"],
        status=data["status"].pk if data["status"] else None,
        theme=data["theme"].pk if data["theme"] else None,
        rag=data["rag"],
        late=data["late"],
        owner=data["owner"],
        sort=data["sort"] or "target",
    )


def listed(request):
    """The person's actions, filtered as the query string says: (form, filters, queryset)."""
    form = FilterForm(request.GET or None, office=request.user.office_id)
    filters = filters_from(form)
    today = timezone.localdate()
    actions = queries.matching(Action.objects.visible_to(request.user), filters, today)
    return form, filters, actions


@tracker_reader_required
def action_list(request):
    today = timezone.localdate()
    form, filters, actions = listed(request)
    # The page's ids first, from the index alone; then only those rows with their joins, so page 500
    # costs what page 1 does.
    page = Paginator(actions.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    shown = queries.for_display(queries.with_rag(Action.objects.filter(pk__in=ids), today)).in_bulk()
    rows = [(shown[pk], queries.lateness(shown[pk], today)) for pk in ids]
    staff = access.is_office_staff(request.user)
    return render(
        request,
        "tracking/action_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "query": request.GET.urlencode(),
            "staff": staff,
            "admin": access.is_office_admin(request.user) and request.user.office_id is not None,
            "bulk": BulkForm(office=request.user.office_id, prefix="bulk")
            if staff and request.user.office_id
            else None,
            "rag_rule": rules.RAG_RULE,
            "late_links": [(key, label) for key, label in queries.LATE_CHOICES if key],
        },
    )


@require_POST
@updater_required
def bulk(request):
    access.require(request.user, access.is_office_staff, access.STAFF_ONLY)
    chosen = [value for value in request.POST.getlist("selected") if value.isascii() and value.isdigit()]
    form = BulkForm(request.POST, office=request.user.office_id, prefix="bulk")
    back = request.POST.get("back", "")
    target = f"{request.path.rsplit('/bulk/', 1)[0]}/?{back}" if back.isascii() else "/tracker/"
    if not chosen:
        messages.error(request, "Choose the actions to change.")
        return redirect(target)
    if not form.is_valid():
        messages.error(request, "; ".join(error for errors in form.errors.values() for error in errors))
        return redirect(target)
    selection = Action.objects.visible_to(request.user).filter(pk__in=chosen[:500])
    try:
        count = bulk_edit(
            actions=selection,
            edit=BulkEdit(
                owner=form.cleaned_data["owner"],
                target_on=form.cleaned_data["target_on"],
                agreed_by=form.cleaned_data["agreed_by"],
                reason=form.cleaned_data["reason"],
                status=form.cleaned_data["status"],
            ),
            user=request.user,
            today=timezone.localdate(),
        )
    except ActionRefused as error:
        messages.error(request, f"Nothing was changed: {error}.")
        return redirect(target)
    messages.success(request, f"Changed {count} action{'s' if count != 1 else ''}, each with an update.")
    return redirect(target)


def action_for(request, pk) -> Action:
    return get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "finding",
            "finding__report",
            "force",
            "office",
            "force_status",
            "opcc_status",
            "inspectorate_status",
        ),
        pk=pk,
    )


def history(action: Action, user) -> dict:
    updates = list(
        ActionUpdate.objects.visible_to(user)
        .filter(action=action)
        .select_related("status", "corrects")
        .prefetch_related("corrections")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("removed_by")))
    )
    # the summary and the three views are one story: both read the one query of the action's statuses
    start = {view: getattr(action, f"{view}_status") for view in View.values}
    standing = queries.standing_of(queries.status_history(action), start)
    return {
        "updates": updates,
        "standing": standing,
        "views": [(View(key).label, key, standing.listed[key]) for key in View.values],
    }


@tracker_reader_required
def action_detail(request, pk):
    action = action_for(request, pk)
    today = timezone.localdate()
    staff = access.is_office_staff(request.user)
    may_update = bool(allowed_views(request.user))
    do = request.POST.get("do") if request.method == "POST" else None
    if do and not may_update:
        access.require(request.user, lambda user: False, "Your role cannot update actions.")
    if do and do != "update" and not staff:
        access.require(request.user, lambda user: False, access.STAFF_ONLY)
    data = request.POST if do else None
    asked = request.POST.get("update-corrects", "") if do == "update" else request.GET.get("correct", "")
    correcting = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 12 else None
    corrected = action.updates.filter(pk=correcting).first() if correcting else None
    forms = {
        "update": UpdateForm(
            data if do == "update" else None,
            request.FILES if do == "update" else None,
            office=action.office_id,
            views=allowed_views(request.user),
            staff=staff,
            # the form shows the body the action waits on, so sending it back unchanged keeps it
            initial={"effective_on": today, "waiting_on": action.waiting_on, "corrects": correcting},
            prefix="update",
        ),
        "target": TargetForm(data if do == "target" else None, prefix="target"),
        "owner": OwnerForm(data if do == "owner" else None, initial={"owner": action.owner}, prefix="owner"),
        "rag": RagForm(
            data if do == "rag" else None,
            initial={"rag": action.rag_override, "reason": action.rag_override_reason},
            prefix="rag",
        ),
        "themes": ThemesForm(
            data if do == "themes" else None,
            office=action.office_id,
            initial={"themes": list(action.themes.all())},
            prefix="themes",
        ),
    }
    refused = None
    if do in forms and forms[do].is_valid():
        try:
            done = perform(request, action, do, forms[do].cleaned_data, today)
            messages.success(request, done)
            return redirect(action)
        except (ActionRefused, DocumentError) as error:
            refused = refusal(f"Nothing was saved: {error}.")
    rag = queries.with_rag(Action.objects.filter(pk=action.pk), today).values_list("rule_rag", flat=True)[0]
    context = {
        "action": action,
        "today": today,
        "lateness": queries.lateness(action, today),
        "rule_rag": rag,
        "rag": action.rag_override or rag,
        "rag_rule": rules.RAG_RULE,
        "category_rule": rules.CATEGORY_RULE,
        "revisions": action.revisions.select_related("recorded_by"),
        "forms": forms,
        "form": refused or forms.get(do),
        "staff": staff,
        "admin": access.is_office_admin(request.user),
        "may_update": may_update,
        "restated": action.restated_in.select_related("report"),
        "corrected": corrected,
        **history(action, request.user),
    }
    return render(request, "tracking/action_detail.html", context)


def perform(request, action: Action, do: str, data: dict, today) -> str:
    user = request.user
    if do == "update":
        with evidence_files.staged_files(data["files"]) as staged:
            record_update(
                action=action,
                change=Change(
                    effective_on=data["effective_on"],
                    text=data["text"],
                    view=data["status"].view if data["status"] else "",
                    status=data["status"],
                    source=data.get("source", ""),
                    progress=data["progress"],
                    waiting_on=data["waiting_on"] if "update-waiting_on" in request.POST else None,
                    justification=data["justification"],
                    public=data.get("public", False),
                    asked_by_office=data.get("asked_by_office", False),
                    files=staged,
                    corrects=action.updates.filter(pk=data["corrects"]).first()
                    if data.get("corrects")
                    else None,
                ),
                user=user,
            )
        return (
            "Correction added: both updates stay in the history." if data.get("corrects") else "Update added."
        )
    if do == "target":
        revise_target(action=action, user=user, today=today, **data)
        return "Target date revised; the original date is kept."
    if do == "owner":
        set_owner(action=action, owner=data["owner"], user=user, today=today)
        return "Owner saved."
    if do == "rag":
        override_rag(action=action, rag=data["rag"], reason=data["reason"], user=user, today=today)
        return "RAG saved."
    set_themes(action=action, themes=list(data["themes"]), user=user, today=today)
    return "Themes saved."


@tracker_reader_required
def force_actions(request):
    """The force contributor's page: what is due, what is overdue, what the office asked."""
    today = timezone.localdate()
    seen = Action.objects.visible_to(request.user)
    contributor = access.is_force_contributor(request.user)
    forces = []
    if contributor:
        force = request.user.force
    else:
        # Office staff and the panel see the page as a force would: the office's own force unless they
        # choose another force whose actions they follow.
        forces = list(Force.objects.filter(pk__in=seen.values("force").distinct()).order_by("name"))
        chosen = request.GET.get("force", "")
        own = request.user.office.force_id if request.user.office_id else None
        force = next((f for f in forces if f.code == chosen), None) if chosen else None
        force = force or next((f for f in forces if f.pk == own), None) or (forces[0] if forces else None)
    mine = queries.for_display(seen.filter(force=force) if force else seen.none())
    overdue = mine.filter(queries.late_filter("late", today)).order_by("target_on", "id")
    due = mine.filter(queries.late_filter("due-soon", today)).order_by("target_on", "id")
    answered = ActionUpdate.objects.filter(
        Q(view=View.FORCE) | Q(author__role=Role.FORCE_CONTRIBUTOR),
        action=OuterRef("action"),
        created_at__gt=OuterRef("created_at"),
    )
    asked = (
        ActionUpdate.objects.filter(action__in=mine.values("pk"), asked_by_office=True)
        .exclude(Exists(answered))
        .select_related("action", "action__finding")
        .order_by("-created_at")
    )
    return render(
        request,
        "tracking/force_actions.html",
        {
            "today": today,
            "overdue": [(action, queries.lateness(action, today)) for action in overdue[:200]],
            "due": list(due[:200]),
            "asked": list(asked[:50]),
            "open_count": mine.filter(category="open").count(),
            "force": force,
            "forces": forces,
            "contributor": contributor,
        },
    )


@tracker_reader_required
def evidence_download(request, pk):
    from django.http import FileResponse, Http404

    item = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    if item.removed or not item.file:
        raise Http404("The file was removed.")
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.media_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


@tracker_reader_required
def evidence_remove(request, pk):
    access.require(request.user, access.is_office_admin, "Only OPCC administrators can remove evidence.")
    item = get_object_or_404(Evidence.objects.visible_to(request.user).select_related("update"), pk=pk)
    form = RemoveEvidenceForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            evidence_files.remove(evidence=item, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, f"Removed {item.original_name}; the note of why stays on the update.")
            return redirect(item.update.action)
        except evidence_files.EvidenceRefused as error:
            refused = refusal(f"Not removed: {error}.")
    return render(request, "tracking/evidence_remove.html", {"item": item, "form": form, "refused": refused})
