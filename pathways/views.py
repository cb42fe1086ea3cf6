"""The occupation spotlight page for a metro, and each pathway's details page.

Students see published content only. Staff who open a draft (or add ?preview to a published
page) get a preview: the same templates, drafts included and marked, under a "Draft preview"
banner, and never cached.
"""

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from occupations.models import Area, Occupation
from occupations.views import (
    metro_from_query,
    never_cache_preview,
    occupation_breadcrumb,
    preview_requested,
    with_preview,
)
from pathways.models import Pathway, split_by_spotlight


class MetroPageMixin:
    """Looks up the occupation and the metro named in the URL (404 if either is unknown, or the
    occupation is a draft and the visitor is not staff), and the metro list for the picker,
    which it reuses to find the metro."""

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

    def get_metro(self, metros: list[Area]) -> Area:
        slug = self.kwargs["metro"]
        for metro in metros:
            if metro.slug == slug:
                return metro
        raise Http404(f"There is no metro area called “{slug}”.")

    def pathways(self):
        """Published pathways; every pathway in a preview."""
        return Pathway.objects.all() if self.preview else Pathway.objects.published()

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


class OccupationSpotlightView(MetroPageMixin, TemplateView):
    template_name = "occupations/occupation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation = context["occupation"]
        pathways = list(
            self.pathways().filter(occupation=occupation).with_details(context["metro"])
        )
        featured, others = split_by_spotlight(pathways)
        context.update(featured_pathways=featured, other_pathways=others)
        if self.preview:
            context["preview"] = self.preview_banner(occupation, "occupation")
        return context


class PathwayDetailView(MetroPageMixin, TemplateView):
    template_name = "pathways/pathway_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occupation, metro = context["occupation"], context["metro"]
        pathway = get_object_or_404(
            Pathway.objects.filter(occupation=occupation).with_details(metro),
            slug=self.kwargs["slug"],
        )
        self.preview = self.preview or preview_requested(self.request, occupation, pathway)
        context["pathway"] = pathway
        context["breadcrumb"].append((occupation.title, occupation.get_metro_url(metro)))
        if self.preview:
            draft = pathway if pathway.is_draft else occupation
            context["preview"] = self.preview_banner(
                draft, "pathway" if draft is pathway else "occupation"
            )
        return context


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
