"""Builders of the API tests: pages of every type with every field the API shows filled in.

They build on the factories of conftest.py and add what the partner API must expand: images in
the body and as listing image, internal links in rich text, documents, organising centres, sessions
with their places, tags, follow-up stages, related pages, partners.
"""

import datetime
import itertools

from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.models import FollowUpStage, InitiativeOrganiser
from centres.models import CentrePhoto, DepartmentContact, KeyEvent, OpeningHours
from home.models import Department, HomeFeaturedPage
from resources.models import DossierDocument, DossierKeyFigure, DossierLink, DossierRelatedPage, WorkshopDocument
from tests.conftest import (
    BlogIndexPageFactory,
    CentrePageFactory,
    DepartmentPageFactory,
    DirectoryPageFactory,
    DocumentFactory,
    DossierPageFactory,
    ImageFactory,
    InitiativePageFactory,
    PartnerFactory,
    ResourceIndexPageFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    WorkshopIndexPageFactory,
    WorkshopPageFactory,
    audience,
    department,
    theme,
)


def in_days(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rich_text_with_links(page, document):
    """Database-format rich text linking to a page and a document, as the editor's toolbar stores it."""
    return (
        f'<p>Voir <a linktype="page" id="{page.pk}">la page liée</a> '
        f'et <a linktype="document" id="{document.pk}">le guide</a>.</p>'
    )


def body(image, document, page):
    """A raw StreamField body using every block of home.blocks.BaseStreamBlock."""
    return [
        {"type": "heading", "value": {"text": "Ce que les habitants en disent", "level": "h2"}},
        {"type": "paragraph", "value": rich_text_with_links(page, document)},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Des habitants au jardin", "decorative": False},
                "caption": "Le jardin en juin",
                "credit": "FIGO",
            },
        },
        {"type": "quote", "value": {"text": "On a appris à se connaître.", "attribution": "Fatima"}},
        {"type": "document", "value": {"document": document.pk, "title": "Le guide"}},
    ]


class Media:
    """Two images and two documents shared by the pages built (enough to prove bulk loading)."""

    def __init__(self):
        self.images = [ImageFactory(), ImageFactory()]
        self.documents = [DocumentFactory(), DocumentFactory()]
        self._images = itertools.cycle(self.images)
        self._documents = itertools.cycle(self.documents)

    def image(self):
        return next(self._images)

    def document(self):
        return next(self._documents)


def tree(home_page):
    """The index pages of the site, each section under the home page."""
    directory = DirectoryPageFactory(parent=home_page)
    blog = BlogIndexPageFactory(parent=home_page)
    resources = ResourceIndexPageFactory(parent=home_page)
    return {
        "home": home_page,
        "directory": directory,
        "department": DepartmentPageFactory(parent=directory, department=department("31")),
        "blog": blog,
        "resources": resources,
        "trainings": TrainingIndexPageFactory(parent=resources),
        "workshops": WorkshopIndexPageFactory(parent=resources),
    }


def centres(parent, media, count, **fields):
    pages = []
    for _ in range(count):
        document = media.document()
        page = CentrePageFactory(parent=parent, image=media.image(), **fields)
        page.body = body(media.image(), document, parent)
        page.themes.set([theme("logement"), theme("numerique")])
        page.audiences.set([audience("habitants")])
        page.save()
        OpeningHours.objects.create(page=page, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
        CentrePhoto.objects.create(page=page, image=media.image(), caption="La fête de quartier")
        pages.append(page)
    return pages


def initiatives(parent, organiser, media, count, **fields):
    partner = PartnerFactory()
    pages = []
    for _ in range(count):
        document = media.document()
        page = InitiativePageFactory(
            parent=parent,
            image=media.image(),
            is_significant=True,
            description=rich_text_with_links(organiser, document),
            **fields,
        )
        page.body = body(media.image(), document, organiser)
        page.themes.set([theme("logement")])
        page.tags.add("jardin", "alimentation")
        page.partners.set([partner])
        page.save()
        InitiativeOrganiser.objects.create(page=page, centre=organiser)
        today = timezone.localdate()
        FollowUpStage.objects.create(page=page, stage="reperee", date=today - datetime.timedelta(days=60))
        FollowUpStage.objects.create(page=page, stage="soutenue", date=today - datetime.timedelta(days=10))
        pages.append(page)
    return pages


def trainings(parent, place_centre, media, count, **fields):
    pages = []
    for _ in range(count):
        document = media.document()
        page = TrainingPageFactory(
            parent=parent, image=media.image(), objectives=rich_text_with_links(place_centre, document), **fields
        )
        page.body = body(media.image(), document, place_centre)
        page.audiences.set([audience("elus-locaux")])
        page.themes.set([theme("acces-aux-droits")])
        page.save()
        TrainingSessionFactory(page=page, place_commune=None, place_centre=place_centre)
        TrainingSessionFactory(page=page, start=in_days(60), end=in_days(60, hour=17))
        pages.append(page)
    return pages


def workshops(parent, place_centre, media, count, **fields):
    partner = PartnerFactory()
    pages = []
    for _ in range(count):
        document = media.document()
        page = WorkshopPageFactory(
            parent=parent,
            image=media.image(),
            theme=theme("bien-vieillir"),
            place_commune=None,
            place_centre=place_centre,
            description=rich_text_with_links(place_centre, document),
            **fields,
        )
        page.report = body(media.image(), document, place_centre)
        page.invited_partners.set([partner])  # a ParentalManyToManyField: stored by the save below
        page.save()
        WorkshopDocument.objects.create(page=page, document=media.document(), document_type="compte_rendu")
        pages.append(page)
    return pages


def dossiers(parent, related, media, count, **fields):
    pages = []
    for _ in range(count):
        page = DossierPageFactory(parent=parent, image=media.image(), **fields)
        page.body = body(media.image(), media.document(), related)
        page.save()
        DossierKeyFigure.objects.create(page=page, value="4,1 millions", label="personnes mal logées")
        DossierDocument.objects.create(
            page=page, document=media.document(), document_type="guide", date=datetime.date(2025, 1, 15)
        )
        DossierLink.objects.create(page=page, title="Rapport", url="https://www.example.org/rapport")
        DossierRelatedPage.objects.create(page=page, related_page=related)
        pages.append(page)
    return pages


def department_pages(parent, media, count):
    """Département pages; past the eight real départements, test-only ones (codes "t01"…)."""
    pages = []
    for index in range(count):
        code = f"t{index:02d}"
        entry, _ = Department.objects.get_or_create(code=code, defaults={"name": f"Test {code}", "slug": code})
        page = DepartmentPageFactory(parent=parent, department=entry, image=media.image())
        DepartmentContact.objects.create(page=page, name="Paul Durand", role="Délégué", email="paul@figo.example")
        KeyEvent.objects.create(page=page, date=datetime.date(2026, 6, 12), title="Assemblée", place="Auch")
        pages.append(page)
    return pages


def standard_pages(parent, media, related, count):
    pages = []
    for _ in range(count):
        page = StandardPageFactory(parent=parent, image=media.image())
        page.body = body(media.image(), media.document(), related)
        page.save()
        pages.append(page)
    return pages


def feature(home_page, pages):
    for page in pages:
        HomeFeaturedPage.objects.create(page=home_page, featured=page)


def restrict(page):
    """Reserve a page (and its subtree) to logged-in users, as the members' area does."""
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def private_collection(name="Zone réservée (test)"):
    """A collection whose images and documents are reserved to logged-in users."""
    # Collections are kept sorted by name: a name sorting last leaves the existing paths alone.
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return collection
