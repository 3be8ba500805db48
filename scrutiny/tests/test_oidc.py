"""Single sign-on (OpenID Connect) signs in invited people only, when switched on."""

from urllib.parse import parse_qs, urlparse

import pytest

from accounts.oidc import InvitedPeople
from accounts.testing import make_user

pytestmark = pytest.mark.django_db

TENANT = "https://login.microsoftonline.com/contoso.onmicrosoft.com"


@pytest.fixture
def single_sign_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Microsoft"
    settings.OIDC_RP_CLIENT_ID = "scrutiny-client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{TENANT}/oauth2/v2.0/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{TENANT}/oauth2/v2.0/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://graph.microsoft.com/oidc/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{TENANT}/discovery/v2.0/keys"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.InvitedPeople"]
    return settings


def test_only_invited_active_people_are_matched_and_then_only_by_their_subject(single_sign_on):
    person = make_user(username="sam", email="Sam.Analyst@cheshire.example")
    backend = InvitedPeople()
    claims = {"sub": "subject-sam", "email": "sam.analyst@CHESHIRE.example"}
    assert list(backend.filter_users_by_claims(claims)) == [person]
    backend.update_user(person, claims)  # the first sign-in links the person to the subject
    person.refresh_from_db()
    assert person.oidc_subject == "subject-sam"
    assert list(
        backend.filter_users_by_claims({"sub": "subject-sam", "email": "changed@elsewhere.example"})
    ) == [person]
    assert not backend.filter_users_by_claims({"email": "stranger@cheshire.example", "sub": "x"}).exists()
    assert backend.create_user({"email": "stranger@cheshire.example"}) is None
    person.is_active = False
    person.save()
    assert not backend.filter_users_by_claims(claims).exists()


def test_an_address_alone_signs_nobody_in(single_sign_on):
    """Some providers let people set their own e-mail address (the "nOAuth" attack): a token carrying
    someone's address but another subject, no subject, an unverified address or only a preferred
    username is refused."""
    person = make_user(username="victim", email="victim@cheshire.example")
    backend = InvitedPeople()
    backend.update_user(person, {"sub": "victim-subject"})
    for claims in [
        {"sub": "attacker", "email": "victim@cheshire.example"},
        {"email": "victim@cheshire.example"},
        {"sub": "attacker", "email": "victim@cheshire.example", "email_verified": False},
        {"sub": "attacker", "preferred_username": "victim@cheshire.example"},
    ]:
        assert not backend.filter_users_by_claims(claims).exists(), claims
    fresh = make_user(username="fresh", email="fresh@cheshire.example")
    assert not backend.verify_claims({"sub": "a", "email": fresh.email, "email_verified": False})
    assert not backend.filter_users_by_claims(
        {"sub": "a", "email": fresh.email, "email_verified": False}
    ).exists()


def test_a_deactivated_persons_single_sign_on_session_ends(single_sign_on):
    person = make_user(username="leaver", email="leaver@cheshire.example")
    backend = InvitedPeople()
    assert backend.get_user(person.pk) == person
    person.is_active = False
    person.save()
    assert backend.get_user(person.pk) is None


@pytest.mark.urls("scrutiny.tests.oidc_urls")
def test_the_sign_in_page_offers_single_sign_on_which_goes_to_the_provider(client, single_sign_on):
    page = client.get("/sign-in/?next=/reports/").content.decode()
    assert "Sign in with your Microsoft account" in page
    response = client.get("/oidc/authenticate/?next=/reports/")
    assert response.status_code == 302
    target = urlparse(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{TENANT}/oauth2/v2.0/authorize"
    assert parse_qs(target.query)["client_id"] == ["scrutiny-client"]


@pytest.mark.urls("scrutiny.tests.oidc_urls")
def test_a_failed_single_sign_on_says_what_to_do(client, single_sign_on):
    response = client.get("/sign-in/?single-sign-on=failed")
    page = response.content.decode()
    assert response.status_code == 200 and "did not find a Scrutiny account for you" in page
