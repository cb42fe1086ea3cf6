"""The admin is easy for counselors: help text everywhere, search by any title, autocomplete,
ordering in place, and "View on site" for the right metro."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from occupations.models import Area, Occupation
from occupations.roles import CONTENT_MODELS
from pathways.models import MetroSpotlight, Pathway
from tests.html import soup, texts

# Fields a counselor never fills in: keys, automatic times and sizes, links kept by the app.
TECHNICAL_FIELDS = {
    "occupations.Occupation.created",
    "occupations.Occupation.updated",
    "occupations.Occupation.spotlight_image_width",
    "occupations.Occupation.spotlight_image_height",
    # The tags field on the occupation form edits these rows (django-taggit's own fields).
    "occupations.TaggedOccupation.tag",
    "occupations.TaggedOccupation.content_object",
}


def content_models():
    for app_label, model_name in CONTENT_MODELS:
        if app_label != "taggit":  # django-taggit's Tag: name and slug, its own admin
            yield apps.get_model(app_label, model_name)


def test_every_content_field_has_help_text_for_counselors():
    missing = []
    for model in content_models():
        for field in model._meta.get_fields():
            if field.auto_created or not hasattr(field, "help_text"):
                continue  # the primary key and reverse relations
            key = f"{model._meta.label}.{field.name}"
            if key in TECHNICAL_FIELDS:
                continue
            if not str(getattr(field, "help_text", "")).strip():
                missing.append(key)
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "term", ["OB/GYN Ultrasound Technologist", "neurosonography", "Sonographer"]
)
def test_admin_search_finds_occupations_by_pathway_and_alternate_titles_once(
    client, demo, alice, term
):
    client.force_login(alice)

    page = soup(client.get(reverse("admin:occupations_occupation_changelist"), {"q": term}))

    assert texts(page, "#result_list tbody th a") == ["Diagnostic Medical Sonographer"]


@pytest.mark.django_db
def test_certifications_occupations_and_sources_are_picked_by_autocomplete(client, demo, alice):
    client.force_login(alice)
    pathway = Pathway.objects.first()
    page = soup(client.get(reverse("admin:pathways_pathway_change", args=[pathway.pk])))
    for name in ["occupation", "more_info_source", "certifications-0-certification"]:
        assert "admin-autocomplete" in page.select_one(f"select[name={name}]")["class"], name

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "pathways",
            "model_name": "pathwaycertification",
            "field_name": "certification",
            "term": "sonograph",
        },
    )

    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert results and all("sonograph" in result["text"].lower() for result in results)


@pytest.mark.django_db
def test_metro_autocomplete_offers_metro_areas_only(client, demo, alice):
    client.force_login(alice)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "pathways",
            "model_name": "metrospotlight",
            "field_name": "metro",
            "term": "",
        },
    )

    names = {result["text"] for result in json.loads(response.content)["results"]}
    assert names == set(Area.objects.metros().values_list("name", flat=True))


@pytest.mark.django_db
def test_pathway_positions_are_edited_in_the_list(client, demo, alice):
    occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
    client.force_login(alice)
    url = reverse("admin:pathways_pathway_changelist")
    page = soup(client.get(url, {"occupation__id__exact": occupation.pk}))
    form = page.select_one("#changelist-form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input")
        if field.get("name") and field.get("type") not in {"submit", "checkbox"}
    }
    rows = int(data["form-TOTAL_FORMS"])
    assert rows == occupation.pathways.count()
    for i in range(rows):
        data[f"form-{i}-position"] = str(rows - i)
    data["_save"] = "Save"

    response = client.post(url + f"?occupation__id__exact={occupation.pk}", data)

    assert response.status_code == 302
    positions = dict(occupation.pathways.values_list("pk", "position"))
    assert sorted(positions.values()) == list(range(1, rows + 1))


@pytest.mark.django_db
def test_view_on_site_opens_the_page_for_the_right_metro(client, demo, alice):
    client.force_login(alice)
    charlotte = Area.objects.default_metro()
    occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
    pathway = occupation.pathways.first()
    raleigh_spotlight = MetroSpotlight.objects.filter(metro__slug="raleigh").first()

    def view_on_site(url_name: str, obj) -> str:
        page = soup(client.get(reverse(url_name, args=[obj.pk])))
        return page.find("a", class_="viewsitelink")["href"]

    assert view_on_site("admin:occupations_occupation_change", occupation) == (
        occupation.get_metro_url(charlotte)
    )
    assert view_on_site("admin:pathways_pathway_change", pathway) == pathway.get_metro_url(
        charlotte
    )
    spotlight_link = client.get(
        view_on_site("admin:pathways_metrospotlight_change", raleigh_spotlight)
    )
    assert spotlight_link.url.endswith(
        raleigh_spotlight.pathway.get_metro_url(raleigh_spotlight.metro)
    )


@pytest.mark.django_db
def test_industry_autocomplete_answers_in_order(client, demo, alice):
    client.force_login(alice)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "occupations", "model_name": "occupation", "field_name": "industry"},
    )

    names = [result["text"] for result in json.loads(response.content)["results"]]
    assert names == sorted(names) and len(names) >= 4
