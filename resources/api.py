"""The resource centre in the partner API: trainings, workshops and dossiers."""

from django.db.models import Prefetch

from home.api import PageTypeAPI

from .filters import (
    DOSSIER_FILTERS,
    TRAINING_FILTERS,
    WORKSHOP_FILTERS,
    filter_dossiers,
    filter_trainings,
    filter_workshops,
)
from .models import DossierDocument, DossierPage, TrainingPage, TrainingSession, WorkshopDocument, WorkshopPage

PLACE_RELATED = ("place_centre__commune__department", "place_commune__department")

PAGE_TYPES = [
    PageTypeAPI(
        TrainingPage,
        filters=TRAINING_FILTERS,
        filter_queryset=filter_trainings,
        prefetch_related=(
            Prefetch("sessions", queryset=TrainingSession.objects.select_related(*PLACE_RELATED).order_by("start")),
        ),
    ),
    PageTypeAPI(
        WorkshopPage,
        filters=WORKSHOP_FILTERS,
        filter_queryset=filter_workshops,
        select_related=PLACE_RELATED,
        prefetch_related=(
            Prefetch("documents", queryset=WorkshopDocument.objects.select_related("document__collection")),
        ),
    ),
    PageTypeAPI(
        DossierPage,
        filters=DOSSIER_FILTERS,
        filter_queryset=filter_dossiers,
        prefetch_related=(
            Prefetch("documents", queryset=DossierDocument.objects.select_related("document__collection")),
        ),
    ),
]
