"""Every public URL in one place; each line names the view that answers it.

A page URL names everything the page shows, the metro area included, so that pages can be
shared, bookmarked and cached by URL.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.views.static import serve

from careerpaths import views as site_views
from occupations import views as occupation_views
from pathways import views as pathway_views

admin.site.site_header = "careerpaths content"
admin.site.site_title = "careerpaths admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", site_views.home, name="home"),
    path("industries/", occupation_views.IndustryListView.as_view(), name="industry_list"),
    path(
        "industries/<slug:slug>/",
        occupation_views.IndustryDetailView.as_view(),
        name="industry_detail",
    ),
    path(
        "occupations/<slug:slug>/",
        occupation_views.occupation_metro_redirect,
        name="occupation",
    ),
    path(
        "occupations/<slug:slug>/<slug:metro>/",
        pathway_views.OccupationSpotlightView.as_view(),
        name="occupation_in_metro",
    ),
    path(
        "occupations/<slug:occupation>/pathways/<slug:slug>/",
        pathway_views.pathway_metro_redirect,
        name="pathway",
    ),
    path(
        "occupations/<slug:occupation>/<slug:metro>/pathways/<slug:slug>/",
        pathway_views.PathwayDetailView.as_view(),
        name="pathway_in_metro",
    ),
    path("growth-rates/", occupation_views.GrowthBandsView.as_view(), name="growth_bands"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
