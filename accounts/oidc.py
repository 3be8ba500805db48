"""Optional single sign-on with OpenID Connect (forces and offices use Microsoft Entra ID), via
mozilla-django-oidc. It signs in people an administrator has already invited; it never creates
accounts, so roles and scope are always set in Scrutiny.

A person is found by the provider's subject (`sub`, which the provider never reassigns), not by an
e-mail address, which some providers let people set for themselves. The first single sign-on links an
invited person to the subject that brings their address (an address the provider says is unverified is
refused, and so is a token without a subject); from then on only that subject signs them in, whatever
address a later token carries. Point the provider's endpoints at one organisation's tenant, not a
shared one."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class InvitedPeople(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        """A subject, and an e-mail address the provider has not said is unverified."""
        return (
            bool(str(claims.get("sub") or "").strip())
            and bool((claims.get("email") or "").strip())
            and claims.get("email_verified") is not False
        )

    def filter_users_by_claims(self, claims):
        subject = str(claims.get("sub") or "").strip()
        email = (claims.get("email") or "").strip()
        if not subject or not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        linked = self.UserModel.objects.filter(oidc_subject=subject, is_active=True)
        if linked.exists():
            return linked
        # not linked yet: the invited person with this address, unless they are linked to another subject
        return self.UserModel.objects.filter(email__iexact=email, is_active=True, oidc_subject="")

    def update_user(self, user, claims):
        """The first single sign-on links the person to the provider's subject."""
        if not user.oidc_subject:
            user.oidc_subject = str(claims["sub"]).strip()[:255]
            user.save(update_fields=["oidc_subject"])
        return user

    def get_user(self, user_id):
        """A session signed in this way ends when the person is deactivated (as a password session does)."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None

    def create_user(self, claims):  # OIDC_CREATE_USER is False; kept closed should that change
        return None
