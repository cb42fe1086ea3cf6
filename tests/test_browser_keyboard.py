"""With the keyboard alone: the skip link comes first and works, Tab reaches every link, button
and form field of a page, each shows where the focus is, and a pathway's dialog opens with
Enter, keeps the focus inside, and gives it back to its title when Escape closes it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    BROWSER_TEST,
    DESKTOP,
    FOCUSED_JS,
    MARK_FOCUSABLE_JS,
    PHONE,
    SONOGRAPHER,
    public_pages,
)

pytestmark = [*BROWSER_TEST, pytest.mark.django_db(transaction=True)]


def tab_through(page) -> tuple[list[dict], list[dict]]:
    """Press Tab from the top of the page until the focus leaves it (or comes round again):
    the controls there are to reach, and what the focus visited, in order."""
    controls = page.evaluate(MARK_FOCUSABLE_JS)
    visited = []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or (visited and focused["id"] == visited[0]["id"]):
            break
        visited.append(focused)
    return controls, visited


def without_focus_indicator(visited: list[dict], controls: list[dict]) -> list[str]:
    """Focused elements that look the same as unfocused (no outline of 2px or more, and no box
    shadow, that they lack when the focus is elsewhere), or whose outline stands out from the
    background around it by less than 3:1 (WCAG 1.4.11)."""
    unfocused = {control["id"]: control for control in controls}
    faint = []
    for focused in visited:
        before = unfocused.get(focused["id"], {"outline": "none", "shadow": "none"})
        outlined = focused["outline"] != "none" and focused["outline"] != before["outline"]
        shadowed = focused["shadow"] != "none" and focused["shadow"] != before["shadow"]
        if not (focused["focusVisible"] and (outlined or shadowed)):
            faint.append(f"{focused['tag']} {focused['name']!r}: no focus indicator")
        elif outlined and focused["ringContrast"] < 3:
            faint.append(
                f"{focused['tag']} {focused['name']!r}: "
                f"focus ring at {focused['ringContrast']:.2f}:1 with its background"
            )
    return faint


PAGES = {
    "home": public_pages()["home"],
    "industry": public_pages()["industry"],
    "growth rates": public_pages()["growth rates"],
    "all occupations": public_pages()["all occupations"],
    "occupation": f"/occupations/{SONOGRAPHER}/raleigh/",
    "pathway": public_pages()["pathway"],
    "search": public_pages()["search"],
    "compare": public_pages()["compare"],
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_reaches_every_control_and_shows_where_the_focus_is(site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    unreached, faint = {}, {}
    for name, path in PAGES.items():
        page.goto(site + path)
        controls, visited = tab_through(page)
        assert visited[0]["name"] == "Skip to main content", name
        reached = {focused["id"] for focused in visited}
        unreached[name] = [c["name"] for c in controls if c["id"] not in reached]
        faint[name] = without_focus_indicator(visited, controls)
        # The skip link, the brand and the menu at least, and something in the page.
        assert len(controls) > 5, f"{name}: only {len(controls)} controls found"
    context.close()
    assert {name: names for name, names in unreached.items() if names} == {}
    assert {name: names for name, names in faint.items() if names} == {}


def test_the_skip_link_is_first_is_seen_and_jumps_to_the_content(site, browser):
    page = browser.new_page()
    page.goto(site + PAGES["occupation"])
    skip = page.get_by_role("link", name="Skip to main content")
    box = skip.bounding_box()
    assert box["y"] + box["height"] <= 0  # above the top of the page until it has the focus
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # on screen while focused
    page.keyboard.press("Enter")
    # Following a link is asynchronous, even to a fragment: wait for it (up to expect's timeout)
    # instead of reading the address the instant the key is released.
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is the first link in the content (the breadcrumb), past the site's menu.
    focused = page.locator(":focus")
    expect(focused).to_have_text("Industries")
    assert focused.evaluate("el => el.closest('main') !== null")
    page.close()


def test_a_pathway_dialog_opens_with_enter_and_escape_gives_the_focus_back(site, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site + PAGES["occupation"])
    controls = page.evaluate(MARK_FOCUSABLE_JS)  # the page's controls as they look unfocused
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.hasAttribute('data-opens-dialog')"):
            break
    title = page.evaluate("() => document.activeElement.textContent")
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[open]")
    expect(dialog).to_have_count(1)
    assert dialog.get_attribute("aria-labelledby").endswith("-title")
    assert page.evaluate("() => document.activeElement.closest('dialog[open]') !== null")

    # Tab walks through the dialog's controls, each visibly focused, and never leaves it.
    inside = dialog.evaluate(
        "d => [...d.querySelectorAll('a[href], button')].map(e => e.textContent.trim())"
    )
    visited = []
    for _ in range(len(inside) + 1):
        focused = page.evaluate(FOCUSED_JS)
        if focused is None:  # past the last control the focus goes to the browser itself
            break
        assert page.evaluate("() => document.activeElement.closest('dialog[open]') !== null")
        visited.append(focused)
        page.keyboard.press("Tab")
    assert {focused["name"] for focused in visited} >= {f"Close {title}", *inside[1:]}
    # The dialog's controls were hidden when the page's were marked: they have no unfocused
    # look to compare with, so any outline or shadow counts for them.
    assert without_focus_indicator(visited, controls) == []

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    returned = page.evaluate(FOCUSED_JS)
    assert returned["name"] == title and returned["id"] is not None
    assert without_focus_indicator([returned], controls) == []  # not its unfocused look
    page.close()
