"""schema.org descriptions (JSON-LD) of the site's pages, for search engines and other readers of structured data.

Centres are organisations with their address, coordinates and opening hours; trainings are courses with
their sessions as course instances; workshops are events; initiatives are articles. Every page also has
its breadcrumb trail. `json_ld_script` serialises safely inside a <script> element.
"""

from decimal import Decimal

from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from home.open_formats import json_text
from home.seo import absolute_url, page_description, share_image, site_root_url

SCHEMA = "https://schema.org"
FEDERATION_NAME = "Fédération interdépartementale Garonne Occitanie des centres sociaux et des espaces de vie sociale"
FEDERATION_SHORT_NAME = "FIGO"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ATTENDANCE_MODES = {
    "presentiel": ("onsite", "OfflineEventAttendanceMode"),
    "distanciel": ("online", "OnlineEventAttendanceMode"),
    "hybride": ("blended", "MixedEventAttendanceMode"),
}
# What the JSON must not contain to stay inside a <script> element (as Django's json_script does).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element holding `data`, safe whatever the strings contain."""
    text = json_text(data)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(SCRIPT_ESCAPES)))  # noqa: S308


def clean(data):
    """`data` without its empty values, so the description only states what is known."""
    if isinstance(data, dict):
        cleaned = {key: clean(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in (None, "", [], {})}
    if isinstance(data, list):
        return [item for item in (clean(value) for value in data) if item not in (None, "", [], {})]
    return data


def iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def federation(request):
    return {
        "@type": "Organization",
        "@id": f"{site_root_url(request)}/#federation",
        "name": FEDERATION_NAME,
        "alternateName": FEDERATION_SHORT_NAME,
        "url": f"{site_root_url(request)}/",
        "logo": absolute_url(request, static("img/figo-mark.svg")),
    }


def image_url(page, request):
    image = share_image(page, request)
    return image["url"] if image else None


def postal_address(street, postcode, commune):
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "postalCode": postcode,
        "addressLocality": commune.name if commune else None,
        "addressRegion": commune.department.name if commune else None,
        "addressCountry": "FR",
    }


def place(item):
    """The schema.org location of a session or a workshop: a place, or a virtual location when remote."""
    if item.mode == "distanciel":
        return {"@type": "VirtualLocation", "name": item.place_details or "À distance"}
    commune = item.place_commune_resolved
    if item.place_centre_id and item.place_centre:
        centre = item.place_centre
        return {
            "@type": "Place",
            "name": centre.title,
            "address": postal_address(centre.address, centre.postcode, centre.commune),
            "geo": geo(centre.latitude, centre.longitude),
        }
    if commune:
        return {
            "@type": "Place",
            "name": item.place_details or commune.name,
            "address": postal_address("", commune.main_postcode, commune),
            "geo": geo(commune.latitude, commune.longitude),
        }
    return None


def geo(latitude, longitude):
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": round(latitude, 6), "longitude": round(longitude, 6)}


def centre_data(page, request):
    """A centre social or EVS: an organisation at a place, with its address, coordinates and opening hours."""
    url = page.get_full_url(request)
    hours = sorted(page.opening_hours.all(), key=lambda row: (row.weekday, row.opens))
    data = {
        "@type": ["Organization", "CivicStructure"],
        "@id": f"{url}#structure",
        "name": page.title,
        "description": page_description(page),
        "url": url,
        "sameAs": [page.website] if page.website else [],
        "image": image_url(page, request),
        "telephone": page.phone,
        "email": page.email,
        "address": postal_address(page.address, page.postcode, page.commune),
        "geo": geo(page.latitude, page.longitude),
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"{SCHEMA}/{WEEKDAYS[row.weekday]}",
                "opens": row.opens.strftime("%H:%M"),
                "closes": row.closes.strftime("%H:%M"),
            }
            for row in hours
        ],
        "identifier": {"@type": "PropertyValue", "propertyID": "SIRET", "value": page.siret} if page.siret else None,
        "additionalType": str(page.get_structure_type_display()),
        "knowsAbout": [theme.name for theme in page.themes.all()],
    }
    if page.federation_member:
        data["memberOf"] = {"@id": federation(request)["@id"], "name": FEDERATION_NAME}
    return data


def training_data(page, request):
    """A training offer: a course, its sessions as course instances with their place and mode."""
    sessions = sorted(page.sessions.all(), key=lambda session: session.start)
    return {
        "@type": "Course",
        "name": page.title,
        "description": page_description(page) or page.title,
        "url": page.get_full_url(request),
        "image": image_url(page, request),
        "provider": federation(request),
        "inLanguage": "fr",
        "about": [theme.name for theme in page.themes.all()],
        "audience": [{"@type": "Audience", "audienceType": audience.name} for audience in page.audiences.all()],
        "offers": {
            "@type": "Offer",
            "category": "Paid" if page.price else "Free",
            "price": f"{Decimal(page.price or 0):.2f}",
            "priceCurrency": "EUR",
            "description": page.price_details,
        },
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "courseMode": ATTENDANCE_MODES.get(session.mode, ("onsite",))[0],
                "startDate": iso(session.start),
                "endDate": iso(session.end),
                "location": place(session),
                "maximumAttendeeCapacity": session.capacity,
            }
            for session in sessions
        ],
    }


def workshop_data(page, request):
    """An exchange-of-practice workshop: an event with its dates, place and organiser."""
    mode = ATTENDANCE_MODES.get(page.mode, ("onsite", "OfflineEventAttendanceMode"))[1]
    return {
        "@type": "Event",
        "name": page.title,
        "description": page_description(page) or page.title,
        "url": page.get_full_url(request),
        "image": image_url(page, request),
        "startDate": iso(page.start),
        "endDate": iso(page.end),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{mode}",
        "location": place(page),
        "organizer": federation(request),
        "about": page.theme.name if page.theme_id else None,
        "inLanguage": "fr",
        "isAccessibleForFree": True,
    }


def initiative_data(page, request):
    """An inhabitants' initiative: an article by its organising centres, published by the federation."""
    centres = page.get_organising_centres()
    return {
        "@type": "Article",
        "headline": page.title[:110],
        "description": page_description(page),
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "image": image_url(page, request),
        "datePublished": page.date.isoformat() if page.date else iso(page.first_published_at),
        "dateModified": iso(page.last_published_at),
        "author": [
            {"@type": "Organization", "name": centre.title, "url": centre.get_full_url(request)} for centre in centres
        ]
        or [federation(request)],
        "publisher": federation(request),
        "about": [theme.name for theme in page.themes.all()],
        "keywords": ", ".join(page.tag_names),
        "inLanguage": "fr",
    }


def home_data(page, request):
    """The federation itself and the site's search, on the home page."""
    root = site_root_url(request)
    return [
        federation(request),
        {
            "@type": "WebSite",
            "name": "FIGO",
            "url": f"{root}/",
            "inLanguage": "fr",
            "potentialAction": {
                "@type": "SearchAction",
                "target": f"{root}/recherche/?q={{search_term_string}}",
                "query-input": "required name=search_term_string",
            },
        },
    ]


def breadcrumb_data(page, request):
    """The page's place in the site, from the home page."""
    site = Site.find_for_request(request)
    if site is None or page.depth <= site.root_page.depth:
        return None
    trail = [*page.get_ancestors().filter(depth__gte=site.root_page.depth), page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": "Accueil" if item.depth == site.root_page.depth else item.title,
                "item": item.get_full_url(request),
            }
            for position, item in enumerate(trail, start=1)
        ],
    }


BUILDERS = {
    "homepage": home_data,
    "centrepage": centre_data,
    "trainingpage": training_data,
    "workshoppage": workshop_data,
    "initiativepage": initiative_data,
}


def page_structured_data(page, request):
    """The JSON-LD graph of a page: what it describes (if its type has a builder) and its breadcrumb trail."""
    builder = BUILDERS.get(page._meta.model_name)
    items = []
    if builder is not None:
        described = builder(page, request)
        items.extend(described if isinstance(described, list) else [described])
    breadcrumbs = breadcrumb_data(page, request)
    if breadcrumbs:
        items.append(breadcrumbs)
    if not items:
        return None
    return clean({"@context": SCHEMA, "@graph": items})
