from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """The resource centre: thematic dossiers, trainings and exchange-of-practice workshops."""

    name = "resources"
    verbose_name = _("Centre ressources")
