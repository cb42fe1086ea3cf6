"""The occupation spotlight page: every element of the seed page, built from data, per metro."""

import pytest
from django.urls import reverse

from occupations.models import Area, Industry, Occupation, Status
from pathways.models import (
    AlternateTitle,
    Certification,
    MetroSpotlight,
    Pathway,
    PathwayCertification,
    Tier,
)
from tests.html import assert_in_order, readable_text, soup, texts

SONOGRAPHER = "diagnostic-medical-sonographer"
OB_GYN = "obstetric-and-gynecological-sonographer"
SEED_SUMMARY = [
    "Diagnostic Medical Sonographers, also known as an ultrasound technicians, use specialized "
    "equipment to create images of internal body structures for medical diagnosis. They perform "
    "ultrasound examinations, analyze images, collaborate with physicians, maintain equipment, "
    "and document results.",
    "This role requires excellent interpersonal skills, attention to detail, and a commitment to "
    "promoting patient health. Aspiring Diagnostic Medical Sonographers typically pursue "
    "accredited sonography programs and obtain certification. Opportunities for career "
    "advancement include specialization in areas such as cardiac sonography or vascular "
    "technology.",
]
PATHWAYS_INTRO = (
    "Pathways are the various job options within a career that share common skills, knowledge, "
    "and interests. In addition to the popular pathways below, diagnostic medical sonographer "
    "pathways include:"
)


def page_url(metro: str, occupation: str = SONOGRAPHER) -> str:
    return reverse("occupation_in_metro", kwargs={"slug": occupation, "metro": metro})


def pathway_url(metro: str, pathway: str = OB_GYN) -> str:
    return reverse(
        "pathway_in_metro", kwargs={"occupation": SONOGRAPHER, "metro": metro, "slug": pathway}
    )


@pytest.mark.django_db
def test_charlotte_page_shows_every_seed_element_in_order(client, demo):
    response = client.get(page_url("charlotte"))

    assert response.status_code == 200
    page = soup(response)
    alt = Occupation.objects.get(slug=SONOGRAPHER).spotlight_image_alt
    assert alt, "the demo's spotlight image has alt text"
    assert_in_order(
        readable_text(page.select_one("main")),
        [
            "Industries",
            "Healthcare",
            "Diagnostic Medical Sonographer",
            *SEED_SUMMARY,
            "Explore the pathways below to learn more.",
            "Growth rate: Very fast",
            f"[{alt}]",
            PATHWAYS_INTRO,
            "Vascular technology",
            "Neurosonography",
            "Point-of-Care Ultrasound (POCUS)",
            "Here is a snapshot of popular pathways for Diagnostic Medical Sonographers in the "
            "Charlotte metro area. Select each title for details.",
            "Obstetric and Gynecological Sonographer",
            "5 out of 5 stars",
            "(Source: NC Careers)",
        ],
    )
    assert texts(page, ".breadcrumb a") == ["Industries", "Healthcare"]
    assert texts(page, "h1") == ["Diagnostic Medical Sonographer"]
    assert texts(page, ".occupation__summary p") == SEED_SUMMARY


@pytest.mark.django_db
def test_pathways_not_featured_in_metro_are_listed(client, demo):
    charlotte = soup(client.get(page_url("charlotte")))
    raleigh = soup(client.get(page_url("raleigh")))

    assert texts(charlotte, ".pathway-list li") == [
        "Vascular technology",
        "Neurosonography",
        "Point-of-Care Ultrasound (POCUS)",
    ]
    assert texts(raleigh, ".pathway-list li") == [
        "Obstetric and Gynecological Sonographer",
        "Neurosonography",
    ]


@pytest.mark.django_db
def test_switching_metro_changes_snapshot_sentence_and_ratings(client, demo):
    response = client.get(page_url("raleigh"))

    page = soup(response)
    text = readable_text(page.select_one("main"))
    assert (
        "Here is a snapshot of popular pathways for Diagnostic Medical Sonographers in the "
        "Raleigh metro area. Select each title for details." in text
    )
    assert "Charlotte metro area" not in text
    featured = [
        (
            item.select_one(".featured-pathway__title").get_text(strip=True),
            item.select_one("[role=img]")["aria-label"],
        )
        for item in page.select(".featured-pathway")
    ]
    expected = [
        (s.pathway.title, f"{s.rating} out of 5 stars")
        for s in MetroSpotlight.objects.filter(
            metro__slug="raleigh", pathway__occupation__slug=SONOGRAPHER
        ).order_by("position", "-rating")
    ]
    assert featured == expected
    assert len(featured) >= 2
    assert featured != [("Obstetric and Gynecological Sonographer", "5 out of 5 stars")]


@pytest.mark.django_db
def test_featured_titles_link_to_their_own_page_and_dialog(client, demo):
    page = soup(client.get(page_url("charlotte")))

    link = page.select_one(".featured-pathway__title a")
    assert link["href"] == pathway_url("charlotte")
    dialog = page.select_one(f"dialog#{link['data-opens-dialog']}")
    assert dialog is not None
    assert dialog.select_one("form[method=dialog] button")["aria-label"].startswith("Close")
    assert "They may hold titles such as" in readable_text(dialog)
    assert page.select_one("script[src*=pathway-dialog]") is not None


@pytest.mark.django_db
def test_pathway_details_page_reads_like_the_seed(client, demo):
    response = client.get(pathway_url("charlotte"))

    assert response.status_code == 200
    page = soup(response)
    assert texts(page, "h1") == ["Obstetric and Gynecological Sonographer"]
    assert_in_order(
        readable_text(page.select_one("main")),
        [
            "Obstetric and Gynecological Sonographer",
            "5 out of 5 stars",
            "(Source: NC Careers)",
            "An Obstetrics and Gynecology Sonographer is a healthcare professional who "
            "specializes in using ultrasound technology",
            "They may hold titles such as Obstetric and Gynecologic Sonographer, OB/GYN "
            "Ultrasound Technologist, or Registered Diagnostic Medical Sonographer (RDMS) "
            "specializing in obstetrics and gynecology.",
            "Certifications*",
            "Core: Registered Technologist - Sonography",
            "Advanced: Certificate of Completion - Critical Care Ultrasonography",
            "Specialty: Registered Diagnostic Medical Sonographer - Obstetrics and Gynecology",
            "*Certifications vary depending on chosen specialty.",
            "For more information about this job, visit the NC Careers page.",
        ],
    )
    more = page.find("a", string="NC Careers page")
    pathway = Pathway.objects.get(occupation__slug=SONOGRAPHER, slug=OB_GYN)
    assert more["href"] == pathway.more_info_url


@pytest.mark.django_db
def test_certification_tiers_are_listed_core_advanced_specialty(client, demo):
    pathway = Pathway.objects.get(occupation__slug=SONOGRAPHER, slug=OB_GYN)
    # Added out of order, to prove the page sorts by tier.
    pathway.certifications.all().delete()
    for position, (tier, name) in enumerate(
        [(Tier.SPECIALTY, "Spec Cert"), (Tier.CORE, "Core Cert"), (Tier.ADVANCED, "Adv Cert")]
    ):
        certification = Certification.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        PathwayCertification.objects.create(
            pathway=pathway, certification=certification, tier=tier, position=position
        )

    page = soup(client.get(pathway_url("charlotte")))

    assert texts(page, ".certifications li") == [
        "Core: Core Cert",
        "Advanced: Adv Cert",
        "Specialty: Spec Cert",
    ]


@pytest.mark.django_db
def test_pathway_page_in_a_metro_where_it_is_not_featured(client, demo):
    response = client.get(pathway_url("raleigh"))

    assert response.status_code == 200
    text = readable_text(soup(response).select_one("main"))
    assert "out of 5 stars" not in text
    assert "Not among the popular pathways highlighted for the Raleigh metro area." in text


@pytest.mark.django_db
def test_urls_without_a_metro_redirect_to_the_metro_named_or_the_default(client, demo):
    base = reverse("occupation", kwargs={"slug": SONOGRAPHER})

    assert client.get(base).url == page_url("charlotte")
    assert client.get(base, {"metro": "raleigh"}).url == page_url("raleigh")
    pathway_base = reverse("pathway", kwargs={"occupation": SONOGRAPHER, "slug": OB_GYN})
    assert client.get(pathway_base, {"metro": "raleigh"}).url == pathway_url("raleigh")


@pytest.mark.django_db
def test_metro_picker_offers_the_metros_of_its_state_and_selects_the_current_one(client, demo):
    Area.objects.create(name="Columbia, SC", short_name="Columbia", slug="columbia", code="17900")
    Area.objects.create(
        name="Wilmington, NC", short_name="Wilmington", slug="wilmington", code="48900", state="NC"
    )

    page = soup(client.get(page_url("raleigh")))

    form = page.select_one("form.metro-picker")
    assert form["method"] == "get"
    assert form["action"] == reverse("occupation", kwargs={"slug": SONOGRAPHER})
    options = [option["value"] for option in form.select("option")]
    assert options == list(Area.objects.metros().filter(state="NC").values_list("slug", flat=True))
    assert "wilmington" in options and "columbia" not in options
    assert form.select_one("option[selected]")["value"] == "raleigh"
    every_metro = form.select_one("a.metro-picker__all")["href"]
    assert every_metro == f"/metros/?next=/occupations/{SONOGRAPHER}/"


@pytest.mark.django_db
def test_the_metro_list_leads_back_to_the_page_for_each_metro(client, demo):
    Area.objects.create(name="Columbia, SC", short_name="Columbia", slug="columbia", code="17900")

    page = soup(client.get("/metros/", {"next": f"/occupations/{SONOGRAPHER}/"}))

    assert texts(page, "h1") == ["Choose your metro area"]
    assert "North Carolina" in texts(page, "h2")
    links = {a.get_text(strip=True): a["href"] for a in page.select("main li a")}
    assert set(links) == set(Area.objects.metros().values_list("name", flat=True))
    assert links["Raleigh-Cary, NC"] == f"/occupations/{SONOGRAPHER}/?metro=raleigh"
    assert client.get(links["Raleigh-Cary, NC"]).url == page_url("raleigh")
    assert links["Columbia, SC"] == f"/occupations/{SONOGRAPHER}/?metro=columbia"
    search = soup(client.get("/metros/", {"next": "/search/?q=nurse&metro=charlotte"}))
    assert search.find("a", string="Durham-Chapel Hill, NC")["href"] == (
        "/search/?q=nurse&metro=durham"
    )
    for elsewhere in ["https://example.com/", "//example.com/x", "javascript:alert(1)"]:
        other = soup(client.get("/metros/", {"next": elsewhere}))
        assert other.find("a", string="Raleigh-Cary, NC")["href"] == "/?metro=raleigh"


@pytest.mark.django_db
def test_industry_pages_list_occupations_with_growth_badges(client, demo):
    index = soup(client.get(reverse("industry_list")))
    healthcare = Industry.objects.get(slug="healthcare")
    assert index.find("a", string="Healthcare")["href"] == healthcare.get_absolute_url()

    page = soup(client.get(healthcare.get_absolute_url()))

    items = page.select(".occupation-list__item")
    titles = [item.select_one("a").get_text(strip=True) for item in items]
    assert titles == list(healthcare.occupations.published().values_list("title", flat=True))
    sonographer = items[titles.index("Diagnostic Medical Sonographer")]
    assert readable_text(sonographer.select_one(".badge")) == "Growth rate: Very fast"
    assert all(item.select_one(".badge") for item in items)


@pytest.mark.django_db
def test_sentences_use_the_data_not_fixed_text(client, demo):
    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    occupation.title, occupation.title_plural = "CNC Sound Imager", "CNC Sound Imagers"
    occupation.save()
    Area.objects.filter(slug="charlotte").update(short_name="Queen City")

    text = readable_text(soup(client.get(page_url("charlotte"))).select_one("main"))

    assert "In addition to the popular pathways below, CNC sound imager pathways include:" in text
    assert "popular pathways for CNC Sound Imagers in the Queen City metro area." in text


@pytest.mark.django_db
def test_spotlight_page_query_count_does_not_grow_with_content(
    client, demo, django_assert_num_queries
):
    url = page_url("charlotte")
    with django_assert_num_queries(6):
        client.get(url)

    occupation = Occupation.objects.get(slug=SONOGRAPHER)
    charlotte = Area.objects.get(slug="charlotte")
    source = MetroSpotlight.objects.first().source
    for n in range(6):
        pathway = Pathway.objects.create(
            occupation=occupation, title=f"Extra {n}", slug=f"extra-{n}", position=10 + n
        )
        AlternateTitle.objects.create(pathway=pathway, title=f"Other name {n}")
        for tier in Tier:
            certification = Certification.objects.create(
                name=f"Cert {n} {tier}", slug=f"cert-{n}-{tier}"
            )
            PathwayCertification.objects.create(
                pathway=pathway, certification=certification, tier=tier
            )
        if n % 2:
            MetroSpotlight.objects.create(pathway=pathway, metro=charlotte, rating=3, source=source)

    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("Extra ") >= 6


@pytest.mark.django_db
def test_drafts_are_not_shown_to_the_public(client, demo):
    Pathway.objects.filter(slug=OB_GYN).update(status=Status.DRAFT)
    page = soup(client.get(page_url("charlotte")))
    assert "Obstetric and Gynecological Sonographer" not in readable_text(page.select_one("main"))
    assert client.get(pathway_url("charlotte")).status_code == 404

    Occupation.objects.filter(slug=SONOGRAPHER).update(status=Status.DRAFT)
    assert client.get(page_url("charlotte")).status_code == 404
    assert (
        "Diagnostic Medical Sonographer"
        not in client.get(
            Industry.objects.get(slug="healthcare").get_absolute_url()
        ).content.decode()
    )
