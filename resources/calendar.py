"""iCalendar (RFC 5545) feeds of the training sessions and workshops, and one-event files for "ajouter à mon agenda".

UIDs are built from the object's primary key and the site's public host (`session-12@figo.example`), so a calendar
that subscribed once updates its events instead of duplicating them. Times are written in Europe/Paris with a
VTIMEZONE, as calendar applications expect.
"""

import html
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from home.api_privacy import public_pages
from home.models import Theme
from home.open_formats import open_format_view

from .filters import SESSION_FILTERS, WORKSHOP_FILTERS, filter_sessions, filter_workshops
from .models import AttendanceMode, TrainingPage, TrainingSession, WorkshopPage

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
PARIS = "Europe/Paris"
PRODID = "-//FIGO//Centres sociaux et EVS Garonne Occitanie//FR"
# Without a date filter, a subscribed calendar keeps the last six months of history, not every past event.
DEFAULT_HISTORY = timedelta(days=183)
REFRESH_INTERVAL = timedelta(hours=6)


def uid_host():
    """The public host of the site: part of every UID, so UIDs don't depend on who asked."""
    return urlsplit(settings.WAGTAILAPI_BASE_URL).hostname or "localhost"


def paris_timezone():
    """The VTIMEZONE of Europe/Paris as calendar applications write it: CET/CEST with yearly rules."""
    tz = Timezone()
    tz.add("tzid", PARIS)
    tz.add("x-lic-location", PARIS)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def new_calendar(name, description):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", PARIS)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})  # RFC 7986
    calendar.add("x-published-ttl", "PT6H")
    calendar.add_component(paris_timezone())
    return calendar


def plain_text(rich_text):
    """Rich text (HTML) as the plain text an event description holds."""
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def place_location(place):
    """LOCATION: the centre with its address, or the commune, plus the editor's details; "À distance" if remote."""
    parts = []
    centre = place.place_centre if place.place_centre_id else None
    if centre is not None:
        parts += [centre.title, centre.address, f"{centre.postcode} {centre.commune.name}"]
    elif place.place_commune_id:
        parts.append(place.place_commune.name)
    elif place.mode == AttendanceMode.REMOTE:
        parts.append(str(AttendanceMode.REMOTE.label))
    if place.place_details:
        parts.append(place.place_details)
    return ", ".join(part for part in parts if part)


def place_geo(place):
    """(latitude, longitude) of the centre, or of the commune's town hall, or None."""
    if place.place_centre_id and place.place_centre and place.place_centre.latitude is not None:
        return (place.place_centre.latitude, place.place_centre.longitude)
    if place.place_commune_id and place.place_commune:
        return (place.place_commune.latitude, place.place_commune.longitude)
    return None


def fill_event(event, *, uid, summary, start, end, page, description, place, categories, request):
    """The properties every event shares; `page` gives URL, DTSTAMP and LAST-MODIFIED."""
    paris = ZoneInfo(PARIS)
    url = page.get_full_url(request)
    revised = page.last_published_at or page.first_published_at or timezone.now()
    event.add("uid", f"{uid}@{uid_host()}")
    event.add("summary", summary)
    event.add("dtstart", start.astimezone(paris))
    event.add("dtend", end.astimezone(paris))
    # Stamped with the page's last publication rather than "now", so an unchanged feed keeps the same bytes (ETag).
    event.add("dtstamp", revised.astimezone(ZoneInfo("UTC")))
    event.add("last-modified", revised.astimezone(ZoneInfo("UTC")))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("url", url)
    location = place_location(place)
    if location:
        event.add("location", location)
    geo = place_geo(place)
    if geo:
        event.add("geo", geo)
    if categories:
        event.add("categories", categories)
    event.add("description", "\n\n".join(part for part in [*description, f"Plus d'informations : {url}"] if part))
    return event


def session_event(session, request):
    training = session.page
    mode = AttendanceMode(session.mode).label
    details = [training.summary, f"Modalité : {mode}."]
    if session.registration_deadline:
        details.append(f"Inscriptions jusqu'au {session.registration_deadline:%d/%m/%Y}.")
    return fill_event(
        Event(),
        uid=f"session-{session.pk}",
        summary=f"Formation : {training.title}",
        start=session.start,
        end=session.end,
        page=training,
        description=details,
        place=session,
        categories=[theme.name for theme in training.themes.all()],
        request=request,
    )


def workshop_event(workshop, request):
    details = [workshop.summary or plain_text(workshop.description)]
    if workshop.chantier:
        details.append(f"Chantier : {workshop.chantier}.")
    return fill_event(
        Event(),
        uid=f"workshop-{workshop.pk}",
        summary=f"Atelier : {workshop.title}",
        start=workshop.start,
        end=workshop.end,
        page=workshop,
        description=details,
        place=workshop,
        categories=[workshop.theme.name] if workshop.theme_id else [],
        request=request,
    )


def calendar_response(calendar, filename, disposition="inline"):
    response = HttpResponse(calendar.to_ical(), content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def public_sessions(request):
    """Sessions of live, public trainings, with their training, themes and place in a fixed number of queries."""
    return (
        TrainingSession.objects.filter(page__in=public_pages(request, TrainingPage).values("pk"))
        .select_related("page", "place_centre__commune", "place_commune")
        .prefetch_related(Prefetch("page__themes", queryset=Theme.objects.only("pk", "name")))
        .order_by("start", "pk")
    )


def public_workshops(request):
    return (
        public_pages(request, WorkshopPage)
        .select_related("theme", "place_centre__commune", "place_commune")
        .order_by("start", "pk")
    )


def recent_unless_dated(queryset, filters):
    if "starts_after" in filters or "starts_before" in filters or "upcoming" in filters:
        return queryset
    return queryset.filter(end__gte=timezone.now() - DEFAULT_HISTORY)


@open_format_view(SESSION_FILTERS)
def trainings_ics(request, filters):
    """GET /api/v2/feeds/trainings.ics — one event per session of the live, public trainings."""
    sessions = filter_sessions(recent_unless_dated(public_sessions(request), filters), filters)
    calendar = new_calendar("Formations FIGO", "Les sessions de formation de la FIGO (centres sociaux et EVS).")
    for session in sessions:
        calendar.add_component(session_event(session, request))
    return calendar_response(calendar, "formations-figo.ics")


@open_format_view(WORKSHOP_FILTERS)
def workshops_ics(request, filters):
    """GET /api/v2/feeds/workshops.ics — the live, public exchange-of-practice workshops."""
    workshops = filter_workshops(recent_unless_dated(public_workshops(request), filters), filters)
    calendar = new_calendar("Ateliers FIGO", "Les ateliers d'échanges de pratiques de la FIGO.")
    for workshop in workshops:
        calendar.add_component(workshop_event(workshop, request))
    return calendar_response(calendar, "ateliers-figo.ics")


@open_format_view({})
def session_ics(request, filters, pk):
    """GET /api/v2/feeds/sessions/<pk>.ics — one session, for the site's "ajouter à mon agenda" link."""
    session = public_sessions(request).filter(pk=pk).first()
    if session is None:
        raise Http404("Session introuvable.")
    calendar = new_calendar(session.page.title, "Session de formation de la FIGO.")
    calendar.add_component(session_event(session, request))
    return calendar_response(calendar, f"formation-{session.pk}.ics", disposition="attachment")


@open_format_view({})
def workshop_ics(request, filters, pk):
    """GET /api/v2/feeds/workshops/<pk>.ics — one workshop, for the site's "ajouter à mon agenda" link."""
    workshop = public_workshops(request).filter(pk=pk).first()
    if workshop is None:
        raise Http404("Atelier introuvable.")
    calendar = new_calendar(workshop.title, "Atelier d'échanges de pratiques de la FIGO.")
    calendar.add_component(workshop_event(workshop, request))
    return calendar_response(calendar, f"atelier-{workshop.pk}.ics", disposition="attachment")
