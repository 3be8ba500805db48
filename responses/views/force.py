"""The force's side: someone at an invited force reads what is asked and submits the chief officer's
comments into Scrutiny instead of by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.access import is_force_contributor, is_office_staff, require
from documents import DocumentError
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
    form = ForceCommentsForm(request.POST or None, request.FILES or None) if open_to_submit else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            job = submit_force_comments(
                obligation=obligation,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["document"],
                user=request.user,
                today=timezone.localdate(),
            )
        except DocumentError as error:
            form.add_error("document", str(error))
        except ObligationRefused as error:
            form.add_error(None, error.sentence)
        else:
            if job is not None:
                return redirect("core:job", pk=job.pk)
            messages.success(request, "The comments are submitted: the office has been told.")
            return redirect("responses:force-comments", pk=obligation.pk)
    context = {"obligation": obligation, "form": form, "today": timezone.localdate()}
    return render(request, "responses/force_comments.html", context)
