"""What anonymous partners may see: live pages without view restrictions, media outside private collections.

The partner API is anonymous and cached for everybody, so a logged-in editor or a member sees the same
thing as anyone else: pages of the members' area and their private documents and images never appear.
An image or a document is private when its collection, or a parent collection, has a view restriction
(Wagtail's collection privacy); Wagtail only enforces it for documents, the API applies it to both.

The site of the request and the restricted branches are read once per content version
(home.api_cache.per_content_version) for API requests, once per request otherwise: a new view
restriction or a new site replaces the content version, so it is seen at the next request.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from home.api_cache import per_content_version


def restricted_page_paths(request=None):
    """Tree paths of the pages with a view restriction (their descendants are restricted too)."""
    return per_content_version(
        request,
        "restricted_page_paths",
        lambda: tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))),
    )


def restricted_collection_paths(request=None):
    """Tree paths of the collections with a view restriction (their descendants are private too)."""
    return per_content_version(
        request,
        "restricted_collection_paths",
        lambda: tuple(sorted(set(CollectionViewRestriction.objects.values_list("collection__path", flat=True)))),
    )


def _site_root(request):
    """(site, root page path, root page depth) of the request's site, or None."""
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = Page.objects.only("path", "depth").get(pk=site.root_page_id)
    return site, root.path, root.depth


def site_root(request=None):
    """The request's site and the tree position of its root page, read once per content version."""
    if request is None:
        return _site_root(None)
    found = per_content_version(
        request, f"site_root:{request.get_host()}:{request.get_port()}", lambda: _site_root(request)
    )
    if found is not None and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = found[0]  # what Site.find_for_request would have remembered
    return found


def is_public_page(page, request=None):
    """Whether an anonymous reader may see this page: live and outside every restricted branch."""
    if page is None or not page.live:
        return False
    return not any(page.path.startswith(path) for path in restricted_page_paths(request))


def public_q(request=None):
    """Q excluding the restricted branches (Wagtail's `public()` without its query per call)."""
    restricted = restricted_page_paths(request)
    if not restricted:
        return Q()
    return ~reduce(or_, (Q(path__startswith=path) for path in restricted))


def public_pages(request=None, model=Page):
    """Live pages of `model` without view restriction, under the root of the request's site."""
    queryset = model.objects.live()
    found = site_root(request)
    if found is None:
        return queryset.none()
    _site, root_path, root_depth = found
    return queryset.filter(public_q(request), path__startswith=root_path, depth__gte=root_depth)


def in_public_collection_q(request=None, prefix=""):
    """Q keeping images or documents whose collection is not private."""
    condition = Q()
    for path in restricted_collection_paths(request):
        condition &= ~Q(**{f"{prefix}collection__path__startswith": path})
    return condition


def public_media(queryset, request=None):
    """Images or documents outside private collections."""
    return queryset.filter(in_public_collection_q(request))
