from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    """The directory of centres sociaux and EVS, département pages and partners."""

    name = "centres"
    verbose_name = _("Annuaire")

    def ready(self):
        from home import api_index

        from .geojson import INDEX_VARIANT
        from .models import CentrePage

        # The centres' GeoJSON Features are kept in the API index, and invalidated with their pages.
        api_index.register_variant(CentrePage, INDEX_VARIANT)
