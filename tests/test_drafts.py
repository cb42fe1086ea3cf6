"""Drafts and publishing: students never see a draft; staff preview it exactly as it will look,
under a "Draft preview" banner, in responses no cache may keep; content leads publish."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from occupations.models import Area, Industry, Occupation, Status
from pathways.models import Pathway
from tests.html import form_data, readable_text, soup, texts

SONOGRAPHER = "diagnostic-medical-sonographer"
OB_GYN = "obstetric-and-gynecological-sonographer"
NEURO = "neurosonography"


def occupation_page(metro: str = "charlotte") -> str:
    return reverse("occupation_in_metro", kwargs={"slug": SONOGRAPHER, "metro": metro})


def pathway_page(slug: str = OB_GYN, metro: str = "charlotte") -> str:
    return reverse(
        "pathway_in_metro", kwargs={"occupation": SONOGRAPHER, "metro": metro, "slug": slug}
    )


def make_draft(model, **lookup) -> None:
    assert model.objects.filter(**lookup).update(status=Status.DRAFT) == 1


def banner(response) -> str:
    element = soup(response).select_one("[role=status].preview-banner")
    return readable_text(element) if element else ""


def assert_never_cached(response) -> None:
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control, cache_control


@pytest.mark.django_db
def test_a_draft_occupation_is_a_404_for_students_everywhere(client, demo):
    make_draft(Occupation, slug=SONOGRAPHER)
    healthcare = Industry.objects.get(slug="healthcare")

    for url in [
        occupation_page(),
        occupation_page("raleigh"),
        pathway_page(),
        reverse("occupation", kwargs={"slug": SONOGRAPHER}),
        reverse("pathway", kwargs={"occupation": SONOGRAPHER, "slug": OB_GYN}),
        occupation_page() + "?preview=1",
    ]:
        assert client.get(url).status_code == 404, url
    listing = client.get(healthcare.get_absolute_url()).content.decode()
    assert "Diagnostic Medical Sonographer" not in listing
    index = soup(client.get(reverse("industry_list")))
    expected = healthcare.occupations.published().count()
    assert f"{expected} occupation" in readable_text(index.select_one("main"))


@pytest.mark.django_db
def test_staff_preview_a_draft_occupation_under_a_banner(client, demo, alice):
    make_draft(Occupation, slug=SONOGRAPHER)
    client.force_login(alice)

    response = client.get(occupation_page())

    assert response.status_code == 200
    page = soup(response)
    assert texts(page, "h1") == ["Diagnostic Medical Sonographer"]
    assert "Draft preview" in banner(response)
    assert "students cannot see this page" in banner(response)
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    edit = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    assert page.select_one(".preview-banner").find("a", href=edit) is not None
    assert_never_cached(response)
    # The page itself is the public one: every section is there.
    assert "Obstetric and Gynecological Sonographer" in readable_text(page.select_one("main"))
    assert "5 out of 5 stars" in readable_text(page.select_one("main"))


@pytest.mark.django_db
def test_metro_picker_and_pathway_links_keep_working_in_a_preview(client, demo, alice):
    make_draft(Occupation, slug=SONOGRAPHER)
    client.force_login(alice)

    redirect = client.get(reverse("occupation", kwargs={"slug": SONOGRAPHER}), {"metro": "raleigh"})
    assert redirect.status_code == 302
    assert redirect.url.startswith(occupation_page("raleigh"))
    assert_never_cached(redirect)
    pathway = client.get(pathway_page(metro="raleigh"))
    assert pathway.status_code == 200
    assert "Draft preview" in banner(pathway)
    assert_never_cached(pathway)


@pytest.mark.django_db
def test_draft_pathway_is_left_out_for_students_and_marked_in_the_preview(client, demo, alice):
    make_draft(Pathway, slug=NEURO, occupation__slug=SONOGRAPHER)

    public = client.get(occupation_page())
    assert "Neurosonography" not in readable_text(soup(public).select_one("main"))
    assert client.get(pathway_page(NEURO)).status_code == 404
    assert "Cookie" not in public.get("Vary", ""), "public pages must not vary on cookies"
    assert banner(public) == ""

    client.force_login(alice)
    # Staff see the published page as students do, unless they ask for the preview.
    assert "Neurosonography" not in readable_text(soup(client.get(occupation_page())).main)
    preview = client.get(occupation_page(), {"preview": "1"})
    items = texts(soup(preview), ".pathway-list li")
    assert "Neurosonography Draft" in items
    assert "Vascular technology" in items  # published ones carry no mark
    assert "Pathways marked “Draft” are hidden from students" in banner(preview)
    assert_never_cached(preview)

    own_page = client.get(pathway_page(NEURO))
    assert own_page.status_code == 200
    assert texts(soup(own_page), "h1") == ["Neurosonography Draft"]
    assert "This pathway is a draft" in banner(own_page)
    assert_never_cached(own_page)


@pytest.mark.django_db
def test_staff_without_view_permission_do_not_see_drafts(client, demo):
    clerk = get_user_model().objects.create_user("dave", is_staff=True)
    make_draft(Occupation, slug=SONOGRAPHER)
    client.force_login(clerk)

    assert client.get(occupation_page()).status_code == 404


@pytest.mark.django_db
def test_a_draft_check_costs_anonymous_visitors_no_query(client, demo, django_assert_num_queries):
    make_draft(Occupation, slug=SONOGRAPHER)

    with django_assert_num_queries(1):  # the occupation; no session, no user
        response = client.get(occupation_page())
    assert response.status_code == 404


@pytest.mark.django_db
def test_counselor_preview_of_her_new_occupation(client, demo, alice):
    """The counselor's own draft, opened with the admin's "View on site", is the preview."""
    client.force_login(alice)
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    occupation.pk = None
    occupation.slug, occupation.soc_code = "sonographer-copy", ""
    occupation.status = Status.DRAFT
    occupation.save()

    change = client.get(reverse("admin:occupations_occupation_change", args=[occupation.pk]))
    view_on_site = soup(change).find("a", class_="viewsitelink")["href"]

    assert view_on_site == occupation.get_metro_url(Area.objects.default_metro())
    assert "Draft preview" in banner(client.get(view_on_site))


@pytest.mark.django_db
def test_counselor_cannot_publish_through_the_form(client, demo, alice):
    make_draft(Occupation, slug=SONOGRAPHER)
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    page = soup(client.get(url))
    assert page.select_one("select[name=status]") is None
    assert "Draft" in readable_text(page.select_one(".field-status"))
    assert page.select("select[name$=-status]") == []  # nor on the inline pathways
    data = form_data(page, "#content-main form")
    data["status"] = Status.PUBLISHED
    data["pathways-0-status"] = Status.PUBLISHED

    response = client.post(url, data)

    assert response.status_code == 302
    assert Occupation.objects.get(pk=occupation.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_counselor_cannot_publish_by_restoring_a_published_version(client, demo, alice, bob):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    occupation.save()  # a published version in history
    published_version = occupation.history.latest()
    client.force_login(bob)
    client.post(
        reverse("admin:occupations_occupation_changelist"),
        {"action": "unpublish", "_selected_action": [occupation.pk], "index": "0"},
    )
    assert Occupation.objects.get(pk=occupation.pk).status == Status.DRAFT

    client.force_login(alice)
    url = reverse(
        "admin:occupations_occupation_simple_history",
        args=[occupation.pk, published_version.history_id],
    )
    data = form_data(soup(client.get(url)), "#content-main form")
    response = client.post(url, data)

    assert response.status_code == 302
    assert Occupation.objects.get(pk=occupation.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_content_lead_publishes_and_unpublishes(client, demo, bob):
    make_draft(Occupation, slug=SONOGRAPHER)
    make_draft(Pathway, slug=NEURO, occupation__slug=SONOGRAPHER)
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    neuro = Pathway.objects.get(slug=NEURO, occupation=occupation)
    client.force_login(bob)

    def act(admin_name: str, action: str, obj) -> None:
        response = client.post(
            reverse(f"admin:{admin_name}_changelist"),
            {"action": action, "_selected_action": [obj.pk], "index": "0"},
        )
        assert response.status_code == 302

    act("occupations_occupation", "publish", occupation)
    act("pathways_pathway", "publish", neuro)
    client.logout()
    page = client.get(occupation_page())
    assert page.status_code == 200
    assert "Neurosonography" in readable_text(soup(page).select_one("main"))
    record = Occupation.objects.get(pk=occupation.pk).history.latest()
    assert (record.history_user, record.history_change_reason) == (bob, "Published")

    client.force_login(bob)
    act("occupations_occupation", "unpublish", occupation)
    client.logout()
    assert client.get(occupation_page()).status_code == 404


@pytest.mark.django_db
def test_content_lead_sets_status_in_the_form(client, demo, bob):
    make_draft(Pathway, slug=NEURO, occupation__slug=SONOGRAPHER)
    pathway = Pathway.objects.get(slug=NEURO, occupation__slug=SONOGRAPHER)
    client.force_login(bob)
    url = reverse("admin:pathways_pathway_change", args=[pathway.pk])
    data = form_data(soup(client.get(url)), "#content-main form")
    data["status"] = Status.PUBLISHED

    assert client.post(url, data).status_code == 302
    assert Pathway.objects.get(pk=pathway.pk).status == Status.PUBLISHED


@pytest.mark.django_db
def test_counselor_add_forms_say_draft(client, demo, alice):
    client.force_login(alice)

    for url_name in ["admin:pathways_pathway_add", "admin:occupations_occupation_add"]:
        page = soup(client.get(reverse(url_name)))
        assert readable_text(page.select_one(".field-status .readonly")) == "Draft", url_name
        assert page.select_one("select[name=status]") is None, url_name
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    page = soup(client.get(reverse("admin:occupations_occupation_change", args=[occupation.pk])))
    empty_row = page.select_one("#pathways-empty")
    assert readable_text(empty_row.select_one(".field-status .readonly")) == "Draft"
