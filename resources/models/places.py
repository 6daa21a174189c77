"""Where a training session or a workshop happens: a centre of the directory or a commune."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class AttendanceMode(models.TextChoices):
    ON_SITE = "presentiel", _("Sur place")
    REMOTE = "distanciel", _("À distance")
    HYBRID = "hybride", _("Sur place et à distance")


class Place(models.Model):
    """Abstract: a place chosen from the directory or a commune, on site or remote."""

    mode = models.CharField(
        _("modalité"), max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.ON_SITE
    )
    place_centre = models.ForeignKey(
        "centres.CentrePage",
        verbose_name=_("lieu : centre de l'annuaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("lieu : commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Si le lieu n'est pas un centre de l'annuaire."),
    )
    place_details = models.CharField(
        _("précisions sur le lieu"), max_length=255, blank=True, help_text=_("Salle, adresse, lien de visioconférence…")
    )

    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldRowPanel([FieldPanel("place_centre"), FieldPanel("place_commune")]),
                FieldPanel("place_details"),
            ],
            heading=_("Lieu"),
        )
    ]

    class Meta:
        abstract = True

    def clean_place(self):
        """Errors of the place fields: an on-site event needs a centre or a commune, not both."""
        errors = {}
        if self.place_centre_id and self.place_commune_id:
            errors["place_commune"] = _("Choisissez soit un centre, soit une commune, pas les deux.")
        elif self.mode != AttendanceMode.REMOTE and not (self.place_centre_id or self.place_commune_id):
            errors["place_centre"] = _("Indiquez le lieu : un centre de l'annuaire ou une commune.")
        return errors

    @property
    def place_commune_resolved(self):
        """The commune where it happens, through the centre when a centre is chosen."""
        if self.place_centre_id and self.place_centre:
            return self.place_centre.commune
        return self.place_commune

    @property
    def place_label(self):
        """The place as a reader reads it: "Centre social X, Toulouse" or "Rodez" or "À distance"."""
        parts = []
        if self.place_centre_id and self.place_centre:
            parts.append(self.place_centre.title)
        commune = self.place_commune_resolved
        if commune:
            parts.append(commune.name)
        if not parts and self.mode == AttendanceMode.REMOTE:
            parts.append(str(AttendanceMode.REMOTE.label))
        return ", ".join(parts)
