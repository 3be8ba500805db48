"""The demo offers every role: one person each, who signs in as the printed table says (with the printed
authenticator key where the role needs a second factor) and finds a home page with the office's real
work, not "nothing" where the truth is "not yours"."""

import base64
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import PEOPLE
from accounts.models import Role, User
from reports.models import Report
from scrutiny.demo import DEMO_PASSWORD, REPORT_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed(capsys):
    call_command("demo")
    return capsys.readouterr().out


def printed_keys(out: str) -> dict[str, str]:
    """Each two-factor person's set-up key as printed, and the otpauth:// address that must carry it."""
    keys = {}
    for username, key in re.findall(r"^\s+(demo-[a-z]+): set-up key ([A-Z2-7 ]+)$", out, flags=re.M):
        keys[username] = key.replace(" ", "")
        uri = re.search(rf"^\s+(otpauth://totp/Scrutiny%3A{username}\?\S+)$", out, flags=re.M).group(1)
        assert parse_qs(urlparse(uri).query)["secret"] == [keys[username]]
    return keys


def code_from(key: str) -> str:
    """What an authenticator app given the printed key shows now."""
    padded = key + "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(padded)):06d}"


def sign_in_as_printed(username: str, keys: dict[str, str]) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD, "next": "/"})
    assert response.status_code == 302, f"{username} could not sign in with the printed password"
    if username in keys:
        assert client.get("/").url.startswith("/two-factor/?next=")
        response = client.post("/two-factor/", {"code": code_from(keys[username]), "next": "/"})
        assert response.status_code == 302 and response.url == "/", f"{username}'s code was refused"
    return client


def home_text(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    html = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", "", response.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


def test_the_demo_prints_every_role_with_its_sign_in(printed):
    for person in PEOPLE:
        row = next(line for line in printed.splitlines() if line.startswith(f"  {person.role_label} "))
        assert f" {person.username} " in row and DEMO_PASSWORD in row and person.can in row
    roles = {User.objects.get(username=person.username).role for person in PEOPLE}
    assert roles == set(Role.values)
    custody = User.objects.get(username="demo-custody")
    assert custody.custody_access and custody.role == Role.OPCC_OFFICER
    assert User.objects.get(username="demo-force").force.code == "cheshire"
    assert User.objects.get(username="demo-partnership").partnership.name.startswith("Cheshire East")
    # The two who need a second factor each get a key; nobody else does.
    assert set(printed_keys(printed)) == {"demo-admin", "demo-custody"}
    assert set(TOTPDevice.objects.values_list("user__username", flat=True)) == {"demo-admin", "demo-custody"}


def test_each_demo_role_signs_in_as_printed_and_sees_its_own_work_on_the_home_page(printed):
    keys = printed_keys(printed)
    clients = {person.username: sign_in_as_printed(person.username, keys) for person in PEOPLE}
    homes = {username: home_text(client) for username, client in clients.items()}
    office_work = "Published, copies to HM Inspectors and the Home Secretary not sent: 1"
    for staff in ("demo-officer", "demo-admin", "demo-custody"):
        assert office_work in homes[staff] and "Overdue: 0" in homes[staff]
        assert "6 open actions, 2 past the target date" in homes[staff]
    assert "People" in homes["demo-admin"] and "People" not in homes["demo-officer"]
    # The force sees the report that concerns it and its force's actions, not the office's response work.
    assert "1 report" in homes["demo-force"] and "6 open actions" in homes["demo-force"]
    assert office_work not in homes["demo-force"]
    report = Report.objects.get(title=REPORT_TITLE)
    report_page = clients["demo-force"].get(report.get_absolute_url()).content.decode()
    assert "Recommendation 5" in report_page and "No office owes" not in report_page
    # The panel: the office's published response and the late ones (none).
    assert "Published responses (1)" in homes["demo-panel"] and "Late (0)" in homes["demo-panel"]
    # The partnership: its referral, waiting for its outcome (Cheshire East has not replied in the demo).
    partnership = homes["demo-partnership"]
    assert "Referrals to your partnership" in partnership and "1 referral, 1 waiting" in partnership
    assert "National child protection inspections: 2019 thematic report" in partnership
    assert "No reports have been recorded yet" not in partnership


def test_scrutiny_demo_code_prints_the_code_the_printed_key_gives(printed, capsys):
    keys = printed_keys(printed)
    call_command("demo", code="demo-admin")
    assert capsys.readouterr().out.strip() == code_from(keys["demo-admin"])
    with pytest.raises(CommandError, match="signs in with a password only"):
        call_command("demo", code="demo-force")
    with pytest.raises(CommandError, match="not one of the demo's people"):
        call_command("demo", code="someone-else")


def test_an_authenticator_a_demo_person_set_up_themselves_is_kept_on_rerun(printed):
    admin = User.objects.get(username="demo-admin")
    TOTPDevice.objects.filter(user=admin).delete()
    own = TOTPDevice.objects.create(user=admin, name="My phone", confirmed=True)
    call_command("demo")
    assert list(TOTPDevice.objects.filter(user=admin)) == [own]
    with pytest.raises(CommandError, match="set up an authenticator of their own"):
        call_command("demo", code="demo-admin")


def test_a_demo_force_contributor_made_without_a_password_gets_the_demo_password():
    from scrutiny.demo import load_demo

    load_demo()
    force = User.objects.get(username="demo-force")
    force.set_unusable_password()
    force.save()
    load_demo()
    force.refresh_from_db()
    assert force.check_password(DEMO_PASSWORD)
