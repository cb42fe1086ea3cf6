"""Every public URL in one place; each line names the view that answers it.

A page URL names everything the page shows, the metro area included, so that pages can be
shared, bookmarked and cached by URL. `public_page` marks the views whose pages go into the
shared page cache (careerpaths/cache.py); nothing else is cached.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe
from django.views.static import serve

from careerpaths import sitemaps
from careerpaths import views as site_views
from careerpaths.cache import public_page
from occupations import views as occupation_views
from pathways import views as pathway_views

admin.site.site_header = "careerpaths content"
admin.site.site_title = "careerpaths admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", public_page(site_views.home), name="home"),
    path(
        "industries/",
        public_page(occupation_views.IndustryListView.as_view()),
        name="industry_list",
    ),
    path(
        "industries/<slug:slug>/",
        public_page(occupation_views.IndustryDetailView.as_view()),
        name="industry_detail",
    ),
    path(
        "occupations/",
        public_page(pathway_views.OccupationListView.as_view()),
        name="occupation_list",
    ),
    path("search/", public_page(pathway_views.SearchView.as_view()), name="search"),
    path("metros/", public_page(occupation_views.metro_list), name="metro_list"),
    path("compare/", public_page(pathway_views.CompareView.as_view()), name="compare"),
    path(
        "occupations/<slug:slug>/",
        occupation_views.occupation_metro_redirect,
        name="occupation",
    ),
    path(
        "occupations/<slug:slug>/<slug:metro>/",
        public_page(pathway_views.OccupationSpotlightView.as_view()),
        name="occupation_in_metro",
    ),
    path(
        "occupations/<slug:occupation>/pathways/<slug:slug>/",
        pathway_views.pathway_metro_redirect,
        name="pathway",
    ),
    path(
        "occupations/<slug:occupation>/<slug:metro>/pathways/<slug:slug>/",
        public_page(pathway_views.PathwayDetailView.as_view()),
        name="pathway_in_metro",
    ),
    path("robots.txt", public_page(site_views.robots_txt), name="robots_txt"),
    path(
        "sitemap.xml",
        public_page(require_safe(sitemap_views.index)),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(require_safe(sitemaps.sitemap_section)),
        name="sitemap_section",
    ),
    path("health/", site_views.health, name="health"),
    path(
        "growth-rates/",
        public_page(occupation_views.GrowthBandsView.as_view()),
        name="growth_bands",
    ),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA and settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Development, or one machine without a proxy in front; otherwise the proxy serves /media/.
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
