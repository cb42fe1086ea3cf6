"""The admin says where imported data comes from, and shows imported rows read-only."""

import pytest
from django.urls import reverse

from occupations.models import ImportRun, Occupation, Wage
from tests.html import readable_text, soup


@pytest.mark.django_db
def test_occupation_admin_says_which_fields_come_from_which_source_and_vintage(
    client, imported, alice
):
    client.force_login(alice)
    sonographer = Occupation.objects.get(soc_code="29-2032")

    page = soup(client.get(reverse("admin:occupations_occupation_change", args=[sonographer.pk])))

    provenance = readable_text(page.select_one(".field-provenance"))
    assert "O*NET 27.0: O*NET-SOC code, O*NET description, job zone, 3 alternate titles" in (
        provenance
    )
    assert "2 related occupations" in provenance
    assert (
        "BLS Employment Projections 2024-34: growth band, projected change, employment 2024 and "
        "2034, openings a year, typical entry-level education, 2 example titles" in provenance
    )
    assert "BLS OEWS May 2025: wages and employment in 5 areas" in provenance
    fieldset = readable_text(page.select_one(".field-provenance").find_parent("fieldset"))
    assert "never change them afterwards" in fieldset


@pytest.mark.django_db
def test_an_occupation_nothing_was_imported_for_says_so(client, demo, alice):
    client.force_login(alice)
    sonographer = Occupation.objects.get(soc_code="29-2032")
    curated = Occupation.objects.create(
        industry=sonographer.industry, title="Sound Imager", title_plural="Sound Imagers", slug="x"
    )

    page = soup(client.get(reverse("admin:occupations_occupation_change", args=[curated.pk])))

    assert readable_text(page.select_one(".field-provenance .readonly")) == "Nothing imported yet."


@pytest.mark.django_db
def test_imported_rows_are_read_only_for_counselors(client, imported, alice):
    client.force_login(alice)
    for name in [
        "occupations_wage",
        "occupations_alternateoccupationtitle",
        "occupations_relatedoccupation",
        "occupations_importrun",
    ]:
        response = client.get(reverse(f"admin:{name}_changelist"), {"q": "sono"})
        assert response.status_code == 200, name
        assert client.get(reverse(f"admin:{name}_add")).status_code == 403, name
    wage = Wage.objects.filter(occupation__soc_code="29-2032").first()
    change = client.get(reverse("admin:occupations_wage_change", args=[wage.pk]))
    assert change.status_code == 200
    assert (
        client.post(reverse("admin:occupations_wage_change", args=[wage.pk]), {}).status_code == 403
    )


@pytest.mark.django_db
def test_import_runs_show_their_file_checksum_and_counts(client, imported, charlie):
    client.force_login(charlie)
    run = ImportRun.objects.get(importer="import_oews")

    page = soup(client.get(reverse("admin:occupations_importrun_change", args=[run.pk])))

    text = readable_text(page.select_one("#content-main"))
    assert run.sha256 in text
    assert '"wages": { "created": 11' in text
    assert "May 2025" in text


@pytest.mark.django_db
def test_staff_find_an_occupation_by_an_alternate_title(client, imported, alice):
    client.force_login(alice)

    page = soup(
        client.get(reverse("admin:occupations_occupation_changelist"), {"q": "Ultrasound Techn"})
    )

    assert [a.get_text() for a in page.select("#result_list tbody th a")] == [
        "Diagnostic Medical Sonographer"
    ]
