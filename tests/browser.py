"""A real headless Chromium for end-to-end tests, and axe-core (from npm) to audit pages in it."""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def require_browser():
    """Skip without Chromium, unless the environment says the browser is required (CI sets it)."""
    missing = [
        name
        for name, path in [
            ("chromium", CHROMIUM),
            ("chromedriver", CHROMEDRIVER),
            ("axe-core (npm ci)", AXE.exists()),
        ]
        if not path
    ]
    if missing:
        message = f"browser tests need {', '.join(missing)}: apt-get install chromium chromium-driver"
        if os.environ.get("SCRUTINY_REQUIRE_BROWSER") == "true":
            pytest.fail(message)
        pytest.skip(message)


def start_chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="scrutiny-chromium-")
    # The background-networking flags keep Chromium from calling out of this closed network.
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1024",
        f"--user-data-dir={profile}",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver, profile


def preload_axe(driver) -> None:
    """Have Chromium load axe-core into every page it opens from now on, instead of sending the script
    (half a megabyte) over WebDriver for each page audited: for a test that audits many pages."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": AXE.read_text()})


def axe_violations(driver, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core on the page in the browser; describe each violation of the given impacts."""
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));"
    )
    found = []
    for violation in json.loads(result):
        if violation["impact"] in impacts:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found
