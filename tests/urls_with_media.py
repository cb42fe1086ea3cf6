"""The site's URLs plus uploaded media, for the live-server browser test (tests run with DEBUG
off, when careerpaths.urls does not serve media)."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from careerpaths.urls import urlpatterns as site_urlpatterns


def media(request, path: str):
    return serve(request, path, document_root=settings.MEDIA_ROOT)  # read per request


urlpatterns = [*site_urlpatterns, path("media/<path:path>", media)]
