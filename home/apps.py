from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The shared app: home page, base page, taxonomies, communes, shared blocks."""

    name = "home"
    verbose_name = _("Accueil et référentiels")

    def ready(self):
        from . import signals  # noqa: F401  (rights on new département pages, moderation of new sections)
        from .api_cache import connect_signals
        from .api_index_signals import connect_signals as connect_index_signals

        # Here rather than at URL loading, so that commands (publish_scheduled, imports) invalidate too.
        connect_signals()
        connect_index_signals()
