"""The demo-content command: it builds a complete, valid, clearly labelled site, and a second run changes nothing."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from taggit.models import ItemBase, Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, Revision

from blog.models import FollowUpStageName, InitiativePage
from centres.models import CentrePage, DepartmentPage, Partner, StructureType
from home.models import Commune, Department, HomePage
from home.validators import luhn_is_valid
from resources.models import DossierPage, TrainingPage, WorkshopPage

DEMO_NOTICE = "Structure fictive — contenu de démonstration"
MAIN_THEMES = [
    "logement",
    "sante",
    "mobilite",
    "acces-aux-droits",
    "bien-vieillir",
    "numerique",
    "parentalite-et-familles",
    "jeunesse",
    "vacances",
    "ecologie",
]


def snapshot():
    """Everything a run could add: a second run must leave every count unchanged."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "collections": Collection.objects.count(),
        "partners": Partner.objects.count(),
        "users": get_user_model().objects.count(),
        "tags": Tag.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the command twice, once for the whole module, inside a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = snapshot()
        first, second = StringIO(), StringIO()
        call_command("load_demo_content", stdout=first)
        after_first = snapshot()
        call_command("load_demo_content", stdout=second)
        yield SimpleNamespace(
            before=before,
            after_first=after_first,
            after_second=snapshot(),
            first_output=first.getvalue(),
            second_output=second.getvalue(),
        )
        transaction.set_rollback(True)


def test_a_second_run_changes_nothing(demo, db):
    assert demo.after_first["pages"] - demo.before["pages"] > 140
    assert demo.after_second == demo.after_first
    assert "Rien à faire" in demo.second_output
    assert "Pages : 0 créées" in demo.second_output


def test_the_command_says_it_is_a_demonstration_and_prints_the_login(demo, db):
    for output in (demo.first_output, demo.second_output):
        assert "démonstration" in output
        assert "http://127.0.0.1:8000/admin/" in output
        assert "Identifiant : admin — mot de passe : figo-demo-2026" in output


def test_the_demo_administrator_can_log_in(demo, db, client):
    assert client.login(username="admin", password="figo-demo-2026")
    assert client.get("/admin/").status_code == 200


def test_every_demo_page_is_valid_and_published_with_a_revision(demo, db):
    home = HomePage.objects.get()
    pages = [home, *home.get_descendants().specific()]
    assert len(pages) > 140
    for page in pages:
        page.full_clean()
        for relation in get_all_child_relations(page):
            if not issubclass(relation.related_model, ItemBase):
                for row in getattr(page, relation.get_accessor_name()).all():
                    row.full_clean(exclude=[relation.field.name])
        assert page.live and page.live_revision_id, page
        assert not page.has_unpublished_changes, page


def test_the_directory_has_every_departement_and_enough_centres_of_both_types(demo, db):
    departments = Department.objects.all()
    assert DepartmentPage.objects.live().count() == departments.count() == 8
    for department in departments:
        page = DepartmentPage.objects.get(department=department)
        assert page.contacts.count() in (1, 2)
        assert 2 <= page.key_events.count() <= 3
        assert page.key_events.filter(date__gte=timezone.localdate()).exists()
        assert CentrePage.objects.child_of(page).count() >= 7
    centres = CentrePage.objects.live()
    assert centres.count() >= 60
    assert centres.filter(structure_type=StructureType.CS).count() >= 30
    assert centres.filter(structure_type=StructureType.EVS).count() >= 20
    assert centres.filter(structure_type=StructureType.EVS, commune__department__code="32").count() >= 3
    assert centres.filter(commune__name="Toulouse").count() >= 3


def test_montauban_has_centres_at_several_distances(demo, db):
    montauban = Commune.objects.get(name="Montauban")
    distances = sorted(
        montauban.distance_to(centre.latitude, centre.longitude)
        for centre in CentrePage.objects.live().filter(commune__department__code="82")
    )
    assert len([km for km in distances if km < 3]) >= 2
    assert len([km for km in distances if 3 <= km < 20]) >= 2
    assert len([km for km in distances if 20 <= km < 40]) >= 2


def test_centres_sit_at_their_commune_with_valid_identifiers_and_a_demo_label(demo, db):
    for centre in CentrePage.objects.live().select_related("commune"):
        assert centre.commune.distance_to(centre.latitude, centre.longitude) < 2
        assert centre.postcode in centre.commune.postcode_list
        assert centre.commune.department_id == centre.get_parent().specific.department_id
        assert len(centre.siret) == 14 and luhn_is_valid(centre.siret)
        assert DEMO_NOTICE in centre.summary or DEMO_NOTICE in str(centre.body)
        assert centre.opening_hours.exists() and 1 <= centre.photos.count() <= 2
        assert centre.themes.exists() and centre.last_verified
        assert [block.block_type for block in centre.body][:2] == ["heading", "paragraph"]
        if centre.structure_type == StructureType.EVS:
            assert centre.approval_evs and not centre.approval_global
        else:
            assert centre.approval_global and not centre.approval_evs


def test_initiatives_include_significant_ones_at_every_kind_of_stage(demo, db):
    initiatives = InitiativePage.objects.live()
    assert initiatives.count() >= 30
    significant = initiatives.significant().with_current_stage()
    assert significant.count() >= 10
    stages = {page.current_stage for page in significant}
    assert {FollowUpStageName.SPOTTED, FollowUpStageName.TRANSFERRED} <= stages
    assert len(stages) >= 5
    today = timezone.localdate()
    stale = [page for page in significant if (today - page.get_current_stage().date).days > 183]
    assert len(stale) >= 2
    assert initiatives.filter(themes__slug="logement").count() >= 3
    for page in initiatives:
        assert page.organisers.exists() and page.tags.exists() and page.themes.exists(), page
        assert all(stage.date <= today for stage in page.follow_up_stages.all())


def test_trainings_have_upcoming_sessions_and_some_are_for_elected_officials(demo, db):
    now = timezone.now()
    trainings = TrainingPage.objects.live()
    assert trainings.count() >= 12
    assert trainings.filter(sessions__end__gte=now).distinct().count() >= 10
    assert trainings.filter(sessions__end__lt=now).exists()
    assert trainings.filter(audiences__slug="elus-locaux").count() >= 2
    for training in trainings:
        assert 1 <= training.sessions.count() <= 3
        for session in training.sessions.all():
            assert session.registration_deadline < timezone.localdate(session.start)


def test_six_workshops_three_past_with_a_report_three_upcoming(demo, db):
    workshops = WorkshopPage.objects.live()
    assert workshops.count() == 6
    past, upcoming = workshops.past(), workshops.upcoming()
    assert past.count() == 3 and upcoming.count() == 3
    assert all(len(workshop.report) > 0 for workshop in past)
    assert all(workshop.invited_partners.exists() for workshop in workshops)


def test_one_dossier_per_main_theme_with_figures_and_pdf_documents(demo, db):
    dossiers = {dossier.theme.slug: dossier for dossier in DossierPage.objects.live().select_related("theme")}
    assert set(MAIN_THEMES) <= set(dossiers)
    for dossier in dossiers.values():
        assert dossier.key_figures.exists() and all(figure.source for figure in dossier.key_figures.all())
        assert 1 <= dossier.documents.count() <= 3
        assert dossier.links.exists() and dossier.related_pages.exists() and dossier.last_reviewed
        for row in dossier.documents.all():
            with row.document.open_file() as handle:
                assert handle.read(5) == b"%PDF-"
    housing = dossiers["logement"]
    assert "logement" in housing.title.lower()
    assert str(housing.body).lower().count("logement") >= 10


def test_twelve_partners_labelled_as_demo_with_a_logo(demo, db):
    partners = Partner.objects.all()
    assert partners.count() == 12
    for partner in partners:
        assert "démonstration" in partner.description
        assert partner.logo and partner.logo.collection.name == "Démonstration"


def test_images_are_in_the_demo_collection_with_alt_text(demo, db):
    images = get_image_model().objects.filter(collection__name="Démonstration")
    assert 20 <= images.count() <= 60
    assert not images.filter(description="").exists()


def test_the_home_page_says_it_shows_demonstration_content(demo, db):
    home = HomePage.objects.get()
    assert "contenu de démonstration" in home.introduction
    assert 2 <= home.featured_pages.count() <= 3
