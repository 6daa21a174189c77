"""The partner API (Wagtail API v2): the router and every endpoint it serves.

Each app declares its page types (filters, prefetching) in its own api.py; they are gathered here.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from blog.api import PAGE_TYPES as BLOG_PAGE_TYPES
from centres.api import PAGE_TYPES as CENTRE_PAGE_TYPES
from centres.api import PartnersEndpoint
from home.api import DocumentsEndpoint, ImagesEndpoint, PagePreviewEndpoint, PagesEndpoint, vocabulary_endpoint
from home.api_cache import cached_api_view, no_store
from home.api_docs import docs_view, openapi_view
from home.models import Audience, Department, Theme
from resources.api import PAGE_TYPES as RESOURCE_PAGE_TYPES


class FigoPagesEndpoint(PagesEndpoint):
    page_types = {page_type.model: page_type for page_type in CENTRE_PAGE_TYPES + BLOG_PAGE_TYPES + RESOURCE_PAGE_TYPES}


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", FigoPagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
api_router.register_endpoint("departments", vocabulary_endpoint(Department, "departments"))
api_router.register_endpoint("themes", vocabulary_endpoint(Theme, "themes"))
api_router.register_endpoint("audiences", vocabulary_endpoint(Audience, "audiences"))
api_router.register_endpoint("partners", PartnersEndpoint)
api_router.register_endpoint("page_preview", PagePreviewEndpoint)


def api_urlpatterns():
    """The router's URLs, cached and conditional (previews excepted), and the contract's URLs."""
    patterns = []
    for pattern in api_router.get_urlpatterns():
        patterns += decorate_urlpatterns(
            [pattern], no_store if "page_preview" in str(pattern.pattern) else cached_api_view
        )
    return [
        path("openapi.json", cached_api_view(openapi_view(api_router)), name="openapi"),
        path("docs/", docs_view, name="docs"),
        *patterns,
    ]


api_urls = (api_urlpatterns(), "wagtailapi", "wagtailapi")
