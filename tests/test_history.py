"""History: who changed what and when, the previous values, restoring a version, and program
runs recorded as a system user."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from occupations.history import as_system_user
from occupations.models import Occupation, TaggedOccupation
from occupations.roles import CONTENT_MODELS
from pathways.models import AlternateTitle, MetroSpotlight, Pathway
from tests.html import form_data, readable_text, soup

SONOGRAPHER = "diagnostic-medical-sonographer"


def edit(client, url: str, **changes):
    data = form_data(soup(client.get(url)), "#content-main form")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.django_db
def test_every_content_model_keeps_history():
    for app_label, model_name in CONTENT_MODELS:
        if app_label == "taggit":
            continue  # the tag links (TaggedOccupation) carry the history of tagging
        model = apps.get_model(app_label, model_name)
        assert hasattr(model, "history"), model


@pytest.mark.django_db
def test_loading_the_demo_writes_no_history(demo):
    call_command("loaddata", "demo", verbosity=0)

    assert Occupation.history.count() == 0
    assert Pathway.history.count() == 0


@pytest.mark.django_db
def test_an_edit_records_who_when_and_the_previous_value(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    old_summary = occupation.summary
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])

    edit(client, url, summary="Uses sound waves to see inside the body.")

    record = occupation.history.latest()
    assert record.history_user == alice
    assert record.history_type == "~"
    assert record.summary == "Uses sound waves to see inside the body."
    assert record.prev_record is None  # the demo was loaded without history
    edit(client, url, summary="Makes ultrasound images.")
    latest = occupation.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("summary", "Uses sound waves to see inside the body.", "Makes ultrasound images.")
    ]

    page = client.get(reverse("admin:occupations_occupation_history", args=[occupation.pk]))
    text = readable_text(soup(page).select_one("#change-history"))
    assert "alice" in text
    assert "Uses sound waves to see inside the body." in text  # the previous value
    assert old_summary[:40] not in text  # nothing was recorded before the first edit


@pytest.mark.django_db
def test_an_earlier_version_can_be_restored(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    edit(client, url, title_plural="Sonographers (good)")
    good = occupation.history.latest()
    edit(client, url, title_plural="Oops")

    revert_url = reverse(
        "admin:occupations_occupation_simple_history", args=[occupation.pk, good.history_id]
    )
    form = soup(client.get(revert_url))
    assert form.select_one("input[name=title_plural]")["value"] == "Sonographers (good)"
    client.post(revert_url, form_data(form, "#content-main form"))

    assert Occupation.objects.get(pk=occupation.pk).title_plural == "Sonographers (good)"
    assert occupation.history.latest().history_user == alice


@pytest.mark.django_db
def test_inline_edits_are_recorded_as_the_person_too(client, demo, alice):
    spotlight = MetroSpotlight.objects.select_related("pathway").first()
    client.force_login(alice)
    url = reverse("admin:pathways_pathway_change", args=[spotlight.pathway.pk])
    data = form_data(soup(client.get(url)), "#content-main form")
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("spotlights-") and key.endswith("-id") and value == str(spotlight.pk)
    )
    new_rating = 1 if spotlight.rating != 1 else 2
    data[f"spotlights-{index}-rating"] = str(new_rating)

    assert client.post(url, data).status_code == 302

    record = spotlight.history.latest()
    assert (record.rating, record.history_user) == (new_rating, alice)
    page = client.get(reverse("admin:pathways_metrospotlight_history", args=[spotlight.pk]))
    assert page.status_code == 200


@pytest.mark.django_db
def test_tag_changes_are_recorded(client, demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    client.force_login(alice)

    edit(
        client,
        reverse("admin:occupations_occupation_change", args=[occupation.pk]),
        tags="imaging, night shifts",
    )

    added = TaggedOccupation.history.filter(history_type="+", content_object=occupation)
    assert {record.tag.name for record in added} >= {"night shifts"}
    assert all(record.history_user == alice for record in added)


@pytest.mark.django_db
def test_alternate_titles_have_a_history_page_though_not_in_the_index(client, demo, alice):
    title = AlternateTitle.objects.first()
    client.force_login(alice)

    index = client.get(reverse("admin:index")).content.decode()
    history = client.get(reverse("admin:pathways_alternatetitle_history", args=[title.pk]))

    assert "/admin/pathways/alternatetitle/" not in index
    assert history.status_code == 200


@pytest.mark.django_db
def test_saves_inside_as_system_user_are_recorded_as_that_program(demo, alice):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)

    with as_system_user("importer:onet") as importer:
        occupation.onet_description = "Imported text."
        occupation.save()
        Pathway.objects.filter(occupation=occupation).first().save()

    record = occupation.history.latest()
    assert record.history_user == importer
    assert record.history_change_reason == "importer:onet run"
    assert importer.username == "importer:onet"
    assert not importer.is_active
    assert not importer.has_usable_password()
    assert Pathway.history.latest().history_user == importer
    # The same user is reused next time, and outside the block nobody is named.
    with as_system_user("importer:onet") as again:
        assert again.pk == importer.pk
    occupation.save()
    assert occupation.history.latest().history_user is None


@pytest.mark.django_db
def test_a_person_signed_in_does_not_take_credit_for_an_import(client, demo, alice, rf):
    """Even inside a request (say, an import started from a view), the system user wins."""
    from simple_history.models import HistoricalRecords

    request = rf.get("/")
    request.user = alice
    HistoricalRecords.context.request = request
    try:
        occupation = Occupation.objects.get(slug=SONOGRAPHER)
        with as_system_user("importer:bls"):
            occupation.save()
    finally:
        del HistoricalRecords.context.request
    assert occupation.history.latest().history_user.username == "importer:bls"


@pytest.mark.django_db
def test_after_populate_history_the_first_edit_shows_the_loaded_value(client, demo, alice):
    """loaddata writes no history; `populate_history --auto` (run by dev.py) records the
    loaded content, so the first edit has a previous value to show and to restore."""
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    loaded = occupation.title_plural
    call_command("populate_history", "--auto", verbosity=0)
    client.force_login(alice)

    edit(
        client,
        reverse("admin:occupations_occupation_change", args=[occupation.pk]),
        title_plural="Ultrasound techs",
    )

    latest = occupation.history.latest()
    changes = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("title_plural", loaded, "Ultrasound techs")
    ]
