"""Demo step: the resource centre, its training catalogue, its workshops and one dossier per main theme."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from blog.models import InitiativePage
from centres.models import CentrePage
from home.models import Commune
from resources.models import (
    AttendanceMode,
    DossierDocument,
    DossierKeyFigure,
    DossierLink,
    DossierPage,
    DossierRelatedPage,
    ResourceIndexPage,
    TrainingIndexPage,
    TrainingPage,
    TrainingSession,
    WorkshopDocument,
    WorkshopIndexPage,
    WorkshopPage,
)

from . import library
from .content.resources import (
    DOSSIERS,
    RESOURCES_INTRODUCTION,
    RESOURCES_TITLE,
    TRAININGS,
    TRAININGS_INTRODUCTION,
    TRAININGS_TITLE,
    WORKSHOPS,
    WORKSHOPS_INTRODUCTION,
    WORKSHOPS_TITLE,
)
from .pages import bullet_list, ensure_page, heading_block, paragraph_block

REMOTE_DETAILS = "Visioconférence : le lien est envoyé après l'inscription."
DEMO_PARAGRAPH = "<p><em>Contenu de démonstration : dates, lieux et intervenants sont fictifs.</em></p>"


def build_resources(ctx, home):
    index = ensure_page(
        ctx,
        home,
        "centre-ressources",
        lambda: ResourceIndexPage(
            title=RESOURCES_TITLE,
            summary="Dossiers thématiques, formations et ateliers d'échanges de pratiques. Contenu de démonstration.",
            introduction=RESOURCES_INTRODUCTION,
            image=library.picture(ctx, "formation"),
        ),
        lookup=lambda: ResourceIndexPage.objects.first(),
    )
    trainings = build_trainings(ctx, index)
    workshops = build_workshops(ctx, index)
    dossiers = [build_dossier(ctx, index, spec) for spec in DOSSIERS]
    return index, trainings, workshops, dossiers


def build_trainings(ctx, index):
    catalogue = ensure_page(
        ctx,
        index,
        "formations",
        lambda: TrainingIndexPage(
            title=TRAININGS_TITLE,
            summary="Le catalogue des formations de la fédération. Contenu de démonstration.",
            introduction=TRAININGS_INTRODUCTION,
            image=library.picture(ctx, "formation"),
        ),
        lookup=lambda: TrainingIndexPage.objects.first(),
    )
    for spec in TRAININGS:
        ensure_page(ctx, catalogue, spec["slug"], lambda spec=spec: _training(ctx, spec), model=TrainingPage)
    return catalogue


def _training(ctx, spec):
    return TrainingPage(
        title=spec["title"],
        summary=spec["summary"],
        image=library.picture(ctx, spec["picture"]),
        audiences=[ctx.audiences[slug] for slug in spec["audiences"]],
        themes=[ctx.themes[slug] for slug in spec["themes"]],
        objectives=bullet_list(spec["objectives"]),
        programme=bullet_list(spec["programme"], ordered=True),
        trainers=spec["trainers"],
        duration=spec["duration"],
        price=Decimal(spec["price"]),
        price_details=spec["price_details"],
        body=[
            heading_block("Inscription"),
            paragraph_block(
                "L'inscription se fait auprès de l'équipe fédérale avant la date limite indiquée pour chaque "
                "session. Les formations sont accessibles aux personnes en situation de handicap : "
                "signalez-nous vos besoins."
            ),
            paragraph_block(DEMO_PARAGRAPH),
        ],
        sessions=[_session(ctx, *session) for session in spec["sessions"]],
    )


def _session(ctx, days, length, place, capacity):
    day = ctx.today + timedelta(days=days)
    if length == 0:
        start, end = _moment(day, time(18, 0)), _moment(day, time(21, 0))
    else:
        start, end = _moment(day, time(9, 0)), _moment(day + timedelta(days=length - 1), time(17, 0))
    return TrainingSession(
        start=start,
        end=end,
        capacity=capacity,
        registration_deadline=day - timedelta(days=7),
        **_place(ctx, place),
    )


def _moment(day, at):
    return timezone.make_aware(datetime.combine(day, at))


def _place(ctx, place):
    """Place fields from ("centre", key), ("commune", INSEE code) or ("remote", None)."""
    kind, value = place
    if kind == "centre":
        return {
            "mode": AttendanceMode.ON_SITE,
            "place_centre": ctx.centres[value],
            "place_details": "Salle d'activités",
        }
    if kind == "commune":
        commune = Commune.objects.get(insee_code=value)
        return {"mode": AttendanceMode.ON_SITE, "place_commune": commune, "place_details": "Salle municipale"}
    return {"mode": AttendanceMode.REMOTE, "place_details": REMOTE_DETAILS}


def build_workshops(ctx, index):
    listing = ensure_page(
        ctx,
        index,
        "ateliers",
        lambda: WorkshopIndexPage(
            title=WORKSHOPS_TITLE,
            summary="Les ateliers où les centres échangent leurs pratiques. Contenu de démonstration.",
            introduction=WORKSHOPS_INTRODUCTION,
            image=library.picture(ctx, "atelier-echanges"),
        ),
        lookup=lambda: WorkshopIndexPage.objects.first(),
    )
    for spec in WORKSHOPS:
        ensure_page(
            ctx,
            listing,
            spec["slug"],
            lambda spec=spec: _workshop(ctx, spec),
            model=WorkshopPage,
            after_create=lambda page, spec=spec: page.invited_partners.set(
                [ctx.partners[slug] for slug in spec["partners"]]
            ),
        )
    return listing


def _workshop(ctx, spec):
    day = ctx.today + timedelta(days=spec["days"])
    report = []
    for heading, paragraphs in spec["report"]:
        report.append(heading_block(heading))
        report.extend(paragraph_block(text) for text in paragraphs)
    if report:
        report.append(paragraph_block(DEMO_PARAGRAPH))
    return WorkshopPage(
        title=spec["title"],
        summary=spec["summary"],
        image=library.picture(ctx, spec["picture"]),
        theme=ctx.themes[spec["theme"]],
        chantier=spec["chantier"],
        start=_moment(day, time(9, 30)),
        end=_moment(day, time(16, 30)),
        invited_partners_details="Des habitants engagés dans les initiatives du réseau",
        description=f"<p>{spec['description']}</p>{DEMO_PARAGRAPH}",
        report=report,
        documents=[
            WorkshopDocument(
                document=library.document(ctx, title, spec["title"], [heading for heading, _ in spec["report"]]),
                document_type=kind,
            )
            for title, kind in spec["documents"]
        ],
        **_place(ctx, spec["place"]),
    )


def build_dossier(ctx, index, spec):
    theme = ctx.themes[spec["theme"]]
    return ensure_page(
        ctx,
        index,
        f"dossier-{theme.slug}",
        lambda: _dossier(ctx, spec, theme),
        lookup=DossierPage.objects.filter(theme=theme).order_by("path").first,
    )


def _dossier(ctx, spec, theme):
    body = []
    for heading, paragraphs in spec["sections"]:
        body.append(heading_block(heading))
        body.extend(paragraph_block(text) for text in paragraphs)
    body.append(
        paragraph_block(
            "<p><em>Dossier de démonstration : les chiffres clés sont des ordres de grandeur publiés par les "
            "sources citées ; les documents et les exemples du réseau sont fictifs.</em></p>"
        )
    )
    return DossierPage(
        title=spec["title"],
        summary=spec["summary"],
        image=library.picture(ctx, spec["picture"]),
        theme=theme,
        body=body,
        last_reviewed=ctx.today - timedelta(days=ctx.rng(f"dossier:{theme.slug}").randint(10, 120)),
        key_figures=[
            DossierKeyFigure(value=value, label=label, source=source) for value, label, source in spec["figures"]
        ],
        documents=[
            DossierDocument(
                document=library.document(ctx, title, spec["title"], headings),
                document_type=kind,
                date=ctx.today - timedelta(days=days_ago),
            )
            for title, kind, days_ago, headings in spec["documents"]
        ],
        links=[DossierLink(title=title, url=url, description=description) for title, url, description in spec["links"]],
        related_pages=[DossierRelatedPage(related_page=page) for page in _related_pages(theme)],
    )


def _related_pages(theme):
    """Up to three initiatives, three centres and two trainings of the theme, most recent first."""
    initiatives = InitiativePage.objects.live().filter(themes=theme).order_by("-date", "pk")[:3]
    centres = CentrePage.objects.live().filter(themes=theme).order_by("path")[:3]
    trainings = TrainingPage.objects.live().filter(themes=theme).order_by("path")[:2]
    return [*initiatives, *centres, *trainings]
