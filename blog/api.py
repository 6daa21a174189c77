"""The inhabitants' initiatives in the partner API: filters and what their fields need loaded."""

from django.db.models import Prefetch

from home.api import PageTypeAPI
from home.api_fields import centre_summary_only

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
                # Organisers show as centre summaries: not the centres' whole pages.
                queryset=InitiativeOrganiser.objects.select_related("centre__commune__department").only(
                    "page", "centre", "sort_order", *centre_summary_only("centre__")
                ),
            ),
            Prefetch("tagged_items", queryset=InitiativeTag.objects.select_related("tag")),
        ),
    ),
]
