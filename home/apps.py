from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The shared app: home page, base page, taxonomies, communes, shared blocks."""

    name = "home"
    verbose_name = _("Accueil et référentiels")
