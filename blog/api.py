"""The inhabitants' initiatives in the partner API: filters and what their fields need loaded."""

from django.db.models import Prefetch

from home.api import PageTypeAPI

from .filters import INITIATIVE_FILTERS, filter_initiatives
from .models import InitiativeOrganiser, InitiativePage, InitiativeTag

PAGE_TYPES = [
    PageTypeAPI(
        InitiativePage,
        filters=INITIATIVE_FILTERS,
        filter_queryset=filter_initiatives,
        prefetch_related=(
            Prefetch(
                "organisers",
                queryset=InitiativeOrganiser.objects.select_related("centre__commune__department"),
            ),
            Prefetch("tagged_items", queryset=InitiativeTag.objects.select_related("tag")),
        ),
    ),
]
