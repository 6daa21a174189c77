"""What a page says about itself to search engines and social networks: description, canonical URL, share image.

Absolute URLs are built on the root URL of the page's Wagtail site (its hostname, as editors configured it),
not on the host a request happened to use, so that canonical and Open Graph URLs are stable.
"""

import html

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

DESCRIPTION_LENGTH = 200
SHARE_IMAGE_SPEC = "fill-1200x630"
SITE_NAME = "FIGO — Fédération des centres sociaux Garonne Occitanie"
DEFAULT_DESCRIPTION = (
    "La Fédération interdépartementale Garonne Occitanie des centres sociaux et des espaces de vie sociale : "
    "annuaire des structures, initiatives d'habitants, formations et centre ressources."
)
# Fields read, in this order, when an editor wrote neither a search description nor a summary.
DESCRIPTION_FALLBACKS = ("introduction", "description", "objectives")


def site_root_url(request):
    """ "https://www.figo.example": the root URL of the request's Wagtail site (or of the request itself)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute_url(request, url):
    """`url` made absolute on the site's root URL; already absolute URLs are left alone."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{site_root_url(request)}{url}"


def plain(text):
    return " ".join(html.unescape(strip_tags(str(text or ""))).split())


def page_description(page):
    """The page's description: its search description, else its summary, else the start of its introduction."""
    for value in (getattr(page, "search_description", ""), getattr(page, "summary", "")):
        if value and value.strip():
            return Truncator(plain(value)).chars(DESCRIPTION_LENGTH)
    for name in DESCRIPTION_FALLBACKS:
        value = plain(getattr(page, name, ""))
        if value:
            return Truncator(value).chars(DESCRIPTION_LENGTH)
    return ""


def share_image(page, request):
    """The page's image as shared on social networks: {"url", "width", "height", "alt"}, or None."""
    image = getattr(page, "image", None)
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or "",
    }


def canonical_url(page, request, page_number=None):
    """The page's public URL; a listing's later pages keep their number, filters are not part of it."""
    url = page.get_full_url(request)
    if url and page_number and int(page_number) > 1:
        url = f"{url}?page={int(page_number)}"
    return url


def page_metadata(page, request, page_obj=None):
    """Everything the <head> says about a page: title, description, canonical URL, Open Graph type, image."""
    is_article = page._meta.model_name == "initiativepage"
    return {
        "title": page.seo_title or page.title,
        "description": page_description(page) or DEFAULT_DESCRIPTION,
        "canonical": canonical_url(page, request, getattr(page_obj, "number", None)),
        "og_type": "article" if is_article else "website",
        "published": getattr(page, "date", None) if is_article else None,
        "modified": page.last_published_at if is_article else None,
        "image": share_image(page, request),
        "site_name": SITE_NAME,
    }
