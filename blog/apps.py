from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """The blog of inhabitants' initiatives and the follow-up of the "actions signifiantes"."""

    name = "blog"
    verbose_name = _("Initiatives d'habitants")
