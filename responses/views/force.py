"""The force's side: someone at an invited force reads what is asked and submits the chief officer's
comments into Scrutiny instead of by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.access import is_force_contributor, is_office_staff, require
from documents import DocumentError
from documents.uploads import Staged, discard, file_hash, stage, staged_at
from responses.comments import force_may_submit
from responses.forms import ForceCommentsForm
from responses.models import ResponseObligation
from responses.services import ObligationRefused
from responses.tasks import submit_force_comments

FORCE_ONLY = "Only people at a force submit its chief officer's comments here."


@login_required
def force_comments(request, pk):
    if not is_force_contributor(request.user):
        # The office's own staff follow the link they sent (from the invitation, say): their page for
        # this response is the response itself.
        own = ResponseObligation.objects.visible_to(request.user).filter(pk=pk).first()
        if own is not None and is_office_staff(request.user):
            messages.info(
                request,
                "The link you opened is the page where the force submits its chief officer's comments; "
                "this is the response's page, where you see them when they arrive.",
            )
            return redirect(own)
        require(request.user, is_force_contributor, FORCE_ONLY)
    obligation = get_object_or_404(
        ResponseObligation.objects.asked_of(request.user).select_related("report", "body", "body__force"),
        pk=pk,
    )
    open_to_submit = force_may_submit(request.user, obligation)
    key = f"force-comments-{obligation.pk}"
    if not open_to_submit:
        return render(request, "responses/force_comments.html", page_context(obligation, None))
    if request.method == "POST" and request.POST.get("step") == "submit":
        return submit_checked(request, obligation, request.session.get(key))
    if request.method == "GET" and request.GET.get("change") and key in request.session:
        held = request.session.pop(key)
        if held.get("path"):
            discard(held["path"])  # the letter is attached again with the change
        form = ForceCommentsForm(initial={"text": held.get("text", "")})
        return render(request, "responses/force_comments.html", page_context(obligation, form))
    form = ForceCommentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        held = {"text": form.cleaned_data["text"], "path": "", "name": "", "size": 0}
        if form.cleaned_data["document"] is not None:
            try:
                staged = stage(form.cleaned_data["document"])
            except DocumentError as error:
                form.add_error("document", str(error))
                return render(request, "responses/force_comments.html", page_context(obligation, form))
            held |= {
                "path": str(staged.path),
                "name": staged.original_name,
                "size": staged.path.stat().st_size,
            }
        previous = request.session.get(key)
        if previous and previous.get("path"):
            discard(previous["path"])
        request.session[key] = held
        return render(
            request, "responses/force_comments_check.html", page_context(obligation, None, held=held)
        )
    return render(request, "responses/force_comments.html", page_context(obligation, form))


def page_context(obligation, form, **extra) -> dict:
    return {"obligation": obligation, "form": form, "today": timezone.localdate(), **extra}


def refused_form(held: dict, field: str | None, message: str) -> ForceCommentsForm:
    """The form again, holding what was typed, with why the submission did not go."""
    form = ForceCommentsForm({"text": held.get("text", "")})
    form.is_valid()
    form.add_error(field, message)
    return form


def submit_checked(request, obligation, held):
    """The comments as checked on the check page, submitted: recorded at once, or read by the worker."""
    key = f"force-comments-{obligation.pk}"
    if not held:
        form = refused_form({}, None, "Nothing is waiting to be submitted: enter the comments again")
        return render(request, "responses/force_comments.html", page_context(obligation, form))
    staged = None
    if held.get("path"):
        try:
            path = staged_at(held["path"])
        except DocumentError:
            path = None
        if path is None or not path.is_file():
            request.session.pop(key, None)
            form = refused_form(held, "document", "The letter attached is no longer here: attach it again")
            return render(request, "responses/force_comments.html", page_context(obligation, form))
        staged = Staged(path=path, original_name=held["name"], sha256=file_hash(path), media_type="")
    try:
        job = submit_force_comments(
            obligation=obligation,
            text=held.get("text", ""),
            staged=staged,
            user=request.user,
            today=timezone.localdate(),
        )
    except ObligationRefused as error:
        form = refused_form(held, None, error.sentence)
        return render(request, "responses/force_comments.html", page_context(obligation, form))
    request.session.pop(key, None)
    if job is not None:
        return redirect("core:job", pk=job.pk)
    messages.success(request, "The comments are submitted: the office has been told.")
    return redirect("responses:force-comments", pk=obligation.pk)
