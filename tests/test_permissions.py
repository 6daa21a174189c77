"""Roles and moderation, tried with real users through the admin's own views.

A département's editors edit their own centres only and never publish; "Relecture fédérale" sends their
changes to the moderators, whose approval publishes; the communication officers publish; nobody outside
reaches the admin.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow

from blog.models import InitiativePage
from home import roles

from .conftest import add_page_url, department, make_user, response_text

SAVE, PUBLISH, SUBMIT = {}, {"action-publish": "action-publish"}, {"action-submit": "action-submit"}


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def communication_officer(db):
    return make_user("communication", roles.COMMUNICATION_OFFICERS)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def centre_post(centre_form, centre, title, action):
    """The centre form as the editor would send it, with a new title and an action button."""
    return {**centre_form(title=title, slug=centre.slug), **action}


def live_title(page):
    return Page.objects.get(pk=page.pk).specific.title


def draft_title(page):
    """The title of the page's latest revision, as the editor sees it."""
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title


def refused(response):
    """Wagtail refuses with a redirect to the dashboard and a message, or with a 403."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


# --- The roles exist on every install -----------------------------------------------------------------


def test_the_migrations_create_the_french_roles(db):
    names = set(Group.objects.values_list("name", flat=True))

    assert {roles.FEDERAL_ADMINS, roles.COMMUNICATION_OFFICERS, roles.MODERATORS, roles.MEMBERS} <= names
    assert "Éditeurs 09 — Ariège" in names
    assert "Éditeurs 82 — Tarn-et-Garonne" in names
    assert not names & {"Editors", "Moderators"}  # Wagtail's English starter groups are gone


def test_relecture_federale_is_approved_by_the_moderators(db):
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME, active=True)
    [task] = [task.specific for task in workflow.tasks]

    assert list(task.groups.values_list("name", flat=True)) == [roles.MODERATORS]


def test_a_new_departement_page_goes_to_its_editors_only(department_page):
    permissions = GroupPagePermission.objects.filter(page=department_page)
    granted = {(item.group.name, item.permission.codename) for item in permissions}

    editors = roles.department_group_name(department("31"))
    assert {(editors, "add_page"), (editors, "change_page")} <= granted
    assert (editors, "publish_page") not in granted
    assert {name for name, _ in granted} == {editors}


def test_a_departement_page_moved_to_another_departement_changes_hands(department_page):
    department_page.department = department("32")
    department_page.save()

    groups = set(GroupPagePermission.objects.filter(page=department_page).values_list("group__name", flat=True))
    assert groups == {roles.department_group_name(department("32"))}


def test_the_directory_and_the_blog_are_moderated_as_soon_as_they_exist(centre_page, blog_index_page):
    initiative = InitiativePage(title="Une initiative", slug="une-initiative")
    blog_index_page.add_child(instance=initiative)

    assert centre_page.get_workflow().name == roles.WORKFLOW_NAME
    assert initiative.get_workflow().name == roles.WORKFLOW_NAME


def test_sync_roles_restores_a_missing_right_and_changes_nothing_else(department_page):
    editors = roles.department_editors_group(department("31"))
    GroupPagePermission.objects.filter(group=editors, page=department_page).delete()
    call_command("sync_roles", stdout=io.StringIO())
    rights = GroupPagePermission.objects.count()

    call_command("sync_roles", stdout=io.StringIO())

    assert GroupPagePermission.objects.filter(group=editors, page=department_page).count() == 3
    assert GroupPagePermission.objects.count() == rights


# --- A département editor ------------------------------------------------------------------------------


def test_an_editor_of_31_edits_a_centre_in_31(client, editor_31, centre_page, centre_form):
    client = logged_in(client, editor_31)

    assert client.get(edit_url(centre_page)).status_code == 200
    response = client.post(edit_url(centre_page), centre_post(centre_form, centre_page, "Izards (nouveau)", SAVE))

    assert response.status_code == 302
    assert draft_title(centre_page) == "Izards (nouveau)"


def test_an_editor_of_31_is_refused_a_centre_in_32(client, editor_31, centre_in_32, centre_form):
    client = logged_in(client, editor_31)

    response = client.get(edit_url(centre_in_32), follow=False)
    assert refused(response)
    if response.status_code == 302:
        messages = response_text(client.get(response.url))
        assert "vous n'avez pas les autorisations" in messages, messages[messages.find("messages") :][:2000]
    posted = client.post(edit_url(centre_in_32), centre_post(centre_form, centre_in_32, "Piraté", SAVE))
    assert refused(posted)
    assert draft_title(centre_in_32) == "Foyer rural d'Auch"


def test_an_editor_cannot_publish_but_submits_to_moderation(
    client, editor_31, moderator, admin_user, centre_page, centre_form
):
    client = logged_in(client, editor_31)

    client.post(edit_url(centre_page), centre_post(centre_form, centre_page, "Izards publié ?", PUBLISH))
    assert live_title(centre_page) == "Centre social des Izards"
    assert not Page.objects.get(pk=centre_page.pk).workflow_in_progress

    response = client.post(edit_url(centre_page), centre_post(centre_form, centre_page, "Izards à relire", SUBMIT))

    assert response.status_code == 302
    page = Page.objects.get(pk=centre_page.pk)
    assert page.workflow_in_progress
    assert live_title(centre_page) == "Centre social des Izards"
    notified = {address for message in mail.outbox for address in message.to}
    assert moderator.email in notified
    assert admin_user.email not in notified  # superusers are not copied on every submission


def test_the_edit_screen_offers_the_editor_no_publish_button(client, editor_31, centre_page):
    html = response_text(logged_in(client, editor_31).get(edit_url(centre_page)))

    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


# --- A moderator ---------------------------------------------------------------------------------------


@pytest.fixture
def submitted_centre(client, editor_31, centre_page, centre_form):
    """The Izards centre, renamed by its editor and submitted to "Relecture fédérale"."""
    logged_in(client, editor_31).post(
        edit_url(centre_page), centre_post(centre_form, centre_page, "Izards à relire", SUBMIT)
    )
    client.logout()
    return Page.objects.get(pk=centre_page.pk)


def test_a_moderator_sees_the_changes_then_approval_publishes_them(client, moderator, submitted_centre):
    client = logged_in(client, moderator)
    task_state = submitted_centre.current_workflow_task_state
    revision = submitted_centre.get_latest_revision()

    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[submitted_centre.pk, "live", revision.pk])
    )
    assert compare.status_code == 200
    assert "Izards à relire" in response_text(compare)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[submitted_centre.pk, "approve", task_state.pk]),
        {"comment": "Vérifié avec le centre."},
    )

    assert response.status_code == 302
    assert live_title(submitted_centre) == "Izards à relire"
    assert not Page.objects.get(pk=submitted_centre.pk).workflow_in_progress


def test_an_editor_cannot_approve_their_own_submission(client, editor_31, submitted_centre):
    task_state = submitted_centre.current_workflow_task_state

    logged_in(client, editor_31).post(
        reverse("wagtailadmin_pages:workflow_action", args=[submitted_centre.pk, "approve", task_state.pk]), {}
    )

    assert live_title(submitted_centre) == "Centre social des Izards"


# --- A communication officer ---------------------------------------------------------------------------


def test_a_communication_officer_publishes_an_initiative(
    client, communication_officer, blog_index_page, centre_page, initiative_form
):
    data = {**initiative_form(organisers=[{"centre": centre_page.pk}]), **PUBLISH}

    response = logged_in(client, communication_officer).post(add_page_url(InitiativePage, blog_index_page), data)

    assert response.status_code == 302
    assert InitiativePage.objects.get(slug="epicerie-solidaire").live


# --- Nobody else ---------------------------------------------------------------------------------------


def admin_urls(site_tree, image, document):
    """The admin's main screens: dashboard, explorer, page editing, media, users, settings, our own lists."""
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[site_tree.home.pk]),
        edit_url(site_tree.centre),
        edit_url(site_tree.initiative),
        reverse("wagtailadmin_pages:add_subpage", args=[site_tree.department.pk]),
        reverse("wagtailadmin_pages:delete", args=[site_tree.centre.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[site_tree.centre.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailredirects:index"),
        reverse("wagtailsites:index"),
        reverse("correction_requests:index"),
        reverse("initiative_proposals:index"),
        "/admin/centres/partner/",
    ]


def test_an_anonymous_visitor_reaches_no_admin_page(client, site_tree, image, document):
    for url in admin_urls(site_tree, image, document):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response.url.startswith(reverse("wagtailadmin_login")), url


def test_a_member_structure_logged_in_reaches_no_admin_page(client, site_tree, image, document):
    member = make_user("adherent", roles.MEMBERS)
    client = logged_in(client, member)

    for url in admin_urls(site_tree, image, document):
        response = client.get(url)

        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "login" in response.url, url
