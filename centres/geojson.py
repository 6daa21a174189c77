"""The directory as a GeoJSON (RFC 7946) FeatureCollection: one point per live, public centre, for partners' maps."""

from django.db.models import Prefetch

from home.api_privacy import public_pages
from home.models import Theme
from home.open_formats import json_response, open_format_view

from .filters import CENTRE_FILTERS, filter_centres
from .models import CentrePage, StructureType

GEOJSON_CONTENT_TYPE = "application/geo+json"
# Six decimals is about 10 cm: more would only make the file heavier (RFC 7946 §11.2).
COORDINATE_DECIMALS = 6


def public_centres(request):
    """Live, public centres with what a map popup needs, in one query per relation."""
    return (
        public_pages(request, CentrePage)
        .select_related("commune")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("pk", "name", "slug")))
        .order_by("title", "pk")
    )


def centre_feature(centre, request):
    """One centre as a GeoJSON Feature: [longitude, latitude] and the properties of a map popup."""
    geometry = None
    if centre.latitude is not None and centre.longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(centre.longitude, COORDINATE_DECIMALS), round(centre.latitude, COORDINATE_DECIMALS)],
        }
    properties = {
        "id": centre.pk,
        "name": centre.title,
        "structure_type": centre.structure_type,
        "structure_type_label": str(StructureType(centre.structure_type).label),
        "address": centre.address,
        "address_complement": centre.address_complement,
        "postcode": centre.postcode,
        "commune": centre.commune.name,
        "insee_code": centre.insee_code,
        "department": centre.department_code,
        "url": centre.get_full_url(request),
        "phone": centre.phone,
        "email": centre.email,
        "website": centre.website,
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in centre.themes.all()],
    }
    distance = getattr(centre, "distance_km", None)
    if distance is not None:
        properties["distance_km"] = round(float(distance), 2)
    return {"type": "Feature", "id": centre.pk, "geometry": geometry, "properties": properties}


def feature_collection(centres, request):
    return {"type": "FeatureCollection", "features": [centre_feature(centre, request) for centre in centres]}


@open_format_view(CENTRE_FILTERS)
def centres_geojson(request, filters):
    """GET /api/v2/centres.geojson — the centres, with the same filters as the API's centre listing."""
    centres = filter_centres(public_centres(request), filters)
    return json_response(feature_collection(centres, request), content_type=GEOJSON_CONTENT_TYPE)
