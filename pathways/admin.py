"""Admin for pathways (also inline under their occupation), certifications and spotlights."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from occupations.admin import (
    OccupationAdmin,
    PublishingAdmin,
    PublishingInlineMixin,
    default_metro_url,
)
from pathways.models import (
    AlternateTitle,
    Certification,
    MetroSpotlight,
    Pathway,
    PathwayCertification,
)


@admin.register(Certification)
class CertificationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "awarding_body", "pathway_count"]
    ordering = ["name"]  # the count annotation drops Meta.ordering (autocomplete pages need one)
    list_filter = ["awarding_body"]
    search_fields = ["name", "awarding_body"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_pathway_count=Count("pathway_links"))

    @admin.display(description="pathways", ordering="_pathway_count")
    def pathway_count(self, certification: Certification) -> int:
        return certification._pathway_count


class PathwayInline(PublishingInlineMixin, admin.StackedInline):
    """Pathways under their occupation; certifications and ratings are on each pathway's page
    (the link "Change" beside each pathway)."""

    model = Pathway
    extra = 0
    fields = [
        "title",
        "slug",
        "position",
        "status",
        "description",
        "more_info_url",
        "more_info_source",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["more_info_source"]
    show_change_link = True


OccupationAdmin.inlines = [*OccupationAdmin.inlines, PathwayInline]
# Find an occupation by any of its pathways' titles or their alternate titles.
OccupationAdmin.search_fields = [
    *OccupationAdmin.search_fields,
    "pathways__title",
    "pathways__alternate_titles__title",
]


class AlternateTitleInline(admin.TabularInline):
    model = AlternateTitle
    extra = 1
    fields = ["title", "position"]
    show_change_link = True  # its page has the title's history


class PathwayCertificationInline(admin.TabularInline):
    model = PathwayCertification
    extra = 1
    fields = ["tier", "certification", "position"]
    autocomplete_fields = ["certification"]
    show_change_link = True


class MetroSpotlightInline(admin.TabularInline):
    model = MetroSpotlight
    extra = 0
    fields = ["metro", "rating", "source", "position"]
    autocomplete_fields = ["metro", "source"]
    show_change_link = True


@admin.register(Pathway)
class PathwayAdmin(PublishingAdmin):
    list_display = ["title", "occupation", "position", "status"]
    list_editable = ["position"]
    ordering = ["occupation__title", "position"]
    list_filter = ["status", "occupation__industry"]
    search_fields = ["title", "description", "occupation__title", "alternate_titles__title"]
    list_select_related = ["occupation"]
    autocomplete_fields = ["occupation", "more_info_source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["occupation", *PathwayInline.fields]  # the inline's fields, on its own page
    inlines = [AlternateTitleInline, PathwayCertificationInline, MetroSpotlightInline]

    def view_on_site(self, pathway: Pathway) -> str:
        return default_metro_url(pathway)


@admin.register(MetroSpotlight)
class MetroSpotlightAdmin(SimpleHistoryAdmin):
    list_display = ["pathway", "occupation", "metro", "rating", "source", "position"]
    list_filter = ["metro", "rating", "source", "pathway__occupation__industry"]
    list_editable = ["rating", "position"]
    search_fields = ["pathway__title", "pathway__occupation__title", "metro__name"]
    list_select_related = ["pathway__occupation", "metro", "source"]
    autocomplete_fields = ["pathway", "metro", "source"]

    @admin.display(ordering="pathway__occupation__title")
    def occupation(self, spotlight: MetroSpotlight) -> str:
        return spotlight.pathway.occupation.title


class HiddenFromIndexAdmin(SimpleHistoryAdmin):
    """Edited inline under their pathway; their own page exists for its History button."""

    def get_model_perms(self, request):
        return {}


@admin.register(AlternateTitle)
class AlternateTitleAdmin(HiddenFromIndexAdmin):
    fields = ["pathway", "title", "position"]
    autocomplete_fields = ["pathway"]
    search_fields = ["title"]


@admin.register(PathwayCertification)
class PathwayCertificationAdmin(HiddenFromIndexAdmin):
    fields = ["pathway", "tier", "certification", "position"]
    autocomplete_fields = ["pathway", "certification"]
