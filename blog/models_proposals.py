"""Who proposed an initiative through the public form: contact details kept for the editors only.

The proposal is a separate model so that the contact never reaches the page's fields, hence never the API,
the feeds, the search index or the templates: only the admin shows it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeProposal(models.Model):
    """The proposer's contact for an initiative sent with "Proposer une initiative"; admin-only."""

    page = models.OneToOneField(
        "blog.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="proposal",
    )
    proposer_name = models.CharField(_("nom de la personne"), max_length=150)
    proposer_email = models.EmailField(_("courriel"))
    proposer_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    structure = models.CharField(_("structure ou groupe d'habitants"), max_length=200)
    consent = models.BooleanField(_("consentement au traitement des données"), default=False)
    photos = models.ManyToManyField(
        "wagtailimages.Image", verbose_name=_("photos envoyées"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition d'initiative")
        verbose_name_plural = _("propositions d'initiatives")

    def __str__(self):
        return f"{self.page.title} — {self.structure}"
