"""Export of the directory in the data·inclusion "structure" schema (v1), the public-sector standard for
social-inclusion structures: https://github.com/gip-inclusion/data-inclusion-schema (schemas/v1/structure.json).

Only public facts about a structure go out: no person's name, nothing of a draft or private page.
What is emitted is described by `data_inclusion_structure.schema.json` beside this module.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone

from home.api_privacy import public_pages
from home.models import Theme
from home.open_formats import json_response, open_format_view

from .filters import CENTRE_FILTERS, filter_centres
from .models import CentrePage, ManagementMode, OpeningHours, StructureType
from .osm_hours import centre_opening_hours

SCHEMA_PATH = Path(__file__).resolve().parent / "data_inclusion_structure.schema.json"
SOURCE = "figo"
# The schema's "typologies de structures" codes for the two kinds of structure.
TYPOLOGY = {StructureType.CS: "CS", StructureType.EVS: "EVS"}
# Values of the schema's "réseaux porteurs" referential.
NETWORK_FCSF = "fcsf"
NETWORK_BY_MANAGEMENT = {ManagementMode.CAF: "caf", ManagementMode.LOCAL_AUTHORITY: "communes"}
NAME_MAX = 150
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 2000


@cache
def structure_schema():
    """The JSON Schema of one exported structure."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def e164_phone(phone):
    """A French number as E.164 ("05 61 00 00 00" → "+33561000000"), as the schema prefers; else as written."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10 and digits.startswith("0"):
        return "+33" + digits[1:]
    if len(digits) == 11 and digits.startswith("33"):
        return "+" + digits
    return phone.strip() or None


def structure_name(centre):
    """3 to 150 characters, not ending with a full stop (the schema's rule for `nom`)."""
    return centre.title.strip().rstrip(".").strip()[:NAME_MAX]


def structure_description(centre):
    """The schema wants 50 to 2,000 characters: the editors' summary, completed by what the directory knows."""
    kind = StructureType(centre.structure_type).label
    department = centre.commune.department.name
    facts = f"{kind} à {centre.commune.name} ({department}), agréé par la Caf sur un projet social."
    if centre.federation_member:
        facts += " Membre de la Fédération des centres sociaux et EVS Garonne Occitanie (FIGO)."
    themes = [theme.name for theme in centre.themes.all()]
    if themes:
        facts += " Thèmes : " + ", ".join(themes) + "."
    summary = " ".join(centre.summary.split())
    text = f"{summary} {facts}" if summary else facts
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


def update_date(centre):
    """When the structure's data last changed: its last publication, or its last check if later."""
    dates = [timezone.localdate(moment) for moment in (centre.last_published_at, centre.first_published_at) if moment]
    if centre.last_verified:
        dates.append(centre.last_verified)
    return max(dates) if dates else timezone.localdate()


def reseaux_porteurs(centre):
    networks = []
    if centre.federation_member:
        networks.append(NETWORK_FCSF)
    network = NETWORK_BY_MANAGEMENT.get(centre.management_mode)
    if network:
        networks.append(network)
    return networks or None


def structure(centre, request):
    """One centre as a data·inclusion structure (schema v1, plus `typologie` and `lien_source`)."""
    return {
        "source": SOURCE,
        "id": str(centre.pk),
        "nom": structure_name(centre),
        "description": structure_description(centre),
        "date_maj": update_date(centre).isoformat(),
        "siret": centre.siret or None,
        "commune": centre.commune.name,
        "code_postal": centre.postcode or None,
        "code_insee": centre.insee_code,
        "adresse": centre.address or None,
        "complement_adresse": centre.address_complement or None,
        "longitude": centre.longitude,
        "latitude": centre.latitude,
        "telephone": e164_phone(centre.phone),
        "courriel": centre.email or None,
        "site_web": centre.website or None,
        "horaires_accueil": centre_opening_hours(centre),
        "accessibilite_lieu": None,
        "reseaux_porteurs": reseaux_porteurs(centre),
        # v0 fields that v1 still publishes referentials for, kept because data·inclusion's tools read them.
        "typologie": TYPOLOGY[StructureType(centre.structure_type)],
        "lien_source": centre.get_full_url(request),
    }


def exported_centres(request):
    return (
        public_pages(request, CentrePage)
        .select_related("commune__department")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "name")),
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        )
        .order_by("pk")
    )


@open_format_view(CENTRE_FILTERS)
def centres_data_inclusion(request, filters):
    """GET /api/v2/centres/data-inclusion.json — a JSON array of structures, filterable like the centres API."""
    centres = filter_centres(exported_centres(request), filters)
    return json_response([structure(centre, request) for centre in centres])


@open_format_view({})
def data_inclusion_schema(request, filters):
    """GET /api/v2/centres/data-inclusion.schema.json — the JSON Schema of one exported structure."""
    return json_response(structure_schema(), content_type="application/schema+json")
