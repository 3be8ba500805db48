"""Optional single sign-on with OpenID Connect (forces and offices use Microsoft Entra ID), via
mozilla-django-oidc. It signs in people an administrator has already invited, matched by e-mail address;
it never creates accounts, so roles and scope are always set in Scrutiny."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class InvitedPeople(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or claims.get("preferred_username") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims):
        return bool(claims.get("email") or claims.get("preferred_username"))

    def create_user(self, claims):  # OIDC_CREATE_USER is False; kept closed should that change
        return None
