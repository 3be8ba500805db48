import re

import pytest

from core.testing import get_page

pytestmark = pytest.mark.django_db


def test_the_force_list_shows_every_force_with_its_current_body(signed_in):
    html = get_page(signed_in, "/forces/")
    assert len(re.findall(r'href="/forces/[a-z-]+/"', html)) == 43
    assert "Police and Crime Commissioner for Cheshire" in html
    assert (
        "Mayor&#x27;s Office for Policing and Crime" in html
        or "Mayor's Office for Policing and Crime" in html
    )


def test_a_force_page_shows_its_bodies_and_local_authorities(signed_in):
    html = get_page(signed_in, "/forces/cheshire/")
    for name in ["Police and Crime Commissioner for Cheshire", "Cheshire East", "Cheshire West and Chester"]:
        assert name in html
    assert "Halton" in html and "Warrington" in html


def test_an_unknown_force_is_not_found(signed_in):
    assert signed_in.get("/forces/atlantis/").status_code == 404


def test_forces_need_sign_in(client):
    response = client.get("/forces/")
    assert response.status_code == 302 and response.url.startswith("/sign-in/")
