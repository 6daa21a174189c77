"""The directory's search form for readers: filters, "près de chez moi", a page of results and the map's markers.

The filters are the partner API's (centres.filters.CENTRE_FILTERS, applied by `filter_centres`); this module
only reads the HTML form and turns "près de chez moi" (a commune name or a postcode) into the shared `near`
filter, with the project's own commune data.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from home.models import Audience, Commune, Department, Theme
from home.site_filters import read_filters

from .filters import CENTRE_FILTERS, filter_centres
from .models import StructureType

FORM_FILTERS = {name: CENTRE_FILTERS[name] for name in ("department", "structure_type", "theme", "audience")}
PLACE_PARAM = "place"
PLACE_CODE_PARAM = "place_code"
RESULTS_PER_PAGE = 20
# The map shows every matching centre up to this many; the list below it is paginated and complete.
MAP_MARKER_LIMIT = 500
OTHER_COMMUNES_SHOWN = 6
POSTCODE_RE = re.compile(r"\b(\d{5})\b")
INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def normalise(text):
    """A commune name as readers may type it: no accents, case, spaces, hyphens or apostrophes; "St" is "Saint"."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"^st(e?)-", r"saint\1-", text).replace("-", "")


@dataclass
class Place:
    """What "près de chez moi" resolved to: the `commune` used (or None) and the other candidates."""

    text: str = ""
    commune: Commune | None = None
    others: list = field(default_factory=list)
    error: str = ""

    @property
    def is_ambiguous(self):
        return bool(self.commune and self.others)


def find_communes(text):
    """Communes matching a name or a postcode, most populous first, forgiving accents and hyphens."""
    text = " ".join((text or "").split())
    if not text:
        return []
    postcode = POSTCODE_RE.search(text)
    if postcode:
        communes = list(Commune.objects.matching(postcode.group(1)).select_related("department"))
        rest = normalise(POSTCODE_RE.sub(" ", text))
        named = [commune for commune in communes if rest and normalise(commune.name).startswith(rest)]
        return named or communes
    communes = list(Commune.objects.matching(text).select_related("department"))
    if communes:
        return communes
    # "saint gaudens", "Lisle sur Tarn", "ramonville": compare normalised names (one query, on a miss only).
    wanted = normalise(text)
    if not wanted:
        return []
    names = Commune.objects.values_list("insee_code", "name")
    exact = [code for code, name in names if normalise(name) == wanted]
    codes = exact or [code for code, name in names if normalise(name).startswith(wanted)]
    return list(Commune.objects.filter(insee_code__in=codes).select_related("department").order_by("-population"))


def resolve_place(text, code=""):
    """Resolve the "près de chez moi" text; `code` (an INSEE code) picks one commune among homonyms."""
    text = " ".join((text or "").split())[:100]
    if not text:
        return Place()
    if code and INSEE_RE.match(code):
        chosen = Commune.objects.select_related("department").filter(insee_code=code).first()
        if chosen and normalise(chosen.name) == normalise(text):
            return Place(text=text, commune=chosen)
    communes = find_communes(text)
    if not communes:
        return Place(
            text=text,
            error=_(
                "Aucune commune des huit départements de la fédération ne correspond à « %(text)s ». "
                "Vérifiez l'orthographe, ou saisissez le code postal (par exemple 82000)."
            )
            % {"text": text},
        )
    return Place(text=text, commune=communes[0], others=communes[1 : 1 + OTHER_COMMUNES_SHOWN])


def form_choices():
    """The options of the form's selects."""
    return {
        "departments": list(Department.objects.order_by("code").values_list("code", "name")),
        "structure_types": list(StructureType.choices),
        "themes": list(Theme.objects.order_by("name").values_list("slug", "name")),
        "audiences": list(Audience.objects.order_by("name").values_list("slug", "name")),
    }


def marker(centre, request):
    """What the map's popup shows of a centre: its card in short."""
    return {
        "name": centre.title,
        "url": centre.get_url(request),
        "lat": round(centre.latitude, 6),
        "lon": round(centre.longitude, 6),
        "type": centre.structure_type,
        "type_label": str(centre.get_structure_type_display()),
        "address": centre.address,
        "postcode": centre.postcode,
        "commune": centre.commune.name,
        "distance_km": round(centre.distance_km, 1) if getattr(centre, "distance_km", None) is not None else None,
    }


def markers_for(centres, request):
    """Markers of the centres of a list that have coordinates."""
    return [
        marker(centre, request) for centre in centres if centre.latitude is not None and centre.longitude is not None
    ]


def map_markers(centres, request, limit=MAP_MARKER_LIMIT):
    """Markers of the centres with coordinates, at most `limit`, and whether some were left out."""
    located = list(centres.filter(latitude__isnull=False, longitude__isnull=False).defer_streamfields()[: limit + 1])
    return [marker(centre, request) for centre in located[:limit]], len(located) > limit


def search_directory(directory, request):
    """The directory's context for a request: the form as submitted, its choices, the results and the map."""
    form = read_filters(request.GET, FORM_FILTERS)
    place = resolve_place(request.GET.get(PLACE_PARAM, ""), request.GET.get(PLACE_CODE_PARAM, "").strip())
    if place.text:
        form.values[PLACE_PARAM] = place.text
    filters = dict(form.filters)
    if place.commune:
        filters["near"] = (place.commune.latitude, place.commune.longitude)
    centres = filter_centres(directory.get_centres(), filters)
    page_obj = Paginator(centres, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    markers, markers_truncated = map_markers(centres, request)
    return {
        "filter_form": form,
        "choices": form_choices(),
        "place": place,
        "page_obj": page_obj,
        "centres": page_obj.object_list,
        "map_markers": markers,
        "map_markers_truncated": markers_truncated,
        "sorted_by_distance": place.commune is not None,
    }
