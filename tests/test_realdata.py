"""The whole real catalog (O*NET 27.0, BLS Employment Projections 2024-34, BLS OEWS May 2025)
from ../shared/data, checked against a few known facts. CI has the folder; elsewhere this skips."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from occupations.models import Area, Occupation, Wage
from tests.importing import run

REAL_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


@pytest.mark.realdata
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"{REAL_DATA} is not there")
@pytest.mark.django_db
def test_the_real_catalog_loads_and_tells_known_facts(client, demo):
    output = run("load_catalog", REAL_DATA)

    assert Occupation.objects.count() >= 800
    assert Wage.objects.count() > 220_000
    sonographer = Occupation.objects.get(soc_code="29-2032")
    assert sonographer.slug == "diagnostic-medical-sonographer", "the demo's occupation, kept"
    charlotte = Wage.objects.get(occupation=sonographer, area__code="16740")
    assert (charlotte.employment, charlotte.annual_median) == (730, 98650)
    assert sonographer.projected_change_percent == Decimal("13.0")
    assert sonographer.projection_period.name == "2024-34"
    assert sonographer.growth_band == "very-fast"
    assert sonographer.annual_openings == Decimal("5.8")
    assert Area.objects.metros().count() >= 393
    assert "repaired 3 mis-encoded character(s)" in output

    response = client.get(sonographer.get_metro_url(Area.objects.get(slug="charlotte")))
    text = response.content.decode()
    assert "$98,650" in text and "730" in text and "BLS OEWS, May 2025" in text
