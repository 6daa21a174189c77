from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    """The directory of centres sociaux and EVS, département pages and partners."""

    name = "centres"
    verbose_name = _("Annuaire")
