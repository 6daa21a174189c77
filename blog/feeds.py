"""RSS 2.0 and Atom feeds of the inhabitants' initiatives, filterable like the API's initiative listing.

Each item carries an absolute link, a stable guid (a tag: URI built from the page id, so a renamed page is not
a new item), the publication date, the themes as categories, the summary as description and, when the
initiative has an image, its card rendition as an enclosure and as Media RSS.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import feedgenerator, timezone
from wagtail.images.models import Rendition

from home.api_images import IMAGE_RENDITIONS, absolute_url
from home.api_privacy import public_pages
from home.filtering import PositiveInteger
from home.models import Theme
from home.open_formats import open_format_view, public_image
from resources.calendar import plain_text, uid_host

from .filters import INITIATIVE_FILTERS, filter_initiatives
from .models import BlogIndexPage, InitiativePage

FEED_ITEMS_DEFAULT = 30
FEED_ITEMS_MAX = 100
CARD_SPEC = IMAGE_RENDITIONS["card"]
MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"
FEED_TITLE = "Initiatives d'habitants — FIGO"
FEED_DESCRIPTION = (
    "Les initiatives d'habitants accompagnées par les centres sociaux et espaces de vie sociale "
    "de la Fédération Interdépartementale Garonne Occitanie."
)
FEED_AUTHOR = "FIGO — Fédération des centres sociaux et EVS Garonne Occitanie"
SUMMARY_FALLBACK_LENGTH = 400
# The year in the tag: URIs of the guids; it must never change, or every reader would see every item again.
TAG_URI_YEAR = 2025

FEED_PARAMETERS = {
    **INITIATIVE_FILTERS,
    "limit": PositiveInteger(f"Nombre d'éléments du flux, {FEED_ITEMS_MAX} au plus ({FEED_ITEMS_DEFAULT} par défaut)."),
}


class MediaRssMixin:
    """Adds a <media:content> per item that has an image (read by most readers)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("image")
        if image:
            handler.startElement(
                "media:content",
                {
                    "url": image["url"],
                    "medium": "image",
                    "type": image["mime_type"],
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )
            if image["alt"]:
                handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
            handler.endElement("media:content")


class InitiativesRss(MediaRssMixin, feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:media"] = MEDIA_RSS_NS
        return attrs


class InitiativesAtom(MediaRssMixin, feedgenerator.Atom1Feed):
    def root_attributes(self):
        attrs = super().root_attributes()
        attrs["xmlns:media"] = MEDIA_RSS_NS
        return attrs


def feed_initiatives(request):
    """Live, public initiatives, newest publication first, with image renditions and themes prefetched."""
    renditions = Rendition.objects.filter(filter_spec=CARD_SPEC)
    return (
        public_pages(request, InitiativePage)
        .select_related("image__collection")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "name")),
            Prefetch("image__renditions", queryset=renditions),
        )
        .order_by("-first_published_at", "-pk")
    )


def card_image(page, request):
    """The initiative's card rendition with absolute URL, size, type and alt text, or None."""
    image = public_image(page.image, request)
    if image is None:
        return None
    # get_renditions, unlike get_rendition, doesn't write the prefetched rendition back to the cache each time.
    rendition = image.get_renditions(CARD_SPEC)[CARD_SPEC]
    try:
        length = rendition.file.size
    except OSError:
        length = 0
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    mime_type = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "image/jpeg"
    )
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "length": length,
        "mime_type": mime_type,
        "alt": getattr(image, "default_alt_text", "") or image.title,
    }


class InitiativesFeed(Feed):
    """The RSS 2.0 feed of one request (built per request: it holds the request and its filters)."""

    feed_type = InitiativesRss
    title = FEED_TITLE
    description = FEED_DESCRIPTION
    subtitle = FEED_DESCRIPTION
    author_name = FEED_AUTHOR
    language = "fr"
    item_guid_is_permalink = False

    def __init__(self, request, filters):
        super().__init__()
        self.request = request
        self.filters = dict(filters)
        self.limit = min(self.filters.pop("limit", FEED_ITEMS_DEFAULT), FEED_ITEMS_MAX)

    def link(self):
        blog = public_pages(self.request, BlogIndexPage).first()
        return blog.get_full_url(self.request) if blog else self.request.build_absolute_uri("/")

    def feed_url(self):
        return self.request.build_absolute_uri()

    def feed_guid(self):
        return f"tag:{uid_host()},{TAG_URI_YEAR}:initiatives"

    def items(self):
        return filter_initiatives(feed_initiatives(self.request), self.filters)[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if item.summary:
            return item.summary
        text = plain_text(item.description)
        return text if len(text) <= SUMMARY_FALLBACK_LENGTH else text[:SUMMARY_FALLBACK_LENGTH].rsplit(" ", 1)[0] + "…"

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return f"tag:{uid_host()},{TAG_URI_YEAR}:initiative-{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at or timezone.now()

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or timezone.now()

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_extra_kwargs(self, item):
        return {"image": self.image_of(item)}

    def item_enclosures(self, item):
        image = self.image_of(item)
        if image is None:
            return []
        return [feedgenerator.Enclosure(image["url"], str(image["length"]), image["mime_type"])]

    def image_of(self, item):
        if not hasattr(item, "_feed_image"):
            item._feed_image = card_image(item, self.request)
        return item._feed_image


class InitiativesAtomFeed(InitiativesFeed):
    feed_type = InitiativesAtom


@open_format_view(FEED_PARAMETERS)
def initiatives_rss(request, filters):
    """GET /api/v2/feeds/initiatives.rss"""
    return InitiativesFeed(request, filters)(request)


@open_format_view(FEED_PARAMETERS)
def initiatives_atom(request, filters):
    """GET /api/v2/feeds/initiatives.atom"""
    return InitiativesAtomFeed(request, filters)(request)
