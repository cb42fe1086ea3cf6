"""Admin for industries, occupations, areas, growth bands and data sources.

Pathways are edited inline under their occupation; `pathways.admin` registers that inline here
(occupations must not import pathways).
"""

from django.contrib import admin
from django.db.models import Count

from occupations.models import (
    Area,
    DataSource,
    GrowthThreshold,
    Industry,
    Occupation,
    ProjectionPeriod,
    SocMajorGroup,
)


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
    search_fields = ["title", "title_plural", "soc_code", "onet_code", "summary"]
    list_select_related = ["industry"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["industry"]
    readonly_fields = [
        "onet_code",
        "onet_description",
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
                "description": "Filled by the O*NET and BLS importers; edits here would be "
                "overwritten by the next import.",
                "fields": [
                    "onet_code",
                    "onet_description",
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
