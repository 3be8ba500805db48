from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts.forms import SignInForm
from accounts.views import people as views_people
from accounts.views import signin as views
from core.limits import limited

app_name = "accounts"
urlpatterns = [
    path(
        "sign-in/",
        limited("sign-in", "SCRUTINY_SIGN_IN_RATE", methods=("POST",))(
            auth_views.LoginView.as_view(
                template_name="accounts/sign_in.html",
                authentication_form=SignInForm,
                redirect_authenticated_user=True,
            )
        ),
        name="sign-in",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("people/", views_people.people, name="people"),
    path("people/invite/", views_people.invite, name="person-invite"),
    path("people/<int:pk>/", views_people.person, name="person"),
    path("audit/", views.audit_page, name="audit"),
    path("api-tokens/", views.api_tokens, name="api-tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("audit.csv", views.audit_export, name="audit-export"),
    path(
        "two-factor/",
        limited("sign-in", "SCRUTINY_SIGN_IN_RATE", methods=("POST",))(views.verify),
        name="two-factor",
    ),
    path("two-factor/set-up/", views.set_up, name="two-factor-setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path(
        "password-reset/",
        limited("password-reset", "SCRUTINY_SIGN_IN_RATE", methods=("POST",))(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password-reset-sent"),
            )
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
]
