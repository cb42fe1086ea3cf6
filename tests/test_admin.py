"""Counselors edit content in the admin; the database refuses what the forms refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from occupations.models import Area, DataSource, Industry, Occupation, Status
from pathways.models import Certification, MetroSpotlight, Pathway, PathwayCertification, Tier
from tests.html import form_data, soup


def admin_form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(soup(response), "#content-main form")


def errors(response) -> str:
    page = soup(response)
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".errorlist, .errornote"))


def tiny_png() -> SimpleUploadedFile:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 25), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("job.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_counselor_adds_an_occupation_with_a_pathway_as_a_draft(client, demo, alice):
    client.force_login(alice)
    data = admin_form(client, reverse("admin:occupations_occupation_add"))
    data.update(
        {
            "title": "Radiologic Technologist",
            "title_plural": "Radiologic Technologists",
            "slug": "radiologic-technologist",
            "industry": str(Industry.objects.get(slug="healthcare").pk),
            "soc_code": "29-2034",
            "status": "published",
            "summary": "Takes X-ray images.\n\nWorks with radiologists.",
            "tags": "imaging, patient care",
            "growth_band": "average",
            "spotlight_image": tiny_png(),
            "spotlight_image_alt": "A technologist positions an X-ray machine.",
            "pathways-0-title": "Computed Tomography Technologist",
            "pathways-0-slug": "computed-tomography-technologist",
            "pathways-0-position": "1",
            "pathways-0-status": "published",
            "pathways-0-description": "Operates CT scanners.",
            "pathways-TOTAL_FORMS": "1",
        }
    )

    response = client.post(reverse("admin:occupations_occupation_add"), data)

    assert response.status_code == 302, errors(response)
    occupation = Occupation.objects.get(slug="radiologic-technologist")
    assert sorted(occupation.tags.names()) == ["imaging", "patient care"]
    assert occupation.spotlight_image_width == 40
    assert [p.title for p in occupation.pathways.all()] == ["Computed Tomography Technologist"]
    # A counselor's new content is a draft, whatever the form said: a content lead publishes.
    assert occupation.status == Status.DRAFT
    assert [p.status for p in occupation.pathways.all()] == [Status.DRAFT]
    page = client.get(occupation.get_metro_url(Area.objects.default_metro()))
    assert "Draft preview" in page.content.decode()  # the counselor previews it
    assert "Computed Tomography Technologist" in page.content.decode()
    client.logout()
    assert client.get(occupation.get_metro_url(Area.objects.default_metro())).status_code == 404


@pytest.mark.django_db
def test_counselor_edits_a_pathway_with_certifications_titles_and_ratings(client, demo, alice):
    client.force_login(alice)
    pathway = Pathway.objects.get(slug="neurosonography")
    url = reverse("admin:pathways_pathway_change", args=[pathway.pk])
    data = admin_form(client, url)
    certification = Certification.objects.create(name="Neuro Credential", slug="neuro-credential")
    new_cert = int(data["certifications-TOTAL_FORMS"]) - 1  # the blank extra form
    new_title = int(data["alternate_titles-TOTAL_FORMS"]) - 1
    data.update(
        {
            "description": "Images the brain and spinal cord of newborns.",
            f"certifications-{new_cert}-tier": Tier.SPECIALTY,
            f"certifications-{new_cert}-certification": str(certification.pk),
            f"certifications-{new_cert}-position": "9",
            f"alternate_titles-{new_title}-title": "Neonatal Neurosonographer",
            f"alternate_titles-{new_title}-position": "9",
            "spotlights-TOTAL_FORMS": str(int(data["spotlights-TOTAL_FORMS"]) + 1),
        }
    )
    spot = int(data["spotlights-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"spotlights-{spot}-metro": str(Area.objects.get(slug="charlotte").pk),
            f"spotlights-{spot}-rating": "4",
            f"spotlights-{spot}-source": str(DataSource.objects.get(slug="nc-careers").pk),
            f"spotlights-{spot}-position": "2",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, errors(response)
    pathway.refresh_from_db()
    assert pathway.description == "Images the brain and spinal cord of newborns."
    assert pathway.certifications.filter(certification=certification, tier="specialty").exists()
    assert pathway.alternate_titles.filter(title="Neonatal Neurosonographer").exists()
    assert MetroSpotlight.objects.get(pathway=pathway, metro__slug="charlotte").rating == 4


@pytest.mark.django_db
def test_counselor_cannot_delete_industries_or_occupations(client, demo, alice):
    client.force_login(alice)
    industry = Industry.objects.get(slug="healthcare")
    assert (
        client.get(reverse("admin:occupations_industry_delete", args=[industry.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.django_db
def test_rating_outside_1_to_5_is_refused_by_the_form_and_the_database(client, demo, alice):
    client.force_login(alice)
    spotlight = MetroSpotlight.objects.first()
    url = reverse("admin:pathways_metrospotlight_change", args=[spotlight.pk])
    data = admin_form(client, url)
    data["rating"] = "6"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "less than or equal to 5" in errors(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        MetroSpotlight.objects.filter(pk=spotlight.pk).update(rating=0)


@pytest.mark.django_db
def test_a_certification_listed_twice_on_one_pathway_is_refused(client, demo, alice):
    client.force_login(alice)
    link = PathwayCertification.objects.select_related("pathway").first()
    url = reverse("admin:pathways_pathway_change", args=[link.pathway.pk])
    data = admin_form(client, url)
    new = int(data["certifications-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"certifications-{new}-tier": Tier.ADVANCED
            if link.tier != Tier.ADVANCED
            else Tier.CORE,
            f"certifications-{new}-certification": str(link.certification_id),
            f"certifications-{new}-position": "5",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for certification" in errors(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathwayCertification.objects.create(
            pathway=link.pathway, certification=link.certification, tier=Tier.SPECIALTY
        )


@pytest.mark.django_db
def test_two_pathways_with_one_slug_under_one_occupation_are_refused(client, demo, alice):
    client.force_login(alice)
    existing = Pathway.objects.select_related("occupation").first()
    data = admin_form(client, reverse("admin:pathways_pathway_add"))
    data.update(
        {
            "occupation": str(existing.occupation_id),
            "title": "Copy",
            "slug": existing.slug,
            "position": "1",
            "status": "published",
        }
    )

    response = client.post(reverse("admin:pathways_pathway_add"), data)

    assert response.status_code == 200
    assert "This occupation already has a pathway with this slug." in errors(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pathway.objects.create(occupation=existing.occupation, title="Copy", slug=existing.slug)


@pytest.mark.django_db
def test_spotlight_image_needs_alt_text(client, demo, alice):
    client.force_login(alice)
    occupation = Occupation.objects.get(slug="diagnostic-medical-sonographer")
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = admin_form(client, url)
    data.update({"spotlight_image": tiny_png(), "spotlight_image_alt": ""})

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Describe the spotlight image (alt text)." in errors(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        Occupation.objects.filter(pk=occupation.pk).update(spotlight_image_alt="")


@pytest.mark.django_db
def test_every_admin_list_loads_for_a_counselor(client, demo, alice):
    client.force_login(alice)
    for name in [
        "occupations_industry",
        "occupations_occupation",
        "occupations_area",
        "occupations_datasource",
        "occupations_projectionperiod",
        "pathways_pathway",
        "pathways_certification",
        "pathways_metrospotlight",
        "taggit_tag",
    ]:
        response = client.get(reverse(f"admin:{name}_changelist"), {"q": "sono"})
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_the_spotlight_list_makes_as_many_queries_for_many_rows_as_for_few(client, demo, alice):
    """Each row names its spotlight (pathway, metro, rating) from what the list already loaded."""
    client.force_login(alice)
    url = reverse("admin:pathways_metrospotlight_changelist")
    client.get(url)

    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    shown = MetroSpotlight.objects.count()
    MetroSpotlight.objects.filter(pk__in=MetroSpotlight.objects.all()[: shown - 2]).delete()
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    assert shown > 10
    assert len(many) == len(few)
