#!/usr/bin/env python3
"""The README's pictures, taken from the real pages so they can be refreshed after a change.

    .venv/bin/python scripts/screenshots.py

Starts a throwaway production-like site (scripts/serve.py), signs in a demo content lead it
creates with a random password, and saves to docs/screenshots/ the occupation page on a phone
(with a pathway's details open, too) and on a desktop, and the occupation's change form in the
admin. Debian's Chromium
(/usr/bin/chromium) takes them through Playwright; each PNG is reduced to 256 colours so it
stays small. gunicorn is stopped by its PID and the site deleted afterwards.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ThrowawaySite
from servers import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
OUT = ROOT / "docs" / "screenshots"
OCCUPATION = "/occupations/diagnostic-medical-sonographer/charlotte/"
USERNAME = "casey"
CONTENT_LEAD = "Content lead"  # the group (occupations/roles.py)


def save(png: bytes, name: str) -> None:
    """A 256-colour PNG: flat colours and text stay sharp, the file a fraction of the size."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = OUT / name
    small.save(path, optimize=True)
    size = path.stat().st_size
    print(f"  {path.relative_to(ROOT)}: {image.width}x{image.height}, {size:,} bytes")


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    print("Starting a throwaway production-like site ...", flush=True)
    with ThrowawaySite() as site, sync_playwright() as playwright:
        password = site.create_staff(USERNAME, CONTENT_LEAD)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            phone = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
            )
            page = phone.new_page()
            page.goto(site.url + OCCUPATION)
            save(page.screenshot(), "occupation-phone.png")
            page.locator("a[data-opens-dialog]").first.click()
            page.locator("dialog[open]").wait_for()
            page.wait_for_timeout(400)  # the dialog's short opening animation
            save(page.screenshot(), "occupation-phone-pathway.png")
            phone.close()

            desktop = browser.new_context(viewport={"width": 1280, "height": 900})
            page = desktop.new_page()
            page.goto(site.url + OCCUPATION)
            save(page.screenshot(), "occupation-desktop.png")

            page.goto(site.url + "/admin/login/")
            page.get_by_label("Username").fill(USERNAME)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(site.url + "/admin/")
            page.get_by_role("link", name="Occupations", exact=True).click()
            page.get_by_role("link", name="Diagnostic Medical Sonographer", exact=True).click()
            page.wait_for_load_state("networkidle")
            save(page.screenshot(), "admin-occupation.png")
            desktop.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
