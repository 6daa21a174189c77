"""The directory as a GeoJSON (RFC 7946) FeatureCollection: one point per live, public centre, for partners' maps.

The whole directory is thousands of centres. Each centre's Feature is kept in the API index
(home.api_index, variant "geojson"), so a request reads the ids of the filtered centres, then their
Features, and joins them. Features missing from the index are built as plain rows (values()), with one
more query for the themes of them all, and no Page instance nor URL reversal per centre.
"""

from django.http import HttpResponse

from home import api_index
from home.api_privacy import public_pages
from home.models import Theme
from home.open_formats import json_text, open_format_view, page_url_builder

from .filters import CENTRE_FILTERS, filter_centres
from .models import CentrePage, StructureType

GEOJSON_CONTENT_TYPE = "application/geo+json"
INDEX_VARIANT = "geojson"
# Six decimals is about 10 cm: more would only make the file heavier (RFC 7946 §11.2).
COORDINATE_DECIMALS = 6
CENTRE_COLUMNS = (
    "pk",
    "title",
    "structure_type",
    "address",
    "address_complement",
    "postcode",
    "commune_id",
    "commune__name",
    "url_path",
    "phone",
    "email",
    "website",
    "latitude",
    "longitude",
)


def public_centres(request):
    """Live, public centres in the order of the map's list (by name)."""
    return public_pages(request, CentrePage).order_by("title", "pk")


def themes_by_centre(centres):
    """{centre id: [{slug, name}, …]} for the centres of a queryset, in the themes' own order, in one query."""
    through = CentrePage.themes.through
    rows = (
        through.objects.filter(centrepage_id__in=centres.order_by().values("pk"))
        .order_by(*(f"theme__{name}" for name in Theme._meta.ordering), "theme_id")
        .values_list("centrepage_id", "theme__slug", "theme__name")
    )
    themes = {}
    for centre_id, slug, name in rows:
        themes.setdefault(centre_id, []).append({"slug": slug, "name": name})
    return themes


def centre_feature(row, themes, page_url, labels):
    """One centre (a row of CENTRE_COLUMNS) as a GeoJSON Feature: [longitude, latitude] and the properties
    of a map popup."""
    geometry = None
    if row["latitude"] is not None and row["longitude"] is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(row["longitude"], COORDINATE_DECIMALS), round(row["latitude"], COORDINATE_DECIMALS)],
        }
    commune = row["commune_id"] or ""
    properties = {
        "id": row["pk"],
        "name": row["title"],
        "structure_type": row["structure_type"],
        "structure_type_label": labels[row["structure_type"]],
        "address": row["address"],
        "address_complement": row["address_complement"],
        "postcode": row["postcode"],
        "commune": row["commune__name"],
        "insee_code": row["commune_id"],
        "department": commune[:2],
        "url": page_url(row["url_path"]),
        "phone": row["phone"],
        "email": row["email"],
        "website": row["website"],
        "themes": themes.get(row["pk"], []),
    }
    return {"type": "Feature", "id": row["pk"], "geometry": geometry, "properties": properties}


def build_features(ids, request):
    """{centre id: Feature JSON} of these centres (what the API index keeps)."""
    centres = CentrePage.objects.filter(pk__in=ids)
    themes = themes_by_centre(centres)
    page_url = page_url_builder(request)
    labels = {value: str(label) for value, label in StructureType.choices}
    return {
        row["pk"]: json_text(centre_feature(row, themes, page_url, labels)) for row in centres.values(*CENTRE_COLUMNS)
    }


def feature_collection(centres, request, whole=False):
    """The FeatureCollection (UTF-8 JSON) of a queryset of centres (filtered, ordered, perhaps annotated
    with distance_km), its Features read from the API index (or built where missing). `whole`: every
    public centre, unfiltered (api_index.queryset_items)."""
    distance = ("distance_km",) if "distance_km" in centres.query.annotations else ()
    rows = api_index.queryset_items(
        centres, api_index.scope_of(request), INDEX_VARIANT, lambda ids: build_features(ids, request), distance, whole
    )
    if distance:  # distance_km last in the properties, which end the Feature
        features = [api_index.with_distance(feature, km, depth=2) for _pk, km, feature in rows]
    else:
        features = [feature for _pk, feature in rows]
    return b'{"type":"FeatureCollection","features":[%s]}' % b",".join(features)


@open_format_view(CENTRE_FILTERS)
def centres_geojson(request, filters):
    """GET /api/v2/centres.geojson — the centres, with the same filters as the API's centre listing."""
    centres = filter_centres(public_centres(request), filters)
    collection = feature_collection(centres, request, whole=not filters)
    return HttpResponse(collection, content_type=GEOJSON_CONTENT_TYPE)
