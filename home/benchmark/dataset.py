"""A national-scale dataset for the benchmark, inserted in bulk: 4,000 centres, 20,000 initiatives,
1,000 trainings with their sessions.

Wagtail's `add_child` costs several queries per page; here each batch of pages is one INSERT into
wagtailcore_page (with tree paths computed as treebeard would) and one into the page type's own table,
so the whole dataset is built in a few minutes. Only for a dedicated benchmark database.
"""

import datetime
import io
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from blog.models import BlogIndexPage, InitiativeOrganiser, InitiativePage
from centres.models import CentrePage, DepartmentPage, DirectoryPage, OpeningHours, StructureType
from home.models import Audience, Commune, Department, HomePage, Theme
from resources.models import ResourceIndexPage, TrainingIndexPage, TrainingPage, TrainingSession

CENTRES = 4_000
INITIATIVES = 20_000
TRAININGS = 1_000
SESSIONS_PER_TRAINING = 3
IMAGES = 12
BATCH = 1_000
SLUG_PREFIX = "bench"

TOPICS = [
    ("Logement", "des permanences logement pour les familles mal logées", "logements"),
    ("Santé", "un atelier santé et prévention avec la maison de santé", "soins"),
    ("Mobilité", "un garage solidaire et des cours de vélo pour aller au travail", "mobilité"),
    ("Numérique", "un café numérique pour les démarches en ligne", "ordinateurs"),
    ("Jeunesse", "un conseil de jeunes qui organise un festival", "jeunes"),
    ("Vacances", "un départ en vacances en famille préparé ensemble", "vacances"),
    ("Écologie", "un jardin partagé et une épicerie de produits locaux", "jardins"),
    ("Bien vieillir", "des visites de convivialité chez les aînés isolés", "aînés"),
]


def _through(model, name):
    """The table linking `model` to a vocabulary through its (parental) many-to-many field `name`."""
    return model._meta.get_field(name).remote_field.through


def _paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}]


class TreeWriter:
    """Appends many children under one parent page with bulk INSERTs, keeping the tree consistent."""

    def __init__(self, parent, model):
        self.parent = parent
        self.model = model
        self.content_type = ContentType.objects.get_for_model(model)
        self.locale = parent.locale
        self.next_step = parent.numchild + 1

    def build(self, specific_objects):
        """Insert `specific_objects` (unsaved instances of `model`, title and slug set) as children."""
        now = timezone.now()
        pages = []
        for obj in specific_objects:
            path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
            self.next_step += 1
            published = obj.first_published_at or now
            pages.append(
                Page(
                    title=obj.title,
                    draft_title=obj.title,
                    slug=obj.slug,
                    content_type=self.content_type,
                    path=path,
                    depth=self.parent.depth + 1,
                    numchild=0,
                    url_path=f"{self.parent.url_path}{obj.slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    locale=self.locale,
                    translation_key=uuid.uuid4(),
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=BATCH)
        for page, obj in zip(pages, specific_objects, strict=True):
            for field in Page._meta.concrete_fields:
                setattr(obj, field.attname, getattr(page, field.attname))
            obj.page_ptr_id = page.pk
        fields = self.model._meta.local_concrete_fields
        for start in range(0, len(specific_objects), BATCH):
            # Page rows exist already: insert the page type's own row only (bulk_create refuses inherited models).
            self.model._base_manager._insert(specific_objects[start : start + BATCH], fields=fields)
        Page.objects.filter(pk=self.parent.pk).update(numchild=self.next_step - 1)
        self.parent.numchild = self.next_step - 1
        return specific_objects


def _child(parent, model, **fields):
    """A section page made the ordinary way (there are only a few)."""
    page = model(**fields)
    parent.add_child(instance=page)
    return page


def already_built():
    return InitiativePage.objects.filter(slug__startswith=SLUG_PREFIX).count() >= INITIATIVES


def _images(rng):
    """A dozen plain pictures drawn with Pillow, shared by half of the initiatives."""
    Image = get_image_model()
    root = Collection.get_first_root_node()
    images = []
    for index in range(IMAGES):
        buffer = io.BytesIO()
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        PILImage.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=80)
        image = Image(title=f"Photo de banc d'essai n°{index}", collection=root)
        image.file = ImageFile(buffer, name=f"benchmark-{index}.jpg")
        image.save()
        images.append(image)
    return images


@transaction.atomic
def build(stdout=None, seed=2026):
    """Build the whole dataset under the home page; returns the counts made."""
    rng = random.Random(seed)  # noqa: S311 (made-up content, not security)
    say = stdout.write if stdout else (lambda message: None)
    home = HomePage.objects.get()
    locale = Locale.get_default()
    themes = list(Theme.objects.all())
    audiences = list(Audience.objects.all())
    communes = list(Commune.objects.select_related("department").order_by("-population")[:1500])
    now = timezone.now()

    directory = DirectoryPage.objects.first() or _child(
        home, DirectoryPage, title="Annuaire des centres sociaux et EVS", slug=f"{SLUG_PREFIX}-annuaire", locale=locale
    )
    department_pages = {}
    for department in Department.objects.all():
        page = DepartmentPage.objects.filter(department=department).first()
        department_pages[department.pk] = page or _child(
            directory,
            DepartmentPage,
            title=f"Réseau {department.name}",
            slug=f"{SLUG_PREFIX}-{department.slug}",
            department=department,
            locale=locale,
        )
    blog = BlogIndexPage.objects.first() or _child(
        home, BlogIndexPage, title="Initiatives d'habitants", slug=f"{SLUG_PREFIX}-initiatives", locale=locale
    )
    resources = ResourceIndexPage.objects.first() or _child(
        home, ResourceIndexPage, title="Centre ressources", slug=f"{SLUG_PREFIX}-ressources", locale=locale
    )
    catalogue = TrainingIndexPage.objects.first() or _child(
        resources, TrainingIndexPage, title="Formations", slug=f"{SLUG_PREFIX}-formations", locale=locale
    )

    say(f"Centres : {CENTRES}…")
    centres_by_department = {}
    for index in range(CENTRES):
        commune = communes[index % len(communes)]
        centres_by_department.setdefault(commune.department_id, []).append((index, commune))
    centres = []
    for department_id, rows in centres_by_department.items():
        objects = []
        for index, commune in rows:
            kind = StructureType.CS if index % 5 else StructureType.EVS
            label = "Centre social" if kind == StructureType.CS else "Espace de vie sociale"
            title = f"{label} {commune.name} n°{index}"
            objects.append(
                CentrePage(
                    title=title,
                    slug=f"{SLUG_PREFIX}-{slugify(title)}",
                    summary=f"Un lieu ouvert aux habitants de {commune.name} : accueil, familles, jeunesse.",
                    structure_type=kind,
                    address=f"{1 + index % 90} rue de la République",
                    postcode=commune.main_postcode or "31000",
                    commune_id=commune.pk,
                    latitude=commune.latitude + rng.uniform(-0.01, 0.01),
                    longitude=commune.longitude + rng.uniform(-0.01, 0.01),
                    email=f"accueil{index}@centre.example",
                    phone="05 61 00 00 00",
                    website=f"https://centre-{index}.example",
                    approval_global=kind == StructureType.CS,
                    approval_evs=kind == StructureType.EVS,
                    body=_paragraph(f"Le centre accueille les habitants de {commune.name} du lundi au samedi."),
                    first_published_at=now - datetime.timedelta(days=rng.randrange(30, 900)),
                )
            )
        centres += TreeWriter(department_pages[department_id], CentrePage).build(objects)
    _through(CentrePage, "themes").objects.bulk_create(
        [
            _through(CentrePage, "themes")(centrepage_id=c.pk, theme_id=t.pk)
            for c in centres
            for t in rng.sample(themes, 2)
        ],
        batch_size=BATCH,
    )
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(page_id=c.pk, weekday=day, opens=datetime.time(9), closes=datetime.time(12), sort_order=day)
            for c in centres
            for day in range(5)
        ],
        batch_size=BATCH,
    )

    say(f"Initiatives : {INITIATIVES}…")
    images = _images(rng)
    initiatives = []
    for index in range(INITIATIVES):
        topic, action, word = TOPICS[index % len(TOPICS)]
        centre = centres[rng.randrange(len(centres))]
        title = f"{topic} : {action} ({index})"
        initiatives.append(
            InitiativePage(
                title=title,
                slug=f"{SLUG_PREFIX}-initiative-{index}",
                summary=f"À {centre.commune_id}, des habitants ont monté {action}.",
                date=(now - datetime.timedelta(days=rng.randrange(0, 1000))).date(),
                initiated_by="Un collectif d'habitants",
                territory="Quartier prioritaire",
                description=f"<p>Des habitants parlent de {word} et de {topic.lower()} avec le centre social.</p>",
                results="<p>Une vingtaine de familles mobilisées.</p>",
                body=_paragraph(f"Récit de l'action : {action}. Les {word} au cœur du projet."),
                is_significant=index % 40 == 0,
                image_id=images[index % IMAGES].pk if index % 2 else None,
                first_published_at=now - datetime.timedelta(days=rng.randrange(0, 1000), seconds=index),
            )
        )
        initiatives[-1]._centre = centre
    TreeWriter(blog, InitiativePage).build(initiatives)
    _through(InitiativePage, "themes").objects.bulk_create(
        [
            _through(InitiativePage, "themes")(initiativepage_id=page.pk, theme_id=themes[index % len(themes)].pk)
            for index, page in enumerate(initiatives)
        ],
        batch_size=BATCH,
    )
    InitiativeOrganiser.objects.bulk_create(
        [InitiativeOrganiser(page_id=page.pk, centre_id=page._centre.pk, sort_order=0) for page in initiatives],
        batch_size=BATCH,
    )

    say(f"Formations : {TRAININGS} et {TRAININGS * SESSIONS_PER_TRAINING} sessions…")
    trainings = TreeWriter(catalogue, TrainingPage).build(
        [
            TrainingPage(
                title=f"Formation {TOPICS[index % len(TOPICS)][0].lower()} n°{index}",
                slug=f"{SLUG_PREFIX}-formation-{index}",
                summary="Deux jours pour outiller bénévoles et salariés.",
                objectives="<p>Comprendre, agir, transmettre.</p>",
                trainers="Équipe fédérale",
                duration="2 jours",
                price=0,
            )
            for index in range(TRAININGS)
        ]
    )
    _through(TrainingPage, "audiences").objects.bulk_create(
        [
            _through(TrainingPage, "audiences")(
                trainingpage_id=page.pk, audience_id=audiences[index % len(audiences)].pk
            )
            for index, page in enumerate(trainings)
        ]
    )
    sessions = []
    for index, page in enumerate(trainings):
        for number in range(SESSIONS_PER_TRAINING):
            start = now + datetime.timedelta(days=rng.randrange(-120, 365), hours=rng.randrange(0, 8))
            sessions.append(
                TrainingSession(
                    page_id=page.pk,
                    start=start,
                    end=start + datetime.timedelta(hours=7),
                    place_commune_id=communes[(index + number) % len(communes)].pk,
                    capacity=15,
                    sort_order=number,
                )
            )
    TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
    return {
        "centres": len(centres),
        "initiatives": len(initiatives),
        "trainings": len(trainings),
        "sessions": len(sessions),
    }


def _prefill_parental_m2m(objects, model, name):
    """Load a ParentalManyToManyField for many pages in one query: modelcluster reads it from
    `_cluster_related_objects`, and the search indexer would otherwise query it for every page."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    related = {item.pk: item for item in field.related_model.objects.all()}
    by_page = {}
    for page_id, item_id in through.objects.filter(**{f"{source}__in": objects}).values_list(
        f"{source}_id", f"{target}_id"
    ):
        by_page.setdefault(page_id, []).append(related[item_id])
    for obj in objects:
        obj.__dict__.setdefault("_cluster_related_objects", {})[name] = by_page.get(obj.pk, [])


def index_for_search(stdout=None):
    """Fill Wagtail's search index for the page types the benchmark searches (French stemming on PostgreSQL)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for model, relations in ((InitiativePage, ["themes"]), (CentrePage, ["themes"])):
        if stdout:
            stdout.write(f"Index de recherche : {model._meta.verbose_name_plural}…")
        # get_indexed_objects() prefetches the other related fields (tags, commune).
        queryset = model.get_indexed_objects().filter(slug__startswith=SLUG_PREFIX).order_by("pk")
        for start in range(0, queryset.count(), BATCH):
            objects = list(queryset[start : start + BATCH])
            for name in relations:
                _prefill_parental_m2m(objects, model, name)
            backend.add_bulk(model, objects)
