"""Validated query filters shared by the partner API, the feeds and the public site.

A filter declaration maps a query parameter to a parser; `parse_filters` turns a request's query
string into clean Python values or raises `InvalidFilter` naming the parameter, with a French
message that says what is expected. Nothing here knows about DRF or Wagtail's API: the public
site's HTML forms use the same declarations.
"""

import datetime
import math
import re

from django.utils import timezone

DEPARTMENT_CODES = ("09", "12", "31", "32", "46", "65", "81", "82")
MAX_RADIUS_KM = 500.0
MAX_TEXT_LENGTH = 100

SLUG_RE = re.compile(r"^[-a-z0-9_]{1,100}$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


class InvalidFilter(Exception):
    """A query parameter that is unknown or malformed: `.param` names it, `.message` explains in French."""

    def __init__(self, param, message):
        self.param = param
        self.message = str(message)
        super().__init__(f"{param}: {self.message}")


class Parser:
    """Turns one raw query value into a Python value, or raises ValueError with a French message.

    `description` and `schema` document the parameter (the OpenAPI document is built from them);
    `requires` names another parameter that must be given too.
    """

    description = ""
    schema = {"type": "string"}
    example = None

    def __init__(self, description=None, *, requires=None, example=None):
        if description is not None:
            self.description = description
        self.requires = requires
        if example is not None:
            self.example = example

    def __call__(self, raw):
        """The base parser accepts any text: a parameter whose syntax its reader checks itself."""
        if "\x00" in raw:
            raise ValueError("caractère nul interdit.")
        return raw


class DepartmentCode(Parser):
    description = "Code d'un des huit départements de la fédération."
    schema = {"type": "string", "enum": list(DEPARTMENT_CODES)}
    example = "31"

    def __call__(self, raw):
        if raw not in DEPARTMENT_CODES:
            raise ValueError(f"attendu un code de département parmi {', '.join(DEPARTMENT_CODES)}.")
        return raw


class Slug(Parser):
    description = "Identifiant d'URL (lettres minuscules non accentuées, chiffres et tirets)."
    schema = {"type": "string", "pattern": SLUG_RE.pattern}
    example = "logement"

    def __call__(self, raw):
        if not SLUG_RE.match(raw):
            raise ValueError("attendu un identifiant d'URL : lettres minuscules non accentuées, chiffres et tirets.")
        return raw


class Choice(Parser):
    """One value among a fixed list."""

    def __init__(self, choices, description=None, **kwargs):
        self.choices = [str(choice) for choice in choices]
        super().__init__(description, **kwargs)
        self.schema = {"type": "string", "enum": self.choices}
        if self.example is None:
            self.example = self.choices[0]

    def __call__(self, raw):
        if raw not in self.choices:
            raise ValueError(f"attendu une valeur parmi {', '.join(self.choices)}.")
        return raw


class ListOf(Parser):
    """A comma-separated list of values, each checked by `item` ("31,32"); returns a list."""

    def __init__(self, item, description=None, **kwargs):
        self.item = item
        super().__init__(description or item.description, **kwargs)
        self.description += " Plusieurs valeurs possibles, séparées par des virgules."
        pattern = self.item.schema.get("pattern", "")
        self.schema = {"type": "string"}
        if "enum" in self.item.schema:
            alternatives = "|".join(re.escape(choice) for choice in self.item.schema["enum"])
            self.schema["pattern"] = f"^({alternatives})(,({alternatives}))*$"
        elif pattern:
            inner = pattern.strip("^$")
            self.schema["pattern"] = f"^{inner}(,{inner})*$"
        if self.example is None:
            self.example = item.example

    def __call__(self, raw):
        values = [value.strip() for value in raw.split(",")]
        if any(not value for value in values):
            raise ValueError("une valeur de la liste est vide.")
        return list(dict.fromkeys(self.item(value) for value in values))


class IsoDate(Parser):
    description = "Date au format ISO 8601 AAAA-MM-JJ."
    schema = {"type": "string", "format": "date"}
    example = "2026-09-01"

    def __call__(self, raw):
        if not ISO_DATE_RE.match(raw):
            raise ValueError("attendu une date au format AAAA-MM-JJ, par exemple 2026-09-01.")
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError as error:
            raise ValueError(f"« {raw} » n'est pas une date qui existe (format AAAA-MM-JJ).") from error


class Boolean(Parser):
    description = "true ou false."
    schema = {"type": "string", "enum": ["true", "false"]}
    example = "true"

    def __call__(self, raw):
        if raw == "true":
            return True
        if raw == "false":
            return False
        raise ValueError("attendu true ou false.")


class PositiveInteger(Parser):
    description = "Nombre entier positif."
    schema = {"type": "integer", "minimum": 1}
    example = "1"

    def __call__(self, raw):
        if not raw.isdigit() or int(raw) < 1 or len(raw) > 12:
            raise ValueError("attendu un nombre entier positif.")
        return int(raw)


class InseeCode(Parser):
    description = "Code INSEE d'une commune (5 caractères)."
    schema = {"type": "string", "pattern": INSEE_RE.pattern}
    example = "31555"

    def __call__(self, raw):
        if not INSEE_RE.match(raw):
            raise ValueError("attendu un code INSEE de commune à 5 caractères, par exemple 31555.")
        return raw


class Text(Parser):
    description = "Texte libre."
    schema = {"type": "string", "maxLength": MAX_TEXT_LENGTH}

    def __call__(self, raw):
        if len(raw) > MAX_TEXT_LENGTH or "\x00" in raw:
            raise ValueError(f"attendu un texte de {MAX_TEXT_LENGTH} caractères au plus.")
        return raw


def _finite_float(text):
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


class LatLon(Parser):
    description = "Point de référence « latitude,longitude » en degrés décimaux (WGS84)."
    schema = {"type": "string", "pattern": r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$"}
    example = "43.6045,1.4440"

    def __call__(self, raw):
        parts = raw.split(",")
        message = "attendu « latitude,longitude » en degrés décimaux, par exemple 43.6045,1.4440."
        if len(parts) != 2:
            raise ValueError(message)
        try:
            latitude, longitude = (_finite_float(part.strip()) for part in parts)
        except ValueError as error:
            raise ValueError(message) from error
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("latitude entre -90 et 90 et longitude entre -180 et 180 attendues.")
        return latitude, longitude


class PositiveNumber(Parser):
    """A number greater than zero and at most `maximum` (a radius in kilometres)."""

    def __init__(self, description=None, *, maximum=MAX_RADIUS_KM, **kwargs):
        self.maximum = maximum
        super().__init__(description, **kwargs)
        self.schema = {"type": "number", "exclusiveMinimum": 0, "maximum": maximum}

    def __call__(self, raw):
        message = f"attendu un nombre supérieur à 0 et au plus {self.maximum:g}, par exemple 15 ou 7.5."
        try:
            value = _finite_float(raw)
        except ValueError as error:
            raise ValueError(message) from error
        if not 0 < value <= self.maximum:
            raise ValueError(message)
        return value


def parse_filters(query_params, allowed, own=()):
    """Parse the filters of `query_params` (a QueryDict or a dict) declared in `allowed`.

    `allowed` maps a parameter name to its parser; `own` names the parameters the caller handles
    itself (pagination, fields…), which are left alone. Empty values are ignored, so that an
    HTML form's blank select means "no filter". Returns {name: value} for the filters given.
    """
    names = list(query_params.keys())
    for name in names:
        if name not in allowed and name not in own:
            accepted = sorted(set(allowed) | set(own))
            raise InvalidFilter(
                name,
                f"paramètre inconnu « {name} ». Paramètres acceptés ici : {', '.join(accepted)}.",
            )
    values = {}
    for name, parser in allowed.items():
        if name not in query_params:
            continue
        raws = query_params.getlist(name) if hasattr(query_params, "getlist") else [query_params[name]]
        if len(raws) > 1:
            raise InvalidFilter(
                name, "ce paramètre ne peut être donné qu'une fois (séparez les valeurs par des virgules)."
            )
        raw = (raws[0] if raws else "").strip()
        if not raw:
            continue
        try:
            values[name] = parser(raw)
        except ValueError as error:
            raise InvalidFilter(name, f"valeur « {raw[:50]} » invalide : {error}") from error
    for name, parser in allowed.items():
        if name in values and parser.requires and parser.requires not in values:
            raise InvalidFilter(name, f"ce paramètre n'a de sens qu'avec le paramètre « {parser.requires} ».")
    return values


def day_start(day):
    """The aware datetime at which `day` starts in the site's time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_end(day):
    """The aware datetime at which the day after `day` starts: "before" a date includes that date."""
    return day_start(day + datetime.timedelta(days=1))
