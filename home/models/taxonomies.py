"""The shared vocabularies editors pick from: départements, themes and publics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Department(index.Indexed, models.Model):
    """One of the eight départements of the federation (09, 12, 31, 32, 46, 65, 81, 82)."""

    code = models.CharField(
        _("code"),
        max_length=3,
        unique=True,
        help_text=_("Numéro du département sur deux chiffres, par exemple 31."),
    )
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)

    search_fields = [index.SearchField("name"), index.FilterField("code")]
    api_fields = ["code", "name", "slug"]

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.code} — {self.name}"


class Theme(index.Indexed, models.Model):
    """A theme of the federation's watch and action (logement, santé, jeunesse…)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("description")]
    api_fields = ["name", "slug", "description"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name


class Audience(index.Indexed, models.Model):
    """A public addressed by a centre or a training (bénévoles, salariés, élus locaux…)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)

    search_fields = [index.SearchField("name")]
    api_fields = ["name", "slug"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("public")
        verbose_name_plural = _("publics")

    def __str__(self):
        return self.name
