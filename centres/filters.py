"""Filters of the directory (centres sociaux and EVS), shared by the API, the feeds and the site.

`near` annotates each centre with `distance_km`, computed in SQL (great-circle distance with the
spherical law of cosines), after a bounding-box prefilter when a radius is given, and orders by it.
"""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin

from home.filtering import (
    Boolean,
    Choice,
    DepartmentCode,
    InseeCode,
    LatLon,
    ListOf,
    PositiveNumber,
    Slug,
)
from home.models.communes import EARTH_RADIUS_KM

from .models import CentrePage, Partner, PartnerType, StructureType

KM_PER_DEGREE_LATITUDE = 111.32

CENTRE_FILTERS = {
    "department": ListOf(DepartmentCode(), "Département de la commune du centre."),
    "commune": InseeCode("Code INSEE de la commune du centre."),
    "structure_type": Choice(
        StructureType.values, "Type de structure : cs (centre social) ou evs (espace de vie sociale)."
    ),
    "theme": ListOf(Slug("Identifiant d'un thème (voir /api/v2/themes/).")),
    "audience": ListOf(Slug("Identifiant d'un public (voir /api/v2/audiences/).")),
    "qpv": Boolean("true : seulement les centres en quartier prioritaire (QPV)."),
    "federation_member": Boolean("true : seulement les structures adhérentes à la fédération."),
    "near": LatLon(
        "Point de référence « latitude,longitude » : les centres sont triés du plus proche au plus lointain "
        "et chacun reçoit sa distance « distance_km »."
    ),
    "radius_km": PositiveNumber("Rayon de recherche autour de « near », en kilomètres.", requires="near"),
}


def _float(value):
    return Value(float(value), output_field=FloatField())


def distance_expression(latitude, longitude):
    """SQL expression of the distance in km from (latitude, longitude) to a centre's coordinates."""
    lat0 = math.radians(latitude)
    cosine = _float(math.sin(lat0)) * Sin(Radians(F("latitude"))) + _float(math.cos(lat0)) * Cos(
        Radians(F("latitude"))
    ) * Cos(Radians(F("longitude")) - _float(math.radians(longitude)))
    # Rounding can push the cosine just past ±1, where ACos is undefined.
    clamped = Least(_float(1.0), Greatest(_float(-1.0), cosine))
    return _float(EARTH_RADIUS_KM) * ACos(clamped)


def within_radius(queryset, latitude, longitude, radius_km):
    """Centres inside the box around the point; cheap, indexable, and a superset of the circle."""
    delta_lat = radius_km / KM_PER_DEGREE_LATITUDE
    cos_lat = max(math.cos(math.radians(latitude)), 0.01)
    delta_lon = min(radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat), 180.0)
    return queryset.filter(
        latitude__range=(latitude - delta_lat, latitude + delta_lat),
        longitude__range=(longitude - delta_lon, longitude + delta_lon),
    )


def centres_near(queryset, latitude, longitude, radius_km=None):
    """The centres of `queryset` with coordinates, annotated with their `distance_km` from the point and,
    given a radius, within it (a bounding box the indexes serve, then the exact distance)."""
    queryset = queryset.filter(latitude__isnull=False, longitude__isnull=False)
    if radius_km is not None:
        queryset = within_radius(queryset, latitude, longitude, radius_km)
    queryset = queryset.annotate(distance_km=distance_expression(latitude, longitude))
    return queryset.filter(distance_km__lte=radius_km) if radius_km is not None else queryset


def filter_centres(queryset, filters):
    """Apply parsed CENTRE_FILTERS to a queryset of CentrePage."""
    if "department" in filters:
        queryset = queryset.filter(commune__department__code__in=filters["department"])
    if "commune" in filters:
        queryset = queryset.filter(commune_id=filters["commune"])
    if "structure_type" in filters:
        queryset = queryset.filter(structure_type=filters["structure_type"])
    if "theme" in filters:
        queryset = queryset.filter(pk__in=CentrePage.objects.filter(themes__slug__in=filters["theme"]).values("pk"))
    if "audience" in filters:
        queryset = queryset.filter(
            pk__in=CentrePage.objects.filter(audiences__slug__in=filters["audience"]).values("pk")
        )
    if "qpv" in filters:
        queryset = queryset.filter(qpv=filters["qpv"])
    if "federation_member" in filters:
        queryset = queryset.filter(federation_member=filters["federation_member"])
    if "near" in filters:
        latitude, longitude = filters["near"]
        queryset = centres_near(queryset, latitude, longitude, filters.get("radius_km")).order_by("distance_km", "pk")
    return queryset


DEPARTMENT_PAGE_FILTERS = {"department": ListOf(DepartmentCode(), "Département de la page du réseau départemental.")}


def filter_department_pages(queryset, filters):
    """Apply parsed DEPARTMENT_PAGE_FILTERS to a queryset of DepartmentPage."""
    if "department" in filters:
        queryset = queryset.filter(department__code__in=filters["department"])
    return queryset


PARTNER_FILTERS = {
    "department": ListOf(DepartmentCode(), "Département où le partenaire intervient."),
    "theme": ListOf(Slug("Identifiant d'un thème (voir /api/v2/themes/).")),
    "partner_type": Choice(PartnerType.values, "Type de partenaire."),
}


def filter_partners(queryset, filters):
    """Apply parsed PARTNER_FILTERS to a queryset of Partner."""
    if "department" in filters:
        queryset = queryset.filter(
            pk__in=Partner.objects.filter(departments__code__in=filters["department"]).values("pk")
        )
    if "theme" in filters:
        queryset = queryset.filter(pk__in=Partner.objects.filter(themes__slug__in=filters["theme"]).values("pk"))
    if "partner_type" in filters:
        queryset = queryset.filter(partner_type=filters["partner_type"])
    return queryset
