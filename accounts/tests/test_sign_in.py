import pytest

from accounts.testing import PASSWORD
from core.testing import get_page

pytestmark = pytest.mark.django_db


def test_a_person_signs_in_and_lands_where_they_were_going(client, user):
    get_page(client, "/sign-in/?next=/reports/")
    response = client.post(
        "/sign-in/", {"username": user.username, "password": PASSWORD, "next": "/reports/"}
    )
    assert response.status_code == 302 and response.url == "/reports/"


def test_a_wrong_password_is_refused_with_a_clear_message(client, user):
    response = client.post("/sign-in/", {"username": user.username, "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter a correct username and password" in html
    assert "There is a problem" in html


def test_a_deactivated_account_cannot_sign_in(client, user):
    user.is_active = False
    user.save()
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(signed_in):
    assert signed_in.get("/sign-out/").status_code == 405
    response = signed_in.post("/sign-out/")
    assert response.status_code == 302 and response.url == "/sign-in/"
    assert signed_in.get("/").status_code == 302
