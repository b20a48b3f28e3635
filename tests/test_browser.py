"""End-to-end in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium).

Skips with a message where Chromium is missing, except when NEWSPRISM_REQUIRE_BROWSER=1 (set by
.ci/run, which installs it): there a missing browser fails the run. Screenshots go to out/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "out" / "screenshots"

if not Path(CHROMIUM).exists():
    if os.environ.get("NEWSPRISM_REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser tests (apt-get install chromium)")
    pytest.skip("Chromium not installed: browser tests skipped (apt-get install chromium to run them)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    pg = browser.new_page(viewport={"width": 1200, "height": 900})
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    pg.close()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory, example_report):
    from newsprism.render_html import write_html

    out = tmp_path_factory.mktemp("html")
    write_html(example_report, out)
    return out


def test_citation_click_highlights_the_supporting_sentence(page, report_dir, example_report):
    story = example_report.stories[0]
    page.goto((report_dir / f"story-{story.id}.html").as_uri())
    link = page.locator("#summary a.cite").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == target
    bg = page.evaluate("getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(f"[id='{target}']").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "story-citation.png"))


def test_sources_table_first_and_every_section_reachable(page, report_dir, example_report):
    story = example_report.stories[0]
    page.goto((report_dir / f"story-{story.id}.html").as_uri())
    after_title = page.evaluate("[...document.querySelectorAll('h1 ~ *')].slice(0, 3).map(e => e.tagName + '.' + e.className)")
    assert after_title[:2] == ["P.meta", "TABLE.sources"], after_title
    assert page.locator("table.sources tr").count() == len(story.article_ids) + 1
    links = page.locator("nav.contents a")
    assert links.count() >= 5
    for k in range(links.count()):
        anchor = links.nth(k).get_attribute("href")[1:]
        links.nth(k).click()
        assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
        assert page.locator(f"[id='{anchor}']").is_visible()
    first = page.locator("table.sources a").first  # a headline leads to the article's text
    first.click()
    assert page.evaluate("document.querySelector(':target').id").startswith("a-")
    page.goto((report_dir / f"story-{story.id}.html").as_uri())
    page.screenshot(path=str(SHOTS / "story-top.png"))


def test_agreement_matrix_labels_are_not_clipped(page, report_dir, example_report):
    page.goto((report_dir / f"story-{example_report.stories[0].id}.html").as_uri())
    boxes = page.evaluate("""() => {
        const svg = document.querySelector("svg[aria-label='outlet by claim agreement matrix']");
        const [x0, y0, w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
        return [...svg.querySelectorAll('text')].map(t => {
            const b = t.getBoundingClientRect(), s = svg.getBoundingClientRect(), k = w / s.width;
            return [t.textContent, (b.left - s.left) * k, (b.top - s.top) * k, (b.right - s.left) * k, (b.bottom - s.top) * k, w, h];
        });
    }""")
    assert len(boxes) > 5
    for text, left, top, right, bottom, w, h in boxes:
        assert left >= 0 and top >= 0 and right <= w + 1 and bottom <= h + 1, (text, left, top, right, bottom, w, h)
    assert any(len(b[0]) > 20 for b in boxes)  # rows say what the claim is, not only its number
    page.locator("svg[aria-label='outlet by claim agreement matrix']").screenshot(path=str(SHOTS / "agreement-matrix.png"))


def test_removed_lines_toggle(page, report_dir, example_report):
    page.goto((report_dir / f"story-{example_report.stories[0].id}.html").as_uri())
    details = page.locator("details.removed").first
    first_line = details.locator("li").first
    assert not first_line.is_visible()
    details.locator("summary").click()
    assert first_line.is_visible() and first_line.locator(".label").inner_text()
    page.screenshot(path=str(SHOTS / "removed-lines.png"))


def test_hostile_articles_render_as_text(page, tmp_path):
    import newsprism
    from newsprism.render_html import write_html
    from test_html import EVIL

    for name, text in EVIL.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "sources.csv").write_text("file,outlet,url\nevil1.txt,<script>alert(2)</script>Outlet,javascript:alert(3)\nevil2.txt,Other,https://example.org/a\n")
    report = newsprism.analyze([tmp_path])
    paths = write_html(report, tmp_path / "html")
    for path in paths.values():
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        assert page.dialogs == []
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("script").count() == 0
    page.goto(paths[report.stories[0].id].as_uri())
    assert "<img src=x" in page.inner_text("body")  # shown as text
    page.screenshot(path=str(SHOTS / "xss-as-text.png"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_served_app_in_the_browser(page, tmp_path):
    import uvicorn

    from newsprism.corpus import ingest
    from newsprism.web import create_app

    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.1)
        page.goto(f"http://127.0.0.1:{port}/")
        page.fill("input[name=q]", "Lavrentiev")
        page.click("button")
        assert "1 story" in page.inner_text("body")
        page.click("table a")
        assert "Where accounts differ" in page.inner_text("body")
        link = page.locator("#summary a.cite").first
        target = link.get_attribute("href")[1:]
        link.click()
        assert page.evaluate("document.querySelector(':target').id") == target
        page.screenshot(path=str(SHOTS / "served-story.png"))
        assert page.goto(f"http://127.0.0.1:{port}/stories/S9999999").status == 404
        outside: list[str] = []  # /docs with every request off this machine blocked
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(f"http://127.0.0.1:{port}/") else (outside.append(route.request.url), route.abort()))
        page.goto(f"http://127.0.0.1:{port}/docs")
        page.get_by_text("List stories").wait_for(timeout=15000)  # Swagger UI drew the operations from /openapi.json
        assert outside == []
        page.screenshot(path=str(SHOTS / "api-docs.png"))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
