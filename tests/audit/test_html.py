"""The HTML report: one valid, self-contained file, opened in Chromium offline."""

import base64
import contextlib
import hashlib
import re

import html5lib
import pytest

from .archive import GLOSSARY, set_day, write_archive

EVIL_NAME = "<img src=x onerror=alert(1)>.txt"


@pytest.fixture
def report(invoke, archive, tmp_path):
    """The archive's HTML report, with a document whose file name is markup and that has findings."""
    (archive / "en" / EVIL_NAME).write_text("Fizuli, Fizuli, Fizuli, Fizuli, Fizuli and Fizuli.\n", encoding="utf-8")
    set_day(archive / "en" / EVIL_NAME, "2024-01-16")
    result = invoke("audit", "--glossary", str(GLOSSARY), "--format", "html", "--min-count", "2", "-o", "report.html", "archive")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "report.html"


@pytest.fixture
def archive(tmp_path):
    return write_archive(tmp_path / "archive")


def test_valid_html_with_nothing_from_elsewhere(report):
    html = report.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)  # raises on any parse error
    assert not re.search(r"""\b(?:src|href)\s*=\s*(?!["']?#)""", html.replace(EVIL_NAME.replace("<", "&lt;").replace(">", "&gt;"), ""))
    assert "<link" not in html and "@import" not in html and "url(" not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    style = re.search(r"<style>(.*?)</style>", html, re.S)[1]
    script = re.search(r"<script>(.*?)</script>", html, re.S)[1]
    assert policy == f"default-src 'none'; style-src {_digest(style)}; script-src {_digest(script)}"


def test_text_from_documents_is_escaped(report):
    html = report.read_text(encoding="utf-8")
    assert "<img" not in html
    assert "archive/en/&lt;img src=x onerror=alert(1)&gt;.txt" in html


def test_report_opens_offline_in_chromium_and_its_tables_sort(report, tmp_path, browser):
    with contextlib.closing(browser.new_page()) as page:
        requests, problems, dialogs = [], [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(report.as_uri())
        assert page.title() == "Tilmash audit: 7 documents"
        assert page.locator("h2").all_text_contents() == [
            "English", "Azerbaijani", "Kazakh", "Russian", "Unknown variants", "Documents with the most findings"]
        # a chart for each English name written more than one way, with a bar segment per form and month used
        charts = page.locator("#lang-en figure")
        assert charts.evaluate_all("figures => figures.map(f => f.dataset.concept)") == [
            "fuzuli", "zangezur-corridor", "nakhchivan", "kassym-jomart-tokayev"]
        fuzuli = page.locator('#lang-en figure[data-concept="fuzuli"] svg rect title').all_text_contents()
        assert "2024-01: Fizuli 7 of 10" in fuzuli
        assert page.locator("#lang-en figure svg").first.bounding_box()["width"] == 360
        english = page.locator("#lang-en table")
        occurrences = english.locator("th", has_text="Occurrences")
        occurrences.click()
        assert english.locator("tbody tr").first.locator("td").nth(1).text_content() == "Fizuli"
        assert occurrences.get_attribute("aria-sort") == "descending"
        occurrences.click()
        assert occurrences.get_attribute("aria-sort") == "ascending"
        assert english.locator("tbody tr").first.locator("td").nth(4).text_content() == "1"
        english.locator("th", has_text="Form").click()
        assert english.locator("tbody tr").first.locator("td").nth(1).text_content() == "Fizuli"
        worst = page.locator("#most-findings tbody tr").first.locator("td").first.text_content()
        assert worst == f"archive/en/{EVIL_NAME}"
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert requests == [report.as_uri()]
    assert (problems, dialogs) == ([], [])


def _digest(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


@pytest.mark.parametrize(("first", "last", "bars"), [
    pytest.param("2024-01-15", "2024-03-20", [("2024-01", ["2024-01"]), ("2024-02", ["2024-02"]), ("2024-03", ["2024-03"])],
                 id="months"),
    pytest.param("2021-11-02", "2024-12-31", [("2021-Q4", ["2021-11", "2021-12"]), *[(f"{y}-Q{q}", None) for y in (2022, 2023, 2024)
                                                                                   for q in (1, 2, 3, 4)]], id="quarters-past-three-years"),
    pytest.param("2009-06-01", "2026-03-07", [(str(y), None) for y in range(2009, 2027)], id="years-past-ten-years"),
    pytest.param(None, None, [], id="undated"),
])
def test_chart_bars_are_months_quarters_or_years(first, last, bars):
    from glossary.audit.html import _periods

    periods = _periods(first, last)
    assert [label for label, _ in periods] == [label for label, _ in bars]
    assert [months for (_, months), (_, expected) in zip(periods, bars) if expected] == [e for _, e in bars if e]
    assert sum(len(months) for _, months in periods) == len({m for _, months in periods for m in months})
