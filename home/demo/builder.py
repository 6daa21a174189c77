"""Builds the whole demo site under the home page, idempotently, in one transaction."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import Audience, HomeFeaturedPage, HomePage, Theme

from . import library
from .blog import build_blog
from .context import DemoContext
from .directory import build_directory
from .legal import build_legal_pages
from .partners import build_partners
from .resources import build_resources

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "figo-demo-2026"  # noqa: S105 - the documented login of the local demo
ADMIN_EMAIL = "admin@figo.example"

HOME_INTRODUCTION = (
    "<p>Bienvenue sur le site de la Fédération Interdépartementale Garonne Occitanie des centres sociaux et "
    "des espaces de vie sociale : <strong>le pouvoir d'agir des habitants</strong>, dans huit départements.</p>"
    "<p><strong>Ce site présente actuellement un contenu de démonstration</strong> : les centres, les "
    "personnes, les initiatives et les dates sont fictifs ; seules les communes et les partenaires "
    "institutionnels sont réels.</p>"
)


@dataclass
class DemoSummary:
    """What a run did: counts created and already present by kind, and the demo administrator's state."""

    created: dict
    existing: dict
    admin_created: bool
    admin_password_is_demo: bool

    @property
    def changed_anything(self):
        return any(self.created.values())


def build_demo_content():
    """Create what is missing of the demo site and return a `DemoSummary`; a second run creates nothing."""
    home = HomePage.objects.first()
    if home is None:
        raise ImproperlyConfigured("La page d'accueil n'existe pas : lancez d'abord « manage.py migrate ».")
    # Each page is saved three times (created, revised, published): index its references once, at the end.
    with transaction.atomic(), disable_reference_index_auto_update():
        user, admin_created = ensure_admin()
        ctx = DemoContext(user=user, today=timezone.localdate())
        ctx.count("users", created=admin_created)
        ctx.themes = {theme.slug: theme for theme in Theme.objects.all()}
        ctx.audiences = {audience.slug: audience for audience in Audience.objects.all()}
        library.ensure_collection(ctx)
        build_partners(ctx)
        directory = build_directory(ctx, home)
        build_blog(ctx, home)
        _index, trainings, _workshops, dossiers = build_resources(ctx, home)
        build_legal_pages(ctx, home)
        feature_on_home(ctx, home, [directory, next(d for d in dossiers if d.theme.slug == "logement"), trainings])
        update_reference_index(ctx.new_objects)
    # Pictures and documents are only looked up when a page needs them: count what the collection holds.
    for kind, model in (("images", get_image_model()), ("documents", get_document_model())):
        ctx.existing[kind] = model.objects.filter(collection=ctx.collection).count() - ctx.created[kind]
    return DemoSummary(
        created=dict(ctx.created),
        existing=dict(ctx.existing),
        admin_created=admin_created,
        admin_password_is_demo=user.check_password(ADMIN_PASSWORD),
    )


def ensure_admin():
    """The demo superuser, created with the documented login if no user has its name."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is not None:
        return user, False
    user = User.objects.create_superuser(
        ADMIN_USERNAME, ADMIN_EMAIL, ADMIN_PASSWORD, first_name="Administratrice", last_name="Démo"
    )
    return user, True


def update_reference_index(objects):
    """What Wagtail's save signals would have indexed: "usage" of images, documents and pages in the admin."""
    pages = Page.objects.filter(pk__in=[obj.pk for obj in objects if isinstance(obj, Page)]).specific()
    for obj in [*pages, *(obj for obj in objects if not isinstance(obj, Page))]:
        if ReferenceIndex.is_indexed(type(obj)):
            ReferenceIndex.create_or_update_for_object(obj)


def feature_on_home(ctx, home, pages):
    """Set the home page's introduction and picks once; an editor's own text or picks are left alone."""
    home = home.specific
    if home.introduction.strip() or home.featured_pages.exists():
        ctx.count("pages", created=False)
        return
    home.introduction = HOME_INTRODUCTION
    home.summary = "Le réseau des centres sociaux et EVS de huit départements d'Occitanie. Contenu de démonstration."
    home.image = library.picture(ctx, "fete-quartier")
    home.featured_pages = [HomeFeaturedPage(featured=page) for page in pages]
    home.save_revision(user=ctx.user).publish(user=ctx.user)
    ctx.count("home", created=True)
    ctx.new_objects.append(home)
