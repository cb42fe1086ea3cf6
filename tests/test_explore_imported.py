"""Explore features that use imported data: O*NET titles in search, pay in the metro on the
home page, the list (filter and sort by pay) and compare, O*NET related occupations, and the
salary in the page's structured data. Small official-format files in tests/data."""

import json

import pytest
from django.urls import reverse

from occupations.models import Occupation, Wage
from pathways.search import ALSO_CALLED, search
from tests.html import readable_text, soup, texts

SONOGRAPHER = "diagnostic-medical-sonographer"


@pytest.mark.django_db
def test_search_finds_onet_alternate_titles_and_names_the_shortest(client, imported):
    results = search("ultrasound tech")

    sonographer = next(r for r in results if r.occupation.slug == SONOGRAPHER)
    assert sonographer.score == ALSO_CALLED
    assert sonographer.reason in {
        "also called: Ultrasound Technician",
        "also called: Ultrasound Technologist",
    }
    page = soup(client.get(reverse("search"), {"q": "ultrasound tech"}))
    assert texts(page, ".search-result__title")[0] == "Diagnostic Medical Sonographer"


@pytest.mark.django_db
def test_list_shows_filters_and_sorts_by_median_pay_in_the_metro(client, imported):
    charlotte_wages = dict(
        Wage.objects.filter(area__slug="charlotte", annual_median__isnull=False).values_list(
            "occupation__title", "annual_median"
        )
    )
    assert charlotte_wages["Diagnostic Medical Sonographer"] == 98650

    page = soup(client.get(reverse("occupation_list"), {"metro": "charlotte", "sort": "wage"}))
    titles = texts(page, ".occupation-list__title")
    assert titles[: len(charlotte_wages)] == sorted(
        charlotte_wages, key=lambda title: -charlotte_wages[title]
    )
    item = page.select(".occupation-list__item")[titles.index("Diagnostic Medical Sonographer")]
    assert "median pay in Charlotte: $98,650" in readable_text(item)

    wage_facet = {a.get_text(" ", strip=True): a["href"] for a in page.select("#facet-wage + ul a")}
    label = next(text for text in wage_facet if text.startswith("$80,000 to $99,999"))
    filtered = soup(client.get(reverse("occupation_list") + wage_facet[label]))
    assert "Diagnostic Medical Sonographer" in texts(filtered, ".occupation-list__title")
    assert all(
        80000 <= charlotte_wages.get(title, 0) < 100000
        for title in texts(filtered, ".occupation-list__title")
    )


@pytest.mark.django_db
def test_home_lists_jobs_done_in_the_metro_with_their_median_pay(client, imported):
    page = soup(client.get(reverse("home"), {"metro": "charlotte"}))

    cards = page.select("#fastest-heading ~ ul .card")
    assert cards
    for card in cards:
        title = card.select_one("a").get_text(strip=True)
        occupation = Occupation.objects.get(title=title)
        assert occupation.wages.filter(area__slug="charlotte").exists(), title
    sonographer = next(c for c in cards if "Diagnostic Medical Sonographer" in c.get_text())
    assert "Median pay in the Charlotte metro area: $98,650 a year" in readable_text(sonographer)


@pytest.mark.django_db
def test_compare_shows_pay_in_the_metro(client, imported):
    page = soup(client.get(reverse("compare"), {"o": [SONOGRAPHER], "metro": "charlotte"}))

    rows = {row.th.get_text(strip=True): row for row in page.select("table.compare tbody tr")}
    assert "$98,650" in rows["Median pay a year (Charlotte)"].get_text()
    assert " to " in rows["Pay range, 10th to 90th percentile (Charlotte)"].get_text()


@pytest.mark.django_db
def test_related_occupations_follow_onet_when_imported(client, imported):
    page = soup(client.get(reverse("occupation_in_metro", args=[SONOGRAPHER, "charlotte"])))

    related = texts(page, "#related-heading + ul a")
    expected = [
        link.related.title
        for link in Occupation.objects.get(slug=SONOGRAPHER)
        .related_links.select_related("related")
        .order_by("position")
    ]
    assert related == expected[:5] and related


@pytest.mark.django_db
def test_structured_data_carries_the_metro_salary(client, imported):
    page = soup(client.get(reverse("occupation_in_metro", args=[SONOGRAPHER, "charlotte"])))

    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    salary = data["estimatedSalary"]
    assert salary["median"] == 98650
    assert salary["currency"] == "USD" and salary["duration"] == "P1Y"
    wage = Wage.objects.get(occupation__slug=SONOGRAPHER, area__slug="charlotte")
    assert salary.get("percentile10") == wage.annual_p10
