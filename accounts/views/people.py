"""An office's people, managed by its administrators: invite, change role and scope, deactivate."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django_otp import user_has_device

from accounts.access import office_admin_required
from accounts.forms import ChangePersonForm, InviteForm
from accounts.models import User
from accounts.services import PeopleRefused, invite_user, reset_two_factor, update_user


@office_admin_required
def people(request):
    everyone = User.objects.visible_to(request.user).select_related("office", "force", "partnership")
    page = Paginator(everyone.order_by("-is_active", "last_name", "username"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/people.html", {"page": page})


@office_admin_required
def invite(request):
    form = InviteForm(request.POST or None, office=request.user.office if request.user.office_id else None)
    if request.method == "POST" and form.is_valid():
        if request.user.office_id is None:
            form.add_error(
                None,
                "Invite people from an office's administrator account; deployment administrators use the admin",
            )
        else:
            try:
                person = invite_user(
                    **form.cleaned_data,
                    office=request.user.office,
                    by=request.user,
                    base_url=request.build_absolute_uri("/").rstrip("/"),
                )
            except PeopleRefused as error:
                form.add_error("email", error.sentence)
            else:
                messages.success(
                    request, f"{person.display_name} is invited: the e-mail went to {person.email}."
                )
                return redirect("accounts:people")
    return render(request, "accounts/person_invite.html", {"form": form})


@office_admin_required
def person(request, pk):
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {
        "role": person.role,
        "force": person.force_id,
        "partnership": person.partnership_id,
        "custody_access": person.custody_access,
        "is_active": person.is_active,
    }
    form = ChangePersonForm(
        request.POST if action == "save" else None,
        initial=initial,
        office=request.user.office if request.user.office_id else None,
    )
    if action == "reset-two-factor":
        reset_two_factor(person=person)
        messages.success(
            request, f"{person.display_name} will set up a new authenticator at their next sign-in."
        )
        return redirect("accounts:person", pk=person.pk)
    if action == "save" and form.is_valid():
        try:
            update_user(person=person, by=request.user, **form.cleaned_data)
        except PeopleRefused as error:
            form.add_error(None, error.sentence)
        else:
            messages.success(request, f"Saved {person.display_name}'s role and access.")
            return redirect("accounts:people")
    context = {"person": person, "form": form, "has_device": user_has_device(person, confirmed=True)}
    return render(request, "accounts/person.html", context)
