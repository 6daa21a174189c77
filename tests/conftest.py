"""Shared builders for the whole test suite: the page tree, partners, images, documents and admin form data.

Everything is built in code, never loaded from JSON fixtures with hard-coded ids. The reference data
(the eight départements, their communes, the themes and publics) and the home page come from the
migrations, so every test database already holds them.

Three layers, use the one that fits:

- Factories (wagtail-factories / factory_boy), to build many pages at once or to vary one field:
  ``CentrePageFactory.create_batch(50, parent=department_page)``,
  ``InitiativePageFactory(parent=blog_index_page, is_significant=True)``.
  A page factory needs ``parent=``; its defaults are valid for the model's own rules (a centre's commune
  and postcode belong to its département page, a session's deadline precedes its start, …).
- Fixtures, one per page of a small complete tree, each depending on its parent:
  ``home_page`` → ``standard_page``;
  ``home_page`` → ``directory_page`` → ``department_page`` (31 Haute-Garonne) → ``centre_page`` (Toulouse);
  ``home_page`` → ``blog_index_page`` → ``initiative_page`` (organised by ``centre_page``);
  ``home_page`` → ``resource_index_page`` → ``dossier_page``, ``training_index_page`` → ``training_page``
  (with one upcoming session), ``workshop_index_page`` → ``workshop_page``;
  plus ``partner``, ``image``, ``document``, ``video_embed``, and ``site_tree`` (all the pages by name).
- Admin form data, for tests that post to the admin as an editor would: ``centre_form(**overrides)``
  and its siblings return the POST data of a valid page form; an override replaces one field, and a list
  of dicts given for an inline panel (``opening_hours=[{"closes": "08:00"}]``) replaces its rows, each
  row starting from a valid one. ``add_page_url(Model, parent)`` is the admin URL that creates a page,
  ``edit_form_data(client, page)`` the data of a page's edit form as rendered, and
  ``response_text(response)`` the HTML with entities decoded, to search for French messages.

The admin fixtures are pytest-django's ``admin_user`` and ``admin_client`` (a superuser, logged in);
``page_tests`` gives Wagtail's ``WagtailPageTestCase`` assertions (``assertCanCreate``,
``assertPageIsRenderable``, …) to pytest tests, with an anonymous client and the admin user.
"""

import datetime
import html
import shutil
import socket
from types import SimpleNamespace

import factory
import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.coreutils import get_dummy_request
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.fields import StreamField
from wagtail.models import Collection
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from blog.models import BlogIndexPage, FollowUpStage, InitiativeOrganiser, InitiativePage
from centres.models import CentrePage, DepartmentPage, DirectoryPage, OpeningHours, Partner, PartnerType
from home import change_listeners, roles
from home.benchmark.processes import redis_server
from home.models import Audience, Commune, Department, HomePage, StandardPage, Theme
from resources.models import (
    DossierPage,
    ResourceIndexPage,
    TrainingIndexPage,
    TrainingPage,
    TrainingSession,
    WorkshopIndexPage,
    WorkshopPage,
)

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
VIDEO_URL = "https://video.figo.example/w/assemblee-des-habitants"


# --- No network --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _refuse_external_network():
    """Fail loudly if anything in a test opens a connection to a host other than this machine."""
    original_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOOPBACK_HOSTS:
            raise RuntimeError(f"Test tried to reach an external host: {address!r}")
        return original_connect(sock, address)

    socket.socket.connect = guarded_connect
    yield
    socket.socket.connect = original_connect


@pytest.fixture(autouse=True, scope="session")
def _close_change_listeners(django_db_setup):
    """The connections that listen for changes (home.change_listeners) are closed before the test database
    is dropped: PostgreSQL refuses to drop a database that has connections."""
    yield
    change_listeners.close_all()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache: Wagtail caches the sites' root paths, the API its responses,
    and a value cached inside a rolled-back test would outlive it."""
    cache.clear()


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server on 127.0.0.1 for the session (Debian's redis-server; skipped without it)."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server n'est pas installé (paquet Debian redis-server)")
    with redis_server() as (url, _pid):
        yield url


@pytest.fixture
def redis_cache(redis_url, settings):
    """The Django cache on Redis (django-redis), as a deployment with REDIS_URL has it, emptied first."""
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}}
    cache.clear()
    return cache


# --- Reference data (loaded by the migrations) -------------------------------------------------------


def department(code):
    """The Département with this code ("31")."""
    return Department.objects.get(code=code)


def commune(insee_code):
    """The Commune with this INSEE code ("31555" is Toulouse)."""
    return Commune.objects.get(insee_code=insee_code)


def theme(slug):
    """The Theme with this slug ("logement", "sante", "numerique"…)."""
    return Theme.objects.get(slug=slug)


def audience(slug):
    """The Audience (public) with this slug ("benevoles", "elus-locaux"…)."""
    return Audience.objects.get(slug=slug)


def _free_department():
    return Department.objects.filter(page__isnull=True).order_by("code").first()


def _commune_of(parent):
    """The largest commune of a département page's département, Toulouse for any other parent."""
    if parent is not None and isinstance(parent.specific, DepartmentPage):
        return parent.specific.department.communes.order_by("-population").first()
    return commune("31555")


def _in_days(days, hour=9):
    """An aware datetime `days` from today at `hour` o'clock, Paris time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- People of the roles (groups created by the migrations) ----------------------------------------------


def make_user(username, *group_names, **fields):
    """A user in these groups (home.roles names them), password "motdepasse-de-test"."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@figo.example", password="motdepasse-de-test", **fields
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def editor_31(db):
    """An editor of the Haute-Garonne's pages."""
    return make_user("editrice31", roles.department_group_name(department("31")))


@pytest.fixture
def moderator(db):
    return make_user("moderateur", roles.MODERATORS)


# --- Factories ---------------------------------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    """A small PNG generated in memory, in the root collection."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Atelier cuisine au centre social n°{n}")
    file = factory.django.ImageField(width=320, height=200, color="teal", format="PNG", filename="photo.png")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A one-page PDF generated in memory, in the root collection."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Compte rendu n°{n}")
    file = factory.django.FileField(
        filename="compte-rendu.pdf", data=b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    )


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner of the federation with a current convention."""

    name = factory.Sequence(lambda n: f"Association ressource n°{n}")
    slug = factory.Sequence(lambda n: f"association-ressource-{n}")
    partner_type = PartnerType.RESOURCE_ASSOCIATION
    description = "Accompagne les centres sociaux sur l'accès aux droits."
    convention_start = datetime.date(2024, 1, 1)
    convention_end = datetime.date(2026, 12, 31)
    contact_name = "Claire Martin"
    contact_email = "contact@partenaire.example"

    class Meta:
        model = Partner


class PageFactory(wagtail_factories.PageFactory):
    """Base of the page factories: build with ``parent=<page>``; titles are unique per sequence."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Mentions légales n°{n}")
    summary = "Qui publie ce site et comment nous joindre."

    class Meta:
        model = StandardPage


class DirectoryPageFactory(PageFactory):
    title = "Annuaire des centres sociaux et EVS"
    introduction = "<p>Les centres sociaux et espaces de vie sociale des huit départements.</p>"

    class Meta:
        model = DirectoryPage


class DepartmentPageFactory(PageFactory):
    """The page of the first département that has none yet (pass ``department=`` to choose)."""

    department = factory.LazyFunction(_free_department)
    title = factory.LazyAttribute(lambda o: f"Réseau {o.department.name}")
    introduction = "<p>Le réseau départemental des centres sociaux.</p>"

    class Meta:
        model = DepartmentPage


class CentrePageFactory(PageFactory):
    """A centre social at the town hall of its département's largest commune."""

    title = factory.Sequence(lambda n: f"Centre social des Lilas n°{n}")
    summary = "Un lieu ouvert à tous les habitants du quartier."
    address = "12 rue des Lilas"
    commune = factory.LazyAttribute(lambda o: _commune_of(o.parent))
    postcode = factory.LazyAttribute(lambda o: o.commune.main_postcode)
    email = "accueil@centre-social.example"
    phone = "05 61 00 00 00"
    manager_name = "Association des habitants"
    approval_start = datetime.date(2023, 1, 1)
    approval_end = datetime.date(2026, 12, 31)
    approval_global = True
    family_referent = True

    class Meta:
        model = CentrePage


class BlogIndexPageFactory(PageFactory):
    title = "Initiatives d'habitants"

    class Meta:
        model = BlogIndexPage


class InitiativePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Un jardin partagé au pied des immeubles n°{n}")
    summary = "Des habitants cultivent ensemble une parcelle prêtée par la mairie."
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    initiated_by = "Un collectif de parents"
    territory = "Quartier des Izards"
    description = "<p>Chaque samedi, les familles se retrouvent au jardin.</p>"

    class Meta:
        model = InitiativePage


class ResourceIndexPageFactory(PageFactory):
    title = "Centre ressources"

    class Meta:
        model = ResourceIndexPage


class DossierPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Se loger dignement n°{n}")
    theme = factory.LazyFunction(lambda: theme("logement"))
    summary = "La veille de la fédération sur le mal-logement."

    class Meta:
        model = DossierPage


class TrainingIndexPageFactory(PageFactory):
    title = "Formations"

    class Meta:
        model = TrainingIndexPage


class TrainingPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Accueillir et accompagner les bénévoles n°{n}")
    objectives = "<p>Construire un parcours d'accueil des bénévoles.</p>"
    trainers = "Équipe fédérale"
    duration = "2 jours (14 heures)"
    price = 0

    class Meta:
        model = TrainingPage


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """An on-site session in Toulouse a month from now (pass ``page=<training page>``)."""

    start = factory.LazyFunction(lambda: _in_days(30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=7))
    place_commune = factory.LazyFunction(lambda: commune("31555"))
    place_details = "Salle polyvalente"
    capacity = 12
    registration_deadline = factory.LazyAttribute(lambda o: timezone.localdate(o.start) - datetime.timedelta(days=7))

    class Meta:
        model = TrainingSession


class WorkshopIndexPageFactory(PageFactory):
    title = "Ateliers d'échanges de pratiques"

    class Meta:
        model = WorkshopIndexPage


class WorkshopPageFactory(PageFactory):
    """An on-site workshop in Toulouse in two weeks."""

    title = factory.Sequence(lambda n: f"Bien vieillir dans son quartier n°{n}")
    chantier = "Bien vieillir"
    start = factory.LazyFunction(lambda: _in_days(14, hour=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    place_commune = factory.LazyFunction(lambda: commune("31555"))
    description = "<p>Échanges entre centres sur l'isolement des aînés.</p>"

    class Meta:
        model = WorkshopPage


# --- The page tree, one fixture per page -------------------------------------------------------------

# Every page type, by the name of its fixture.
PAGE_FIXTURES = [
    "home_page",
    "standard_page",
    "directory_page",
    "department_page",
    "centre_page",
    "blog_index_page",
    "initiative_page",
    "resource_index_page",
    "dossier_page",
    "training_index_page",
    "training_page",
    "workshop_index_page",
    "workshop_page",
]


@pytest.fixture
def home_page(db):
    """The site's root page, created by the migrations."""
    return HomePage.objects.get()


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="Mentions légales")


@pytest.fixture
def directory_page(home_page):
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def department_page(directory_page):
    """The Haute-Garonne (31) page."""
    return DepartmentPageFactory(parent=directory_page, department=department("31"))


@pytest.fixture
def centre_in_32(directory_page):
    """A centre of the Gers, outside the Haute-Garonne editors' pages."""
    gers = DepartmentPageFactory(parent=directory_page, department=department("32"))
    return CentrePageFactory(parent=gers, title="Foyer rural d'Auch")


@pytest.fixture
def centre_page(department_page):
    """A centre social in Toulouse, with its opening hours and two themes."""
    page = CentrePageFactory(parent=department_page, title="Centre social des Izards")
    page.themes.set([theme("logement"), theme("numerique")])
    page.audiences.set([audience("habitants")])
    page.save()
    OpeningHours.objects.create(page=page, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    return page


@pytest.fixture
def blog_index_page(home_page):
    return BlogIndexPageFactory(parent=home_page)


@pytest.fixture
def initiative_page(blog_index_page, centre_page):
    """An "action signifiante" organised by `centre_page`, rendered visible last month."""
    page = InitiativePageFactory(parent=blog_index_page, title="Les Izards cultivent leur jardin", is_significant=True)
    page.themes.set([theme("ecologie")])
    page.tags.add("jardin", "alimentation")
    page.save()
    InitiativeOrganiser.objects.create(page=page, centre=centre_page)
    today = timezone.localdate()
    FollowUpStage.objects.create(page=page, stage="reperee", date=today - datetime.timedelta(days=60))
    FollowUpStage.objects.create(page=page, stage="rendue_visible", date=today - datetime.timedelta(days=20))
    return page


@pytest.fixture
def resource_index_page(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def dossier_page(resource_index_page):
    return DossierPageFactory(parent=resource_index_page, title="Se loger dignement")


@pytest.fixture
def training_index_page(resource_index_page):
    return TrainingIndexPageFactory(parent=resource_index_page)


@pytest.fixture
def training_page(training_index_page):
    """A training for volunteers with one upcoming on-site session in Toulouse."""
    page = TrainingPageFactory(parent=training_index_page, title="Accueillir les bénévoles")
    page.audiences.set([audience("benevoles")])
    page.save()
    TrainingSessionFactory(page=page)
    return page


@pytest.fixture
def workshop_index_page(resource_index_page):
    return WorkshopIndexPageFactory(parent=resource_index_page)


@pytest.fixture
def workshop_page(workshop_index_page):
    return WorkshopPageFactory(
        parent=workshop_index_page, title="Bien vieillir dans son quartier", theme=theme("bien-vieillir")
    )


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Union régionale des Caf", slug="union-regionale-des-caf")


@pytest.fixture
def image(db):
    return ImageFactory(title="Fête de quartier aux Izards")


@pytest.fixture
def document(db):
    return DocumentFactory(title="Guide du bénévolat")


@pytest.fixture
def video_embed(db):
    """A video already in Wagtail's embed cache, so embed blocks validate and render without network."""
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="https://video.figo.example/embed/1" title="Assemblée des habitants"></iframe>',
        title="Assemblée des habitants",
        provider_name="PeerTube",
        width=640,
        height=360,
    )


@pytest.fixture
def site_tree(
    home_page,
    standard_page,
    directory_page,
    department_page,
    centre_page,
    blog_index_page,
    initiative_page,
    resource_index_page,
    dossier_page,
    training_index_page,
    training_page,
    workshop_index_page,
    workshop_page,
):
    """One page of every type, by name: ``site_tree.centre``, ``site_tree.training_index``…"""
    return SimpleNamespace(
        home=home_page,
        standard=standard_page,
        directory=directory_page,
        department=department_page,
        centre=centre_page,
        blog_index=blog_index_page,
        initiative=initiative_page,
        resource_index=resource_index_page,
        dossier=dossier_page,
        training_index=training_index_page,
        training=training_page,
        workshop_index=workshop_index_page,
        workshop=workshop_page,
    )


# --- Wagtail's page assertions -----------------------------------------------------------------------


class PageAssertions(WagtailPageTestCase):
    """WagtailPageTestCase's assertions for pytest tests, acting as `user` where the admin is needed."""

    def runTest(self):
        """unittest only instantiates a case that has a test method."""

    def assertCanCreate(self, parent, child_model, data, msg=None, publish=True):
        self.client.force_login(self.user)
        try:
            super().assertCanCreate(parent, child_model, data, msg=msg, publish=publish)
        finally:
            self.client.logout()

    def assertPageIsEditable(self, page, post_data=None, user=None, msg=None):
        super().assertPageIsEditable(page, post_data=post_data, user=user or self.user, msg=msg)

    def assertPageIsPreviewable(self, page, mode="", post_data=None, user=None, msg=None):
        super().assertPageIsPreviewable(page, mode=mode, post_data=post_data, user=user or self.user, msg=msg)


@pytest.fixture
def page_tests(admin_user):
    """Wagtail's page assertions: ``page_tests.assertCanCreate(parent, Model, data)`` and the others."""
    case = PageAssertions()
    case.client = Client()
    case.dummy_request = get_dummy_request()
    case.user = admin_user
    return case


# --- Admin form data ---------------------------------------------------------------------------------


def response_text(response):
    """A response's HTML with entities decoded, so French messages can be searched as written."""
    return html.unescape(response.content.decode())


def edit_form_data(client, page):
    """The POST data of `page`'s edit form as the admin renders it, ready to post back unchanged.

    StreamFields are drawn by JavaScript in the editor, so their inputs are not in the HTML: they are
    posted empty here (the fixture pages have empty bodies).
    """
    html_form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html_form, form_id="page-edit-form")
    for field in page.specific_class._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    return data


def add_page_url(model, parent):
    """The admin URL that creates a `model` page under `parent`."""
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def page_form_data(fields, rows=None, streams=(), overrides=None):
    """POST data of a Wagtail page form.

    `fields` are the valid values: a list is a multiple choice (many-to-many), a dict is flattened
    (``nested_form_data``). `rows` maps each inline panel to its valid default row; `fields[name]` lists
    its rows as overrides of that default. `streams` names the StreamFields, given as (block, value) lists.
    """
    data = {**fields, **(overrides or {})}
    for name, default_row in (rows or {}).items():
        data[name] = inline_formset([{**default_row, **row} for row in data.get(name, [])])
    for name in streams:
        data[name] = streamfield(data.get(name, []))
    post = nested_form_data({key: value for key, value in data.items() if not isinstance(value, list)})
    post.update({key: [str(item) for item in value] for key, value in data.items() if isinstance(value, list)})
    return post


def body_blocks(image=None, document=None, video=False):
    """A page body using the real blocks of home.blocks.BaseStreamBlock."""
    blocks = [
        ("heading", {"text": "Ce que les habitants en disent", "level": "h2"}),
        ("paragraph", rich_text("<p>Une action <b>portée</b> par les habitants du quartier.</p>")),
        ("quote", {"text": "On a appris à se connaître.", "attribution": "Fatima, habitante"}),
    ]
    if image is not None:
        blocks.append(
            (
                "image",
                {
                    "image": {"image": image.pk, "decorative": "", "alt_text": "Des habitants au jardin"},
                    "caption": "Le jardin en juin",
                    "credit": "FIGO",
                },
            )
        )
    if document is not None:
        blocks.append(("document", {"document": document.pk, "title": "Le guide"}))
    if video:
        blocks.append(("embed", VIDEO_URL))
    return blocks


def _iso(moment):
    """A datetime as the admin's date-time widget posts it, in Paris time."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


VALID_SIRET = "73282932000074"  # a well-formed SIRET with a valid Luhn key


@pytest.fixture
def home_form():
    """``home_form(**overrides)``: POST data for a HomePage."""

    def build(**overrides):
        fields = {"title": "Accueil FIGO", "slug": "accueil-figo", "introduction": rich_text("<p>Bienvenue.</p>")}
        return page_form_data(fields, rows={"featured_pages": {}}, overrides=overrides)

    return build


def _index_form(title, slug):
    def build(**overrides):
        fields = {"title": title, "slug": slug, "introduction": rich_text("<p>Présentation.</p>")}
        return page_form_data(fields, overrides=overrides)

    return build


@pytest.fixture
def standard_form():
    """``standard_form(**overrides)``: POST data for a plain page with a body and its update date."""

    def build(**overrides):
        fields = {
            "title": "Mentions légales",
            "slug": "mentions-legales",
            "body": body_blocks(),
            "last_updated": "2025-01-10",
        }
        return page_form_data(fields, streams=("body",), overrides=overrides)

    return build


@pytest.fixture
def directory_form():
    return _index_form("Annuaire des centres sociaux et EVS", "annuaire")


@pytest.fixture
def blog_index_form():
    return _index_form("Initiatives d'habitants", "initiatives")


@pytest.fixture
def resource_index_form():
    return _index_form("Centre ressources", "centre-ressources")


@pytest.fixture
def training_index_form():
    return _index_form("Formations", "formations")


@pytest.fixture
def workshop_index_form():
    return _index_form("Ateliers d'échanges de pratiques", "ateliers")


@pytest.fixture
def department_form(db):
    """POST data for the Gers (32) page, with a contact and a temps fort."""

    def build(**overrides):
        fields = {
            "title": "Réseau du Gers",
            "slug": "gers",
            "department": department("32").pk,
            "introduction": rich_text("<p>Le réseau gersois.</p>"),
            "contacts": [{}],
            "key_events": [{}],
        }
        rows = {
            "contacts": {"name": "Paul Durand", "role": "Délégué", "email": "paul@figo.example", "phone": ""},
            "key_events": {"date": "2026-06-12", "title": "Assemblée départementale", "place": "Auch"},
        }
        return page_form_data(fields, rows=rows, overrides=overrides)

    return build


@pytest.fixture
def centre_form(db):
    """POST data for a centre social in Toulouse, valid under the Haute-Garonne page."""

    def build(**overrides):
        fields = {
            "title": "Centre social Bagatelle",
            "slug": "centre-social-bagatelle",
            "structure_type": "cs",
            "address": "2 place de la Faourette",
            "address_complement": "",
            "postcode": "31100",
            "commune": "31555",
            "latitude": "43.5850",
            "longitude": "1.4060",
            "email": "accueil@bagatelle.example",
            "phone": "05 61 40 00 00",
            "website": "",
            "contact_name": "Nadia Benali",
            "siret": VALID_SIRET,
            "manager_name": "Association Bagatelle",
            "management_mode": "associatif",
            "federation_member": "on",
            "first_approval_date": "1998-09-01",
            "approval_start": "2024-01-01",
            "approval_end": "2027-12-31",
            "approval_global": "on",
            "approval_families": "on",
            "family_referent": "on",
            "territory_type": "urbain",
            "territory_scope": "quartiers",
            "qpv": "on",
            "population_served": "12000",
            "themes": [theme("logement").pk, theme("sante").pk],
            "audiences": [audience("habitants").pk],
            "participation_bodies": "Conseil de maison ouvert aux habitants.",
            "body": body_blocks(),
            "last_verified": "2025-03-01",
            "opening_hours": [{}, {"weekday": "2", "opens": "14:00", "closes": "18:00"}],
            "photos": [],
        }
        rows = {"opening_hours": {"weekday": "0", "opens": "09:00", "closes": "12:00"}, "photos": {}}
        return page_form_data(fields, rows=rows, streams=("body",), overrides=overrides)

    return build


@pytest.fixture
def initiative_form(db):
    """POST data for an "action signifiante", organised by the centres passed as ``organisers=[{"centre": pk}]``."""

    def build(**overrides):
        today = timezone.localdate()
        fields = {
            "title": "Une épicerie solidaire tenue par les habitants",
            "slug": "epicerie-solidaire",
            "date": (today - datetime.timedelta(days=90)).isoformat(),
            "status": "en_cours",
            "dimension": "accompagnement",
            "themes": [theme("nouvelles-pauvretes").pk],
            "tags": "alimentation, solidarité",
            "initiated_by": "Des mères de famille du quartier",
            "territory": "Quartier Bagatelle, Toulouse",
            "public_concerned": "Familles",
            "partners_description": "Banque alimentaire, mairie de quartier",
            "financial_resources": "Caf, commune",
            "people_mobilised": "45",
            "description": rich_text("<p>Une épicerie ouverte deux jours par semaine.</p>"),
            "results": rich_text("<p>80 familles servies chaque mois.</p>"),
            "perspectives": rich_text("<p>Trouver un local plus grand.</p>"),
            "body": body_blocks(),
            "is_significant": "on",
            "organisers": [],
            "follow_up_stages": [{}, {"stage": "rendue_visible", "date": today.isoformat()}],
        }
        rows = {
            "organisers": {},
            "follow_up_stages": {
                "stage": "reperee",
                "date": (today - datetime.timedelta(days=30)).isoformat(),
                "account": "Repérée lors d'une visite.",
            },
        }
        return page_form_data(fields, rows=rows, streams=("body",), overrides=overrides)

    return build


@pytest.fixture
def dossier_form(db):
    """POST data for a dossier on housing, with a key figure and a link."""

    def build(**overrides):
        fields = {
            "title": "Le logement, premier des droits",
            "slug": "logement",
            "theme": theme("logement").pk,
            "summary": "Ce que les centres observent du mal-logement.",
            "body": body_blocks(),
            "key_figures": [{}],
            "documents": [],
            "links": [{}],
            "related_pages": [],
            "last_reviewed": "2025-02-01",
        }
        rows = {
            "key_figures": {"value": "4,1 millions", "label": "personnes mal logées en France", "source": "FAP 2024"},
            "documents": {"document_type": "guide", "date": "2025-01-15"},
            "links": {"title": "Rapport sur le mal-logement", "url": "https://www.fondation-abbe-pierre.fr/"},
            "related_pages": {},
        }
        return page_form_data(fields, rows=rows, streams=("body",), overrides=overrides)

    return build


@pytest.fixture
def training_form(db):
    """POST data for a training for elected officials with one on-site session in Toulouse in 60 days."""

    def build(**overrides):
        start = _in_days(60)
        fields = {
            "title": "Le projet social expliqué aux élus",
            "slug": "projet-social-elus",
            "audiences": [audience("elus-locaux").pk, audience("administrateurs").pk],
            "themes": [theme("acces-aux-droits").pk],
            "objectives": rich_text("<p>Comprendre l'agrément Caf.</p>"),
            "programme": rich_text("<ul><li>Matin : le projet social</li></ul>"),
            "trainers": "Équipe fédérale",
            "duration": "1 jour",
            "price": "50.00",
            "price_details": "Gratuit pour les adhérents",
            "sessions": [{}],
            "body": body_blocks(),
        }
        rows = {
            "sessions": {
                "start": _iso(start),
                "end": _iso(start + datetime.timedelta(hours=7)),
                "mode": "presentiel",
                "place_centre": "",
                "place_commune": "31555",
                "place_details": "Salle du conseil",
                "capacity": "15",
                "registration_deadline": (timezone.localdate(start) - datetime.timedelta(days=10)).isoformat(),
            }
        }
        return page_form_data(fields, rows=rows, streams=("body",), overrides=overrides)

    return build


@pytest.fixture
def workshop_form(db):
    """POST data for an on-site workshop in Auch in three weeks."""

    def build(**overrides):
        start = _in_days(21, hour=14)
        fields = {
            "title": "Santé mentale des jeunes",
            "slug": "sante-mentale-jeunes",
            "theme": theme("sante").pk,
            "chantier": "Santé",
            "start": _iso(start),
            "end": _iso(start + datetime.timedelta(hours=3)),
            "mode": "presentiel",
            "place_centre": "",
            "place_commune": "32013",
            "place_details": "Maison des associations",
            "invited_partners": [],
            "invited_partners_details": "Maison des adolescents",
            "description": rich_text("<p>Échanges de pratiques.</p>"),
            "report": [],
            "documents": [],
        }
        rows = {"documents": {"document_type": "compte_rendu"}}
        return page_form_data(fields, rows=rows, streams=("report",), overrides=overrides)

    return build


@pytest.fixture
def partner_form(db):
    """``partner_form(**overrides)``: POST data for the modeladmin partner form."""

    def build(**overrides):
        data = {
            "name": "Fondation pour le lien social",
            "slug": "fondation-lien-social",
            "partner_type": "fondation",
            "description": "Finance des projets d'habitants.",
            "website": "",
            "logo": "",
            "themes": [theme("jeunesse").pk],
            "departments": [department("31").pk, department("81").pk],
            "convention_start": "2025-01-01",
            "convention_end": "2027-12-31",
            "contact_name": "Léa Roux",
            "contact_email": "lea@fondation.example",
            "contact_phone": "",
        }
        data.update(overrides)
        return data

    return build
