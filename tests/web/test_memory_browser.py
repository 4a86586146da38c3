"""The memory in Chromium: upload a TMX, watch the progress bar end in the report, find a unit on
the search page; axe-core on the memory's pages."""

from __future__ import annotations

import threading

import pytest

from webapp import import_jobs

from ..conftest import DATA
from .browser import AXE
from .test_browser import DOCS, UPDATE_SCREENSHOTS, sign_in

AGENCY = DATA / "tm" / "agency.tmx"


def test_upload_a_tmx_see_the_report_and_find_a_unit(fresh_page, monkeypatch):
    release = threading.Event()
    run_import = import_jobs.run_import

    def held(*args, **kwargs):  # the import waits until the page has shown its progress bar
        release.wait(60)
        return run_import(*args, **kwargs)

    monkeypatch.setattr(import_jobs, "run_import", held)
    page = fresh_page
    sign_in(page, "tina")
    page.goto("/imports")
    page.set_input_files("#file", str(AGENCY))
    page.click(".import-form button[type=submit]")
    page.locator("#import-progress").wait_for()
    # the worker may not have picked the job up yet (a loaded machine): queued is a phase the bar shows too
    assert page.locator("#import-phase").inner_text() in ("Waiting to start…", "Reading the files…", "Importing the units…")
    release.set()
    report = page.locator(".import-report")
    report.wait_for()  # the page's script saw the import end and showed the report
    assert "agency.tmx" in report.inner_text() and "5 units added" in report.inner_text()
    if UPDATE_SCREENSHOTS:
        page.screenshot(path=str(DOCS / "memory-import.png"))

    page.click("text=Search the memory")
    page.fill("#q", "The talks in Baku focused on the Middle Corridor.")
    page.select_option("#source", "en")
    page.select_option("#target", "ru")
    page.click(".memory-search button[type=submit]")
    match = page.locator(".match").first
    assert match.locator("mark").inner_text() == "Astana"
    assert match.locator(".repaired").inner_text().startswith("Переговоры в Баку были посвящены Среднему коридору.")
    if UPDATE_SCREENSHOTS:
        page.screenshot(path=str(DOCS / "memory-search.png"))


@pytest.mark.parametrize("path", [
    pytest.param("/memory/?q=Fuzuli&source=en&target=az", id="search"),
    pytest.param("/memory/concordance?q=Fuzuli", id="concordance"),
])
def test_memory_pages_have_no_serious_accessibility_violations(browser, shared_server, path):
    context = browser.new_context(base_url=shared_server.url, locale="en-US", bypass_csp=True)  # axe is injected
    page = context.new_page()
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in ("serious", "critical")] == []
