"""Template tags of the public site: navigation, cards, small page-level lookups and French formatting.

Listings are built by the page models (`get_context`, `get_initiatives`, `get_trainings`…) with what their
cards show already fetched; `listed` only serves lists that mix page types (featured or related pages).
"""

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import Count, prefetch_related_objects
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

register = template.Library()

NBSP = "\u00a0"
WORDS_PER_MINUTE = 200
READABLE_FIELDS = (
    "summary",
    "introduction",
    "description",
    "objectives",
    "programme",
    "results",
    "perspectives",
    "body",
    "report",
)

# The sections of the main navigation, in the order readers meet them, with their short labels.
NAVIGATION = [
    ("directory", "centres.DirectoryPage", _("Annuaire")),
    ("initiatives", "blog.BlogIndexPage", _("Initiatives")),
    ("trainings", "resources.TrainingIndexPage", _("Formations")),
    ("workshops", "resources.WorkshopIndexPage", _("Ateliers")),
    ("resources", "resources.ResourceIndexPage", _("Centre ressources")),
]

# Card template of each model; anything else falls back to the generic page card.
CARD_TEMPLATES = {
    "centrepage": "includes/cards/centre_card.html",
    "departmentpage": "includes/cards/department_card.html",
    "initiativepage": "includes/cards/initiative_card.html",
    "trainingpage": "includes/cards/training_card.html",
    "trainingsession": "includes/cards/session_card.html",
    "workshoppage": "includes/cards/workshop_card.html",
    "dossierpage": "includes/cards/dossier_card.html",
}


# --- Navigation ------------------------------------------------------------------------------


@dataclass
class Section:
    """A section of the site reached from the main navigation."""

    key: str
    label: str
    page: Page
    url: str


def get_sections(request):
    """The live, public section pages of the request's site by key, looked up once per request."""
    if request is None:
        return {}
    cached = getattr(request, "_figo_sections", None)
    if cached is not None:
        return cached
    sections = {}
    site = Site.find_for_request(request)
    if site is not None:
        models = {label: apps.get_model(label) for _key, label, _title in NAVIGATION}
        pages = Page.objects.live().public().descendant_of(site.root_page).type(*models.values()).order_by("path")
        first_of_class = {}
        for page in pages:
            first_of_class.setdefault(page.specific_class, page)
        for key, label, title in NAVIGATION:
            page = first_of_class.get(models[label])
            if page is not None:
                sections[key] = Section(key, str(title), page, page.get_url(request))
    request._figo_sections = sections
    return sections


@register.simple_tag(takes_context=True)
def section_pages(context):
    """The section pages by key (directory, initiatives, trainings, workshops, resources)."""
    return get_sections(context.get("request"))


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Navigation entries; `current` marks the deepest section holding the page being read."""
    sections = list(get_sections(context.get("request")).values())
    page = context.get("page")
    path = getattr(page, "path", "") or ""
    holding = [section for section in sections if path.startswith(section.page.path)]
    current = max(holding, key=lambda section: len(section.page.path)) if holding else None
    return [
        {
            "label": section.label,
            "url": section.url,
            "current": section is current,
            "is_page": page is not None and section.page.pk == getattr(page, "pk", None),
        }
        for section in sections
    ]


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return (site.root_page.get_url(request) if site else None) or "/"


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The ancestors of a page from the site's home page, as (title, url) pairs."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None or not page.depth or page.depth <= site.root_page.depth:
        return []
    ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth)
    return [
        (_("Accueil") if ancestor.depth == site.root_page.depth else ancestor.title, ancestor.get_url(request))
        for ancestor in ancestors
    ]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The simple pages right below the home page (mentions légales, accessibilité…), for the footer."""
    from home.models import StandardPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    pages = StandardPage.objects.child_of(site.root_page).live().public()
    return [(page.title, page.get_url(request)) for page in pages]


@register.simple_tag(takes_context=True)
def demo_content(context):
    """Whether the site shows demonstration content.

    The setting FIGO_DEMO_CONTENT decides when it is set; otherwise the demo command's image collection
    tells (it is only created by `load_demo_content`). Looked up once per request.
    """
    explicit = getattr(settings, "FIGO_DEMO_CONTENT", None)
    if explicit is not None:
        return bool(explicit)
    request = context.get("request")
    cached = getattr(request, "_figo_demo", None)
    if cached is not None:
        return cached
    from wagtail.models import Collection

    try:
        from home.demo.content.common import DEMO_COLLECTION
    except ImportError:  # a deployment without the demo package shows no demo notice
        is_demo = False
    else:
        is_demo = Collection.objects.filter(name=DEMO_COLLECTION).exists()
    if request is not None:
        request._figo_demo = is_demo
    return is_demo


# --- Cards and listings ----------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def card(context, item, heading_level=3):
    """Render the card of any page or session with the template of its type, with its image (mixed grids)."""
    name = CARD_TEMPLATES.get(item._meta.model_name, "includes/cards/page_card.html")
    card_template = context.template.engine.get_template(name)
    with context.push(item=item, heading_level=heading_level, show_media=True):
        return card_template.render(context)


# What each card template reads beyond the item itself, fetched once for a whole listing.
CARD_PREFETCHES = {
    "initiativepage": ["themes", "organisers__centre"],
    "trainingpage": ["audiences", "sessions"],
    "workshoppage": ["theme", "place_centre__commune", "place_commune"],
    "dossierpage": ["theme"],
    "centrepage": ["commune"],
}


def prefetch_for_cards(items):
    """Fetch what the cards of `items` show (images' renditions, themes, places…) in a few queries.

    Items may mix page types; relations already fetched by the queryset are not fetched again.
    """
    with_image = [item for item in items if getattr(item, "image_id", None)]
    if with_image:
        prefetch_related_objects(with_image, "image__renditions")
    by_model = {}
    for item in items:
        by_model.setdefault(item._meta.model_name, []).append(item)
    for model_name, group in by_model.items():
        lookups = CARD_PREFETCHES.get(model_name)
        if lookups:
            prefetch_related_objects(group, *lookups)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed; None removes one. Always drops `page`."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def has_ended(moment):
    """Whether an event's end (an aware datetime) is past."""
    return isinstance(moment, datetime) and moment < timezone.now()


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template, "" when missing: {{ form.values|get_item:name }}."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.simple_tag
def map_settings():
    """Tile URL and attribution of the site's maps, from the settings (a deployment may use its own tiles)."""
    return {
        "tile_url": getattr(settings, "MAP_TILE_URL", ""),
        "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
    }


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with `page` set to `number` (keeps the other filters)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else {}
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def page_range(page_obj):
    """Page numbers around the current one, with "…" for the gaps: 1 … 4 5 6 … 12."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.simple_tag
def listed(items):
    """Evaluate a listing with what its cards show prefetched."""
    items = list(items)
    prefetch_for_cards(items)
    return items


@register.simple_tag
def department_overview(directory):
    """The directory's département pages in code order, each with `cs_count` and `evs_count`."""
    from centres.models import CentrePage, StructureType

    pages = sorted(directory.get_department_pages().select_related("image"), key=lambda page: page.department.code)
    counts = (
        CentrePage.objects.live()
        .public()
        .descendant_of(directory)
        .order_by()
        .values("commune__department_id", "structure_type")
        .annotate(total=Count("pk"))
    )
    by_department = {(row["commune__department_id"], row["structure_type"]): row["total"] for row in counts}
    for page in pages:
        page.cs_count = by_department.get((page.department_id, StructureType.CS), 0)
        page.evs_count = by_department.get((page.department_id, StructureType.EVS), 0)
    return pages


@register.simple_tag
def key_events(department_page):
    """The département's temps forts split into upcoming (soonest first) and past (latest first)."""
    today = timezone.localdate()
    events = sorted(department_page.key_events.all(), key=lambda event: event.date)
    return {
        "upcoming": [event for event in events if event.date >= today],
        "past": [event for event in reversed(events) if event.date < today],
    }


@register.simple_tag
def next_session(training):
    """The training's soonest session that has not ended, or None."""
    sessions = training.get_upcoming_sessions()
    return min(sessions, key=lambda session: session.start) if sessions else None


@register.simple_tag
def sessions_of(training):
    """A training's sessions in date order, split into upcoming and past."""
    now = timezone.now()
    sessions = sorted(training.sessions.select_related("place_centre__commune", "place_commune"), key=lambda s: s.start)
    return {
        "upcoming": [session for session in sessions if session.end >= now],
        "past": [session for session in reversed(sessions) if session.end < now],
    }


@register.simple_tag
def resource_sections(index):
    """The training catalogue and workshop list below the resource centre, each with its `kind`."""
    from resources.models import TrainingIndexPage, WorkshopIndexPage

    children = index.get_children().live().public().type(TrainingIndexPage, WorkshopIndexPage).specific()
    return [
        {"page": child, "kind": "trainings" if isinstance(child, TrainingIndexPage) else "workshops"}
        for child in children
    ]


@register.simple_tag
def opening_days(centre):
    """The week from Monday to Sunday with each day's slots ([] when closed); [] when no hours are given."""
    from centres.models import Weekday

    rows = sorted(centre.opening_hours.all(), key=lambda row: (row.weekday, row.opens))
    if not rows:
        return []
    today = timezone.localdate().weekday()
    return [
        {
            "label": day.label,
            "slots": [row for row in rows if row.weekday == day.value],
            "is_today": day.value == today,
        }
        for day in Weekday
    ]


@register.simple_tag
def follow_up(initiative):
    """The follow-up of an "action signifiante": dated stages in order and how far it has gone."""
    from blog.models import FollowUpStageName

    stages = sorted(initiative.follow_up_stages.all(), key=lambda stage: (stage.date, stage.sort_order or 0))
    current = stages[-1] if stages else None
    order = list(FollowUpStageName)
    position = order.index(FollowUpStageName(current.stage)) + 1 if current else 0
    return {
        "stages": stages,
        "current": current,
        "position": position,
        "total": len(order),
        "steps": [{"label": stage.label, "reached": index < position} for index, stage in enumerate(order)],
    }


@register.simple_tag
def reading_time(page):
    """Minutes needed to read a page's texts at 200 words a minute (at least 1)."""
    words = sum(_count_words(getattr(page, name, None)) for name in READABLE_FIELDS)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _count_words(value):
    if not value:
        return 0
    if isinstance(value, StreamValue):
        return sum(_count_words(block) for block in value.raw_data)
    if isinstance(value, dict):
        return sum(_count_words(item) for key, item in value.items() if key not in {"type", "id", "level"})
    if isinstance(value, list | tuple):
        return sum(_count_words(item) for item in value)
    if isinstance(value, str):
        return len(strip_tags(value).split())
    if hasattr(value, "source"):  # RichText
        return len(strip_tags(value.source).split())
    return 0


# --- French formatting -----------------------------------------------------------------------


def _local_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _day(value):
    return "1er" if value.day == 1 else str(value.day)


def _month(value):
    return formats.date_format(value, "F")


@register.filter
def date_fr(value):
    """ "12 mars 2027", "1er avril 2027"."""
    value = _local_date(value)
    if not isinstance(value, date):
        return ""
    return f"{_day(value)} {_month(value)} {value.year}"


@register.filter
def date_range_fr(start, end=None):
    """ "le 12 mars 2027", "du 3 au 4 février 2027", "du 28 février au 2 mars 2027"."""
    start, end = _local_date(start), _local_date(end)
    if not isinstance(start, date):
        return ""
    if not isinstance(end, date) or end == start:
        return f"le {date_fr(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"du {_day(start)} au {_day(end)} {_month(end)} {end.year}"
    if start.year == end.year:
        return f"du {_day(start)} {_month(start)} au {_day(end)} {_month(end)} {end.year}"
    return f"du {date_fr(start)} au {date_fr(end)}"


@register.filter
def time_fr(value):
    """ "9 h 30", "14 h"."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not hasattr(value, "hour"):
        return ""
    return f"{value.hour}{NBSP}h" + (f"{NBSP}{value.minute:02d}" if value.minute else "")


@register.filter
def hours_fr(start, end):
    """The hours of an event: "de 9 h 30 à 17 h" on one day, "début à 9 h 30, fin à 17 h" over several."""
    if not (isinstance(start, datetime) and isinstance(end, datetime)):
        return ""
    if _local_date(start) == _local_date(end):
        return f"de {time_fr(start)} à {time_fr(end)}"
    return f"début à {time_fr(start)}, fin à {time_fr(end)}"


@register.filter
def number_fr(value):
    """ "12 500" with a non-breaking space between thousands."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", NBSP)


@register.filter
def count_fr(number, forms):
    """ "0 centre social", "1 centre social", "12 centres sociaux": French uses the singular below 2."""
    singular, plural = forms.split(",")
    number = number or 0
    return f"{number_fr(number)}{NBSP}{singular if number < 2 else plural}"


@register.filter
def km_fr(value):
    """ "800 m", "3,2 km", "45 km": a distance as readers say it; "" when there is none."""
    if value in (None, "") or not isinstance(value, int | float | Decimal):
        return ""
    value = float(value)
    if value < 1:
        return f"{max(100, round(value * 1000, -2)):.0f}{NBSP}m"
    if value < 10:
        return f"{value:.1f}".replace(".", ",") + f"{NBSP}km"
    return f"{round(value):.0f}{NBSP}km"


@register.filter
def price_fr(value):
    """ "Gratuit" for no price or 0, "150 €", "12,50 €"."""
    try:
        amount = Decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return str(_("Gratuit"))
    if not amount:
        return str(_("Gratuit"))
    if amount == amount.to_integral_value():
        text = f"{int(amount):,}".replace(",", NBSP)
    else:
        text = f"{amount:,.2f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}€"


@register.filter
def filesize_fr(size):
    """ "245 Ko", "1,2 Mo" (the units French readers know)."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}{NBSP}Ko"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + f"{NBSP}Mo"


@register.filter
def tel_href(phone):
    """A tel: link target in international form: "05 61 00 00 00" → "tel:+33561000000"."""
    digits = "".join(char for char in str(phone or "") if char.isdigit() or char == "+")
    if digits.startswith("0") and len(digits) == 10:
        digits = "+33" + digits[1:]
    return f"tel:{digits}"


@register.filter
def siret_fr(siret):
    """ "123 456 789 00012": SIREN by threes, then the establishment number."""
    digits = str(siret or "").replace(" ", "")
    if len(digits) != 14:
        return siret
    return NBSP.join([digits[0:3], digits[3:6], digits[6:9], digits[9:]])


@register.filter
def domain(url):
    """The host of a URL without "www.": "peertube.fr"."""
    host = urlsplit(str(url or "")).hostname or ""
    return host.removeprefix("www.")


@register.simple_tag
def osm_url(latitude, longitude, zoom=17):
    """A link to the point on openstreetmap.org (a link only: nothing is loaded from there)."""
    if latitude is None or longitude is None:
        return ""
    return (
        f"https://www.openstreetmap.org/?mlat={latitude:.5f}&mlon={longitude:.5f}"
        f"#map={zoom}/{latitude:.5f}/{longitude:.5f}"
    )
