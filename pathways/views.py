"""Student pages about occupations and their pathways: the spotlight page for a metro, each
pathway's details, the filtered list of all occupations, compare, and search.

Students see published content only. Staff who open a draft (or add ?preview to a published
page) get a preview: the same templates, drafts included and marked, under a "Draft preview"
banner, and never cached.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from occupations.models import Area, Industry, Occupation, related_occupations
from occupations.views import (
    find_metro,
    find_metro_with_wages,
    metro_from_query,
    never_cache_preview,
    occupation_breadcrumb,
    preview_requested,
    with_preview,
)
from pathways.filters import SORTS, OccupationFilters
from pathways.models import (
    Pathway,
    PathwayCertification,
    certifications_by_tier,
    load_details,
    split_by_spotlight,
)
from pathways.search import search, suggestions
from pathways.structured_data import json_ld_script, occupation_json_ld


class MetroPageMixin:
    """Looks up the occupation and the metro named in the URL (404 if either is unknown, or the
    occupation is a draft and the visitor is not staff), and the metros of its state for the
    picker."""

    preview = False

    def get_occupation(self) -> Occupation:
        occupation = get_object_or_404(
            Occupation.objects.select_related(
                "industry", "projection_period__source", "more_info_source"
            ),
            slug=self.kwargs["occupation" if "occupation" in self.kwargs else "slug"],
        )
        self.preview = preview_requested(self.request, occupation)
        return occupation

    def pathways(self, occupation: Occupation):
        """The occupation's published pathways; every one of them in a preview."""
        return occupation.pathways.all() if self.preview else occupation.pathways.published()

    def find_metro(self, occupation: Occupation) -> tuple[Area, list[Area]]:
        return find_metro(self.kwargs["metro"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation = self.get_occupation()
        metro, metros = self.find_metro(occupation)
        context.update(
            occupation=occupation,
            metro=metro,
            metros=metros,
            breadcrumb=occupation_breadcrumb(occupation, metro),
        )
        return context

    def preview_banner(self, obj, what: str) -> dict:
        opts = obj._meta
        return {
            "draft": obj.is_draft,
            "what": what,
            "edit_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        }

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return never_cache_preview(response) if self.preview else response


RELATED = 5


class OccupationSpotlightView(MetroPageMixin, TemplateView):
    template_name = "occupations/occupation_detail.html"

    def find_metro(self, occupation: Occupation) -> tuple[Area, list[Area]]:
        """The metro, its neighbours and (for an occupation BLS covers) `self.wages` in the
        metro, its state and the nation: one query (README, "Query budget")."""
        if not occupation.soc_code:
            self.wages = []
            return super().find_metro(occupation)
        metro, metros, self.wages = find_metro_with_wages(self.kwargs["metro"], occupation)
        return metro, metros

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation, metro, wages = context["occupation"], context["metro"], self.wages
        pathways = load_details(list(self.pathways(occupation).with_spotlight(metro)))
        featured, others = split_by_spotlight(pathways)
        context.update(
            wages=wages,
            featured_pathways=featured,
            other_pathways=others,
            related=related_occupations(occupation, RELATED),
            compare_url=compare_query([occupation.slug], metro),
            page_title=f"{occupation.title} in the {metro.place_name} metro area",
            page_description=Truncator(occupation.summary_text).chars(160),
            json_ld=json_ld_script(
                occupation_json_ld(
                    occupation,
                    metro,
                    pathways,
                    self.request.build_absolute_uri(self.request.path),
                    wage=wages[0].wage if wages else None,  # the metro's comes first
                )
            ),
        )
        if occupation.spotlight_image:
            context["og_image"] = self.request.build_absolute_uri(occupation.spotlight_image.url)
        if self.preview:
            context["preview"] = self.preview_banner(occupation, "occupation")
        return context


class PathwayDetailView(MetroPageMixin, TemplateView):
    template_name = "pathways/pathway_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation, metro = context["occupation"], context["metro"]
        pathway = get_object_or_404(
            occupation.pathways.with_spotlight(metro), slug=self.kwargs["slug"]
        )
        self.preview = self.preview or preview_requested(self.request, occupation, pathway)
        context["pathway"] = load_details([pathway])[0]
        context["breadcrumb"].append((occupation.title, occupation.get_metro_url(metro)))
        context["page_title"] = (
            f"{pathway.title} · {occupation.title} in the {metro.place_name} metro area"
        )
        context["page_description"] = Truncator(
            pathway.description or occupation.summary_text
        ).chars(160)
        if self.preview:
            draft = pathway if pathway.is_draft else occupation
            context["preview"] = self.preview_banner(
                draft, "pathway" if draft is pathway else "occupation"
            )
        return context


@require_safe
def pathway_metro_redirect(request: HttpRequest, occupation: str, slug: str):
    """/occupations/<occupation>/pathways/<slug>/ leads to the page for a metro."""
    pathway = get_object_or_404(
        Pathway.objects.select_related("occupation"), occupation__slug=occupation, slug=slug
    )
    preview = preview_requested(request, pathway.occupation, pathway)
    response = HttpResponseRedirect(
        with_preview(pathway.get_metro_url(metro_from_query(request)), preview)
    )
    return never_cache_preview(response) if preview else response


class OccupationListView(ListView):
    """All published occupations, filtered and sorted by the URL's query, with facet counts."""

    template_name = "occupations/occupation_list.html"
    context_object_name = "occupations"
    paginate_by = 24

    def get_queryset(self):
        self.filters = OccupationFilters.from_query(self.request.GET)
        self.metro = metro_from_query(self.request)
        occupations = Occupation.objects.published().with_metro_wage(self.metro)
        return self.filters.apply(occupations)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        metro = self.metro
        context.update(
            filters=self.filters,
            facets=self.filters.facets(
                Occupation.objects.published().with_metro_median(self.metro)
            ),
            sorts=[(key, label) for key, (label, _) in SORTS.items()],
            metro=metro,
            page_title="All occupations",
            page_description="Filter occupations by industry, growth, education, interests and "
            "certifications, and compare them side by side.",
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["page_query"] = query.urlencode()
        return context


MAX_COMPARED = 3
MAX_OFFERED = 10  # occupations offered to add when a name matches several


@dataclass
class ToAdd:
    """What a name typed on the compare page finds (`find_to_add`)."""

    url: str = ""  # the comparison with the one occupation the name means added
    offered: list[tuple[Occupation, str]] = field(default_factory=list)  # each with its URL
    more: bool = False  # more occupations match than are offered
    already: list[str] = field(default_factory=list)  # compared ones it names, or matches


def find_to_add(query: str, compared: list[str], metro: Area) -> ToAdd:
    """The occupation `query` means, when that is clear: the one whose title it is, or the
    only one the search finds; else the others it matches, to choose from. An occupation
    already compared is never added again, nor stands aside for a weaker match."""
    results = [result.occupation for result in search(query)]
    name = " ".join(query.split()).casefold()
    named = [o for o in results if name in (o.title.casefold(), o.title_plural.casefold())]
    new = [o for o in results if o.slug not in compared]
    meant = [o for o in named if o.slug not in compared] or (results if len(results) == 1 else [])
    if len(meant) == 1 and meant[0] in new:
        return ToAdd(url=compare_query([*compared, meant[0].slug], metro))
    return ToAdd(
        offered=[(o, compare_query([*compared, o.slug], metro)) for o in new[:MAX_OFFERED]],
        more=len(new) > MAX_OFFERED,
        already=[o.title for o in named or results if o.slug in compared],
    )


class CompareView(TemplateView):
    """Up to three occupations side by side in one metro; the URL is the whole comparison.

    An occupation is added by name (`add`, `find_to_add`): one clear match is added at once,
    by a redirect to the comparison's own URL, before the comparison is read; several are
    offered as links."""

    template_name = "pathways/compare.html"

    def get(self, request, *args, **kwargs):
        self.metro, self.metros = find_metro(request.GET.get("metro", "").strip())
        slugs = list(dict.fromkeys(s for s in request.GET.getlist("o") if s))
        self.slugs, self.dropped = slugs[:MAX_COMPARED], slugs[MAX_COMPARED:]
        self.add_query = request.GET.get("add", "").strip()[:100]
        self.to_add = None
        if self.add_query:
            published = dict(
                Occupation.objects.published()
                .filter(slug__in=self.slugs)
                .values_list("slug", "slug")
            )
            compared = [slug for slug in self.slugs if slug in published]
            if len(compared) < MAX_COMPARED:
                self.to_add = find_to_add(self.add_query, compared, self.metro)
                if self.to_add.url:
                    return HttpResponseRedirect(self.to_add.url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        metro, slugs = self.metro, self.slugs
        found = {
            occupation.slug: occupation
            for occupation in Occupation.objects.published()
            .filter(slug__in=slugs)
            .with_metro_wage(metro)
            .select_related("industry", "projection_period__source")
            .prefetch_related(
                Prefetch(
                    "pathways",
                    queryset=Pathway.objects.published().prefetch_related(
                        Prefetch(
                            "certifications",
                            queryset=PathwayCertification.objects.select_related("certification"),
                        )
                    ),
                    to_attr="published_pathways",
                )
            )
        }
        occupations = [found[slug] for slug in slugs if slug in found]
        for occupation in occupations:
            occupation.tiers = certifications_by_tier(occupation.published_pathways)
        compared = [o.slug for o in occupations]
        context.update(
            occupations=occupations,
            metro=metro,
            metros=self.metros,
            unknown=[slug for slug in slugs if slug not in found],
            dropped=self.dropped,
            can_add=len(occupations) < MAX_COMPARED,
            add_query=self.add_query if self.to_add else "",
            to_add=self.to_add,
            remove_links=[
                (o, compare_query([s for s in compared if s != o.slug], metro)) for o in occupations
            ],
            page_title="Compare occupations"
            + (f": {', '.join(o.title for o in occupations)}" if occupations else ""),
        )
        return context


def compare_query(slugs: list[str], metro: Area) -> str:
    params = QueryDict(mutable=True)
    params.setlist("o", slugs)
    params["metro"] = metro.slug
    return f"{reverse('compare')}?{params.urlencode()}"


class SearchView(TemplateView):
    template_name = "pathways/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        metro = metro_from_query(self.request)
        results = search(query) if query else []
        context.update(
            query=query,
            results=results,
            suggestions=suggestions(query) if query and not results else [],
            metro=metro,
            industries=Industry.objects.all() if query and not results else [],
            page_title=f"Search: {query}" if query else "Search occupations",
        )
        return context
