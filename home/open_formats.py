"""What the open-format endpoints share (feeds, calendars, GeoJSON, data·inclusion, widget):
read-only, filtered with the API's filter declarations, a 400 JSON error naming a bad parameter.
"""

import functools
import json
import re
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.views.decorators.http import require_safe
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Site

from home.api_cache import per_content_version
from home.api_privacy import restricted_collection_paths, site_root
from home.filtering import InvalidFilter, parse_filters

# The paths Wagtail's serve view answers (wagtail/urls.py): what reverse("wagtail_serve") accepts.
SERVE_PATH_RE = re.compile(r"(?:[\w\-]+/)*" if WAGTAIL_APPEND_SLASH else r"[\w\-/]*")
# Paths that quote() would leave as they are (ASCII letters, digits, "_", "-", "/"): most slugs.
PLAIN_PATH_RE = re.compile(r"[A-Za-z0-9_\-/]*")


def invalid_filter_response(error):
    """The API's 400 answer to an unknown or malformed parameter: it names the parameter, in French."""
    return JsonResponse(
        {"message": f"Paramètre « {error.param} » : {error.message}", "parameter": error.param}, status=400
    )


def json_text(data):
    """Compact JSON text, accents left as they are, dates and decimals as ISO strings: what the open
    formats, the structured data and the API index's GeoJSON Features write."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def json_response(data, content_type="application/json", status=200):
    """`data` as JSON text (json_text) in UTF-8."""
    return HttpResponse(json_text(data), content_type=content_type, status=status)


def open_format_view(allowed, own=()):
    """Decorate `view(request, filters, **kwargs)`: GET/HEAD only; `filters` parsed from the query string
    with `allowed` (the API's declarations); `own` names the parameters the view reads itself."""

    def decorator(view):
        @require_safe
        @functools.wraps(view)
        def wrapper(request, **kwargs):
            try:
                filters = parse_filters(request.GET, allowed, own=own)
            except InvalidFilter as error:
                return invalid_filter_response(error)
            return view(request, filters, **kwargs)

        return wrapper

    return decorator


def public_image(image, request=None):
    """The image if anonymous readers may see it, None when it is missing or in a private collection."""
    if image is None:
        return None
    path = image.collection.path
    if any(path.startswith(restricted) for restricted in restricted_collection_paths(request)):
        return None
    return image


def page_url_builder(request):
    """A function giving a page's public URL from its `url_path`, the same as Page.get_full_url(request),
    for listings of thousands of rows read with values(): no Page instance, no reverse() per page.

    Like Wagtail, it takes the first site whose root contains the page, the request's site when several
    do, and quotes the path as reverse() does; a path reverse() would refuse goes through reverse().
    """
    root_paths = per_content_version(request, "site_root_paths", Site.get_site_root_paths)
    found = site_root(request)
    request_site_id = found[0].pk if found else None
    try:
        serve_root = reverse("wagtail_serve", args=("",))
    except NoReverseMatch:  # pages not served by Wagtail (headless): no public URL, as get_full_url says
        return lambda url_path: None

    def build(url_path):
        possible = [root for root in root_paths if url_path.startswith(root.root_path)]
        if not possible:
            return None
        chosen = possible[0]
        if request_site_id is not None and len({root.site_id for root in possible}) > 1:
            chosen = next((root for root in possible if root.site_id == request_site_id), chosen)
        rest = url_path[len(chosen.root_path) :]
        if SERVE_PATH_RE.fullmatch(rest):
            plain = PLAIN_PATH_RE.fullmatch(rest)
            path = serve_root + (rest if plain else quote(rest, safe=RFC3986_SUBDELIMS + "/~:@"))
        else:
            try:
                path = reverse("wagtail_serve", args=(rest,))
            except NoReverseMatch:
                return None
        if not WAGTAIL_APPEND_SLASH and path != "/":
            path = path.rstrip("/")
        return chosen.root_url + path

    return build
