"""In a real browser: a counselor changes a pathway's Charlotte rating and the occupation's
spotlight image in the admin; a student then sees both on the public page."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from occupations.models import Occupation
from pathways.models import MetroSpotlight, Pathway
from tests.browser import BROWSER_TEST, OB_GYN, SONOGRAPHER, sign_in

pytestmark = BROWSER_TEST


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (11, 92, 115))
    for x in range(0, width, 40):
        for y in range(0, height, 40):
            image.putpixel((x, y), (242, 166, 90))
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_counselor_edits_in_the_admin_and_a_student_sees_it(site, browser, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    pathway = Pathway.objects.get(occupation=occupation, slug=OB_GYN)
    spotlight = MetroSpotlight.objects.get(pathway=pathway, metro__slug="charlotte")
    new_rating = 2 if spotlight.rating != 2 else 3

    counselor, page = sign_in(browser, site, "alice")

    # The pathway's rating for Charlotte, in the spotlights inline.
    page.goto(site + reverse("admin:pathways_pathway_change", args=[pathway.pk]))
    row = page.locator("#spotlights-group tr.form-row").filter(has_text="Charlotte")
    row.locator("input[name$='-rating']").fill(str(new_rating))
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(site + reverse("admin:pathways_pathway_changelist") + "**")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    # The occupation's spotlight image, with its description.
    page.goto(site + reverse("admin:occupations_occupation_change", args=[occupation.pk]))
    page.locator("input[name=spotlight_image]").set_input_files(
        {"name": "scan-room.png", "mimeType": "image/png", "buffer": png(1000, 625)}
    )
    page.get_by_label("Spotlight image description").fill(
        "A sonography room with the scanner beside the bed."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(site + reverse("admin:occupations_occupation_changelist") + "**")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    counselor.close()

    # A student, in a fresh browser with no sign-in.
    student = browser.new_context()
    page = student.new_page()
    page.goto(
        site + reverse("occupation_in_metro", kwargs={"slug": SONOGRAPHER, "metro": "charlotte"})
    )
    featured = page.locator(".featured-pathway").filter(has_text="Obstetric and Gynecological")
    stars = featured.get_by_role("img")
    assert stars.get_attribute("aria-label") == f"{new_rating} out of 5 stars"
    image = page.get_by_role("img", name="A sonography room with the scanner beside the bed.")
    src = image.get_attribute("src")
    assert src.startswith("/media/spotlights/scan-room") and src.endswith(".png")
    assert "480w" in image.get_attribute("srcset")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".preview-banner").count() == 0
    student.close()
