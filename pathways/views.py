"""The occupation spotlight page for a metro, and each pathway's details page."""

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from occupations.models import Area, Occupation, wages_for_page
from occupations.views import metro_from_query, occupation_breadcrumb
from pathways.models import Pathway, split_by_spotlight


class MetroPageMixin:
    """Looks up the published occupation and the metro named in the URL (404 if either is
    unknown), and the metro list for the picker, which it reuses to find the metro."""

    def get_occupation(self) -> Occupation:
        return get_object_or_404(
            Occupation.objects.published().select_related(
                "industry", "projection_period__source", "more_info_source"
            ),
            slug=self.kwargs["occupation" if "occupation" in self.kwargs else "slug"],
        )

    def get_metro(self, metros: list[Area]) -> Area:
        slug = self.kwargs["metro"]
        for metro in metros:
            if metro.slug == slug:
                return metro
        raise Http404(f"There is no metro area called “{slug}”.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation = self.get_occupation()
        metros = list(Area.objects.metros())
        metro = self.get_metro(metros)
        context.update(
            occupation=occupation,
            metro=metro,
            metros=metros,
            breadcrumb=occupation_breadcrumb(occupation, metro),
        )
        return context


class OccupationSpotlightView(MetroPageMixin, TemplateView):
    template_name = "occupations/occupation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pathways = list(
            Pathway.objects.published()
            .filter(occupation=context["occupation"])
            .with_details(context["metro"])
        )
        featured, others = split_by_spotlight(pathways)
        context.update(featured_pathways=featured, other_pathways=others)
        if context["occupation"].soc_code:
            context["wages"] = wages_for_page(context["occupation"], context["metro"])
        return context


class PathwayDetailView(MetroPageMixin, TemplateView):
    template_name = "pathways/pathway_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation, metro = context["occupation"], context["metro"]
        context["pathway"] = get_object_or_404(
            Pathway.objects.published().filter(occupation=occupation).with_details(metro),
            slug=self.kwargs["slug"],
        )
        context["breadcrumb"].append((occupation.title, occupation.get_metro_url(metro)))
        return context


def pathway_metro_redirect(request: HttpRequest, occupation: str, slug: str):
    """/occupations/<occupation>/pathways/<slug>/ leads to the page for a metro."""
    pathway = get_object_or_404(
        Pathway.objects.published().select_related("occupation"),
        occupation__slug=occupation,
        slug=slug,
    )
    return HttpResponseRedirect(pathway.get_metro_url(metro_from_query(request)))
