"""The site's URLs plus the benchmark's ceiling: a bare Django view returning a small JSON body."""

from django.http import JsonResponse
from django.urls import include, path


def ceiling(request):
    """What Django itself costs on this server: no database, no template, a few bytes of JSON."""
    return JsonResponse({"ok": True})


urlpatterns = [
    path("__benchmark__/ceiling", ceiling),
    path("", include("urls")),
]
