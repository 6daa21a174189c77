"""Filters of the resource centre: trainings, their sessions, workshops and dossiers.

Dates are read in Europe/Paris: `starts_after=2026-09-01` keeps what starts on 1 September or later,
`starts_before=2026-09-30` what starts on 30 September or earlier; `upcoming=true` keeps what has not
ended yet. A training matches the date and département filters when one of its sessions does.
"""

from django.db.models import Q
from django.utils import timezone

from home.filtering import Boolean, DepartmentCode, IsoDate, ListOf, Slug, day_end, day_start

from .models import TrainingPage, TrainingSession

STARTS_AFTER = IsoDate("Commence ce jour-là ou après (AAAA-MM-JJ, heure de Paris).")
STARTS_BEFORE = IsoDate("Commence ce jour-là ou avant (AAAA-MM-JJ, heure de Paris).")
THEMES = ListOf(Slug("Identifiant d'un thème (voir /api/v2/themes/)."))
AUDIENCES = ListOf(Slug("Identifiant d'un public (voir /api/v2/audiences/)."))
PLACE_DEPARTMENT = ListOf(DepartmentCode(), "Département du lieu (centre de l'annuaire ou commune).")

SESSION_FILTERS = {
    "starts_after": STARTS_AFTER,
    "starts_before": STARTS_BEFORE,
    "upcoming": Boolean("true : sessions pas encore terminées ; false : sessions passées."),
    "department": PLACE_DEPARTMENT,
    "theme": THEMES,
    "audience": AUDIENCES,
}
TRAINING_FILTERS = {
    "starts_after": IsoDate("Une session commence ce jour-là ou après (AAAA-MM-JJ, heure de Paris)."),
    "starts_before": IsoDate("Une session commence ce jour-là ou avant (AAAA-MM-JJ, heure de Paris)."),
    "upcoming": Boolean("true : formations ayant une session à venir ; false : formations sans session à venir."),
    "department": ListOf(DepartmentCode(), "Département du lieu d'une session."),
    "theme": THEMES,
    "audience": AUDIENCES,
}
WORKSHOP_FILTERS = {
    "starts_after": STARTS_AFTER,
    "starts_before": STARTS_BEFORE,
    "upcoming": Boolean("true : ateliers pas encore terminés ; false : ateliers passés."),
    "department": PLACE_DEPARTMENT,
    "theme": THEMES,
}
DOSSIER_FILTERS = {"theme": THEMES}


def place_in_departments(codes, prefix=""):
    """Q for a place (a centre of the directory or a commune) in one of the départements."""
    return Q(**{f"{prefix}place_centre__commune__department__code__in": codes}) | Q(
        **{f"{prefix}place_commune__department__code__in": codes}
    )


def _dated(filters, prefix=""):
    """Q for the start-date filters on `start`; `upcoming` is handled by the callers."""
    condition = Q()
    if "starts_after" in filters:
        condition &= Q(**{f"{prefix}start__gte": day_start(filters["starts_after"])})
    if "starts_before" in filters:
        condition &= Q(**{f"{prefix}start__lt": day_end(filters["starts_before"])})
    return condition


def trainings_in_vocabularies(filters):
    """The ids of the trainings with one of the requested themes and one of the requested audiences (a
    subquery), or None when neither is requested."""
    trainings = TrainingPage.objects.all()
    if "theme" in filters:
        trainings = trainings.filter(pk__in=TrainingPage.objects.filter(themes__slug__in=filters["theme"]).values("pk"))
    if "audience" in filters:
        trainings = trainings.filter(
            pk__in=TrainingPage.objects.filter(audiences__slug__in=filters["audience"]).values("pk")
        )
    return trainings.values("pk") if "theme" in filters or "audience" in filters else None


def filter_sessions(queryset, filters):
    """Apply parsed SESSION_FILTERS to a queryset of TrainingSession."""
    queryset = queryset.filter(_dated(filters))
    if "upcoming" in filters:
        now = timezone.now()
        queryset = queryset.filter(end__gte=now) if filters["upcoming"] else queryset.filter(end__lt=now)
    if "department" in filters:
        queryset = queryset.filter(place_in_departments(filters["department"]))
    trainings = trainings_in_vocabularies(filters)
    if trainings is not None:
        queryset = queryset.filter(page_id__in=trainings)
    return queryset


def filter_trainings(queryset, filters):
    """Apply parsed TRAINING_FILTERS to a queryset of TrainingPage."""
    session_condition = _dated(filters)
    if "department" in filters:
        session_condition &= place_in_departments(filters["department"])
    if filters.get("upcoming") is True:
        session_condition &= Q(end__gte=timezone.now())
    if session_condition:
        queryset = queryset.filter(pk__in=TrainingSession.objects.filter(session_condition).values("page_id"))
    if filters.get("upcoming") is False:
        upcoming = TrainingSession.objects.filter(end__gte=timezone.now()).values("page_id")
        queryset = queryset.exclude(pk__in=upcoming)
    trainings = trainings_in_vocabularies(filters)
    if trainings is not None:
        queryset = queryset.filter(pk__in=trainings)
    return queryset


def filter_workshops(queryset, filters):
    """Apply parsed WORKSHOP_FILTERS to a queryset of WorkshopPage."""
    queryset = queryset.filter(_dated(filters))
    if "upcoming" in filters:
        now = timezone.now()
        queryset = queryset.filter(end__gte=now) if filters["upcoming"] else queryset.filter(end__lt=now)
    if "department" in filters:
        queryset = queryset.filter(place_in_departments(filters["department"]))
    if "theme" in filters:
        queryset = queryset.filter(theme__slug__in=filters["theme"])
    return queryset


def filter_dossiers(queryset, filters):
    """Apply parsed DOSSIER_FILTERS to a queryset of DossierPage."""
    if "theme" in filters:
        queryset = queryset.filter(theme__slug__in=filters["theme"])
    return queryset
