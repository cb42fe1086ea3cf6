"""Values every page template can use."""

from django.http import HttpRequest


def canonical(request: HttpRequest) -> dict[str, str]:
    """The page's canonical URL: its path on this host, without the query string."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
