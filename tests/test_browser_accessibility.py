"""Everyone can use every public page: axe-core finds nothing at phone and desktop widths, the
star ratings and growth badges have text and enough contrast, and nothing moves for people
who asked their system for reduced motion."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import (
    BROWSER_TEST,
    CONTRAST_JS,
    DESKTOP,
    MOTION_JS,
    PHONE,
    SONOGRAPHER,
    public_pages,
)
from tests.html import squash

pytestmark = [*BROWSER_TEST, pytest.mark.django_db(transaction=True)]

AXE = Axe()
RALEIGH = f"/occupations/{SONOGRAPHER}/raleigh/"  # featured pathways rated 4 and 3 stars


def axe_violations(page) -> tuple[list[str], int]:
    """Every axe-core rule (WCAG 2.x A and AA, best practices), one line per failing node, and
    how many rules passed: none passing means axe did not really look at the page."""
    results = AXE.run(page).response
    violations = [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}"
        f" - {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    return violations, len(results["passes"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_any_public_page(site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    found, passed = {}, {}
    for name, path in public_pages().items():
        response = page.goto(site + path)
        assert response.status == (404 if name == "not found" else 200), name
        found[name], passed[name] = axe_violations(page)
    # A pathway's details open as a dialog over the occupation page.
    page.goto(site + public_pages()["occupation"])
    page.locator("a[data-opens-dialog]").first.click()
    page.locator("dialog[open]").wait_for()
    # Checked as it stays open: mid fade-in its text is still faint, and axe saw too little
    # contrast (it failed so once in a full run).
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    dialog = "occupation, pathway dialog open"
    found[dialog], passed[dialog] = axe_violations(page)
    context.close()
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert {name: count for name, count in passed.items() if not count} == {}


def test_star_ratings_and_growth_badges_are_read_as_text(site, browser):
    page = browser.new_page()
    page.goto(site + RALEIGH)
    # A screen reader hears one sentence per rating, not five star characters.
    featured = page.locator(".featured-pathway")
    ratings = [featured.nth(i).get_by_role("img").get_attribute("aria-label") for i in range(2)]
    assert sorted(ratings) == ["3 out of 5 stars", "4 out of 5 stars"]
    assert page.locator(".stars__star:not([aria-hidden=true])").count() == 0
    # The badge's words are in the page itself, not drawn by CSS or carried by colour alone.
    badge = page.locator(".badge").first
    assert squash(badge.inner_text()).startswith("Growth rate: Very fast (+13%")
    assert squash(badge.text_content()).startswith("Growth rate: Very fast (+13%")  # no CSS text
    snapshot = badge.aria_snapshot()  # the band may be a link to what it means
    assert snapshot.startswith("- paragraph:") and "Growth rate:" in snapshot
    assert "Very fast" in snapshot and "+13%" in snapshot
    page.goto(site + "/industries/healthcare/")
    badges = [squash(text) for text in page.locator(".badge").all_inner_texts()]
    assert badges and all(text.startswith("Growth rate: ") for text in badges)
    page.close()


def test_badges_and_stars_have_enough_contrast(site, browser):
    """Badge text meets 4.5:1 (WCAG 1.4.3); stars, graphics that carry the rating, meet 3:1
    against the page (1.4.11), lit and unlit alike, and differ in shape, not colour alone."""
    page = browser.new_page()
    page.goto(site + "/occupations/?sort=growth")
    bands = set()
    for badge in page.locator(".badge").all():
        bands.add(badge.locator(".badge__value").inner_text())
        for part in badge.locator("span").all():
            ratio = part.evaluate(CONTRAST_JS)
            assert ratio >= 4.5, f"{badge.inner_text()!r}: {ratio:.2f}:1"
    assert {"Very fast", "Fast", "Average", "Slow", "Declining"} <= bands

    page.goto(site + RALEIGH)
    lit, unlit = (
        page.locator(".stars__star--on"),
        page.locator(".stars__star:not(.stars__star--on)"),
    )
    assert lit.count() and unlit.count()
    for star in [*lit.all(), *unlit.all()]:
        ratio = star.evaluate(CONTRAST_JS)
        assert ratio >= 3, f"{star.evaluate('s => s.className')}: {ratio:.2f}:1"
    assert set(lit.all_inner_texts()) != set(unlit.all_inner_texts())
    page.close()


def test_nothing_moves_when_reduced_motion_is_asked_for(site, browser):
    still = browser.new_context(reduced_motion="reduce")
    page = still.new_page()
    for path in [public_pages()["home"], public_pages()["all occupations"], RALEIGH]:
        page.goto(site + path)
        assert page.evaluate(MOTION_JS) == [], path
    # The pathway dialog appears at once, without its opening animation.
    page.locator("a[data-opens-dialog]").first.click()
    assert page.locator("dialog[open]").count() == 1
    assert page.evaluate(MOTION_JS) == []
    still.close()

    # Everyone else gets the short opening animation, so the check above can fail.
    moving = browser.new_context(reduced_motion="no-preference")
    page = moving.new_page()
    page.goto(site + RALEIGH)
    page.locator("a[data-opens-dialog]").first.click()
    assert any("pathway-dialog" in line for line in page.evaluate(MOTION_JS))
    moving.close()
