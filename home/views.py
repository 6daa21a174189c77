"""Small views of the public site that are not pages: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Site

# Paths with nothing for search engines: the admin, the search results, the forms' confirmation pages.
DISALLOWED = ("/admin/", "/recherche/", "/documents/authenticate_with_password/")


@require_GET
def robots_txt(request):
    """GET /robots.txt — what crawlers may visit, and where the sitemap is."""
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "", f"Sitemap: {root}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
