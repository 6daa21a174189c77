"""Believable fictitious identifiers for the demo: SIRET, phone numbers, e-mail addresses, people, points."""

import math
import unicodedata

from home.validators import luhn_is_valid

from .content.common import EMAIL_DOMAIN, FICTION_PHONE_PREFIX, FIRST_NAMES, LAST_NAMES

KM_PER_DEGREE_LATITUDE = 111.32


def siret(rng):
    """14 digits whose Luhn key is valid (never La Poste's 356 000 000 exception)."""
    body = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(12)]
    digits = "".join(map(str, body))
    for check in range(10):
        candidate = f"{digits}{check}"
        if luhn_is_valid(candidate) and not candidate.startswith("356000000"):
            return candidate
    raise AssertionError("a Luhn check digit always exists")


def phone(rng, suffix=None):
    """A number from the range the ARCEP reserves for fiction."""
    suffix = suffix or f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"{FICTION_PHONE_PREFIX} {suffix}"


def person(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def ascii_slug(text):
    """ "Élodie Carrère" -> "elodie.carrere", for fictitious e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return ".".join(part for part in "".join(c if c.isalnum() else " " for c in plain).split())


def email(local_part, subdomain=""):
    domain = f"{subdomain}.{EMAIL_DOMAIN}" if subdomain else EMAIL_DOMAIN
    return f"{ascii_slug(local_part)}@{domain}"


def point_near(rng, latitude, longitude, min_km=0.3, max_km=1.8):
    """A point a short random distance (in km) from the given one, rounded to about a metre."""
    distance = rng.uniform(min_km, max_km)
    bearing = rng.uniform(0, 2 * math.pi)
    delta_latitude = distance * math.cos(bearing) / KM_PER_DEGREE_LATITUDE
    delta_longitude = distance * math.sin(bearing) / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(latitude)))
    return round(latitude + delta_latitude, 5), round(longitude + delta_longitude, 5)
