"""Pathways (specialisations of an occupation), certifications by tier, metro spotlights."""

from __future__ import annotations

from typing import NamedTuple

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from occupations.history import content_history
from occupations.models import Area, DataSource, Occupation, Status
from occupations.natural_keys import NaturalKeyModel, NaturalKeyQuerySet


class Tier(models.TextChoices):
    """Certification tiers, in the order pages list them."""

    CORE = "core", "Core"
    ADVANCED = "advanced", "Advanced"
    SPECIALTY = "specialty", "Specialty"

    @property
    def sort_key(self) -> int:
        return list(Tier).index(self)


class Certification(NaturalKeyModel):
    """A credential, shared between pathways."""

    name = models.CharField(
        max_length=200, help_text='e.g. "Registered Technologist - Sonography".'
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Filled from the name.")
    awarding_body = models.CharField(
        max_length=200, blank=True, help_text='Who awards it, e.g. "ARRT".'
    )
    url = models.URLField(blank=True, help_text="The awarding body's page for this credential.")

    history = content_history()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.awarding_body})" if self.awarding_body else self.name

    def get_absolute_url(self) -> str:
        return self.url


class CertificationLink(NamedTuple):
    """A certification as a pathway's details show it: its name, linked to its page if any."""

    name: str
    url: str


class PathwayQuerySet(NaturalKeyQuerySet):
    def published(self) -> PathwayQuerySet:
        return self.filter(status=Status.PUBLISHED, occupation__status=Status.PUBLISHED)

    def with_spotlight(self, metro: Area) -> PathwayQuerySet:
        """The pathways, each with its spotlight in this metro and that spotlight's source
        joined in (`metro_spotlight`), and its more-information source: one query. Pass the
        list to `load_details` for the rest of what a pathway's details show.

        Use it on an occupation's pathways (`occupation.pathways.with_spotlight(metro)`), which
        know their occupation without a join.
        """
        return self.annotate(
            spotlight_in_metro=models.FilteredRelation(
                "spotlights", condition=Q(spotlights__metro=metro)
            )
        ).select_related("more_info_source", "spotlight_in_metro__source")


class Pathway(NaturalKeyModel):
    """A specialisation of one occupation."""

    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.CASCADE,
        related_name="pathways",
        help_text="The occupation this is a specialisation of.",
    )
    title = models.CharField(
        max_length=200, help_text='e.g. "Obstetric and Gynecological Sonographer".'
    )
    slug = models.SlugField(
        max_length=200, help_text="Part of the web address; unique within the occupation."
    )
    description = models.TextField(
        blank=True,
        help_text="What people in this pathway do. Plain text; blank line between paragraphs.",
    )
    more_info_url = models.URLField(
        "more information link", blank=True, help_text="A page about this pathway on another site."
    )
    more_info_source = models.ForeignKey(
        DataSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text='Who publishes that page; its name completes "visit the … page".',
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Pathways are listed by this number, lowest first."
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text="Drafts are hidden from students; staff can preview them with “View on site”. "
        "Only content leads publish.",
    )

    objects = models.Manager.from_queryset(PathwayQuerySet)()
    history = content_history()

    NATURAL_KEY = ("occupation__slug", "slug")

    class Meta:
        ordering = ["occupation_id", "position", "title"]
        permissions = [("publish_pathway", "Can publish and unpublish pathways")]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "slug"],
                name="unique_pathway_slug_per_occupation",
                violation_error_message="This occupation already has a pathway with this slug.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pathway", kwargs={"occupation": self.occupation.slug, "slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.status != Status.PUBLISHED

    @property
    def metro_spotlight(self) -> MetroSpotlight | None:
        """This pathway's spotlight in the metro given to `with_spotlight`; None where it is not
        featured (the join then sets nothing)."""
        return getattr(self, "spotlight_in_metro", None)

    def get_metro_url(self, metro: Area) -> str:
        return reverse(
            "pathway_in_metro",
            kwargs={"occupation": self.occupation.slug, "metro": metro.slug, "slug": self.slug},
        )


class AlternateTitle(NaturalKeyModel):
    """Another title people in a pathway hold ("OB/GYN Ultrasound Technologist")."""

    pathway = models.ForeignKey(
        Pathway,
        on_delete=models.CASCADE,
        related_name="alternate_titles",
        help_text="The pathway whose workers hold this title.",
    )
    title = models.CharField(
        max_length=200,
        help_text='Another job title, e.g. "OB/GYN Ultrasound Technologist". Shown in "They may '
        'hold titles such as …" and found by the admin search.',
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Titles are listed by this number, lowest first."
    )

    history = content_history()

    NATURAL_KEY = ("pathway__occupation__slug", "pathway__slug", "title")

    class Meta:
        ordering = ["pathway_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "title"],
                name="unique_alternate_title_per_pathway",
                violation_error_message="This pathway already lists this title.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PathwayCertification(NaturalKeyModel):
    """A certification listed under one tier of one pathway."""

    pathway = models.ForeignKey(
        Pathway,
        on_delete=models.CASCADE,
        related_name="certifications",
        help_text="The pathway that lists the certification.",
    )
    certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        related_name="pathway_links",
        help_text="Type part of its name or awarding body to find it.",
    )
    tier = models.CharField(
        max_length=10,
        choices=Tier.choices,
        help_text="Core: the usual first credential. Advanced: builds on it. Specialty: for one "
        "area of the work.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Certifications within a tier are listed by this number, lowest first."
    )

    history = content_history()

    NATURAL_KEY = ("pathway__occupation__slug", "pathway__slug", "certification__slug")

    class Meta:
        ordering = ["pathway_id", "position", "id"]
        verbose_name = "pathway certification"
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "certification"],
                name="certification_once_per_pathway",
                violation_error_message="This certification is already listed on this pathway; "
                "a pathway lists each certification under one tier only.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()}: {self.certification.name}"


class MetroSpotlightQuerySet(NaturalKeyQuerySet):
    def published(self) -> MetroSpotlightQuerySet:
        return self.filter(
            pathway__status=Status.PUBLISHED, pathway__occupation__status=Status.PUBLISHED
        )


class MetroSpotlight(NaturalKeyModel):
    """This pathway is popular in this metro area, rated 1 to 5 by a named source."""

    pathway = models.ForeignKey(
        Pathway,
        on_delete=models.CASCADE,
        related_name="spotlights",
        help_text="The pathway that is popular in the metro area.",
    )
    metro = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="spotlights",
        limit_choices_to={"kind": "metro"},
        help_text="The metro area whose occupation page features the pathway.",
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (least) to 5 (most popular) stars.",
    )
    source = models.ForeignKey(
        DataSource,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who the rating comes from.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Featured pathways are listed by this number, lowest first."
    )

    objects = models.Manager.from_queryset(MetroSpotlightQuerySet)()
    history = content_history()

    NATURAL_KEY = ("pathway__occupation__slug", "pathway__slug", "metro__slug")

    class Meta:
        ordering = ["metro_id", "position", "-rating"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="rating_between_1_and_5",
                violation_error_message="A rating must be a whole number from 1 to 5.",
            ),
            models.UniqueConstraint(
                fields=["pathway", "metro"],
                name="one_spotlight_per_pathway_and_metro",
                violation_error_message="This pathway is already featured in this metro area.",
            ),
        ]

    def __str__(self) -> str:
        # The metro's full name: as unambiguous as `place_name`, without a query per row in
        # the admin's lists.
        return f"{self.pathway} in {self.metro.name} ({self.rating}/5)"

    def get_absolute_url(self) -> str:
        return self.pathway.get_metro_url(self.metro)


def split_by_spotlight(pathways: list[Pathway]) -> tuple[list[Pathway], list[Pathway]]:
    """(featured in the metro, in spotlight order; the others, in pathway order).

    `pathways` come from `PathwayQuerySet.with_spotlight(metro)`.
    """
    featured = [pathway for pathway in pathways if pathway.metro_spotlight]
    featured.sort(key=lambda p: (p.metro_spotlight.position, -p.metro_spotlight.rating, p.title))
    others = [pathway for pathway in pathways if not pathway.metro_spotlight]
    return featured, others


def certifications_by_tier(pathways: list[Pathway]) -> list[tuple[Tier, list[Certification]]]:
    """Every certification of these pathways, once each, grouped by tier in page order.

    A certification listed under different tiers by different pathways shows under its
    lowest tier.
    """
    lowest: dict[int, tuple[Tier, Certification]] = {}
    for pathway in pathways:
        for link in pathway.certifications.all():
            tier = Tier(link.tier)
            known = lowest.get(link.certification_id)
            if known is None or tier.sort_key < known[0].sort_key:
                lowest[link.certification_id] = (tier, link.certification)
    grouped: dict[Tier, list[Certification]] = {}
    for tier, certification in lowest.values():
        grouped.setdefault(tier, []).append(certification)
    return [(tier, sorted(grouped[tier], key=lambda c: c.name)) for tier in Tier if tier in grouped]


def load_details(pathways: list[Pathway]) -> list[Pathway]:
    """Gives each of these pathways what its details show besides its own row, in two queries
    however many pathways there are: `alternate_title_list`, its other titles in order, and
    `tiers`, its certifications grouped by tier in page order (Core, Advanced, Specialty), each
    tier's in order. Plain values, not model instances: a page builds dozens of them.
    """
    by_pk = {pathway.pk: pathway for pathway in pathways}
    for pathway in pathways:
        pathway.alternate_title_list = []
        pathway.tiers = []
    if not by_pk:
        return pathways
    for pathway_id, title in AlternateTitle.objects.filter(pathway__in=list(by_pk)).values_list(
        "pathway_id", "title"
    ):
        by_pk[pathway_id].alternate_title_list.append(title)
    grouped: dict[int, dict[str, list[CertificationLink]]] = {}
    for pathway_id, tier, name, url in PathwayCertification.objects.filter(
        pathway__in=list(by_pk)
    ).values_list("pathway_id", "tier", "certification__name", "certification__url"):
        grouped.setdefault(pathway_id, {}).setdefault(tier, []).append(CertificationLink(name, url))
    for pathway_id, tiers in grouped.items():
        by_pk[pathway_id].tiers = [(tier, tiers[tier]) for tier in Tier if tier in tiers]
    return pathways
