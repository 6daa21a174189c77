"""The small JSON the embeddable widget (static/js/widget.js) reads: a few cards, already worded in French.

GET /api/v2/widget/<kind>.json with kind = initiatives, formations (upcoming sessions) or centres, the
API's filters of that kind, `limit` (1 to 12) and, for centres, `commune` as an INSEE code or a name.
Every card is a live, public page; a centre's contact person is never part of it.
"""

import re

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from wagtail.images.models import Rendition

from blog.filters import INITIATIVE_FILTERS, filter_initiatives
from blog.models import BlogIndexPage, InitiativeOrganiser, InitiativePage
from centres.filters import CENTRE_FILTERS, filter_centres
from centres.models import CentrePage, DirectoryPage, StructureType
from resources.calendar import public_sessions
from resources.filters import SESSION_FILTERS, filter_sessions
from resources.models import AttendanceMode, TrainingIndexPage

from .api_images import IMAGE_RENDITIONS, absolute_url
from .api_privacy import public_pages
from .filtering import InseeCode, PositiveInteger, Text
from .models import Commune
from .open_formats import json_response, open_format_view, public_image

LIMIT_DEFAULT = 3
LIMIT_MAX = 12
CARD_SPEC = IMAGE_RENDITIONS["card"]
INSEE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


class CommuneNameOrCode(Text):
    """A commune given as its INSEE code ("82121") or its name ("Montauban"); returns the INSEE code."""

    description = "Commune : code INSEE (82121) ou nom (Montauban)."
    example = "Montauban"

    def __call__(self, raw):
        raw = super().__call__(raw).strip()
        if INSEE_RE.match(raw):
            return InseeCode()(raw)
        commune = Commune.objects.matching(raw).first()
        if commune is None:
            raise ValueError("commune inconnue : donnez son code INSEE ou son nom exact, par exemple Montauban.")
        return commune.insee_code


LIMIT = PositiveInteger(f"Nombre de cartes, de 1 à {LIMIT_MAX} ({LIMIT_DEFAULT} par défaut).")


def limit_of(filters):
    return min(filters.pop("limit", LIMIT_DEFAULT), LIMIT_MAX)


def page_url(page, request):
    return page.get_full_url(request) if page is not None else None


def french_date(value):
    return formats.date_format(value, "j F Y")


def french_time(value):
    return formats.time_format(value, "G\u00a0\\h\u00a0i").replace("\u00a0h\u00a000", "\u00a0h")


def session_when(session):
    """ "12 mars 2026, 9 h – 16 h" or "12 mars 2026 – 13 mars 2026" for a session over several days."""
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    if start.date() == end.date():
        return f"{french_date(start)}, {french_time(start)} – {french_time(end)}"
    return f"{french_date(start)} – {french_date(end)}"


def card_image(page, request):
    image = public_image(page.image, request)
    if image is None:
        return None
    rendition = image.get_rendition(CARD_SPEC)
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or "",
    }


def initiative_cards(request, filters, limit):
    public_centres = public_pages(request, CentrePage).values("pk")
    organisers = InitiativeOrganiser.objects.filter(centre__in=public_centres).select_related("centre__commune")
    initiatives = (
        public_pages(request, InitiativePage)
        .select_related("image__collection")
        .prefetch_related(
            Prefetch("organisers", queryset=organisers),
            Prefetch("image__renditions", queryset=Rendition.objects.filter(filter_spec=CARD_SPEC)),
        )
        .order_by("-date", "-pk")
    )
    cards = []
    for page in filter_initiatives(initiatives, filters)[:limit]:
        centres = [organiser.centre for organiser in page.organisers.all()]
        cards.append(
            {
                "id": page.pk,
                "title": page.get_listing_title(),
                "url": page.get_full_url(request),
                "kicker": french_date(page.date),
                "datetime": page.date.isoformat(),
                "summary": page.summary,
                "details": [", ".join(f"{centre.title} ({centre.commune.name})" for centre in centres)]
                if centres
                else [],
                "image": card_image(page, request),
                "links": [],
            }
        )
    blog = public_pages(request, BlogIndexPage).first()
    return {
        "heading": "Initiatives d'habitants",
        "empty": "Aucune initiative ne correspond pour le moment.",
        "more": {"url": page_url(blog, request), "label": "Toutes les initiatives d'habitants sur le site de la FIGO"},
        "items": cards,
    }


def session_cards(request, filters, limit):
    sessions = filter_sessions(public_sessions(request).filter(end__gte=timezone.now()), filters)[:limit]
    cards = []
    for session in sessions:
        training = session.page
        details = [session.place_label or str(AttendanceMode(session.mode).label)]
        if session.mode != AttendanceMode.ON_SITE:
            details.append(str(AttendanceMode(session.mode).label))
        cards.append(
            {
                "id": session.pk,
                "title": training.get_listing_title(),
                "url": training.get_full_url(request),
                "kicker": session_when(session),
                "datetime": timezone.localtime(session.start).isoformat(),
                "summary": training.summary,
                "details": details,
                "image": None,
                "links": [
                    {
                        "label": "Ajouter à mon agenda",
                        "url": request.build_absolute_uri(reverse("feed_session_ics", args=[session.pk])),
                    }
                ],
            }
        )
    catalogue = public_pages(request, TrainingIndexPage).first()
    return {
        "heading": "Prochaines formations",
        "empty": "Aucune session de formation à venir pour le moment.",
        "more": {"url": page_url(catalogue, request), "label": "Toutes les formations sur le site de la FIGO"},
        "items": cards,
    }


def centre_cards(request, filters, limit):
    centres = filter_centres(
        public_pages(request, CentrePage).select_related("commune").order_by("title", "pk"), filters
    )[:limit]
    cards = []
    for centre in centres:
        links = []
        if centre.phone:
            links.append({"label": f"Téléphone : {centre.phone}", "url": "tel:" + re.sub(r"[^\d+]", "", centre.phone)})
        if centre.website:
            links.append({"label": "Site web de la structure", "url": centre.website})
        cards.append(
            {
                "id": centre.pk,
                "title": centre.title,
                "url": centre.get_full_url(request),
                "kicker": str(StructureType(centre.structure_type).label),
                "datetime": None,
                "summary": centre.summary,
                "details": [
                    line
                    for line in (centre.address, centre.address_complement, f"{centre.postcode} {centre.commune.name}")
                    if line
                ],
                "image": None,
                "links": links,
            }
        )
    directory = public_pages(request, DirectoryPage).first()
    return {
        "heading": "Centres sociaux et espaces de vie sociale",
        "empty": "Aucun centre social ni espace de vie sociale ne correspond.",
        "more": {"url": page_url(directory, request), "label": "L'annuaire des centres sociaux et EVS de la FIGO"},
        "items": cards,
    }


INITIATIVE_PARAMETERS = {**INITIATIVE_FILTERS, "limit": LIMIT}
SESSION_PARAMETERS = {**SESSION_FILTERS, "limit": LIMIT}
CENTRE_PARAMETERS = {**CENTRE_FILTERS, "commune": CommuneNameOrCode(), "limit": LIMIT}


def widget_response(kind, data):
    return json_response({"kind": kind, **data})


@open_format_view(INITIATIVE_PARAMETERS)
def initiatives_widget(request, filters):
    """GET /api/v2/widget/initiatives.json — the latest initiatives."""
    return widget_response("initiatives", initiative_cards(request, filters, limit_of(filters)))


@open_format_view(SESSION_PARAMETERS)
def formations_widget(request, filters):
    """GET /api/v2/widget/formations.json — the next sessions of the trainings."""
    return widget_response("formations", session_cards(request, filters, limit_of(filters)))


@open_format_view(CENTRE_PARAMETERS)
def centres_widget(request, filters):
    """GET /api/v2/widget/centres.json — centres, typically those of one commune."""
    return widget_response("centres", centre_cards(request, filters, limit_of(filters)))


# Each kind of widget: the parameters it accepts and the function that builds its cards.
WIDGETS = {
    "initiatives": (INITIATIVE_PARAMETERS, initiative_cards),
    "formations": (SESSION_PARAMETERS, session_cards),
    "centres": (CENTRE_PARAMETERS, centre_cards),
}
