"""Admin for industries, occupations, areas, growth bands and data sources.

Pathways are edited inline under their occupation; `pathways.admin` registers that inline here
(occupations must not import pathways).
"""

import json

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from occupations.models import (
    WAGE_FIGURES,
    AlternateOccupationTitle,
    Area,
    DataSource,
    GrowthThreshold,
    ImportRun,
    Industry,
    Occupation,
    ProjectionPeriod,
    RelatedOccupation,
    SocMajorGroup,
    TitleSource,
    Wage,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imported data: staff look, the importers write."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "vintage", "url"]
    search_fields = ["name", "slug", "url"]
    prepopulated_fields = {"slug": ["name"]}


class SocMajorGroupInline(admin.TabularInline):
    model = SocMajorGroup
    extra = 0
    fields = ["code", "title"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "occupation_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SocMajorGroupInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_occupation_count=Count("occupations"))

    @admin.display(description="occupations", ordering="_occupation_count")
    def occupation_count(self, industry: Industry) -> int:
        return industry._occupation_count


@admin.register(SocMajorGroup)
class SocMajorGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "industry"]
    list_filter = ["industry"]
    search_fields = ["code", "title"]
    list_select_related = ["industry"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "code", "state", "is_default"]
    list_filter = ["kind", "is_default", "state"]
    search_fields = ["name", "short_name", "code", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


class GrowthThresholdInline(admin.TabularInline):
    model = GrowthThreshold
    extra = 0
    fields = ["band", "min_percent", "explanation"]


@admin.register(ProjectionPeriod)
class ProjectionPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year", "source", "average_change_percent"]
    inlines = [GrowthThresholdInline]

    def save_related(self, request, form, formsets, change):
        """Edited thresholds re-band every occupation projected in this period."""
        super().save_related(request, form, formsets, change)
        changed = form.instance.reapply_bands()
        if changed:
            self.message_user(request, f"Growth bands updated on {changed} occupation(s).")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["title", "industry", "soc_code", "growth_band", "status", "last_reviewed"]
    list_filter = ["status", "industry", "growth_band", "tags"]
    search_fields = [
        "title",
        "title_plural",
        "soc_code",
        "onet_code",
        "summary",
        "alternate_titles__title",
    ]
    list_select_related = ["industry"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["industry"]
    readonly_fields = [
        "provenance",
        "onet_code",
        "onet_release",
        "onet_description",
        "job_zone",
        "projection_period",
        "projected_change_percent",
        "employment_base",
        "employment_projected",
        "annual_openings",
        "typical_education",
        "created",
        "updated",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_plural",
                    "slug",
                    "industry",
                    "soc_code",
                    "status",
                    "summary",
                    "tags",
                ]
            },
        ),
        (
            "Spotlight image",
            {"fields": ["spotlight_image", "spotlight_image_alt"]},
        ),
        (
            "Growth",
            {
                "fields": ["growth_band", "projection_period", "projected_change_percent"],
                "description": "The band is set from the BLS projection when one is imported; "
                "set it by hand only for occupations without a SOC code.",
            },
        ),
        ("More information", {"fields": ["more_info_url", "more_info_source"]}),
        ("Review", {"fields": ["last_reviewed", "reviewed_by"]}),
        (
            "Imported data (read only)",
            {
                "classes": ["collapse"],
                "description": "Filled from the public files by the importers (import_onet, "
                "import_projections, import_oews); the next import replaces them. The fields "
                "above are the counselors': imports set them only when they create an "
                "occupation and never change them afterwards.",
                "fields": [
                    "provenance",
                    "onet_code",
                    "onet_release",
                    "onet_description",
                    "job_zone",
                    "employment_base",
                    "employment_projected",
                    "annual_openings",
                    "typical_education",
                    "created",
                    "updated",
                ],
            },
        ),
    ]
    inlines: list = []  # pathways.admin adds PathwayInline

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def view_on_site(self, occupation: Occupation) -> str:
        return occupation.get_absolute_url()

    @admin.display(description="where the imported data comes from")
    def provenance(self, occupation: Occupation) -> str:
        if occupation.pk is None:
            return "Nothing imported yet."
        lines = []
        titles = dict(
            occupation.alternate_titles.values_list("source")
            .annotate(n=Count("pk"))
            .values_list("source", "n")
        )
        titles_url = reverse("admin:occupations_alternateoccupationtitle_changelist")
        titles_url += f"?occupation__id__exact={occupation.pk}"
        onet_titles = sum(titles.get(source, 0) for source in TitleSource.onet())
        if occupation.onet_release:
            related = occupation.related_links.count()
            related_url = reverse("admin:occupations_relatedoccupation_changelist")
            lines.append(
                format_html(
                    "<strong>O*NET {}</strong>: O*NET-SOC code, O*NET description, job zone, "
                    '<a href="{}">{} alternate titles</a>, '
                    '<a href="{}?occupation__id__exact={}">{} related occupations</a>.',
                    occupation.onet_release,
                    titles_url,
                    onet_titles,
                    related_url,
                    occupation.pk,
                    related,
                )
            )
        if occupation.projection_period_id:
            period = occupation.projection_period
            lines.append(
                format_html(
                    "<strong>{} {}</strong>: growth band, projected change, employment {} and "
                    "{}, openings a year, typical entry-level education, "
                    '<a href="{}">{} example titles</a>.',
                    period.source.name,
                    period.name,
                    period.start_year,
                    period.end_year,
                    titles_url,
                    titles.get(TitleSource.BLS_EXAMPLE, 0),
                )
            )
        wages_url = reverse("admin:occupations_wage_changelist")
        for vintage, count in (
            occupation.wages.values_list("vintage")
            .annotate(n=Count("pk"))
            .values_list("vintage", "n")
        ):
            lines.append(
                format_html(
                    '<strong>BLS OEWS {}</strong>: <a href="{}?occupation__id__exact={}">wages '
                    "and employment in {} areas</a>.",
                    vintage,
                    wages_url,
                    occupation.pk,
                    count,
                )
            )
        if not lines:
            return "Nothing imported yet."
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))


@admin.register(AlternateOccupationTitle)
class AlternateOccupationTitleAdmin(ReadOnlyAdmin):
    list_display = ["title", "occupation", "source"]
    list_filter = ["source"]
    search_fields = ["title", "occupation__title", "occupation__soc_code"]
    list_select_related = ["occupation"]


@admin.register(RelatedOccupation)
class RelatedOccupationAdmin(ReadOnlyAdmin):
    list_display = ["occupation", "position", "related", "tier"]
    list_filter = ["tier"]
    search_fields = ["occupation__title", "related__title", "occupation__soc_code"]
    list_select_related = ["occupation", "related"]


@admin.register(Wage)
class WageAdmin(ReadOnlyAdmin):
    list_display = ["occupation", "area", "annual_median_text", "employment_text", "vintage"]
    list_filter = ["vintage", "area__kind"]
    search_fields = ["occupation__title", "occupation__soc_code", "area__name", "area__code"]
    list_select_related = ["occupation", "area"]
    show_full_result_count = False
    fields = ["occupation", "area", "vintage", *WAGE_FIGURES, "top_coded"]

    @admin.display(description="annual median")
    def annual_median_text(self, wage: Wage) -> str:
        return wage.text("annual_median")

    @admin.display(description="employment")
    def employment_text(self, wage: Wage) -> str:
        return wage.text("employment")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["started", "importer", "vintage", "path", "short_sha256"]
    list_filter = ["importer", "vintage"]
    fields = ["importer", "path", "sha256", "source", "vintage", "started", "finished", "counts"]

    @admin.display(description="SHA-256")
    def short_sha256(self, run: ImportRun) -> str:
        return run.sha256[:12]

    @admin.display(description="what it did")
    def counts(self, run: ImportRun) -> str:
        return format_html("<pre>{}</pre>", json.dumps(run.summary, indent=2))
