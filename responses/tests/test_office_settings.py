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


def png_bytes(size=(1200, 400), kind="PNG") -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(buffer, format=kind)
    return buffer.getvalue()


@pytest.fixture
def admin_client_with_two_factor():
    from directory.models import LocalPolicingBody

    office = LocalPolicingBody.objects.filter(force__code="cheshire").current().get()
    admin = Client()
    sign_in(admin, make_user(username="office-admin", role=Role.OPCC_ADMIN, office=office))
    return admin, office


def test_a_logo_is_checked_made_again_as_a_small_png_and_served_publicly(admin_client_with_two_factor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from responses.models import OfficeSettings

    client, office = admin_client_with_two_factor
    upload = SimpleUploadedFile("crest.jpg", png_bytes(kind="JPEG"))
    response = client.post("/office/settings/", {"logo_file": upload})
    assert response.status_code == 302
    settings = OfficeSettings.objects.get(body=office)
    with settings.logo.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "PNG" and image.size == (900, 300)
    from django.test import Client

    public = Client().get(f"/offices/{office.pk}/logo.png")
    assert public.status_code == 200 and public["Content-Type"] == "image/png"


def test_a_logo_that_is_not_a_picture_is_refused_naming_the_file(admin_client_with_two_factor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, _ = admin_client_with_two_factor
    for name, content, message in [
        ("crest.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "crest.png is not a PNG or JPEG"),
        ("crest.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "crest.gif"),
        ("vast.png", png_bytes(size=(8000, 4000)), "vast.png is 8000 by 4000 pixels"),
    ]:
        response = client.post("/office/settings/", {"logo_file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200 and message in response.content.decode()


def test_the_logo_heads_the_letter_the_pdf_and_the_public_pages(admin_client_with_two_factor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdfium2 import PdfDocument

    client, office = admin_client_with_two_factor
    demo = load_scenario()
    client.post("/office/settings/", {"logo_file": SimpleUploadedFile("crest.png", png_bytes())})
    obligation = demo["report"].obligations.get(body=demo["office"])
    letter = docx.Document(io.BytesIO(client.get(f"/obligations/{obligation.pk}/response.docx").content))
    assert len(letter.inline_shapes) == 1
    pdf = PdfDocument(client.get(f"/obligations/{obligation.pk}/response.pdf").content)
    first_page = pdf[0]
    assert any(item.type == 3 for item in first_page.get_objects())  # an image object (FPDF_PAGEOBJ_IMAGE)
    public = Client()
    logo = f'src="/offices/{office.pk}/logo.png?v='
    # The response was published before the logo: it reads as it was published, until a correction.
    assert logo not in public.get(f"/published/{obligation.pk}/").content.decode()
    assert f'src="/offices/{office.pk}/logo.png"' in public.get("/published/").content.decode()
    from django.utils import timezone

    from responses.services import approve, open_correction, publish_correction

    open_correction(obligation=obligation, reason="The new letterhead.", user=None)
    obligation.refresh_from_db()
    approve(obligation=obligation, on=timezone.localdate(), user=None)
    publish_correction(obligation=obligation, user=None)
    assert logo in public.get(f"/published/{obligation.pk}/").content.decode()
