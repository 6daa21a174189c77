"""The public "Proposer une initiative": a draft in moderation, checked photos, a contact kept out of sight.

A valid proposal becomes a draft initiative under the blog, submitted to "Relecture fédérale" and never
published by itself; the proposer's contact stays in the admin; photos are real images or nothing is stored;
robots and floods are turned away in French.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from blog import forms as proposal_forms
from blog.models import InitiativePage, InitiativeProposal
from home import roles

from .conftest import CentrePageFactory, department, make_user, response_text, theme

URL = "/proposer-une-initiative/"
EMAIL = "ines.proposante@exemple.fr"
PHONE = "06 12 34 56 78"
NAME = "Inès Proposante"


@pytest.fixture
def team(db):
    """One person in each role that may or may not hear about a proposal."""
    return {
        "moderator": make_user("moderatrice", roles.MODERATORS),
        "communication": make_user("communicant", roles.COMMUNICATION_OFFICERS),
        "editor": make_user("editeur31", roles.department_group_name(department("31"))),
    }


def photo(name="jardin.jpg", image_format="JPEG", size=(64, 48), exif=None):
    """A small real image, as a browser uploads it."""
    buffer = io.BytesIO()
    image = PILImage.new("RGB", size, "green")
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def gps_exif():
    """EXIF data with a GPS position, as a phone writes into every photo."""
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (43.0, 36.0, 0.0), 3: "E", 4: (1.0, 26.0, 0.0)}
    exif[0x010F] = "PhoneMaker"
    return exif


def proposal_data(centre, **overrides):
    data = {
        "title": "Une fresque peinte par les jeunes du quartier",
        "summary": "Douze jeunes ont peint le mur du gymnase avec un artiste.",
        "description": "L'idée est venue du conseil de jeunes.\n\nTrois semaines de travail <b>ensemble</b>.",
        "centre": str(centre.pk),
        "themes": [str(theme("jeunesse").pk)],
        "date": "2025-05-17",
        "photo_descriptions": "La fresque terminée\nLes jeunes au travail",
        "proposer_name": NAME,
        "proposer_email": EMAIL,
        "proposer_phone": PHONE,
        "structure": "Collectif des jeunes des Izards",
        "consent": "on",
        "fax": "",
    }
    data.update(overrides)
    return data


def nothing_stored():
    return (
        not InitiativePage.objects.filter(title__startswith="Une fresque").exists()
        and not InitiativeProposal.objects.exists()
        and not get_image_model().objects.exists()
    )


def proposal_files():
    """The photo files proposals stored (other tests share the media folder)."""
    folder = Path(settings.MEDIA_ROOT) / "original_images"
    return sorted(folder.glob("proposition-*")) if folder.exists() else []


@pytest.fixture
def proposed(client, blog_index_page, centre_page, team, django_capture_on_commit_callbacks):
    """A proposal sent with two photos; returns the draft initiative."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {**proposal_data(centre_page), "photos": [photo(exif=gps_exif()), photo("mur.png", "PNG")]}
        )
    assert response.status_code == 302, response_text(response)[:3000]
    assert response.url == reverse("blog:proposal_done")
    return InitiativePage.objects.get(title="Une fresque peinte par les jeunes du quartier")


# --- The form ------------------------------------------------------------------------------------------


def test_the_form_is_in_french_with_labelled_and_described_fields(client, blog_index_page, centre_page):
    html = response_text(client.get(URL))

    assert "<h1>Proposer une initiative</h1>" in html
    assert '<label for="id_title">Titre de l\'initiative (obligatoire)</label>' in html
    assert '<label for="id_proposer_phone">Votre téléphone</label>' in html
    assert 'aria-describedby="id_summary_helptext"' in html
    assert "Vos coordonnées (jamais publiées)" in html
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html  # the robots' field
    assert centre_page.title in html


def test_only_live_centres_can_be_chosen(client, blog_index_page, centre_page, department_page):
    draft = CentrePageFactory(parent=department_page, title="Centre en préparation", live=False)

    response = client.post(URL, proposal_data(draft))

    assert "centre" in response.context["form"].errors
    assert draft.title not in response_text(response)


def test_without_a_blog_there_is_no_form(client, db):
    assert client.get(URL).status_code == 404


# --- A valid proposal ----------------------------------------------------------------------------------


def test_a_proposal_becomes_a_draft_in_moderation_linked_to_its_centre(proposed, blog_index_page, centre_page):
    assert proposed.get_parent().pk == blog_index_page.pk
    assert not proposed.live
    assert proposed.workflow_in_progress
    assert proposed.current_workflow_task.specific.groups.filter(name=roles.MODERATORS).exists()
    assert [organiser.centre.pk for organiser in proposed.organisers.all()] == [centre_page.pk]
    assert list(proposed.themes.values_list("slug", flat=True)) == ["jeunesse"]
    assert proposed.summary == "Douze jeunes ont peint le mur du gymnase avec un artiste."
    assert "&lt;b&gt;ensemble&lt;/b&gt;" in proposed.description  # typed text, never HTML


def test_the_contact_is_kept_apart_for_the_admin(proposed):
    proposal = proposed.proposal

    assert (proposal.proposer_name, proposal.proposer_email, proposal.proposer_phone) == (NAME, EMAIL, PHONE)
    assert proposal.structure == "Collectif des jeunes des Izards"
    assert proposal.consent
    revision_content = str(proposed.get_latest_revision().content)
    assert EMAIL not in revision_content and PHONE not in revision_content and NAME not in revision_content


def test_the_contact_is_shown_in_the_admin_to_moderators_not_to_departement_editors(client, proposed, team):
    client.force_login(team["moderator"])
    listing = response_text(client.get(reverse("initiative_proposals:index")))
    details = response_text(client.get(reverse("initiative_proposals:inspect", args=[proposed.proposal.pk])))

    assert proposed.title in listing and EMAIL in listing
    assert PHONE in details
    client.force_login(team["editor"])
    assert client.get(reverse("initiative_proposals:index")).status_code in (302, 403)


def test_the_photos_are_stored_upright_without_their_gps_position(proposed):
    images = list(proposed.proposal.photos.order_by("pk"))

    assert len(images) == 2
    assert proposed.image == images[0]
    assert proposed.image.description == "La fresque terminée"
    assert [block.value["image"].pk for block in proposed.body] == [images[1].pk]
    assert proposed.body[0].value["image"].contextual_alt_text == "Les jeunes au travail"
    with images[0].open_file() as stored, PILImage.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert all(image.collection.name == roles.PROPOSALS_COLLECTION for image in images)


def test_the_moderators_and_the_communication_officers_are_told(proposed, team):
    [notice] = [message for message in mail.outbox if "Initiative proposée à relire" in message.subject]

    assert set(notice.to) == {team["moderator"].email, team["communication"].email}
    assert "Une fresque peinte par les jeunes du quartier" in notice.body
    assert EMAIL in notice.body  # the team needs it to answer
    assert reverse("wagtailadmin_pages:edit", args=[proposed.pk]) in notice.body
    assert team["editor"].email not in {address for message in mail.outbox for address in message.to}
    assert EMAIL not in {address for message in mail.outbox for address in message.to}


def test_the_proposer_is_thanked_in_french(client, proposed):
    html = response_text(client.get(reverse("blog:proposal_done")))

    assert "Merci, votre proposition est bien arrivée" in html


# --- Nothing public until a moderator approves ---------------------------------------------------------


def public_outputs(client, blog_index_page):
    """Everything an anonymous reader or partner can fetch that lists initiatives."""
    return {
        "blog": response_text(client.get(blog_index_page.url)),
        "api": response_text(client.get("/api/v2/pages/?type=blog.InitiativePage&fields=*")),
        "rss": response_text(client.get("/api/v2/feeds/initiatives.rss")),
        "atom": response_text(client.get("/api/v2/feeds/initiatives.atom")),
        "images": response_text(client.get("/api/v2/images/")),
    }


def test_a_proposal_is_nowhere_public_while_in_moderation(client, proposed, blog_index_page):
    cache.clear()

    assert client.get(proposed.url).status_code == 404
    assert client.get(f"/api/v2/pages/{proposed.pk}/").status_code == 404
    assert proposed.pk not in [page.pk for page in blog_index_page.specific.get_initiatives()]
    assert not Page.objects.live().public().search("fresque")
    for name, text in public_outputs(client, blog_index_page).items():
        assert "fresque" not in text.lower(), name


def approve(proposed, moderator):
    task_state = proposed.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    return InitiativePage.objects.get(pk=proposed.pk)


def test_once_approved_the_initiative_is_public_but_never_its_proposer(client, proposed, blog_index_page, team):
    published = approve(proposed, team["moderator"])
    cache.clear()

    assert published.live
    outputs = public_outputs(client, blog_index_page)
    outputs["page"] = response_text(client.get(published.url))
    outputs["api_detail"] = response_text(client.get(f"/api/v2/pages/{published.pk}/"))
    assert "fresque" in outputs["page"].lower() and "fresque" in outputs["api_detail"].lower()
    assert Page.objects.live().public().search("fresque")
    for name, text in outputs.items():
        assert EMAIL not in text and PHONE not in text and NAME not in text, name


def test_the_photos_become_public_with_the_initiative(proposed, team):
    approve(proposed, team["moderator"])

    assert not proposed.proposal.photos.filter(collection__name=roles.PROPOSALS_COLLECTION).exists()


def test_a_communication_officer_completes_and_publishes_a_proposal_after_moderation(
    client, proposed, team, initiative_form
):
    edit = reverse("wagtailadmin_pages:edit", args=[proposed.pk])
    data = {**initiative_form(title="Une fresque au gymnase", slug=proposed.slug), "action-publish": "publish"}
    client.force_login(team["communication"])

    client.post(edit, data)  # while it waits for the moderators, only they may change it
    assert not InitiativePage.objects.get(pk=proposed.pk).live
    approve(proposed, team["moderator"])
    response = client.post(edit, data)

    assert response.status_code == 302
    published = InitiativePage.objects.get(pk=proposed.pk)
    assert published.live and published.title == "Une fresque au gymnase"
    assert published.proposal.proposer_email == EMAIL  # still there for the team, still out of the page


# --- Photos that are not photos ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("faux.jpg", b"Ceci est un texte, pas une photo.", "image/jpeg"), "n'est pas une photo"),
        (photo("anim.gif", "GIF"), "n'est pas une photo au format JPEG, PNG ou WebP"),
        ("truncated", "n'est pas une photo"),
        ("oversized", "ne doit pas dépasser"),
    ],
    ids=["text-renamed-jpg", "gif", "truncated-jpeg", "oversized"],
)
def test_a_bad_photo_is_refused_and_nothing_is_stored(client, blog_index_page, centre_page, team, upload, message):
    if upload == "truncated":
        whole = photo(size=(400, 300)).read()
        upload = SimpleUploadedFile("coupee.jpg", whole[: len(whole) // 2], "image/jpeg")
    elif upload == "oversized":
        upload = SimpleUploadedFile(
            "enorme.png", b"\x89PNG\r\n\x1a\n" + b"0" * proposal_forms.MAX_PHOTO_BYTES, "image/png"
        )
    files_before = proposal_files()

    response = client.post(URL, {**proposal_data(centre_page), "photos": [photo(), upload]})

    assert response.status_code == 200
    html = response_text(response)
    assert message in html
    assert 'class="error-summary"' in html and 'href="#id_photos"' in html
    assert nothing_stored()
    assert proposal_files() == files_before
    assert not mail.outbox


def test_at_most_five_photos(client, blog_index_page, centre_page):
    photos = [photo(f"photo{number}.jpg") for number in range(proposal_forms.MAX_PHOTOS + 1)]

    response = client.post(URL, {**proposal_data(centre_page), "photos": photos})

    assert "au plus 5 photos" in response_text(response)
    assert nothing_stored()


# --- Robots, floods and consent ------------------------------------------------------------------------


def test_a_robot_filling_the_hidden_field_is_refused(client, blog_index_page, centre_page, team):
    response = client.post(URL, proposal_data(centre_page, fax="+33 5 61 00 00 00"))

    assert "protection contre les envois automatiques" in response_text(response)
    assert nothing_stored()
    assert not mail.outbox


def test_without_consent_the_proposal_is_refused_in_french(client, blog_index_page, centre_page):
    data = proposal_data(centre_page)
    del data["consent"]

    response = client.post(URL, data)

    assert "Cochez la case de consentement" in response_text(response)
    assert 'aria-invalid="true"' in response_text(response)
    assert nothing_stored()


def test_too_many_posts_from_one_address_get_a_429(client, blog_index_page, centre_page, settings):
    settings.PROPOSAL_RATE_LIMIT = "2/d"
    data = proposal_data(centre_page, consent="")  # invalid posts count too

    statuses = [client.post(URL, data).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    refused = client.post(URL, proposal_data(centre_page))
    assert refused.status_code == 429
    assert "Trop d'envois depuis votre connexion" in response_text(refused)
    assert nothing_stored()
    assert client.get(URL).status_code == 200  # reading the form is never limited
