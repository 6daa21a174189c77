"""URL configuration: admin, documents, search, API, then Wagtail's page serving."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api import api_urls
from home.api_cache import cache_open_formats
from home.search import search_view
from home.views import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # feeds, calendars, GeoJSON, data·inclusion, widget (cached like the API), /integrer/
    path("", include(cache_open_formats("home.feed_urls"))),
    path("api/v2/", api_urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("recherche/", search_view, name="search"),
    path("", include("resources.urls")),  # training registrations (/formations/...)
    path("", include("blog.urls")),  # /proposer-une-initiative/
    path("", include("centres.urls")),  # /signaler-une-modification/<centre>/
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
