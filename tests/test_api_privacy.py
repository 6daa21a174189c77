"""Only live, public content appears in the partner API: each way a page or a file can be hidden is tried."""

import pytest
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask

from blog.models import InitiativeOrganiser
from home.models import HomeFeaturedPage
from resources.models import DossierDocument, DossierRelatedPage
from tests import api_builders as build
from tests.conftest import (
    CentrePageFactory,
    DocumentFactory,
    DossierPageFactory,
    ImageFactory,
    InitiativePageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
)


@pytest.fixture
def site(home_page):
    tree = build.tree(home_page)
    return {**tree, "public_centre": CentrePageFactory(parent=tree["department"], title="Centre public")}


def visible_ids(client, url="/api/v2/pages/?limit=100"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def assert_hidden(client, page):
    """Nowhere in the API: listings (plain, typed, searched, by parent) and its own detail."""
    label = page.specific_class._meta.label
    assert page.pk not in visible_ids(client)
    assert page.pk not in visible_ids(client, f"/api/v2/pages/?type={label}&limit=100")
    assert page.pk not in visible_ids(client, f"/api/v2/pages/?type={label}&search={page.title.split()[0]}")
    assert page.pk not in visible_ids(client, "/api/v2/pages/?descendant_of=root&limit=100")
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/find/?id={page.pk}").status_code == 404
    assert client.get(f"/api/v2/pages/find/?html_path={page.url_path}").status_code == 404


def test_a_draft_never_published_is_hidden(client, site):
    draft = InitiativePageFactory(parent=site["blog"], title="Brouillon secret", live=False)
    assert_hidden(client, draft)
    assert site["public_centre"].pk in visible_ids(client)


def test_an_unpublished_page_is_hidden(client, site):
    page = InitiativePageFactory(parent=site["blog"], title="Initiative retirée")
    page.save_revision().publish()
    assert page.pk in visible_ids(client)
    page.unpublish()
    assert_hidden(client, page)


def test_a_page_awaiting_moderation_is_hidden_and_a_live_page_shows_its_published_version(client, site, admin_user):
    workflow = Workflow.objects.create(name="Relecture de test")
    task = GroupApprovalTask.objects.create(name="Relire")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    new = InitiativePageFactory(parent=site["blog"], title="Proposition en relecture", live=False)
    new.save_revision(user=admin_user)
    workflow.start(new, admin_user)
    assert new.current_workflow_state is not None
    assert_hidden(client, new)

    live = InitiativePageFactory(parent=site["blog"], title="Titre publié")
    live.save_revision().publish()
    live.title = "Titre proposé en relecture"
    live.summary = "Résumé pas encore validé"
    live.save_revision(user=admin_user)
    workflow.start(live, admin_user)
    data = client.get(f"/api/v2/pages/{live.pk}/").json()
    assert data["title"] == "Titre publié"
    assert data["summary"] != "Résumé pas encore validé"


def test_a_view_restricted_page_and_its_descendants_are_hidden(client, site):
    members = build.restrict(site["department"])
    assert members
    centre = site["public_centre"]
    assert_hidden(client, site["department"].specific)
    assert_hidden(client, centre)
    response = client.get(f"/api/v2/pages/?child_of={site['department'].pk}")
    assert response.status_code == 400 and response.json()["parameter"] == "child_of"


def test_a_logged_in_member_sees_no_more_than_anyone(admin_client, site):
    build.restrict(site["department"])
    assert site["public_centre"].pk not in visible_ids(admin_client)


def test_hidden_pages_vanish_from_other_pages_summaries(client, site):
    hidden_centre = CentrePageFactory(parent=site["department"], title="Centre masqué", live=False)
    public_centre = site["public_centre"]
    initiative = InitiativePageFactory(parent=site["blog"])
    for centre in (hidden_centre, public_centre):
        InitiativeOrganiser.objects.create(page=initiative, centre=centre)
    dossier = DossierPageFactory(parent=site["resources"])
    DossierRelatedPage.objects.create(page=dossier, related_page=hidden_centre)
    HomeFeaturedPage.objects.create(page=site["home"], featured=hidden_centre)
    training = TrainingPageFactory(parent=site["trainings"])
    TrainingSessionFactory(page=training, place_commune=None, place_centre=hidden_centre)

    assert [item["id"] for item in client.get(f"/api/v2/pages/{initiative.pk}/").json()["organisers"]] == [
        public_centre.pk
    ]
    assert client.get(f"/api/v2/pages/{dossier.pk}/").json()["related_pages"] == []
    assert client.get(f"/api/v2/pages/{site['home'].pk}/").json()["featured_pages"] == []
    place = client.get(f"/api/v2/pages/{training.pk}/").json()["sessions"][0]["place"]
    assert place["centre"] is None and "masqué" not in place["label"]


def test_private_documents_and_images_never_appear(client, site):
    private = build.private_collection()
    secret_document = DocumentFactory(title="Note de plaidoyer réservée", collection=private)
    secret_image = ImageFactory(title="Photo réservée", collection=private)
    public_document = DocumentFactory(title="Guide public")
    public_image = ImageFactory(title="Photo publique")

    assert visible_ids(client, "/api/v2/documents/") == {public_document.pk}
    assert visible_ids(client, "/api/v2/images/") == {public_image.pk}
    assert client.get(f"/api/v2/documents/{secret_document.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{secret_image.pk}/").status_code == 404
    assert visible_ids(client, "/api/v2/documents/?search=plaidoyer") == set()

    dossier = DossierPageFactory(parent=site["resources"], image=secret_image)
    dossier.body = build.body(secret_image, secret_document, site["public_centre"])
    dossier.save()
    DossierDocument.objects.create(page=dossier, document=secret_document, document_type="plaidoyer", date="2025-01-01")
    DossierDocument.objects.create(page=dossier, document=public_document, document_type="guide", date="2025-01-01")
    data = client.get(f"/api/v2/pages/{dossier.pk}/").json()
    assert data["image"] is None
    assert [row["document"]["id"] for row in data["documents"]] == [public_document.pk]
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["image"]["image"] is None
    assert blocks["document"] is None
    assert "Photo réservée" not in str(data) and "plaidoyer réservée" not in str(data)


def test_a_plain_listing_read_from_the_page_table_shows_the_same_pages_as_a_filtered_one(client, site):
    """`type=…` alone counts and lists from Wagtail's page table (PagesEndpoint.page_table_listing): the same
    live, public pages of that type, in tree order, as the listing that joins the type's own table."""
    public = [InitiativePageFactory(parent=site["blog"], title=f"Initiative publique {n}") for n in range(3)]
    InitiativePageFactory(parent=site["blog"], title="Brouillon", live=False)
    hidden_branch = InitiativePageFactory(parent=site["blog"], title="Réservée aux membres")
    build.restrict(hidden_branch)
    plain = client.get("/api/v2/pages/?type=blog.InitiativePage&limit=2").json()
    joined = client.get("/api/v2/pages/?type=blog.InitiativePage&limit=100&order=id").json()
    assert plain["meta"]["total_count"] == joined["meta"]["total_count"] == len(joined["items"])
    assert {page.pk for page in public} <= {item["id"] for item in joined["items"]}
    assert hidden_branch.pk not in {item["id"] for item in joined["items"]}
    everything = [
        item["id"] for item in client.get("/api/v2/pages/?type=blog.InitiativePage&limit=100").json()["items"]
    ]
    assert everything == list(Page.objects.filter(pk__in=everything).order_by("path").values_list("pk", flat=True))
    assert set(everything) == {item["id"] for item in joined["items"]}
    assert [item["id"] for item in plain["items"]] == everything[:2]
