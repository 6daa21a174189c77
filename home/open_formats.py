"""What the open-format endpoints share (feeds, calendars, GeoJSON, data·inclusion, widget):
read-only, filtered with the API's filter declarations, a 400 JSON error naming a bad parameter.
"""

import functools

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from home.api_privacy import restricted_collection_paths
from home.filtering import InvalidFilter, parse_filters


def invalid_filter_response(error):
    """The API's 400 answer to an unknown or malformed parameter: it names the parameter, in French."""
    return JsonResponse(
        {"message": f"Paramètre « {error.param} » : {error.message}", "parameter": error.param}, status=400
    )


def json_response(data, content_type="application/json", status=200):
    """JSON in UTF-8 (accents left as they are), dates and decimals as ISO strings."""
    return JsonResponse(
        data,
        encoder=DjangoJSONEncoder,
        safe=False,
        status=status,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


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
