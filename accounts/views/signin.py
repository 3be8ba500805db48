"""Signing in with a second factor, and setting one up."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from accounts import audit, two_factor
from accounts.access import office_admin_required
from accounts.forms import AuditFilterForm, CodeForm, SetUpCodeForm, TokenForm
from accounts.models import ApiToken
from accounts.tokens import TokenRefused, create_token, revoke_token


def next_page(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if safe else "/"


def wrong_code(request, form: CodeForm):
    """Too many wrong codes end the session, so guessing needs the password again."""
    if two_factor.wrong_code_ends_session(request):
        messages.error(request, "Too many wrong codes. Sign in again.")
        return redirect("accounts:sign-in")
    form.add_error("code", "The code is wrong or has expired: enter the code the app shows now")
    return None


@login_required
def verify(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(next_page(request))
        if (response := wrong_code(request, form)) is not None:
            return response
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_page(request)})


@login_required
def set_up(request):
    """A first authenticator, or (from a verified session, with a code from it) a replacement. Someone
    who has an authenticator and has only typed the password is sent to give its code instead."""
    if not two_factor.may_set_up(request):
        messages.info(request, "You have two-factor sign-in already: enter the code from your app.")
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': next_page(request)})}")
    replacing = two_factor.has_authenticator(request.user)
    device = two_factor.pending_device(request.user)
    form = SetUpCodeForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = two_factor.confirm_device(
                request, device, form.cleaned_data["code"], form.cleaned_data.get("current", "")
            )
        except two_factor.SetUpRefused as refusal:
            form.add_error("current" if replacing else "code", str(refusal))
            confirmed = None
        if confirmed:
            messages.success(
                request, "Two-factor sign-in is set up. You will need a code each time you sign in."
            )
            return redirect(f"{reverse('accounts:recovery-codes')}?{urlencode({'next': next_page(request)})}")
        if confirmed is False and (response := wrong_code(request, form)) is not None:
            return response
    context = {
        "form": form,
        "next": next_page(request),
        "replacing": replacing,
        "secret": two_factor.secret_of(device),
        "qr": two_factor.qr_svg(device),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def recovery_codes(request):
    """New recovery codes, shown once: after setting up an authenticator, or made again on request from
    a verified session."""
    if not two_factor.has_authenticator(request.user):
        return redirect("accounts:two-factor-setup")
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        request.session[two_factor.RECOVERY_TO_SHOW] = two_factor.new_recovery_codes(request.user)
        messages.success(request, "New recovery codes made: the earlier ones no longer work.")
        return redirect("accounts:recovery-codes")
    codes = request.session.pop(two_factor.RECOVERY_TO_SHOW, None)
    context = {
        "codes": codes,
        "left": two_factor.recovery_codes_left(request.user),
        "next": next_page(request),
    }
    response = render(request, "accounts/recovery_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


def audit_entries(request):
    form = AuditFilterForm(request.GET or None, types=audit.audited_types())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit.filtered(audit.visible_entries(request.user), **{k: v for k, v in filters.items() if v})
    return form, entries


@office_admin_required
def audit_page(request):
    form, entries = audit_entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [(entry, audit.changes_of(entry)) for entry in page.object_list]
    query = request.GET.urlencode()
    return render(request, "accounts/audit.html", {"form": form, "page": page, "rows": rows, "query": query})


@office_admin_required
def audit_export(request):
    _form, entries = audit_entries(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="scrutiny-audit.csv"'
    audit.write_csv(entries, response)
    return response


@login_required
def api_tokens(request):
    form = TokenForm(request.POST or None, user=request.user)
    context = {"form": form, "days": settings.SCRUTINY_API_TOKEN_DAYS, "now": timezone.now()}
    if request.method == "POST" and form.is_valid():
        try:
            token, key = create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                custody=form.cleaned_data.get("custody", False),
                administers=form.cleaned_data.get("administers", False),
            )
        except TokenRefused as refusal:
            form.add_error(None, refusal.sentence)
        else:  # the key is shown in this answer only
            context.update(new_token=token, new_key=key, form=TokenForm(user=request.user))
    context["tokens"] = ApiToken.objects.visible_to(request.user)
    response = render(request, "accounts/api_tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = revoke_token(token=get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk))
    messages.success(request, f"Token {token.name} revoked: programs using it can no longer call the API.")
    return redirect("accounts:api-tokens")
