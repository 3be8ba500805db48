"""In Chromium, under the service's strict content security policy: the custody charts are drawn in
their colours, not as black boxes (matplotlib's SVG styles itself with `style=` attributes and a
`<style>` element, which `style-src 'self'` blocks)."""

import io
import os
from pathlib import Path

import pytest

from accounts.demo import demo_device
from scrutiny.demo import DEMO_PASSWORD
from tests.test_browser import browser, sign_in  # noqa: F401 (browser is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ["SCRUTINY_SCREENSHOTS"]) if os.environ.get("SCRUTINY_SCREENSHOTS") else None
BLUE = (0x1D, 0x70, 0xB8)  # the first line's colour (custody.charts.COLOURS)


def near(pixel, colour, tolerance=24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_the_custody_charts_are_drawn_in_their_colours_under_the_strict_policy(browser, live_server):  # noqa: F811
    from PIL import Image
    from selenium.webdriver.common.by import By

    # the custody analyst sees every figure, so every bar is drawn (an officer's hidden ones are not)
    analyst = "demo-custody"
    sign_in(browser, live_server, username=analyst, password=DEMO_PASSWORD, device=demo_device(analyst))
    browser.get(f"{live_server.url}/custody/")
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.custody-chart svg")
    assert len(charts) == 2
    for chart in charts:
        browser.execute_script("arguments[0].scrollIntoView()", chart)
        image = Image.open(io.BytesIO(chart.screenshot_as_png)).convert("RGB")
        pixels = list(image.getdata())
        dark = sum(1 for pixel in pixels if sum(pixel) < 60) / len(pixels)
        assert dark < 0.2, f"{dark:.0%} of the chart is black: its styles were blocked"
        assert sum(1 for pixel in pixels if near(pixel, BLUE)) > 50, "no line or bar in the first colour"
        assert len(set(pixels)) > 2
        if SHOTS:
            image.save(SHOTS / f"custody-chart-{charts.index(chart)}.png")
