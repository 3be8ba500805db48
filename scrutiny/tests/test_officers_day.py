# ruff: noqa: F811 (the tests take the browser fixture imported from tests/test_browser.py)
"""The officer's day, walked in a real Chromium with the accessibility audit: a new report read and
reviewed, the obligation confirmed as statutory, the invitation previewed and sent, the comments submitted
by the force, the response drafted, sent back once, approved by the office's approver, previewed,
published, corrected, found on the public index, an action of the report updated in the tracker, and the
panel's quarterly report read. Walked at a desktop's width (1280 px) and a phone's (375 px): at every step
the page passes the accessibility audit, does not scroll sideways, and is saved as a screenshot under
build/artefacts/officers-day/ (SCRUTINY_ARTEFACTS to put them elsewhere), which CI keeps."""

import base64
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.testing import PASSWORD, make_user
from directory.models import Force
from reports.models import Report
from responses.models import ResponseObligation
from responses.services import office_settings
from tests.browser import axe_violations
from tests.test_browser import browser, sign_in, text_of  # noqa: F401 (the browser fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "PEEL 2026–27: An inspection of Cheshire Constabulary"


def report_text(published) -> str:
    return (
        f"HMICFRS\n\n{TITLE}\n\nPolice effectiveness, efficiency and legitimacy\n\n"
        f"Published {published:%-d %B %Y}\n\nSummary\n\n"
        "We inspected how well Cheshire Constabulary protects vulnerable people and answers the public.\n\n"
        "Causes of concern and recommendations\n\nRecommendation 1\n\n"
        "By 31 March 2027, Cheshire Constabulary should make sure that every call from a vulnerable person "
        "is assessed with a structured risk tool.\n\nRecommendation 2\n\n"
        "By 30 June 2027, Cheshire Constabulary should review how it records the outcome of every missing "
        "child investigation.\n\nAreas for improvement\n\nArea for improvement 1\n\n"
        "The force should improve how quickly it answers non-emergency calls.\n"
    )


def wait_for(browser, text, where="main"):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    try:
        WebDriverWait(browser, 30).until(lambda b: text in text_of(b, where, By.TAG_NAME))
    except TimeoutException:
        raise AssertionError(
            f"{text!r} not on {browser.current_url}: {text_of(browser, where, By.TAG_NAME)}"
        ) from None


def click(browser, label):
    from selenium.webdriver.common.by import By

    browser.find_element(By.XPATH, f"//main//button[normalize-space()='{label}']").click()


ARTEFACTS = Path(
    os.environ.get("SCRUTINY_ARTEFACTS", Path(__file__).resolve().parents[2] / "build" / "artefacts")
)


def audited(browser, problems: dict, name: str) -> None:
    """The step's page: audited, checked for sideways scrolling, and saved whole as a screenshot."""
    found = axe_violations(browser)
    if found:
        problems[name] = found
    wide, inner = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if wide > inner:
        problems[f"{name}, sideways"] = f"{wide} px wide at {inner}"
    width = browser.get_window_size()["width"]
    folder = ARTEFACTS / "officers-day" / f"{width}px"
    folder.mkdir(parents=True, exist_ok=True)
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    number = len(list(folder.glob("*.png"))) + 1
    (folder / f"{number:02d}-{name.replace(' ', '-').replace(',', '')}.png").write_bytes(
        base64.b64decode(shot["data"])
    )


def as_person(browser, live_server, username, password, path):
    browser.delete_all_cookies()  # signed out
    sign_in(browser, live_server, username=username, password=password, next_path=path)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_whole_statutory_response_walked_by_every_role(browser, live_server, tmp_path, width):
    import shutil

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from scrutiny.demo import DEMO_PASSWORD, DEMO_USERNAME
    from tracking.models import Action

    browser.set_window_size(width, 900)
    shutil.rmtree(ARTEFACTS / "officers-day" / f"{width}px", ignore_errors=True)

    today = timezone.localdate()
    published = today - timedelta(days=16)
    problems: dict = {}
    force = make_user(
        username="walk-force",
        role=Role.FORCE_CONTRIBUTOR,
        force=Force.objects.get(code="cheshire"),
        first_name="Force",
        last_name="Liaison",
    )
    approver = make_user(username="walk-approver", first_name="Chief", last_name="Executive")
    document = tmp_path / "peel.txt"
    document.write_text(report_text(published))

    # 1. The officer uploads the new report, checks its findings and marks it reviewed.
    sign_in(
        browser, live_server, username=DEMO_USERNAME, password=DEMO_PASSWORD, next_path="/reports/upload/"
    )
    office_settings(force.office).approvers.add(approver)
    browser.find_element(By.ID, "id_document").send_keys(str(document))
    browser.find_element(By.CSS_SELECTOR, "input[name=history][value=current]").click()
    click(browser, "Upload and read")
    wait_for(browser, "Check the findings")
    report = Report.objects.get(title=TITLE)
    assert report.findings.count() == 3 and report.published_on == published
    audited(browser, problems, "review")
    click(browser, "Mark the report as reviewed")
    wait_for(browser, TITLE)
    audited(browser, problems, "report")

    # 2. The office confirms that its response is statutory, and why.
    obligation = ResponseObligation.objects.get(report=report, body=force.office)
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/")
    browser.find_element(By.CSS_SELECTOR, "input[name=statutory][value=true]").click()
    browser.find_element(By.ID, "id_statutory_reason").send_keys("A PEEL inspection of our force (s54).")
    browser.find_element(By.XPATH, "//form[input[@value='statutory']]//button").click()
    wait_for(browser, "Saved whether the response is statutory")
    audited(browser, problems, "obligation")
    obligation.refresh_from_db()
    assert obligation.statutory and "PEEL" in obligation.statutory_reason

    # 3. The invitation, previewed and edited, goes today.
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/invite/")
    browser.find_element(By.ID, "id_to").clear()
    browser.find_element(By.ID, "id_to").send_keys("chief.constable@cheshire.police.example")
    click(browser, "Continue")
    wait_for(browser, "Check the invitation before it goes")
    audited(browser, problems, "invitation preview")
    text = browser.find_element(By.ID, "id_text")
    assert f"/obligations/{obligation.pk}/force-comments/" in text.get_attribute("value")
    text.send_keys("\nP.S. Please say who at the force leads on each recommendation.")
    click(browser, "Send the invitation")
    wait_for(browser, "Invitation to comment sent")
    audited(browser, problems, "invitation sent")
    obligation.refresh_from_db()
    assert obligation.invitation_sent_on == today and "P.S. Please say who" in obligation.invitation_text

    # 4. Someone at the force submits the chief constable's comments in Scrutiny.
    as_person(browser, live_server, "walk-force", PASSWORD, "/")
    wait_for(browser, "Comments asked of Cheshire Constabulary")
    browser.find_element(By.LINK_TEXT, TITLE).click()
    wait_for(browser, "Continue")
    audited(browser, problems, "force comments")
    browser.find_element(By.ID, "id_text").send_keys(
        "Recommendation 1: I accept this recommendation; the risk tool is in use from January.\n\n"
        "Recommendation 2: I accept this; a review has begun."
    )
    click(browser, "Continue")
    wait_for(browser, "Check the comments before you submit them")
    audited(browser, problems, "force comments, checked")
    assert obligation.comments_received_on is None  # nothing goes before the check
    click(browser, "Submit the comments")
    wait_for(browser, "The comments are submitted")
    audited(browser, problems, "force comments submitted")
    obligation.refresh_from_db()
    assert obligation.comments_submitted_by == force and obligation.comments_received_on == today

    # 5. The officer drafts the response and sends it for approval.
    # The typed comments were linked to the recommendations as they arrived, which opened the sections.
    as_person(browser, live_server, DEMO_USERNAME, DEMO_PASSWORD, f"/obligations/{obligation.pk}/response/")
    wait_for(browser, "Send for approval")
    audited(browser, problems, "editor")
    first, second = obligation.sections.filter(kind="recommendation").order_by("position")
    assert (first.comments_stance, second.comments_stance) == ("accepted", "accepted")
    browser.find_element(By.ID, f"section-{first.pk}-body").send_keys("The risk tool is used on every call.")
    browser.find_element(By.ID, f"section-{second.pk}-body").send_keys("A review of missing child records.")
    click(browser, "Send for approval")  # the typed answers go with it
    wait_for(browser, "Sent for approval")
    assert ResponseObligation.objects.get(pk=obligation.pk).status == "awaiting-approval"

    # 6. The approver sends it back once.
    as_person(browser, live_server, "walk-approver", PASSWORD, f"/obligations/{obligation.pk}/response/")
    wait_for(browser, "Waiting for approval")
    audited(browser, problems, "editor awaiting approval")
    browser.find_element(By.ID, "id_reason").send_keys("Say when the review of missing child records ends.")
    click(browser, "Send back to the drafters")
    wait_for(browser, "Sent back to the drafters")

    # 7. The officer changes the answer and sends it again; the versions show what changed.
    as_person(browser, live_server, DEMO_USERNAME, DEMO_PASSWORD, f"/obligations/{obligation.pk}/response/")
    wait_for(browser, "Say when the review of missing child records ends.")
    answer = browser.find_element(By.ID, f"section-{second.pk}-body")
    answer.send_keys(" It ends in March 2027.")
    click(browser, "Send for approval")
    wait_for(browser, "Sent for approval")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/versions/?from=1&to=3")
    wait_for(browser, "What changed: 1 section")
    assert "It ends in March 2027." in browser.find_element(By.CSS_SELECTOR, "main ins").text
    audited(browser, problems, "versions")

    # 8. The approver approves it.
    as_person(browser, live_server, "walk-approver", PASSWORD, f"/obligations/{obligation.pk}/response/")
    click(browser, "Approve the response")
    wait_for(browser, "Response approved")
    audited(browser, problems, "approved")

    # 9. The officer previews and publishes it today.
    as_person(browser, live_server, DEMO_USERNAME, DEMO_PASSWORD, f"/obligations/{obligation.pk}/preview/")
    wait_for(browser, "It ends in March 2027.")
    audited(browser, problems, "preview")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/publish/")
    for part, value in zip(["day", "month", "year"], [today.day, today.month, today.year], strict=True):
        field = browser.find_element(By.ID, f"id_published_on_{part}")
        field.clear()
        field.send_keys(str(value))
    browser.find_element(By.ID, "id_confirmed").click()
    click(browser, "Publish")
    wait_for(browser, "Now send the copies the law requires")
    audited(browser, problems, "published")
    obligation.refresh_from_db()
    assert obligation.published_on == today and not obligation.published_late

    # 10. A correction: opened with its reason, edited, approved, published; the first date stands.
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/published/")
    browser.find_element(By.XPATH, "//form[input[@value='correct']]//textarea").send_keys(
        "The review's end date was wrong."
    )
    click(browser, "Start a correction")
    wait_for(browser, "Correct the sections, approve, then publish the correction here")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/response/")
    answer = browser.find_element(By.ID, f"section-{second.pk}-body")
    answer.send_keys(Keys.CONTROL, "a")  # as a person replaces the text (clear() would save the empty text)
    answer.send_keys("A review of missing child records. It ends in April 2027.")
    click(browser, "Send for approval")
    wait_for(browser, "Sent for approval")
    as_person(browser, live_server, "walk-approver", PASSWORD, f"/obligations/{obligation.pk}/response/")
    click(browser, "Approve the response")
    wait_for(browser, "Response approved")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/preview/")  # the corrected page, first
    wait_for(browser, "It ends in April 2027.")
    audited(browser, problems, "correction preview")
    browser.get(f"{live_server.url}/obligations/{obligation.pk}/published/")
    browser.find_element(By.ID, "confirmed").click()
    click(browser, "Publish the correction")
    wait_for(browser, "is published, with its reason")
    audited(browser, problems, "correction published")
    obligation.refresh_from_db()
    assert obligation.published_on == today and obligation.corrections.get().published_on == today
    assert [v.event for v in obligation.versions.order_by("number")] == [
        "submitted",
        "sent-back",
        "submitted",
        "approved",
        "published",
        "submitted",
        "approved",
        "corrected",
    ]

    # 11. Anyone finds it on the public index, corrected.
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/published/")
    browser.find_element(By.LINK_TEXT, TITLE).click()
    wait_for(browser, "It ends in April 2027.")
    assert "The review's end date was wrong." in text_of(browser, "main", By.TAG_NAME)
    audited(browser, problems, "public response")

    # 12. The officer records progress on an action of the report in the tracker.
    action = Action.objects.get(
        finding__report=report, office=force.office, finding__label="Recommendation 1"
    )
    as_person(browser, live_server, DEMO_USERNAME, DEMO_PASSWORD, action.get_absolute_url())
    wait_for(browser, "Add the update")
    browser.find_element(By.ID, "id_update-text").send_keys("The risk tool went live in every call centre.")
    browser.find_element(By.ID, "id_update-progress").send_keys("60")
    click(browser, "Add the update")
    wait_for(browser, "The risk tool went live in every call centre.")
    audited(browser, problems, "tracker update")
    assert action.updates.get().progress == 60

    # 13. A member of the panel reads the last quarter's report.
    make_user(username="walk-panel", role=Role.PANEL_MEMBER, office=force.office)
    as_person(browser, live_server, "walk-panel", PASSWORD, "/tracker/panel-report/")
    wait_for(browser, "Police and Crime Panel report")
    click(browser, "Show the figures")
    wait_for(browser, "as at")
    audited(browser, problems, "panel report")
    assert not problems, problems
