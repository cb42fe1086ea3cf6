"""What the real-browser tests share: where Chromium is, how to start it, signing in, the public
pages, and small measurements made inside the page (contrast, focus indicators, motion)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

# Every browser test module: `pytestmark = BROWSER_TEST`.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}"),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

SONOGRAPHER = "diagnostic-medical-sonographer"
OB_GYN = "obstetric-and-gynecological-sonographer"

# The password of every staff user the fixtures make (tests/conftest.py: alice, bob, charlie).
PASSWORD = "correct horse battery staple"


def sign_in(browser, site: str, username: str):
    """A browser context of its own with `username` signed in through the admin's login form,
    and its page, left on the admin's index."""
    from playwright.sync_api import expect  # here, so conftest imports this without Playwright

    context = browser.new_context()
    page = context.new_page()
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(site + reverse("admin:index"))
    return context, page


def public_pages() -> dict[str, str]:
    """One URL of each public page type (the demo content), by name."""
    occupation = {"slug": SONOGRAPHER, "metro": "charlotte"}
    return {
        "home": reverse("home"),
        "industries": reverse("industry_list"),
        "industry": reverse("industry_detail", args=["healthcare"]),
        "growth rates": reverse("growth_bands"),
        "all occupations": reverse("occupation_list"),
        "all occupations, filtered": reverse("occupation_list")
        + "?industry=healthcare&sort=growth",
        "occupation": reverse("occupation_in_metro", kwargs=occupation),
        "pathway": reverse(
            "pathway_in_metro",
            kwargs={"occupation": SONOGRAPHER, "metro": "charlotte", "slug": OB_GYN},
        ),
        "search": reverse("search") + "?q=ultrasound",
        "search, no results": reverse("search") + "?q=zzyzx",
        "search, empty": reverse("search"),
        "compare": reverse("compare") + f"?o={SONOGRAPHER}&o=registered-nurse&metro=charlotte",
        "compare, empty": reverse("compare"),
        "not found": "/occupations/no-such-job/charlotte/",
    }


# Colour arithmetic for the measurements below: WCAG 2 contrast ratios, and the first opaque
# background behind an element, walking up its ancestors. Enough for our flat backgrounds (no
# images behind text or focus rings).
_COLOURS_JS = """
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map(v => v / 255).map(
      v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const behind = element => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length < 4 || parts[3] === 1) return parts.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ratio = (colour, background) => {
    const [a, b] = [luminance(rgb(colour)), luminance(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
"""

# Contrast ratio between an element's text colour and the background behind it.
CONTRAST_JS = (
    "element => {"
    + _COLOURS_JS
    + " return ratio(getComputedStyle(element).color, behind(element)); }"
)

# The focusable controls a keyboard user can reach on the page as it is shown: links, buttons,
# form fields, summaries and anything given tabindex>=0, that are visible and not inside a
# closed dialog. Each is marked with data-kb so the Tab walk can name it.
MARK_FOCUSABLE_JS = """
() => {
  const selector = 'a[href], button, select, textarea, input:not([type="hidden"]), summary,' +
    ' [tabindex]:not([tabindex="-1"])';
  const found = [];
  document.querySelectorAll(selector).forEach((el, index) => {
    if (el.disabled || el.closest('dialog:not([open])') || el.closest('[inert]')) return;
    if (!el.checkVisibility({visibilityProperty: true})) return;
    el.setAttribute('data-kb', String(index));
    const style = getComputedStyle(el);
    found.push({
      id: String(index),
      name: (el.getAttribute('aria-label') || el.textContent || el.name || el.tagName).trim()
        .replace(/\\s+/g, ' ').slice(0, 60),
      tag: el.tagName.toLowerCase(),
      outline: style.outlineStyle === 'none' ? 'none' :
        `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      shadow: style.boxShadow,
    });
  });
  return found;
}
"""

# The focused element as the Tab walk sees it: its data-kb id, whether a focus indicator is
# drawn (an outline at least 2px wide, or a box shadow, that the element lacks unfocused), and
# the contrast of that outline with the background around it (it is drawn outside the element).
FOCUSED_JS = (
    """
() => {"""
    + _COLOURS_JS
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const width = parseFloat(style.outlineWidth);
  return {
    ringContrast: style.outlineStyle === 'none' ? 0 :
      ratio(style.outlineColor, behind(el.parentElement)),
    id: el.getAttribute('data-kb'),
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim()
      .replace(/\\s+/g, ' ').slice(0, 60),
    outline: style.outlineStyle === 'none' || width < 2 ? 'none' :
      `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    shadow: style.boxShadow,
    focusVisible: el.matches(':focus-visible'),
  };
}
"""
)

# Elements with a CSS transition or animation that would move something on screen.
MOTION_JS = """
() => {
  const moving = [];
  const seconds = value => value.split(',').map(v => parseFloat(v) || 0);
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after', '::backdrop']) {
      const style = getComputedStyle(el, pseudo);
      const transition = Math.max(...seconds(style.transitionDuration));
      const animated = style.animationName !== 'none' &&
        Math.max(...seconds(style.animationDuration)) > 0;
      if (transition > 0 || animated) {
        moving.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}` +
          `${pseudo || ''}: transition ${style.transitionDuration}, animation ` +
          `${style.animationName} ${style.animationDuration}`);
      }
    }
  }
  return moving.concat(document.getAnimations().map(a => `running: ${a.animationName || a.id}`));
}
"""
