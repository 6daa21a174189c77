"""Correction requests sent by readers about a centre's page, for the editors of its département."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectionStatus(models.TextChoices):
    NEW = "nouvelle", _("Nouvelle")
    HANDLED = "traitee", _("Traitée")


class CorrectionRequestQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The requests about centres `user` may edit: a département's editors see their own centres only."""
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return self.filter(centre__in=PagePermissionPolicy().instances_user_has_permission_for(user, "change"))


class CorrectionRequest(models.Model):
    """A reader's "Signaler une modification" about a centre: what is wrong, and who to answer."""

    centre = models.ForeignKey(
        "centres.CentrePage",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    message = models.TextField(_("modification signalée"))
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("courriel"))
    consent = models.BooleanField(_("consentement au traitement des données"), default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW, db_index=True
    )
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)

    objects = CorrectionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande de correction")
        verbose_name_plural = _("demandes de correction")

    def __str__(self):
        return f"{self.centre.title} — {self.created_at:%d/%m/%Y}"
