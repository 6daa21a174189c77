"""What anonymous partners may see: live pages without view restrictions, media outside private collections.

The partner API is anonymous and cached for everybody, so a logged-in editor or a member sees the same
thing as anyone else: pages of the members' area and their private documents and images never appear.
An image or a document is private when its collection, or a parent collection, has a view restriction
(Wagtail's collection privacy); Wagtail only enforces it for documents, the API applies it to both.
"""

from django.db.models import Q
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

_RESTRICTED_PAGES = "_figo_restricted_page_paths"
_RESTRICTED_COLLECTIONS = "_figo_restricted_collection_paths"


def _memo(request, attribute, compute):
    """Compute once per request (or every time without a request)."""
    if request is None:
        return compute()
    if not hasattr(request, attribute):
        setattr(request, attribute, compute())
    return getattr(request, attribute)


def restricted_page_paths(request=None):
    """Tree paths of the pages with a view restriction (their descendants are restricted too)."""
    return _memo(
        request,
        _RESTRICTED_PAGES,
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def restricted_collection_paths(request=None):
    """Tree paths of the collections with a view restriction (their descendants are private too)."""
    return _memo(
        request,
        _RESTRICTED_COLLECTIONS,
        lambda: tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True)),
    )


def is_public_page(page, request=None):
    """Whether an anonymous reader may see this page: live and outside every restricted branch."""
    if page is None or not page.live:
        return False
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def public_pages(request=None, model=Page):
    """Live pages of `model` without view restriction, under the root of the request's site."""
    queryset = model.objects.live().public()
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return queryset.none()
    return queryset.descendant_of(site.root_page, inclusive=True)


def in_public_collection_q(request=None, prefix=""):
    """Q keeping images or documents whose collection is not private."""
    condition = Q()
    for path in restricted_collection_paths(request):
        condition &= ~Q(**{f"{prefix}collection__path__startswith": path})
    return condition


def public_media(queryset, request=None):
    """Images or documents outside private collections."""
    return queryset.filter(in_public_collection_q(request))
