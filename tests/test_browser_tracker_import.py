"""The tracker import in a real browser, at a phone's width: the officer uploads the old spreadsheet,
confirms the columns Scrutiny guessed (changing one), and reads what the import did; no page of it
scrolls sideways, and each passes axe."""

import pytest

from scrutiny.demo import REPORT_TITLE
from tests.browser import axe_violations
from tests.test_browser import browser, sign_in, text_of  # noqa: F401 (browser is a fixture)
from tracking.models import ColumnMapping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sideways(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def test_an_officer_confirms_the_guessed_columns_and_reads_the_summary_on_a_phone(
    browser,  # noqa: F811
    live_server,
    tmp_path,
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    tracker = tmp_path / "old-tracker.csv"
    rows = [
        ["Report", "Rec no", "Who leads it", "Due date", "% complete", "Latest update on the recommendation"],
        [REPORT_TITLE, "Recommendation 2", "Head of Custody", "31/03/2021", "50", "Half the suites have it."],
        [REPORT_TITLE, "Recommendation 4", "Head of Custody", "", "", ""],
    ]
    tracker.write_text("\n".join(",".join(f'"{cell}"' for cell in row) for row in rows))
    browser.set_window_size(375, 812)
    sign_in(browser, live_server, next_path="/tracker/import/")
    browser.find_element(By.ID, "id_file").send_keys(str(tracker))
    browser.find_element(By.XPATH, "//button[normalize-space()='Upload and check']").click()
    WebDriverWait(browser, 10).until(lambda b: "Check the columns" in text_of(b, "main", By.TAG_NAME))
    assert sideways(browser) <= 0
    assert not axe_violations(browser)

    def chosen(key):
        return Select(browser.find_element(By.ID, f"id_{key}")).first_selected_option.text

    assert [chosen(key) for key in ("report", "label", "target_on", "progress", "note")] == [
        "Report",
        "Rec no",
        "Due date",
        "% complete",
        "Latest update on the recommendation",
    ]
    assert chosen("owner") == "Not in the file"  # "Who leads it": the officer knows better
    Select(browser.find_element(By.ID, "id_owner")).select_by_visible_text("Who leads it")
    browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Confirm the columns')]").click()
    WebDriverWait(browser, 20).until(lambda b: "Tracker imported" in text_of(b, "main", By.TAG_NAME))
    assert sideways(browser) <= 0
    assert not axe_violations(browser)
    summary = text_of(browser, "main", By.TAG_NAME)
    added, updated, unchanged = (
        text_of(browser, f"rows-{kind}") for kind in ("added", "updated", "unchanged")
    )
    assert (added.split()[0], updated.split()[0], unchanged.split()[0]) != ("0", "0", "0"), summary
    assert ColumnMapping.objects.get().mapping["owner"] == "Who leads it"
