"""Fixtures carry natural keys: the demo survives a dump and load into an empty database
exactly, and a fixture with a bad reference or value fails clearly and loads nothing."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError

from careerpaths.cache import CONTENT_APPS
from occupations.models import DataSource
from tests.importing import snapshot


def dump(tmp_path, name: str) -> list[dict]:
    path = tmp_path / f"{name}.json"
    call_command(
        "dumpdata",
        *sorted(CONTENT_APPS),  # a set: dump in a fixed order
        natural_foreign=True,
        natural_primary=True,
        indent=2,
        output=str(path),
        verbosity=0,
    )
    return json.loads(path.read_text())


def canonical(objects: list[dict], like: list[dict] | None = None) -> list[str]:
    """Objects as sorted JSON strings; with `like`, only the fields `like` has for that model
    (fields added after the fixture was written hold their defaults)."""
    if like is not None:
        names = {obj["model"]: set(obj["fields"]) for obj in like}
        objects = [
            {**obj, "fields": {k: v for k, v in obj["fields"].items() if k in names[obj["model"]]}}
            for obj in objects
        ]
    return sorted(json.dumps(obj, sort_keys=True) for obj in objects)


@pytest.mark.django_db
def test_the_demo_round_trips_through_dumpdata_into_an_empty_database(tmp_path, demo):
    first = dump(tmp_path, "first")
    assert not any("pk" in obj for obj in first), "natural primary keys, no ids"
    demo_fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "demo.json").read_text())
    assert canonical(first, like=demo_fixture) == canonical(demo_fixture), "the dump is the demo"

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert dump(tmp_path, "empty") == []
    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)

    assert dump(tmp_path, "second") == first


def write_fixture(tmp_path, objects: list[dict]):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(objects))
    return str(path)


NEW_SOURCE = {
    "model": "occupations.datasource",
    "fields": {"slug": "new-source", "name": "New source", "url": "", "vintage": ""},
}


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (
            {
                "model": "occupations.socmajorgroup",
                "fields": {"code": "99", "title": "Nowhere", "industry": ["no-such-industry"]},
            },
            DeserializationError,
            "occupations.SocMajorGroup “99-0000 Nowhere”: its industry ['no-such-industry'] "
            "does not exist (no occupations.Industry has that natural key)",
        ),
        (
            {
                "model": "occupations.growththreshold",
                "fields": {"period": ["2024-34"], "band": "very-fast", "min_percent": "lots"},
            },
            DeserializationError,
            "value must be a decimal number",
        ),
        (
            {
                "model": "occupations.growththreshold",
                "fields": {"period": ["2024-34"], "band": "super-fast", "min_percent": "30"},
            },
            IntegrityError,
            "threshold_band_valid",
        ),
    ],
)
@pytest.mark.django_db
def test_a_fixture_with_a_bad_reference_or_value_fails_clearly_and_loads_nothing(
    tmp_path, demo, bad, error, message
):
    before = snapshot()
    fixture = write_fixture(tmp_path, [NEW_SOURCE, bad])

    with pytest.raises((error, CommandError)) as raised:
        call_command("loaddata", fixture, verbosity=0)

    assert message in str(raised.value)
    assert "bad.json" in str(raised.value)
    assert not DataSource.objects.filter(slug="new-source").exists()
    assert snapshot() == before


@pytest.mark.django_db
def test_the_catalog_fixtures_load_over_the_demo_without_changing_it(demo):
    before = snapshot()

    call_command("loaddata", "soc_industries", "growth_bands", verbosity=0)

    after = snapshot()
    assert after["occupations.Occupation"] == before["occupations.Occupation"]
    assert after["occupations.GrowthThreshold"] == before["occupations.GrowthThreshold"]
    demo_industries = {row["slug"]: row for row in before["occupations.Industry"]}
    for row in after["occupations.Industry"]:
        if row["slug"] in demo_industries:
            assert row == demo_industries[row["slug"]]
    groups = {row["code"] for row in after["occupations.SocMajorGroup"]}
    assert len(groups) == 22 and min(groups) == "11" and max(groups) == "53"
