"""Validators with French messages for the identifiers editors type by hand."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The eight départements span roughly these latitudes and longitudes (town halls plus a margin).
REGION_LATITUDE = (42.55, 45.10)
REGION_LONGITUDE = (-0.40, 3.50)


def luhn_is_valid(digits):
    """Luhn checksum, used by INSEE for SIREN and SIRET numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value):
    """A SIRET has 14 digits and a valid Luhn key (La Poste's establishments excepted)."""
    digits = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"\d{14}", digits):
        raise ValidationError(
            _("Un numéro SIRET comporte exactement 14 chiffres (espaces acceptés)."), code="siret_format"
        )
    if not luhn_is_valid(digits) and not digits.startswith("356000000"):
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas."),
            code="siret_checksum",
        )


def validate_postcode(value):
    """A French postcode has five digits."""
    if not re.fullmatch(r"\d{5}", value or ""):
        raise ValidationError(_("Un code postal comporte exactement 5 chiffres."), code="postcode_format")


def validate_region_coordinates(latitude, longitude):
    """Raise if a point lies outside the eight départements of the federation."""
    if latitude is None or longitude is None:
        return
    if not (
        REGION_LATITUDE[0] <= latitude <= REGION_LATITUDE[1] and REGION_LONGITUDE[0] <= longitude <= REGION_LONGITUDE[1]
    ):
        raise ValidationError(
            {
                "latitude": _(
                    "Ces coordonnées sont hors des huit départements de la fédération "
                    "(Ariège, Aveyron, Haute-Garonne, Gers, Lot, Hautes-Pyrénées, Tarn, Tarn-et-Garonne)."
                )
            },
            code="outside_region",
        )
