"""The communes of the eight départements, with their postcodes and town-hall coordinates."""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two WGS84 points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (float(lat1), float(lon1), float(lat2), float(lon2)))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class CommuneQuerySet(models.QuerySet):
    """Look-ups readers and imports need: by name or postcode."""

    def matching(self, text):
        """Communes whose postcode is `text` (5 digits) or whose name is `text`, largest first."""
        text = (text or "").strip()
        if not text:
            return self.none()
        if text.isdigit() and len(text) == 5:
            return self.filter(postcodes__contains=text).order_by("-population")
        exact = self.filter(name__iexact=text)
        if exact.exists():
            return exact.order_by("-population")
        return self.filter(name__istartswith=text).order_by("-population")


class Commune(models.Model):
    """A commune from INSEE's Code officiel géographique (Licence Ouverte / Etalab 2.0)."""

    insee_code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100, db_index=True)
    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("département"),
    )
    postcodes = models.CharField(_("codes postaux"), max_length=100, help_text=_("Séparés par des points-virgules."))
    population = models.PositiveIntegerField(_("population municipale"), default=0)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    objects = CommuneQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return f"{self.name} ({self.insee_code})"

    @property
    def postcode_list(self):
        return [code for code in self.postcodes.split(";") if code]

    @property
    def main_postcode(self):
        codes = self.postcode_list
        return codes[0] if codes else ""

    def distance_to(self, latitude, longitude):
        """Kilometres from this commune's town hall to a point."""
        return distance_km(self.latitude, self.longitude, latitude, longitude)
