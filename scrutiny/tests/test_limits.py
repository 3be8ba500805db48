"""Limits per address on the costly public documents and on sign-in; signed-in pages are not cached."""

import pytest

from accounts.testing import PASSWORD, make_user
from responses import documents
from responses.testing import load_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits_count_in_one_window(monkeypatch):
    """The limits count in fixed windows (a minute here): a test that crossed a window's end would see
    its count start again and the limit never reached. Their clock stands still while a test runs."""
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def published():
    demo = load_scenario()
    return demo["report"].obligations.get(body=demo["office"])


def test_the_public_pdf_is_rendered_once_and_then_served_from_the_cache(client, published, monkeypatch):
    renders = []
    original = documents.as_pdf
    monkeypatch.setattr(documents, "as_pdf", lambda *args: renders.append(1) or original(*args))
    url = f"/published/{published.pk}/response.pdf"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF")
    assert len(renders) == 1


def test_a_correction_to_a_published_response_is_rendered_afresh(client, published, monkeypatch):
    renders = []
    original = documents.as_docx
    monkeypatch.setattr(documents, "as_docx", lambda *args: renders.append(1) or original(*args))
    url = f"/published/{published.pk}/response.docx"
    client.get(url)
    section = published.sections.exclude(body="").first()
    section.body += " A corrected sentence."
    section.save()
    from responses.services import keep_as_published

    keep_as_published(published)  # as a published correction does
    client.get(url)
    assert len(renders) == 2


def test_one_address_asking_too_often_for_public_documents_is_told_to_wait(client, published, settings):
    settings.SCRUTINY_PUBLIC_DOCUMENT_RATE = "3/m"
    url = f"/published/{published.pk}/response.docx"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Too many requests" in refused.content.decode()
    other = client.get(url, REMOTE_ADDR="192.0.2.7")  # another address is not held up
    assert other.status_code == 200


def test_one_address_searching_the_published_responses_too_often_is_told_to_wait(client, settings):
    settings.SCRUTINY_PUBLIC_SEARCH_RATE = "2/m"
    codes = [client.get("/published/search/", {"q": "custody"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/published/search/", {"q": "custody"}, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_sign_in_attempts_from_one_address_are_limited_and_looking_is_not_counted(client, settings):
    settings.SCRUTINY_SIGN_IN_RATE = "3/m"
    make_user(username="someone")
    for _ in range(5):
        assert client.get("/sign-in/").status_code == 200
    statuses = [
        client.post("/sign-in/", {"username": f"guess{n}", "password": "wrong"}).status_code for n in range(3)
    ]
    assert 429 not in statuses
    response = client.post("/sign-in/", {"username": "someone", "password": PASSWORD})
    assert response.status_code == 429  # even the right password waits: the address is over its limit


def test_signed_in_pages_are_not_stored_and_public_pages_may_be(client, published):
    public = client.get(f"/published/{published.pk}/")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(make_user(username="reader"))
    page = client.get("/deadlines/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"


def test_a_forwarded_address_is_believed_only_from_a_configured_proxy(rf, settings):
    from core.limits import client_address

    claimed = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.4"}
    settings.SCRUTINY_PROXY_ADDRESSES = []  # not behind a proxy: the header is anyone's claim
    assert client_address(rf.get("/", **claimed)) == "127.0.0.1"
    settings.SCRUTINY_PROXY_ADDRESSES = ["127.0.0.1"]
    assert client_address(rf.get("/", **claimed)) == "198.51.100.4"  # the hop the proxy added
    assert (
        client_address(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1")) == "192.0.2.1"
    )
    assert client_address(rf.get("/", **{**claimed, "HTTP_X_FORWARDED_FOR": "junk"})) == "127.0.0.1"


def test_a_nul_character_in_a_query_or_form_is_a_clear_refusal_on_every_database(client):
    client.force_login(make_user(username="nul"))
    page = client.get("/reports/", {"q": "abc\x00def"})
    assert page.status_code == 400 and "NUL character" in page.content.decode()
    api = client.get("/api/actions/export", {"format": "csv", "category": "\x00"})
    assert api.status_code == 400 and "NUL character" in api.json()["detail"]
    form = client.post("/reports/add/", "title=x%00", content_type="application/x-www-form-urlencoded")
    assert form.status_code == 400
    upload_form = client.post("/reports/add/", {"title": "x\x00"})  # multipart: the form refuses it
    assert (
        upload_form.status_code == 200 and "Null characters are not allowed" in upload_form.content.decode()
    )
