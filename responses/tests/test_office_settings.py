"""An office's administrator sets the letterhead and signatory its responses are printed with."""

import io

import docx
import pytest
from django.test import Client

from accounts.models import Role
from accounts.testing import make_user, sign_in
from responses.testing import load_scenario

pytestmark = pytest.mark.django_db


def test_the_letterhead_and_signatory_set_on_the_page_are_printed_on_the_letter(signed_in):
    demo = load_scenario()
    admin = Client()
    sign_in(admin, make_user(username="office-admin", role=Role.OPCC_ADMIN, office=demo["office"]))
    response = admin.post(
        "/office/settings/",
        {
            "letterhead_address": "Clemonds Hey, Winsford",
            "website": "https://www.cheshire-pcc.example",
            "signatory_name": "A. Commissioner",
            "signatory_title": "Police and Crime Commissioner for Cheshire",
        },
    )
    assert response.status_code == 302
    obligation = demo["report"].obligations.get(body=demo["office"])
    letter = docx.Document(io.BytesIO(signed_in.get(f"/obligations/{obligation.pk}/response.docx").content))
    text = "\n".join(paragraph.text for paragraph in letter.paragraphs)
    assert "Clemonds Hey, Winsford" in text and "A. Commissioner" in text


def test_officers_cannot_change_the_office_settings(signed_in):
    assert signed_in.get("/office/settings/").status_code == 403
