"""The API index: what the partner API shows of each live page, serialised once and kept at publication.

Like Wagtail's search index, it is a read model maintained by signals (home.api_index_signals) and
rebuilt by a command (`manage.py build_api_index`); home.api_index explains when an entry is current.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class ApiIndexState(models.Model):
    """The two epochs of the API index (one row): changing one makes every item, or every total, out of date."""

    items_epoch = models.BigIntegerField(_("époque des éléments"), default=0)
    totals_epoch = models.BigIntegerField(_("époque des totaux"), default=0)

    class Meta:
        verbose_name = _("état de l'index de l'API")
        verbose_name_plural = _("états de l'index de l'API")

    def __str__(self):
        return f"{self.items_epoch}.{self.totals_epoch}"


class ApiIndexEntry(models.Model):
    """One serialised item of a page for one site and variant ("item:2:*:42"), or a listing's total
    ("total:2:blog.InitiativePage").

    An entry is current when it was built (or counted) under its present `stamp` (`built_stamp`), in the
    present items (or totals) epoch and format.
    """

    key = models.CharField(_("clé"), max_length=255, unique=True)
    # No constraint in the database: a page's deletion can invalidate its entries (Wagtail unpublishes it
    # first) after Django gathered the rows to delete with it. Such an entry is never current again (a
    # deletion starts a new items epoch); `build_api_index` removes it.
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_constraint=False
    )
    stamp = models.BigIntegerField(_("marque"), default=0)
    built_stamp = models.BigIntegerField(_("marque à la construction"), null=True, blank=True)
    epoch = models.BigIntegerField(_("époque"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=64, blank=True)
    body = models.TextField(_("contenu JSON"), blank=True)

    class Meta:
        verbose_name = _("entrée de l'index de l'API")
        verbose_name_plural = _("entrées de l'index de l'API")

    def __str__(self):
        return self.key
