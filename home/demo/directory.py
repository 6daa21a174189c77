"""Demo step: the directory, one page per département and the fictitious centres sociaux and EVS."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from centres.models import (
    CentrePage,
    CentrePhoto,
    DepartmentContact,
    DepartmentPage,
    DirectoryPage,
    KeyEvent,
    OpeningHours,
    StructureType,
)
from home.models import Commune, Department

from . import identifiers, library
from .content.common import DEMO_NOTICE, STREETS
from .content.directory import (
    ACTIVITIES,
    CENTRES,
    DEPARTMENT_OF,
    DEPARTMENTS,
    DIRECTORY_INTRODUCTION,
    DIRECTORY_TITLE,
    INTRODUCTIONS,
    OPENING_PATTERNS,
    PARTICIPATION_BODIES,
    TERRITORY_PHRASES,
    THEME_PICTURES,
)
from .french import subject, with_article
from .pages import bullet_list, ensure_page, heading_block, paragraph_block

AGREMENT_YEARS = {"cs": 4, "evs": 3}


def build_directory(ctx, home):
    """The directory under the home page, then each département page and its centres."""
    directory = ensure_page(
        ctx,
        home,
        "annuaire",
        lambda: DirectoryPage(
            title=DIRECTORY_TITLE,
            summary="Trouver un centre social ou un espace de vie sociale dans les huit départements. "
            "Contenu de démonstration.",
            introduction=DIRECTORY_INTRODUCTION,
            image=library.picture(ctx, "accueil"),
        ),
        lookup=lambda: DirectoryPage.objects.first(),
    )
    departments = {department.code: department for department in Department.objects.all()}
    specs = [CentreSpec(*row) for row in CENTRES]
    communes = Commune.objects.in_bulk([spec.insee for spec in specs])
    for code, department in departments.items():
        department_page = build_department(ctx, directory, department)
        for spec in specs:
            if spec.department == code:
                ctx.centres[spec.key] = build_centre(ctx, department_page, department, communes[spec.insee], spec)
    return directory


def build_department(ctx, directory, department):
    texts = DEPARTMENTS[department.code]
    rng = ctx.rng(f"department:{department.code}")

    def build():
        return DepartmentPage(
            title=department.name,
            listing_title=f"{department.code} — {department.name}",
            summary=f"Le réseau des centres sociaux et EVS {DEPARTMENT_OF[department.code]} : contacts, temps "
            "forts et annuaire. Contenu de démonstration.",
            department=department,
            introduction=texts["introduction"],
            image=library.picture(ctx, "assemblee" if department.code in {"31", "82"} else "rural"),
            contacts=[
                DepartmentContact(
                    name=name, role=role, email=identifiers.email(name), phone=identifiers.phone(rng, suffix)
                )
                for name, role, suffix in texts["contacts"]
            ],
            key_events=[
                KeyEvent(date=ctx.today + timedelta(days=days), title=title, place=place, description=description)
                for days, title, place, description in texts["events"]
            ],
        )

    return ensure_page(
        ctx,
        directory,
        department.slug,
        build,
        lookup=lambda: DepartmentPage.objects.filter(department=department).first(),
    )


@dataclass(frozen=True)
class CentreSpec:
    """One row of the CENTRES table of the demo texts."""

    key: str
    department: str
    kind: str
    name: str
    insee: str
    neighbourhood: str
    manager: str
    mode: str
    territory: str
    qpv: bool
    zrr: bool
    themes: list
    postcode: str = ""


def build_centre(ctx, department_page, department, commune, spec):
    if commune.department_id != department.pk:
        raise ValidationError(f"{commune} n'est pas dans le département {department}.")
    return ensure_page(
        ctx,
        department_page,
        slugify(f"{spec.name} {spec.neighbourhood or commune.name}"),
        lambda: _centre(ctx, spec, commune),
        model=CentrePage,
    )


def _centre(ctx, spec, commune):
    rng = ctx.rng(f"centre:{spec.key}")
    latitude, longitude = identifiers.point_near(rng, commune.latitude, commune.longitude)
    is_cs = spec.kind == StructureType.CS
    families = is_cs and ("parentalite-et-familles" in spec.themes or rng.random() < 0.5)
    approval_start = (ctx.today - timedelta(days=rng.randint(30, 700))).replace(day=1)
    approval_end = approval_start.replace(year=approval_start.year + AGREMENT_YEARS[spec.kind]) - timedelta(days=1)
    where = _where(spec.territory, spec.neighbourhood, commune)
    pictures = [library.picture(ctx, "rural" if spec.territory == "rural" else "accueil")]
    pictures.append(library.picture(ctx, THEME_PICTURES[spec.themes[0]]))
    theme_names = [ctx.themes[slug].name.lower() for slug in spec.themes]
    return CentrePage(
        title=spec.name,
        structure_type=spec.kind,
        summary=f"{'Centre social' if is_cs else 'Espace de vie sociale'} {where} : "
        f"{', '.join(theme_names)}. {DEMO_NOTICE}.",
        image=pictures[0],
        address=f"{rng.randint(1, 48)} {rng.choice(STREETS)}",
        address_complement=f"Quartier {spec.neighbourhood}" if spec.neighbourhood else "",
        postcode=spec.postcode or commune.main_postcode,
        commune=commune,
        latitude=latitude,
        longitude=longitude,
        contact_name=identifiers.person(rng),
        email=f"accueil@{spec.key}.figo.example",
        phone=identifiers.phone(rng),
        website=f"https://{spec.key}.figo.example",
        siret=identifiers.siret(rng),
        manager_name=spec.manager,
        management_mode=spec.mode,
        federation_member=rng.random() > 0.1,
        first_approval_date=date(rng.randint(1975, 2016) if is_cs else rng.randint(2002, 2021), rng.randint(1, 12), 1),
        approval_start=approval_start,
        approval_end=approval_end,
        approval_global=is_cs,
        approval_families=families,
        approval_evs=not is_cs,
        family_referent=families,
        territory_type=spec.territory,
        territory_scope=_scope(spec),
        qpv=spec.qpv,
        zrr=spec.zrr,
        population_served=rng.randint(6, 18) * 1000 if spec.neighbourhood else commune.population * rng.randint(1, 3),
        themes=[ctx.themes[slug] for slug in spec.themes],
        audiences=[ctx.audiences["habitants"], ctx.audiences["benevoles"]],
        participation_bodies=rng.choice(PARTICIPATION_BODIES),
        body=_centre_body(rng, spec, where),
        last_verified=ctx.today - timedelta(days=rng.randint(5, 330)),
        opening_hours=[
            OpeningHours(weekday=day, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes))
            for day, opens, closes in sorted(rng.choice(OPENING_PATTERNS[spec.kind]))
        ],
        photos=[
            CentrePhoto(image=image, caption=f"{image.title} — {commune.name} (illustration)")
            for image in pictures[: rng.choice([1, 2])]
        ],
    )


def _scope(spec):
    if spec.neighbourhood:
        return "quartiers"
    return "communes" if spec.territory == "rural" else "commune"


def _where(territory, neighbourhood, commune):
    if territory == "urbain" and not neighbourhood:
        territory = "urbain-commune"
    return TERRITORY_PHRASES[territory].format(neighbourhood=neighbourhood, commune=commune.name)


def _centre_body(rng, spec, where):
    introduction = rng.choice(INTRODUCTIONS[spec.kind]).format(
        name=subject(spec.name), manager=with_article(spec.manager), where=where
    )
    activities = [rng.choice(ACTIVITIES[slug]) for slug in spec.themes]
    return [
        heading_block("Présentation"),
        paragraph_block(introduction),
        paragraph_block(
            f"<p><strong>{DEMO_NOTICE}.</strong> Cette fiche montre le fonctionnement de l'annuaire : le nom, "
            "l'adresse, les contacts et les chiffres sont inventés, seule la commune est réelle.</p>"
        ),
        heading_block("Nos activités"),
        paragraph_block(f"<p>Tout au long de l'année, la structure propose :</p>{bullet_list(activities)}"),
        heading_block("Participer"),
        paragraph_block(
            "Chacun peut proposer une activité, rejoindre une équipe de bénévoles ou simplement venir "
            "prendre un café aux heures d'accueil. Les projets naissent des envies des habitants."
        ),
    ]
