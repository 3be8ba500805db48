"""Referral pages: refer a report to partnerships (preview, then send), the list, one referral with its
progress, the office's letter template. Views parse, call a service, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.access import office_staff_required
from partnerships import services
from partnerships.access import is_partnership_contributor, referrals_reader_required
from partnerships.exports import referrals_workbook, workbook_response
from partnerships.forms import DateForm, FollowedUpForm, FollowUpForm, OutcomeForm, ReferForm, TemplateForm
from partnerships.models import Referral
from reports.models import Report


def office_of(request):
    if request.user.office_id is None:
        raise Http404("referrals are sent by an office; deployment administrators have none")
    return request.user.office


@referrals_reader_required
def referral_list(request):
    referrals = (
        Referral.objects.visible_to(request.user)
        .select_related("report", "partnership")
        .prefetch_related("findings")
    )
    state = request.GET.get("state", "")
    if state in Referral.State.values:
        referrals = referrals.filter(state=state)
    context = {
        "referrals": referrals,
        "states": Referral.State.choices,
        "state": state,
        "today": timezone.localdate(),
        "contributor": is_partnership_contributor(request.user),
    }
    return render(request, "partnerships/referral_list.html", context)


@referrals_reader_required
def referrals_export(request):
    referrals = Referral.objects.visible_to(request.user).select_related("report", "partnership")
    return workbook_response(referrals_workbook(referrals.prefetch_related("findings")), "referrals.xlsx")


@office_staff_required
def refer(request, pk):
    """Choose partnerships ("every partnership in this force area" is one click) and findings, edit the
    letter, preview each partnership's copy, then send them all in one step."""
    office = office_of(request)
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    partnerships = services.partnerships_for_report(report, office)
    template = services.template_for(office)
    initial = {"subject": template.subject, "letter": template.letter, "sent_on": timezone.localdate()}
    if request.GET.get("every") == "1":
        initial["partnerships"] = list(partnerships)
    data = request.POST if request.method == "POST" else None
    form = ReferForm(data, initial=initial, report=report, partnerships=partnerships)
    drafts = None
    if data is not None and form.is_valid():
        chosen = dict(form.cleaned_data)
        try:
            if request.POST.get("action") == "send":
                sent = services.refer(office=office, report=report, user=request.user, **chosen)
                messages.success(request, f"Sent to {len(sent)} partnership{'s' if len(sent) != 1 else ''}.")
                return redirect("partnerships:referral-list")
            chosen.pop("follow_up_on")
            drafts = services.preview(office=office, report=report, **chosen)
        except services.ReferralRefused as error:
            form.add_error(None, str(error))
    context = {"report": report, "form": form, "drafts": drafts, "force": office.force}
    return render(request, "partnerships/refer.html", context)


ACTIONS = {
    "acknowledged": (DateForm, services.record_acknowledged, "Acknowledgement recorded."),
    "discussed": (DateForm, services.record_discussed, "Meeting recorded."),
    "outcome": (OutcomeForm, services.record_outcome, "Outcome recorded."),
    "follow_up": (FollowUpForm, services.set_follow_up, "Follow-up date saved."),
    "followed_up": (FollowedUpForm, services.record_followed_up, "Follow-up recorded."),
}
CONTRIBUTOR_ACTIONS = {"acknowledged", "discussed", "outcome"}


@referrals_reader_required
def referral_detail(request, pk):
    referral = get_object_or_404(
        Referral.objects.visible_to(request.user).select_related("report", "partnership", "office"), pk=pk
    )
    contributor = is_partnership_contributor(request.user)
    allowed = CONTRIBUTOR_ACTIONS if contributor else set(ACTIONS) | {"close", "reopen"}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {
        name: form_class(request.POST if action == name else None, prefix=name)
        for name, (form_class, _, _) in ACTIONS.items()
        if name in allowed
    }
    if action and action not in allowed:
        raise Http404("no such action")
    if action:
        try:
            if action in ("close", "reopen"):
                getattr(services, action)(referral=referral, user=request.user)
                messages.success(request, "Referral closed." if action == "close" else "Referral reopened.")
                return redirect(referral)
            form = forms[action]
            if form.is_valid():
                _, service, done = ACTIONS[action]
                service(referral=referral, user=request.user, **form.cleaned_data)
                messages.success(request, done)
                return redirect(referral)
        except services.ReferralRefused as error:
            if action in forms:
                forms[action].add_error(None, str(error))
            else:
                messages.error(request, error.sentence)
            referral.refresh_from_db()
    context = {
        "referral": referral,
        "forms": forms,
        "contributor": contributor,
        "form": next((form for form in forms.values() if form.errors), None),
        "meetings": referral.partnership.meetings.filter(held_on__gte=referral.sent_on)[:3],
        "today": timezone.localdate(),
    }
    return render(request, "partnerships/referral_detail.html", context)


@office_staff_required
def referral_template(request):
    office = office_of(request)
    template = services.template_for(office)
    form = TemplateForm(
        request.POST or None, initial={"subject": template.subject, "letter": template.letter}
    )
    if request.method == "POST" and request.POST.get("action") == "reset":
        services.reset_template(office=office)
        messages.success(request, "The letter is back to Scrutiny's wording.")
        return redirect("partnerships:referral-template")
    if request.method == "POST" and form.is_valid():
        try:
            services.save_template(office=office, **form.cleaned_data)
        except services.ReferralRefused as error:
            form.add_error("letter", error.sentence)
        else:
            messages.success(request, "The referral letter is saved; new referrals start from it.")
            return redirect("partnerships:referral-template")
    context = {"form": form, "placeholders": services.PLACEHOLDERS.items()}
    return render(request, "partnerships/referral_template.html", context)
