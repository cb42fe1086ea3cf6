"""Industries, occupations, areas (metro areas and the state and nation around them), growth.

`pathways` builds on these models; nothing here imports from `pathways`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from careerpaths.cache import content_changed
from occupations.history import content_history, history_user
from occupations.images import (
    SPOTLIGHT_SIZES,
    SpotlightImageField,
    clean_upload,
    make_renditions,
    renditions_for_stored,
)
from occupations.natural_keys import NaturalKeyModel, NaturalKeyQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def one_of(field: str, choices: type[models.Choices], name: str, blank: bool = False):
    """A database check that `field` holds one of `choices` (a fixture bypasses form
    validation, so the database refuses what the forms would)."""
    values = [*choices.values, *([""] if blank else [])]
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}),
        name=name,
        violation_error_message=f"{field} must be one of: {', '.join(map(str, values))}.",
    )


class DataSource(NaturalKeyModel):
    """Who a figure, a rating or a link comes from ("NC Careers", "BLS OEWS, May 2025")."""

    slug = models.SlugField(unique=True, help_text="Short identifier used in links and data files.")
    name = models.CharField(max_length=120, help_text='Name shown to students, e.g. "NC Careers".')
    url = models.URLField(blank=True, help_text="Home page of the source.")
    vintage = models.CharField(
        max_length=60,
        blank=True,
        help_text='When the data was published, e.g. "May 2025" or "2024-34".',
    )
    description = models.TextField(blank=True, help_text="Notes for counselors; not shown.")

    history = content_history()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.vintage})" if self.vintage else self.name

    def get_absolute_url(self) -> str:
        return self.url


class Industry(NaturalKeyModel):
    name = models.CharField(max_length=120, unique=True, help_text='e.g. "Healthcare".')
    slug = models.SlugField(unique=True, help_text="Part of the web address; filled from the name.")
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the industry page. Plain text."
    )

    history = content_history()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("industry_detail", kwargs={"slug": self.slug})


class SocMajorGroup(NaturalKeyModel):
    """Maps a SOC major group ("29") to the industry its imported occupations land in."""

    code = models.CharField(max_length=2, unique=True, help_text='Two digits, e.g. "29".')
    title = models.CharField(
        max_length=200,
        help_text="The group's BLS name, e.g. \"Healthcare Practitioners and "
        'Technical Occupations".',
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        related_name="soc_groups",
        help_text="Occupations imported from this SOC group are filed under this industry.",
    )

    history = content_history()

    NATURAL_KEY = ("code",)

    class Meta:
        ordering = ["code"]
        verbose_name = "SOC major group"

    def __str__(self) -> str:
        return f"{self.code}-0000 {self.title}"


class AreaKind(models.TextChoices):
    """The OEWS area types the site uses."""

    NATION = "nation", "Nation"
    STATE = "state", "State"
    METRO = "metro", "Metro area"
    NONMETRO = "nonmetro", "Nonmetropolitan area"


class AreaQuerySet(NaturalKeyQuerySet):
    def metros(self) -> AreaQuerySet:
        return self.filter(kind=AreaKind.METRO)

    def with_place_names(self) -> AreaQuerySet:
        """`short_name_shared`: whether another metro has the same short name (three metros are
        "Columbus"), for `Area.place_name`. A subquery of the query that loads the areas, so it
        is as true as the rows themselves, with nothing to keep up to date on a save, a delete
        or an import, and costs no query of its own."""
        namesakes = (
            self.model.objects.metros()
            .filter(short_name=models.OuterRef("short_name"))
            .exclude(pk=models.OuterRef("pk"))
        )
        return self.annotate(short_name_shared=models.Exists(namesakes))


class AreaManager(models.Manager.from_queryset(AreaQuerySet)):
    def default_metro(self) -> Area | None:
        return self.metros().filter(is_default=True).first()

    def metro_and_neighbours(self, slug: str = "", wages_of: Occupation | None = None):
        """The metro area called `slug` (the site's default when empty) and the other metros of
        its state, by name, in one query: what a page's metro picker offers. The whole catalog
        has hundreds of metros; a state has a few dozen at most. Empty if there is no such metro.

        With `wages_of`, the same query also brings the metro's state and the nation, and gives
        every area that occupation's wage (a FilteredRelation): everything the occupation page
        needs about places, in one query (`wages_for_page` sorts it out). Other pages get the
        metros alone from the shared cache (occupations.views.find_metro). Either way the areas
        come `with_place_names()`, for the sentences that name the metro.
        """
        this = Q(slug=slug) if slug else Q(is_default=True)
        state = self.metros().filter(this).exclude(state="").values("state")
        places = Q(kind=AreaKind.METRO) & (this | Q(state__in=state))
        if wages_of is None:
            return self.with_place_names().filter(places)
        places |= Q(kind=AreaKind.STATE, state__in=state) | Q(kind=AreaKind.NATION)
        return (
            self.with_place_names()
            .filter(places)
            .annotate(
                wage=models.FilteredRelation("wages", condition=Q(wages__occupation=wages_of))
            )
            .select_related("wage")
        )


class Area(NaturalKeyModel):
    """A place with wages: the nation, a state, or (what students pick) a metro area."""

    kind = models.CharField(
        max_length=10,
        choices=AreaKind.choices,
        default=AreaKind.METRO,
        help_text="Students pick among metro areas; the nation and states carry comparison wages.",
    )
    name = models.CharField(
        max_length=160, help_text='Official name, e.g. "Charlotte-Concord-Gastonia, NC-SC".'
    )
    short_name = models.CharField(
        max_length=80,
        help_text='Used in sentences, e.g. "Charlotte" ("the Charlotte metro area"). When another '
        'metro has the same short name, sentences add the state ("the Columbus, OH metro area").',
    )
    slug = models.SlugField(unique=True, help_text="Part of the web address, e.g. charlotte.")
    code = models.CharField(
        max_length=10,
        unique=True,
        help_text="OEWS area code: the CBSA code for a metro (16740), FIPS for a state, 99 for "
        "the nation.",
    )
    state = models.CharField(
        max_length=2, blank=True, help_text="Postal code of the main state, e.g. NC."
    )
    is_default = models.BooleanField(
        default=False, help_text="The metro area shown when a visitor has not picked one."
    )

    objects = AreaManager()
    history = content_history()

    class Meta:
        ordering = ["name"]
        indexes = [
            # For `with_place_names()`: each metro a page loads looks for namesakes.
            models.Index(fields=["short_name"], name="area_short_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_area",
                violation_error_message="Only one metro area can be the site's default.",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(kind="metro"),
                name="default_area_is_metro",
                violation_error_message="The default area must be a metro area.",
            ),
            one_of("kind", AreaKind, "area_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place_name(self) -> str:
        """How the site's sentences name this area: a metro's short name ("the Charlotte metro
        area"), with its state when another metro has the same short name ("the Columbus, OH
        metro area"; its full name if it has no state); a state or the nation as it is.

        Areas loaded `with_place_names()`, as every page loads its metro, know whether the name
        is shared; any other metro asks the database (one query, which the pinned query counts
        of the pages would show)."""
        if self.kind != AreaKind.METRO:
            return self.short_name or self.name
        shared = getattr(self, "short_name_shared", None)
        if shared is None:
            shared = (
                Area.objects.metros()
                .filter(short_name=self.short_name)
                .exclude(pk=self.pk)
                .exists()
            )
        if not shared:
            return self.short_name
        return f"{self.short_name}, {self.state}" if self.state else self.name


class GrowthBand(models.TextChoices):
    """Bands for the projected ten-year change in employment, fastest first.

    The cut-offs between bands are data (GrowthThreshold, per projection period), not code.
    """

    VERY_FAST = "very-fast", "Very fast"
    FAST = "fast", "Fast"
    AVERAGE = "average", "Average"
    SLOW = "slow", "Slow"
    LITTLE_OR_NO_CHANGE = "little-or-no-change", "Little or no change"
    DECLINING = "declining", "Declining"

    @property
    def css_modifier(self) -> str:
        return f"badge--{self.value}"

    @property
    def sort_key(self) -> int:
        return list(GrowthBand).index(self)


def percent_number(value) -> str:
    """A percentage's number with at most one decimal and no trailing zero: 4.50 -> "4.5",
    13.0 -> "13"."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class BandRange:
    """A growth band and the projected changes it covers: `low` <= change < `high` (`low` is
    None for the lowest band, `high` for the highest)."""

    threshold: GrowthThreshold
    low: Decimal | None
    high: Decimal | None

    @property
    def band(self) -> GrowthBand:
        return GrowthBand(self.threshold.band)

    @property
    def text(self) -> str:
        def percent(value: Decimal) -> str:
            return f"{percent_number(value)}%"

        if self.high is None and self.low is None:
            return "any change"
        if self.high is None:
            return f"{percent(self.low)} or more"
        if self.low is None:
            return f"less than {percent(self.high)}"
        return f"from {percent(self.low)} to less than {percent(self.high)}"


class ProjectionPeriod(NaturalKeyModel):
    """A projection cycle such as BLS Employment Projections 2024-34."""

    name = models.CharField(max_length=20, unique=True, help_text='e.g. "2024-34".')
    start_year = models.PositiveSmallIntegerField(help_text="First year, e.g. 2024.")
    end_year = models.PositiveSmallIntegerField(help_text="Last year, e.g. 2034.")
    source = models.ForeignKey(
        DataSource,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who publishes the projections, e.g. BLS Employment Projections.",
    )
    average_change_percent = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Projected change for all occupations together, e.g. 3.1.",
    )

    history = content_history()

    NATURAL_KEY = ("name",)

    class Meta:
        ordering = ["-end_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gt=models.F("start_year")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def band_for(self, percent: Decimal | None) -> str:
        """The band whose lower bound is the highest one at or below `percent`.

        Uses prefetched thresholds (``prefetch_related("thresholds")``) when there are some.
        """
        if percent is None:
            return ""
        for threshold in sorted(self.thresholds.all(), key=lambda t: t.min_percent, reverse=True):
            if percent >= threshold.min_percent:
                return threshold.band
        return GrowthBand.DECLINING

    def bands(self) -> list[BandRange]:
        """Each band of this period with the range of percent changes it covers, fastest
        first (for the page that explains the bands)."""
        thresholds = sorted(self.thresholds.all(), key=lambda t: t.min_percent, reverse=True)
        ranges = []
        for index, threshold in enumerate(thresholds):
            upper = thresholds[index - 1].min_percent if index else None
            # Below the lowest cut-off is "declining" too (see band_for).
            open_below = index == len(thresholds) - 1 and threshold.band == GrowthBand.DECLINING
            ranges.append(
                BandRange(threshold, None if open_below else threshold.min_percent, upper)
            )
        return ranges

    def reapply_bands(self, user=None) -> int:
        """Recompute the stored band of every occupation projected in this period, in bulk,
        with a history entry for each change (by `user`, e.g. the counselor who edited the
        cut-offs); cached pages are refreshed once the change commits."""
        period = ProjectionPeriod.objects.prefetch_related("thresholds").get(pk=self.pk)
        changed = []
        # whole rows: each history entry reads every field (a deferred one is a query each)
        for occupation in self.occupations.exclude(projected_change_percent=None):
            band = period.band_for(occupation.projected_change_percent)
            if band != occupation.growth_band:
                occupation.growth_band = band
                occupation.updated = timezone.now()
                changed.append(occupation)
        if changed:
            bulk_update_with_history(
                changed,
                Occupation,
                ["growth_band", "updated"],
                batch_size=500,
                default_user=user or history_user(),
                default_change_reason="growth band cut-offs changed",
            )
            content_changed()  # a bulk update sends no signals
        return len(changed)


class GrowthThreshold(NaturalKeyModel):
    """The lowest projected percent change that still counts as `band` in `period`."""

    period = models.ForeignKey(
        ProjectionPeriod,
        on_delete=models.CASCADE,
        related_name="thresholds",
        help_text="The projection cycle these cut-offs belong to.",
    )
    band = models.CharField(
        max_length=24, choices=GrowthBand.choices, help_text="The band this cut-off starts."
    )
    min_percent = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        help_text="Occupations projected to change by at least this percent get this band.",
    )
    explanation = models.CharField(
        max_length=240, blank=True, help_text="What the band means, shown on the bands page."
    )

    history = content_history()

    NATURAL_KEY = ("period__name", "band")

    class Meta:
        ordering = ["period", "-min_percent"]
        constraints = [
            models.UniqueConstraint(fields=["period", "band"], name="one_threshold_per_band"),
            models.UniqueConstraint(fields=["period", "min_percent"], name="distinct_thresholds"),
            one_of("band", GrowthBand, "threshold_band_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_band_display()}: {self.min_percent}% or more ({self.period})"


class JobZone(models.IntegerChoices):
    """O*NET's five levels of preparation (Job Zone Reference)."""

    ONE = 1, "Job Zone One: Little or No Preparation Needed"
    TWO = 2, "Job Zone Two: Some Preparation Needed"
    THREE = 3, "Job Zone Three: Medium Preparation Needed"
    FOUR = 4, "Job Zone Four: Considerable Preparation Needed"
    FIVE = 5, "Job Zone Five: Extensive Preparation Needed"

    @property
    def preparation(self) -> str:
        """ "Medium preparation needed" (the label without its number)."""
        return self.label.split(": ", 1)[1].capitalize()


class OccupationQuerySet(NaturalKeyQuerySet):
    def published(self) -> OccupationQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def with_metro_median(self, metro: Area) -> OccupationQuerySet:
        """`metro_median`: the annual median pay in `metro`, for filtering and sorting."""
        median = Wage.objects.filter(area=metro, occupation=models.OuterRef("pk"))
        return self.annotate(metro_median=models.Subquery(median.values("annual_median")[:1]))

    def with_metro_wage(self, metro: Area) -> OccupationQuerySet:
        """`metro_median`, and `metro_wages`: the Wage row in `metro` as a list of zero or one
        (fetched in one more query), for showing the figures."""
        return self.with_metro_median(metro).prefetch_related(
            models.Prefetch(
                "wages", queryset=Wage.objects.filter(area=metro), to_attr="metro_wages"
            )
        )

    def sharing_tags_with(self, occupation: Occupation) -> OccupationQuerySet:
        """Other occupations with tags in common, the most shared first (one query).

        Each joined tag link is a different tag (an occupation carries a tag once), so a plain
        COUNT is the number of shared tags; COUNT(DISTINCT) would sort every group again."""
        return (
            self.filter(
                tagged_items__tag__in=TaggedOccupation.objects.filter(
                    content_object=occupation
                ).values("tag")
            )
            .exclude(pk=occupation.pk)
            .annotate(shared_tags=models.Count("tagged_items"))
            .order_by("-shared_tags", "title")
        )

    def review_overdue(self, today: date | None = None) -> OccupationQuerySet:
        """Never reviewed, or last reviewed more than 12 months ago."""
        return self.filter(
            Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=review_cutoff(today))
        )


def review_cutoff(today: date | None = None) -> date:
    """The same day a year ago (28 February for 29 February): older reviews are overdue."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


OccupationManager = models.Manager.from_queryset(OccupationQuerySet)


class Occupation(NaturalKeyModel):
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        related_name="occupations",
        help_text="The industry page that lists this occupation (and its breadcrumb).",
    )
    title = models.CharField(
        max_length=160, help_text='Singular job title, e.g. "Diagnostic Medical Sonographer".'
    )
    title_plural = models.CharField(
        max_length=160,
        help_text='Plural used in sentences, e.g. "Diagnostic Medical Sonographers".',
    )
    slug = models.SlugField(
        max_length=160, unique=True, help_text="Part of the web address; filled from the title."
    )
    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        blank=True,
        help_text='Standard Occupational Classification code, e.g. "29-2032", when known. '
        "Links the occupation to BLS wages and projections.",
    )
    onet_code = models.CharField(
        "O*NET-SOC code", max_length=10, blank=True, help_text='e.g. "29-2032.00".'
    )
    summary = models.TextField(
        blank=True,
        help_text="What the job is, written for students. Plain text; leave a blank line between "
        "paragraphs. When empty, the O*NET description is shown.",
    )
    onet_description = models.TextField(
        "O*NET description", blank=True, help_text="Imported from O*NET; replaced on import."
    )

    growth_band = models.CharField(
        max_length=24,
        choices=GrowthBand.choices,
        blank=True,
        help_text="Shown on the growth-rate badge. Set from the projected change when a "
        "projection is imported.",
    )
    projection_period = models.ForeignKey(
        ProjectionPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occupations",
        help_text="The projection cycle the growth figures come from; set on import.",
    )
    projected_change_percent = models.DecimalField(
        max_digits=6, decimal_places=1, null=True, blank=True, help_text="e.g. 13.0 for +13%."
    )
    employment_base = models.DecimalField(
        "employment at the start of the period (thousands)",
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Jobs nationwide in the first year of the projection, in thousands; imported.",
    )
    employment_projected = models.DecimalField(
        "projected employment at the end of the period (thousands)",
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Jobs nationwide expected in the last year of the projection, in thousands; "
        "imported.",
    )
    annual_openings = models.DecimalField(
        "openings a year (thousands)",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Average job openings a year nationwide, in thousands; imported.",
    )
    typical_education = models.CharField(
        "typical entry-level education",
        max_length=120,
        blank=True,
        help_text="Imported from BLS Employment Projections; replaced on import.",
    )
    job_zone = models.PositiveSmallIntegerField(
        "O*NET job zone",
        choices=JobZone.choices,
        null=True,
        blank=True,
        help_text="How much preparation the job needs (O*NET Job Zones); replaced on import.",
    )
    onet_release = models.CharField(
        "O*NET release",
        max_length=10,
        blank=True,
        help_text='The O*NET database release the O*NET fields come from, e.g. "27.0".',
    )

    spotlight_image = SpotlightImageField(
        upload_to="spotlights/",
        blank=True,
        width_field="spotlight_image_width",
        height_field="spotlight_image_height",
        help_text="A photo or illustration of the job: JPEG, PNG or WebP, at most 10 MB and "
        "40 megapixels; 1,200 pixels wide or more looks sharp everywhere. Location and camera "
        "details are removed when you save.",
    )
    spotlight_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    spotlight_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    spotlight_renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Smaller WebP copies of the spotlight image for phones and tablets; made "
        "automatically.",
    )
    spotlight_image_alt = models.CharField(
        "spotlight image description",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it (screen readers read this "
        'aloud), e.g. "A sonographer moves a probe over a patient\'s abdomen". Required '
        "whenever there is an image.",
    )
    tags = TaggableManager(
        through="TaggedOccupation",
        blank=True,
        help_text="Interests and themes, separated by commas.",
    )
    more_info_url = models.URLField(
        "more information link", blank=True, help_text="A page about this job on another site."
    )
    more_info_source = models.ForeignKey(
        DataSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who publishes the more-information page.",
    )

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are hidden from students; staff can preview them with “View on site”. "
        "Only content leads publish.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When a counselor last checked that the whole page is still true. Set with "
        "“Mark reviewed”.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did that review.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = OccupationManager()
    history = content_history(excluded_fields=["updated"])

    class Meta:
        ordering = ["title"]
        permissions = [("publish_occupation", "Can publish and unpublish occupations")]
        constraints = [
            models.UniqueConstraint(
                fields=["soc_code"],
                condition=~Q(soc_code=""),
                name="unique_soc_code",
                violation_error_message="Another occupation already has this SOC code.",
            ),
            models.CheckConstraint(
                condition=Q(spotlight_image="") | ~Q(spotlight_image_alt=""),
                name="spotlight_image_has_alt",
                violation_error_message="Describe the spotlight image (alt text).",
            ),
            one_of("status", Status, "occupation_status_valid"),
            one_of("growth_band", GrowthBand, "occupation_growth_band_valid", blank=True),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("occupation", kwargs={"slug": self.slug})

    def get_metro_url(self, metro: Area) -> str:
        return reverse("occupation_in_metro", kwargs={"slug": self.slug, "metro": metro.slug})

    @property
    def is_draft(self) -> bool:
        return self.status != Status.PUBLISHED

    @property
    def growth(self) -> GrowthBand | None:
        return GrowthBand(self.growth_band) if self.growth_band else None

    @property
    def summary_text(self) -> str:
        """The curated summary, or O*NET's description when nobody has written one."""
        return self.summary or self.onet_description

    @property
    def shows_onet_text(self) -> bool:
        return not self.summary and bool(self.onet_description)

    def clean(self) -> None:
        super().clean()
        if self.spotlight_image and not self.spotlight_image_alt.strip():
            raise ValidationError(
                {
                    "spotlight_image_alt": "Describe the spotlight image (alt text). It is "
                    "required whenever there is an image: students who use a screen reader hear "
                    "it instead of seeing the picture."
                }
            )

    def save(self, *args, **kwargs) -> None:
        """A new upload is checked and stored without metadata, and its renditions are made,
        before the row is written (so the row and its history name the clean file)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "spotlight_image" in update_fields:
            self.prepare_spotlight_image()
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "spotlight_renditions",
                    "spotlight_image_width",
                    "spotlight_image_height",
                }
        super().save(*args, **kwargs)

    def prepare_spotlight_image(self) -> None:
        image = self.spotlight_image
        if not image:
            self.spotlight_renditions = {}
            return
        if not image._committed:
            content, clean = clean_upload(image.file)
            image.save(content.name, content, save=False)
            self.spotlight_renditions = make_renditions(image.name, clean, image.storage)
        elif self.spotlight_renditions.get("source") != image.name:
            self.spotlight_renditions = renditions_for_stored(image.name, image.storage)

    @property
    def spotlight_srcset(self) -> str:
        """`srcset` for the spotlight image; empty until its renditions exist."""
        renditions = self.spotlight_renditions or {}
        if not self.spotlight_image or renditions.get("source") != self.spotlight_image.name:
            return ""
        storage = self.spotlight_image.storage
        return ", ".join(
            f"{storage.url(name)} {width}w" for name, width, _ in renditions["renditions"]
        )

    @property
    def spotlight_sizes(self) -> str:
        return SPOTLIGHT_SIZES

    @property
    def spotlight_thumbnail_url(self) -> str:
        """The smallest rendition, or the image itself."""
        if self.spotlight_srcset:
            return self.spotlight_image.storage.url(self.spotlight_renditions["renditions"][0][0])
        return self.spotlight_image.url if self.spotlight_image else ""

    @property
    def shows_onet_data(self) -> bool:
        """Whether the page shows anything from O*NET (and so needs O*NET's attribution)."""
        return self.shows_onet_text or self.job_zone is not None

    @property
    def job_zone_choice(self) -> JobZone | None:
        return JobZone(self.job_zone) if self.job_zone else None

    @property
    def annual_openings_count(self) -> int | None:
        """Openings a year as a number of jobs (the field is in thousands)."""
        if self.annual_openings is None:
            return None
        return int(self.annual_openings * 1000)


class TaggedOccupation(NaturalKeyModel, TaggedItemBase):
    """Tag links with a real foreign key and natural keys, so fixtures can carry them."""

    content_object = models.ForeignKey(
        Occupation,
        on_delete=models.CASCADE,
        related_name="tagged_items",
        help_text="The occupation that carries the tag.",
    )

    history = content_history()

    NATURAL_KEY = ("content_object__slug", "tag__name")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_occupation_tag")
        ]


class TitleSource(models.TextChoices):
    """Where an alternate title of an occupation comes from."""

    ONET_OCCUPATION = "onet-occupation", "O*NET specialty occupation"
    ONET_ALTERNATE = "onet-alternate", "O*NET alternate title"
    ONET_REPORTED = "onet-reported", "O*NET reported title"
    BLS_EXAMPLE = "bls-example", "BLS example title"

    @classmethod
    def onet(cls) -> list[TitleSource]:
        return [cls.ONET_OCCUPATION, cls.ONET_ALTERNATE, cls.ONET_REPORTED]


class AlternateOccupationTitle(NaturalKeyModel):
    """Another title people in an occupation hold ("Ultrasound Technologist"), kept as data so
    students can find the occupation by it. Imported; each import replaces its own source's."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="alternate_titles"
    )
    title = models.CharField(max_length=250, db_index=True)
    source = models.CharField(max_length=20, choices=TitleSource.choices)

    NATURAL_KEY = ("occupation__slug", "title")

    class Meta:
        ordering = ["occupation_id", "title"]
        verbose_name = "alternate title"
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "title"], name="unique_alternate_title_per_occupation"
            ),
            one_of("source", TitleSource, "alternate_title_source_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class RelatedTier(models.TextChoices):
    """O*NET Related Occupations tiers, closest first."""

    PRIMARY_SHORT = "primary-short", "Primary (short list)"
    PRIMARY_LONG = "primary-long", "Primary (long list)"
    SUPPLEMENTAL = "supplemental", "Supplemental"


class RelatedOccupation(NaturalKeyModel):
    """An occupation O*NET lists as related to another one, in O*NET's order."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=20, choices=RelatedTier.choices)
    position = models.PositiveSmallIntegerField(default=0)

    NATURAL_KEY = ("occupation__slug", "related__slug")

    class Meta:
        ordering = ["occupation_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "related"], name="related_once"),
            models.CheckConstraint(
                condition=~Q(occupation=models.F("related")), name="not_related_to_itself"
            ),
            one_of("tier", RelatedTier, "related_tier_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} → {self.related}"


WAGE_FIGURES = [
    "employment",
    "hourly_median",
    "annual_median",
    "annual_p10",
    "annual_p25",
    "annual_p75",
    "annual_p90",
]


class Wage(NaturalKeyModel):
    """What an occupation pays in an area (BLS OEWS): employment, medians, percentiles.

    A figure BLS did not release (``*``) is NULL. A top-coded figure (``#``, "at or above the
    top published wage") holds that top wage and its name is listed in `top_coded`, so it
    reads "$239,200 or more"; neither is ever stored as zero.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wages")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="wages")
    vintage = models.CharField(max_length=20, help_text='The OEWS release, e.g. "May 2025".')
    employment = models.PositiveIntegerField(null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.PositiveIntegerField("annual 10th percentile", null=True, blank=True)
    annual_p25 = models.PositiveIntegerField("annual 25th percentile", null=True, blank=True)
    annual_p75 = models.PositiveIntegerField("annual 75th percentile", null=True, blank=True)
    annual_p90 = models.PositiveIntegerField("annual 90th percentile", null=True, blank=True)
    top_coded = models.CharField(
        max_length=100,
        blank=True,
        help_text="Figures at or above BLS's top published wage, space-separated, "
        'e.g. "annual_p90 hourly_median".',
    )

    NATURAL_KEY = ("occupation__slug", "area__slug")

    class Meta:
        ordering = ["occupation_id", "area_id"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "area"], name="one_wage_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} in {self.area} ({self.vintage})"

    def is_top_coded(self, figure: str) -> bool:
        return figure in self.top_coded.split()

    def text(self, figure: str) -> str:
        """A figure as a student reads it: "$98,650", "$239,200 or more", "not released"."""
        value = getattr(self, figure)
        if value is None:
            return "not released"
        if figure == "employment":
            text = f"{value:,}"
        elif figure == "hourly_median":
            text = f"${value:,.2f}"
        else:
            text = f"${value:,}"
        return f"{text} or more" if self.is_top_coded(figure) else text


class ImportRun(models.Model):
    """One completed import of a public data file: what, from where, and what it changed."""

    importer = models.CharField(max_length=40)
    path = models.CharField(max_length=500, help_text="The file or folder that was read.")
    sha256 = models.CharField("SHA-256", max_length=64)
    source = models.ForeignKey(
        DataSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vintage = models.CharField(max_length=60, blank=True)
    started = models.DateTimeField()
    finished = models.DateTimeField()
    summary = models.JSONField(default=dict, help_text="Counts per kind of record.")

    class Meta:
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.importer} {self.vintage} ({self.started:%Y-%m-%d %H:%M})"


@dataclass
class AreaWage:
    """A row of the "What it pays" table: an area, and its wage figures when BLS has some."""

    area: Area
    wage: Wage | None

    @property
    def label(self) -> str:
        if self.area.kind == AreaKind.METRO:
            return f"{self.area.place_name} metro area"
        return self.area.place_name


class OccupationLink(NamedTuple):
    """Just enough of an occupation to link to it: what lists of other occupations need,
    without loading (and building) the whole row."""

    slug: str
    title: str

    def get_metro_url(self, metro: Area) -> str:
        return reverse("occupation_in_metro", kwargs={"slug": self.slug, "metro": metro.slug})


def related_occupations(occupation: Occupation, limit: int) -> list[OccupationLink]:
    """O*NET's related occupations, in O*NET's order, for an occupation imported from O*NET;
    for any other, the occupations sharing the most tags with it. One query either way."""
    if occupation.onet_release:
        links = (
            RelatedOccupation.objects.filter(
                occupation=occupation, related__status=Status.PUBLISHED
            )
            .order_by("position")
            .values_list("related__slug", "related__title")
        )
    else:
        links = (
            Occupation.objects.published()
            .sharing_tags_with(occupation)
            .values_list("slug", "title")
        )
    return [OccupationLink(*link) for link in links[:limit]]


def wages_for_page(occupation: Occupation, metro: Area, areas) -> list[AreaWage]:
    """The occupation's wages in the metro, its state and the nation, in that order, from the
    areas of `Area.objects.metro_and_neighbours(slug, wages_of=occupation)` (by name within a
    kind); an area BLS publishes nothing for comes with `wage` None."""
    order = {AreaKind.METRO: 0, AreaKind.STATE: 1, AreaKind.NATION: 2}
    shown = [area for area in areas if area.kind != AreaKind.METRO or area.pk == metro.pk]
    return [
        AreaWage(area, getattr(area, "wage", None))
        for area in sorted(shown, key=lambda area: order[area.kind])
    ]
