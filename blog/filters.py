"""Filters of the inhabitants' initiatives, shared by the API, the feeds and the site.

An initiative's département and structure type are those of its organising centres; its follow-up
stage is the current one (the latest dated step, see InitiativeQuerySet.with_current_stage).
"""

from django.db.models import Q
from django.utils.text import slugify

from centres.filters import centres_near
from centres.models import CentrePage, StructureType
from home.filtering import (
    Boolean,
    Choice,
    DepartmentCode,
    LatLon,
    ListOf,
    PositiveInteger,
    PositiveNumber,
    Slug,
    Text,
)

from .models import FollowUpStageName, InitiativeDimension, InitiativeOrganiser, InitiativePage, InitiativeStatus

DEFAULT_NEAR_RADIUS_KM = 20

INITIATIVE_FILTERS = {
    "department": ListOf(DepartmentCode(), "Département d'un des centres organisateurs."),
    "theme": ListOf(Slug("Identifiant d'un thème (voir /api/v2/themes/).")),
    "tag": Text("Mot-clé (son nom ou son identifiant d'URL).", example="jardin"),
    "structure_type": Choice(
        StructureType.values, "Type d'un des centres organisateurs : cs (centre social) ou evs (espace de vie sociale)."
    ),
    "centre": PositiveInteger("Identifiant (id) d'un centre organisateur, pour le site d'un centre."),
    "status": Choice(InitiativeStatus.values, "Statut de l'initiative : en_cours ou terminee."),
    "dimension": Choice(InitiativeDimension.values, "Dimension de l'action (format fiche action SENACS)."),
    "significant": Boolean("true : seulement les « actions signifiantes » accompagnées par la fédération."),
    "follow_up_stage": Choice(
        FollowUpStageName.values, "Étape de suivi actuelle d'une action signifiante (la plus récente)."
    ),
    "near": LatLon(
        "Point « latitude,longitude » : seulement les initiatives dont un centre organisateur est à moins de "
        f"« radius_km » kilomètres (par défaut {DEFAULT_NEAR_RADIUS_KM} km)."
    ),
    "radius_km": PositiveNumber("Rayon autour de « near », en kilomètres.", requires="near"),
}


def _organised_by(**lookups):
    return InitiativeOrganiser.objects.filter(**lookups).values("page_id")


def filter_initiatives(queryset, filters):
    """Apply parsed INITIATIVE_FILTERS to a queryset of InitiativePage."""
    if "department" in filters:
        queryset = queryset.filter(pk__in=_organised_by(centre__commune__department__code__in=filters["department"]))
    if "structure_type" in filters:
        queryset = queryset.filter(pk__in=_organised_by(centre__structure_type=filters["structure_type"]))
    if "centre" in filters:
        queryset = queryset.filter(pk__in=_organised_by(centre_id=filters["centre"]))
    if "theme" in filters:
        queryset = queryset.filter(pk__in=InitiativePage.objects.filter(themes__slug__in=filters["theme"]).values("pk"))
    if "tag" in filters:
        tag = filters["tag"]
        tagged = InitiativePage.objects.filter(
            Q(tagged_items__tag__name__iexact=tag) | Q(tagged_items__tag__slug__in={tag.lower(), slugify(tag)})
        )
        queryset = queryset.filter(pk__in=tagged.values("pk"))
    if "status" in filters:
        queryset = queryset.filter(status=filters["status"])
    if "dimension" in filters:
        queryset = queryset.filter(dimension=filters["dimension"])
    if "significant" in filters:
        queryset = queryset.filter(is_significant=filters["significant"])
    if "near" in filters:
        latitude, longitude = filters["near"]
        radius_km = filters.get("radius_km", DEFAULT_NEAR_RADIUS_KM)
        nearby = centres_near(CentrePage.objects.all(), latitude, longitude, radius_km)
        queryset = queryset.filter(pk__in=_organised_by(centre__in=nearby.values("pk")))
    if "follow_up_stage" in filters:
        at_stage = InitiativePage.objects.with_current_stage().filter(current_stage=filters["follow_up_stage"])
        queryset = queryset.filter(pk__in=at_stage.values("pk"))
    return queryset
