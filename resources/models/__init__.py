from .dossiers import (
    DocumentType,
    DossierDocument,
    DossierKeyFigure,
    DossierLink,
    DossierPage,
    DossierRelatedPage,
    ResourceIndexPage,
)
from .places import AttendanceMode
from .registrations import Registration, RegistrationStatus
from .trainings import TrainingIndexPage, TrainingPage, TrainingSession
from .workshops import WorkshopDocument, WorkshopIndexPage, WorkshopPage

__all__ = [
    "AttendanceMode",
    "DocumentType",
    "DossierDocument",
    "DossierKeyFigure",
    "DossierLink",
    "DossierPage",
    "DossierRelatedPage",
    "Registration",
    "RegistrationStatus",
    "ResourceIndexPage",
    "TrainingIndexPage",
    "TrainingPage",
    "TrainingSession",
    "WorkshopDocument",
    "WorkshopIndexPage",
    "WorkshopPage",
]
