"""In a real browser, people do what they came for: a student on a phone finds a job, looks at
it in another metro, reads a pathway's details and compares it with another job (with and
without JavaScript); a counselor edits content and a content lead publishes it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pathways.models import Pathway
from tests.browser import BROWSER_TEST, PHONE, SONOGRAPHER, sign_in

pytestmark = [*BROWSER_TEST, pytest.mark.django_db(transaction=True)]


def phone(browser, **options):
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)


def find_the_sonographer_by_searching(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Explore careers where you live")
    page.get_by_label("Search occupations").fill("ultrasound")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/search/\?q=ultrasound"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “ultrasound”")
    # Other jobs may match too (alternate titles); the student picks this one by its name.
    page.get_by_role("link", name="Diagnostic Medical Sonographer", exact=True).click()
    expect(page).to_have_url(site + f"/occupations/{SONOGRAPHER}/charlotte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic Medical Sonographer")
    expect(page.locator(".badge").first).to_contain_text("Growth rate: Very fast")


def switch_to_raleigh(page, site):
    page.get_by_label("Metro area").select_option("raleigh")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(site + f"/occupations/{SONOGRAPHER}/raleigh/")
    expect(page.locator(".snapshot-intro")).to_contain_text("in the Raleigh metro area")


def compare_with_a_registered_nurse(page):
    page.get_by_role("link", name="Compare with other occupations").click()
    expect(page).to_have_url(re.compile(rf"/compare/\?o={SONOGRAPHER}&metro=raleigh$"))
    page.get_by_label("Add an occupation").fill("registered nurse")
    page.get_by_role("button", name="Find and add").click()
    expect(page).to_have_url(re.compile(r"/compare/\?.*o=registered-nurse"))
    columns = page.locator("table.compare thead th")
    expect(columns).to_have_text(["Diagnostic Medical Sonographer", "Registered Nurse"])
    expect(page.locator(".lead")).to_contain_text("in the Raleigh metro area")


def test_a_student_on_a_phone_finds_a_job_reads_a_pathway_and_compares(site, browser):
    context = phone(browser)
    page = context.new_page()
    find_the_sonographer_by_searching(page, site)
    switch_to_raleigh(page, site)

    # A featured pathway's title opens its details over the page, without leaving it.
    title = page.get_by_role("link", name="Vascular technology")
    title.click()
    dialog = page.get_by_role("dialog", name="Vascular technology")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("img", name="4 out of 5 stars")).to_be_visible()
    expect(dialog.get_by_role("heading", name="Certifications*")).to_be_visible()
    expect(page).to_have_url(site + f"/occupations/{SONOGRAPHER}/raleigh/")
    # Escape closes them, and the student is back where they were.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(title).to_be_focused()
    # The close button works as well.
    title.click()
    dialog.get_by_role("button", name="Close Vascular technology").click()
    expect(dialog).to_be_hidden()
    expect(title).to_be_focused()

    compare_with_a_registered_nurse(page)
    context.close()


def test_a_student_without_javascript_does_the_same_with_links_and_forms(site, browser):
    context = phone(browser, java_script_enabled=False)
    page = context.new_page()
    find_the_sonographer_by_searching(page, site)
    switch_to_raleigh(page, site)

    # The pathway's title is a link to the pathway's own page.
    page.get_by_role("link", name="Vascular technology").click()
    pathway_url = f"/occupations/{SONOGRAPHER}/raleigh/pathways/vascular-technology/"
    expect(page).to_have_url(site + pathway_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vascular technology")
    expect(page.get_by_role("img", name="4 out of 5 stars")).to_be_visible()
    page.get_by_role("link", name="Back to all Diagnostic Medical Sonographer pathways").click()
    expect(page).to_have_url(site + f"/occupations/{SONOGRAPHER}/raleigh/#pathways")

    compare_with_a_registered_nurse(page)
    page.get_by_role("link", name="Remove Registered Nurse").click()
    expect(page.locator("table.compare thead th")).to_have_text(["Diagnostic Medical Sonographer"])
    context.close()


def test_a_counselor_edits_and_a_content_lead_publishes_what_students_then_see(
    site, browser, alice, bob
):
    occupation_url = site + f"/occupations/{SONOGRAPHER}/charlotte/"
    pathway_path = f"/occupations/{SONOGRAPHER}/charlotte/pathways/fetal-echocardiography/"
    new_summary = "Sonographers use sound waves to show the inside of the body to physicians."

    # Alice, a counselor, rewrites the occupation's summary and adds a pathway under it.
    counselor, page = sign_in(browser, site, "alice")
    page.get_by_role("link", name="Occupations", exact=True).click()
    page.get_by_role("link", name="Diagnostic Medical Sonographer", exact=True).click()
    page.get_by_label(re.compile(r"^Summary:?$")).fill(new_summary)
    page.get_by_role("button", name="Add another Pathway").click()
    new_row = page.locator("#pathways-group .inline-related:not(.empty-form)").last
    new_row.get_by_label("Title").fill("Fetal Echocardiography")
    new_row.get_by_label("Description").fill("Fetal echocardiographers image the unborn heart.")
    expect(new_row.get_by_label("Slug")).to_have_value("fetal-echocardiography")  # made for her
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    # Counselors cannot publish: the action is not theirs to choose. Nor may they delete a
    # pathway, so no action is left and the changelist offers no action menu at all.
    page.goto(site + reverse("admin:pathways_pathway_changelist"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Select pathway to change")
    expect(page.get_by_role("link", name="Fetal Echocardiography", exact=True)).to_be_visible()
    expect(page.locator("select[name=action]")).to_have_count(0)
    counselor.close()

    pathway = Pathway.objects.get(slug="fetal-echocardiography")
    assert pathway.is_draft

    # A student sees the new summary at once, but not the draft pathway.
    student = browser.new_context()
    page = student.new_page()
    page.goto(occupation_url)
    expect(page.locator(".occupation__summary")).to_have_text(new_summary)
    expect(page.get_by_role("link", name="Fetal Echocardiography")).to_have_count(0)
    assert page.goto(site + pathway_path).status == 404

    # Bob, a content lead, finds the draft and publishes it.
    lead, admin = sign_in(browser, site, "bob")
    admin.goto(site + reverse("admin:pathways_pathway_changelist") + "?status__exact=draft")
    row = admin.get_by_role("row").filter(has_text="Fetal Echocardiography")
    row.get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option(label="Publish selected pathways")
    admin.get_by_role("button", name="Go").click()
    expect(admin.locator(".messagelist")).to_contain_text("Published 1 pathway.")
    lead.close()

    # Now the student finds it under the occupation and opens its page.
    page.goto(occupation_url)
    page.get_by_role("link", name="Fetal Echocardiography").click()
    expect(page).to_have_url(site + pathway_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fetal Echocardiography")
    expect(page.locator(".pathway__description")).to_have_text(
        "Fetal echocardiographers image the unborn heart."
    )
    student.close()
