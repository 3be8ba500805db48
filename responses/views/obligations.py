"""The deadlines page and each obligation's page. Views parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from accounts.access import (
    deadlines_reader_required,
    is_office_staff,
    office_admin_required,
    office_staff_required,
)
from core.exports import csv_response, sheet, workbook_response
from core.forms import refusal
from core.submissions import once
from responses import reminders
from responses.comments import link_summary
from responses.forms import (
    HistoryForm,
    InvitationForm,
    InvitationTextForm,
    NotApplicableForm,
    OfficeSettingsForm,
    StatutoryForm,
)
from responses.models import CalendarFeed, OfficeSettings, ResponseObligation, statutory_default
from responses.services import (
    BUCKETS,
    ObligationRefused,
    answer_with,
    change_calendar_address,
    check_comments_date,
    comments_wanted_by,
    copies_email,
    deadlines,
    invitation_email,
    invite_chief_officer,
    mark_history,
    mark_not_applicable,
    office_settings,
    reopen,
    return_to_work,
    save_office_settings,
    set_statutory,
)


@deadlines_reader_required
def deadlines_page(request):
    today = timezone.localdate()
    summary = deadlines(ResponseObligation.objects.visible_to(request.user), today)
    groups = [(key, label, summary.buckets[key]) for key, label in BUCKETS]
    office = request.user.office if request.user.office_id else None
    if request.method == "POST" and request.POST.get("action") == "calendar-address":
        if office is None or not is_office_staff(request.user):
            raise PermissionDenied(
                "Only your office's officers and administrators can change its calendar address."
            )
        had_one = CalendarFeed.objects.filter(body=office).exists()
        change_calendar_address(body=office)
        messages.success(
            request,
            "The calendar address has changed: the old one no longer works; subscribe again with the new one."
            if had_one
            else "Your office's calendar address is ready.",
        )
        return redirect(f"{reverse('responses:deadlines')}#calendar")
    feed = CalendarFeed.objects.filter(body=office).first() if office else None
    context = {
        "office": office,
        "is_staff": is_office_staff(request.user),
        "selectable": SELECTABLE if is_office_staff(request.user) else (),
        "feed": feed,
        "today": today,
        "groups": groups,
        "by_year": sorted(summary.by_year.items(), reverse=True),
        "by_type": sorted(summary.by_type.items()),
    }
    return render(request, "responses/deadlines.html", context)


# The groups whose responses an officer may select on the deadlines page to mark as history.
SELECTABLE = ("overdue", "7", "14", "28", "later")


@office_staff_required
def mark_history_page(request):
    """Past reports' responses set aside as history in bulk: the deadlines page's selection, confirmed
    here before anything changes."""
    if request.method != "POST":
        return redirect("responses:deadlines")
    open_ones = ResponseObligation.objects.visible_to(request.user).open()
    today = timezone.localdate()
    data = request.POST.copy()
    group = request.POST.get("group", "")
    if group in SELECTABLE:  # "Select all in this group": every response the page shows in it
        data.setlist("obligation", [str(o.pk) for o in deadlines(open_ones, today).buckets[group]])
    form = HistoryForm(data, obligations=open_ones)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("responses:deadlines")
    chosen = form.cleaned_data["obligation"].select_related("report", "body").order_by("report__published_on")
    if request.POST.get("confirm") == "yes":
        marked = mark_history(obligations=chosen, user=request.user)
        count = len(marked)
        messages.success(
            request,
            f"{count} response{'s' if count != 1 else ''} marked as history: kept for the record under "
            "History, out of the overdue list, reminders, the calendar and the on-time record.",
        )
        return redirect(f"{reverse('responses:deadlines')}#history")
    return render(
        request,
        "responses/mark_history.html",
        {"obligations": list(chosen), "today": today, "late": sum(o.is_late(today) for o in chosen)},
    )


DEADLINE_COLUMNS = [
    "Report",
    "Report type",
    "Report published",
    "Office",
    "Statutory",
    "Due",
    "State",
    "Response published",
    "Day of the 56",
    "On time",
]


def deadline_rows(obligations, today):
    for obligation in obligations.select_related("report", "report__report_type", "body").order_by(
        "report__published_on", "body__name"
    ):
        settled = not obligation.history and (
            obligation.published_on is not None or obligation.is_late(today)
        )
        yield [
            obligation.report.title,
            obligation.report.report_type.name,
            obligation.report.published_on,
            obligation.body.name,
            "statutory" if obligation.statutory else "voluntary",
            obligation.due_on,
            obligation.state_label(today),
            obligation.published_on,
            obligation.day_of_period(today) if not obligation.not_applicable else None,
            ("yes" if obligation.published_on and not obligation.published_late else "no") if settled else "",
        ]


@deadlines_reader_required
def deadlines_export(request, kind):
    """The deadlines page as CSV, or as Excel with the on-time record by year and by report type."""
    today = timezone.localdate()
    obligations = ResponseObligation.objects.visible_to(request.user)
    name = f"deadlines-{today:%Y-%m-%d}"
    if kind == "csv":
        return csv_response(DEADLINE_COLUMNS, deadline_rows(obligations, today), f"{name}.csv")
    summary = deadlines(obligations, today)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet(workbook, "Deadlines", DEADLINE_COLUMNS, deadline_rows(obligations, today))
    for title, table in [("On time by year", summary.by_year), ("On time by report type", summary.by_type)]:
        sheet(
            workbook,
            title,
            ["Year" if "year" in title else "Report type", "On time", "Late", "On-time rate"],
            (
                [key, value.on_time, value.late, round(value.rate, 3) if value.rate is not None else None]
                for key, value in sorted(table.items(), key=lambda item: str(item[0]))
            ),
        )
    return workbook_response(workbook, f"{name}.xlsx")


@office_staff_required
def obligation_detail(request, pk):
    obligation = get_object_or_404(
        ResponseObligation.objects.visible_to(request.user).select_related(
            "report", "report__report_type", "body"
        ),
        pk=pk,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    not_applicable = NotApplicableForm(request.POST if action == "not-applicable" else None)
    statutory = StatutoryForm(
        request.POST if action == "statutory" else None,
        initial={"statutory": "true" if obligation.statutory else "false"},
        default=statutory_default(obligation.report)[0],
    )
    refused = None
    try:
        if action == "not-applicable" and not_applicable.is_valid():
            mark_not_applicable(obligation=obligation, user=request.user, **not_applicable.cleaned_data)
            messages.success(request, "Marked as not applicable to this office, with the reason.")
            return redirect(obligation)
        if action == "statutory" and statutory.is_valid():
            set_statutory(
                obligation=obligation,
                user=request.user,
                statutory=statutory.cleaned_data["statutory"],
                reason=statutory.cleaned_data["statutory_reason"],
            )
            messages.success(request, "Saved whether the response is statutory.")
            return redirect(obligation)
        if action == "answer-with":
            chosen = request.POST.get("other", "")
            if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 12):
                raise ObligationRefused("choose the response that answers this report")
            other = get_object_or_404(ResponseObligation.objects.visible_to(request.user), pk=chosen)
            answer_with(obligation=obligation, other=other, user=request.user)
            messages.success(
                request, f"This report is answered by the response to {other.report.title}, which it cites."
            )
            return redirect(obligation)
        if action == "reopen":
            reopen(obligation=obligation, user=request.user)
            messages.success(request, "The report applies to this office again.")
            return redirect(obligation)
        if action == "return-to-work":
            return_to_work(obligation=obligation, user=request.user)
            messages.success(request, "The response is owed after all: it counts again, with its clock.")
            return redirect(obligation)
    except ObligationRefused as error:
        if action == "not-applicable":
            not_applicable.add_error(None, error.sentence)
        else:
            refused = refusal(error.sentence)  # a button, not a form: the refusal shows in the summary alone
    today = timezone.localdate()
    context = {
        **copies_email_context(obligation),
        "obligation": obligation,
        "linked_responses": ResponseObligation.objects.visible_to(request.user)
        .filter(body=obligation.body_id, report__in=obligation.report.linked_reports.all(), answered_by=None)
        .select_related("report"),
        "today": today,
        "day": obligation.day_of_period(today),
        "days_left": obligation.days_left(today),
        "links": link_summary(obligation),
        "not_applicable_form": not_applicable,
        "statutory_form": statutory,
        "form": refused or (not_applicable if not_applicable.errors else statutory),
    }
    return render(request, "responses/obligation_detail.html", context)


def copies_email_context(obligation: ResponseObligation) -> dict:
    """Once published: the e-mail that sends the copies the law requires."""
    return {"copies": copies_email(obligation)} if obligation.published_on else {}


def office_obligation(request, pk) -> ResponseObligation:
    return get_object_or_404(
        ResponseObligation.objects.visible_to(request.user).select_related("report", "body"), pk=pk
    )


@office_staff_required
def invite(request, pk):
    """Invite the chief officer: Scrutiny's e-mail is shown first, editable, and goes today (the date for
    comments counts from the day it really goes); an invitation sent another way is recorded with its day."""
    obligation = office_obligation(request, pk)
    settings = OfficeSettings.objects.filter(body=obligation.body_id).first()
    initial = {"to": obligation.chief_officer_email or (settings.chief_officer_email if settings else "")}
    form = InvitationForm(request.POST or None, initial=initial)
    today = timezone.localdate()
    context = {"obligation": obligation, "form": form, "today": today}
    if request.method != "POST" or not form.is_valid():
        return render(request, "responses/invite.html", context)
    if form.cleaned_data["how"] == InvitationForm.RECORD:
        return record_invitation(request, obligation, form, context)
    due = comments_wanted_by(today, form.cleaned_data["comments_due_on"], obligation.due_on)
    try:
        check_comments_date(
            obligation=obligation, sent_on=today, due=due, chosen=bool(form.cleaned_data["comments_due_on"])
        )
    except ObligationRefused as error:
        form.add_error("comments_due_on", error.sentence)
        return render(request, "responses/invite.html", context)
    return preview_or_send_invitation(request, obligation, form.cleaned_data, due, context)


def record_invitation(request, obligation, form, context):
    """An invitation sent another way (a letter, the office's own e-mail), recorded with the day it went."""
    data = form.cleaned_data
    try:
        invite_chief_officer(
            obligation=obligation,
            to=data["to"],
            sent_on=data["sent_on"],
            comments_due_on=data["comments_due_on"],
            send=False,
            user=request.user,
        )
    except ObligationRefused as error:
        form.add_error(None, error.sentence)
        return render(request, "responses/invite.html", context)
    messages.success(request, f"Recorded the invitation sent on {data['sent_on']:%-d %B %Y}.")
    return redirect(obligation)


def preview_or_send_invitation(request, obligation, data, due, context):
    """Scrutiny's e-mail, drafted for the officer to read and change; sent once when they say so."""
    today = context["today"]
    if request.POST.get("step") == "send":
        text_form = InvitationTextForm(request.POST)
        if text_form.is_valid():

            def send() -> str:
                invite_chief_officer(
                    obligation=obligation,
                    to=data["to"],
                    comments_due_on=due,
                    subject=text_form.cleaned_data["subject"],
                    text=text_form.cleaned_data["text"],
                    user=request.user,
                    today=today,
                )
                return obligation.get_absolute_url()

            try:
                address, made = once(request, send)
            except ObligationRefused as error:
                text_form.add_error(None, error.sentence)
            else:
                if made:
                    messages.success(request, f"Invitation to comment sent to {data['to']}.")
                return redirect(address)
    else:
        submit_url = request.build_absolute_uri(
            reverse("responses:force-comments", kwargs={"pk": obligation.pk})
        )
        subject, text = invitation_email(
            obligation=obligation, sender=request.user, comments_due_on=due, submit_url=submit_url
        )
        text_form = InvitationTextForm(initial={"subject": subject, "text": text})
    carried = [
        (name, request.POST[name])
        for name in ["to", "how", "comments_due_on_day", "comments_due_on_month", "comments_due_on_year"]
        if name in request.POST
    ]
    context.update(text_form=text_form, due=due, data=data, carried=carried)
    return render(request, "responses/invite_preview.html", context)


def office_logo(request, pk):
    """An office's logo, as printed on its public letters and pages: public, like them."""
    settings = get_object_or_404(OfficeSettings.objects.exclude(logo=""), body=pk)
    try:
        handle = settings.logo.open("rb")
    except FileNotFoundError:
        raise Http404("the logo's file is missing") from None
    response = FileResponse(handle, content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"  # letters link a versioned address; pages follow soon
    response["X-Content-Type-Options"] = "nosniff"
    return response


def calendar_feed(request, token):
    """The office's due dates as iCalendar; the secret address is the key, as calendar programs cannot
    sign in."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("body"), token=token)
    obligations = ResponseObligation.objects.filter(body=feed.body, not_applicable=False).current()
    content = reminders.calendar(
        obligations,
        name=f"Section 55 deadlines: {feed.body.name}",
        base_url=request.build_absolute_uri("/").rstrip("/"),
        now=timezone.now(),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


@office_admin_required
def office_settings_page(request):
    """How the office writes its responses; for its administrators."""
    if request.user.office_id is None:
        raise Http404("deployment administrators change offices' settings in the admin")
    settings = office_settings(request.user.office)
    form = OfficeSettingsForm(request.POST or None, request.FILES or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        _, set_aside = save_office_settings(form=form, user=request.user)
        messages.success(
            request,
            "The office's settings are saved; new letters and PDFs use them."
            + (
                f" {set_aside} response{'s' if set_aside != 1 else ''} whose 56 days ended before the office "
                "started using Scrutiny are now history, never counted late."
                if set_aside
                else ""
            ),
        )
        return redirect("responses:office-settings")
    return render(request, "responses/office_settings.html", {"form": form, "office": request.user.office})
