"""The chief officer's comments over the API: recorded and linked as on the page, and read back."""

from datetime import date, timedelta

import pytest

from accounts.testing import make_people
from responses.tests.test_comment_links import LETTER, cheshire_obligation, linked

pytestmark = pytest.mark.django_db

TYPED = "\n\n".join(text for _, text in LETTER)


def post(client, obligation, **body):
    data = {"received_on": "2020-03-30", "text": TYPED, **body}
    return client.post(f"/api/obligations/{obligation.pk}/comments", data, content_type="application/json")


def test_comments_sent_as_text_are_linked_as_the_same_words_typed_into_the_page_are(client, signed_in):
    through_api = cheshire_obligation("Children in custody")
    response = post(signed_in, through_api)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["received_on"] == "2020-03-30" and "flagged on the custody system" in body["text"]
    stances = {link["label"]: (link["stance"], link["confirmed"]) for link in body["links"]}
    assert stances == {
        "Recommendation 1": ("accepted", False),
        "Recommendation 2": ("partially accepted", False),
        "Recommendation 3": ("noted", False),
    }
    assert next(link for link in body["links"] if link["label"] == "Recommendation 2")["reason"] == (
        "accept this in part"
    )

    on_the_page = cheshire_obligation("Children in custody, again")
    signed_in.post(
        f"/obligations/{on_the_page.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "text": TYPED},
    )
    assert linked(through_api) == linked(on_the_page)
    assert signed_in.get(f"/api/obligations/{through_api.pk}/comments").json() == body


def test_comments_from_the_future_or_with_no_words_are_refused_and_nothing_is_kept(signed_in):
    obligation = cheshire_obligation("Children in custody")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = post(signed_in, obligation, received_on=tomorrow)
    assert response.status_code == 422 and "after today" in response.json()["detail"]
    assert post(signed_in, obligation, text="   ").status_code == 422
    assert post(signed_in, obligation, text="").status_code == 422
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None and not obligation.sections.exists()


def test_only_the_offices_staff_reach_its_comments(client):
    people = make_people()
    obligation = cheshire_obligation("Children in custody")
    client.force_login(people["other-office"])
    assert client.get(f"/api/obligations/{obligation.pk}/comments").status_code == 404
    assert post(client, obligation).status_code == 404
    client.force_login(people["panel"])
    assert client.get(f"/api/obligations/{obligation.pk}/comments").status_code == 403
    assert post(client, obligation).status_code == 403
    client.logout()
    assert client.get(f"/api/obligations/{obligation.pk}/comments").status_code == 401
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None
