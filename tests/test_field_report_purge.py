"""`purge_field_reports`: the personal data of the "Remontées du terrain" are forgotten after their retention."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, ModelLogEntry, ReferenceIndex

from blog.models_proposals import InitiativeProposal
from centres.models import CorrectionRequest, CorrectionStatus
from home import roles
from tests.conftest import ImageFactory, InitiativePageFactory

LONG_AGO = timezone.now() - datetime.timedelta(days=400)
LAST_MONTH = timezone.now() - datetime.timedelta(days=20)


def correction(centre, received, handled=None):
    request = CorrectionRequest.objects.create(
        centre=centre, message="Le numéro a changé.", name="Awa Diallo", email="awa@example.org", consent=True
    )
    status = CorrectionStatus.HANDLED if handled else CorrectionStatus.NEW
    CorrectionRequest.objects.filter(pk=request.pk).update(created_at=received, status=status, handled_at=handled)
    return request


def proposal(blog_index_page, received, photos=()):
    page = InitiativePageFactory(parent=blog_index_page, live=False)
    contact = InitiativeProposal.objects.create(
        page=page, proposer_name="Jean Petit", proposer_email="jean@example.org", structure="Collectif", consent=True
    )
    contact.photos.set(photos)
    InitiativeProposal.objects.filter(pk=contact.pk).update(created_at=received)
    return contact


def waiting_photo(received):
    photo = ImageFactory(collection=Collection.objects.get(name=roles.PROPOSALS_COLLECTION))
    get_image_model().objects.filter(pk=photo.pk).update(created_at=received)
    return photo


@pytest.fixture
def reports(centre_page, blog_index_page):
    """Old and recent correction requests and proposals, with photos kept, used or left out."""
    used_photo, kept_photo, left_out, refused = (waiting_photo(LONG_AGO) for _ in range(4))
    recent_photo = waiting_photo(LAST_MONTH)
    published = InitiativePageFactory(parent=blog_index_page, image=used_photo)
    ReferenceIndex.create_or_update_for_object(published)
    old_proposal = proposal(blog_index_page, LONG_AGO, photos=[used_photo, left_out])
    log(instance=old_proposal, action="wagtail.edit")
    reports = {
        "old_handled": correction(centre_page, LONG_AGO, handled=LONG_AGO),
        "recently_handled": correction(centre_page, LONG_AGO, handled=LAST_MONTH),
        "old_waiting": correction(centre_page, LONG_AGO),
        "recent": correction(centre_page, LAST_MONTH),
        "old_proposal": old_proposal,
        "recent_proposal": proposal(blog_index_page, LAST_MONTH, photos=[kept_photo]),
        "photos": {"used": used_photo, "kept": kept_photo, "left_out": left_out, "refused": refused},
        "recent_photo": recent_photo,
    }
    log(instance=reports["old_handled"], action="wagtail.edit")
    return reports


def test_dry_run_says_what_would_go_and_keeps_everything(reports):
    call_command("purge_field_reports", "--dry-run", stdout=(out := io.StringIO()))
    assert CorrectionRequest.objects.count() == 4 and InitiativeProposal.objects.count() == 2
    assert get_image_model().objects.filter(collection__name=roles.PROPOSALS_COLLECTION).count() == 5
    assert "1 demande(s) de correction traitée(s) seraient supprimé(e)s" in out.getvalue()
    assert "1 contact(s) d'initiatives proposées seraient supprimé(e)s" in out.getvalue()
    assert "2 photo(s) de propositions non retenue(s) seraient supprimé(e)s" in out.getvalue()
    assert "1 demande(s) de correction reçue(s) avant cette date ne sont pas traitées" in out.getvalue()


def test_purge_forgets_old_reports_and_keeps_what_is_still_needed(reports):
    call_command("purge_field_reports", stdout=(out := io.StringIO()))
    kept = set(CorrectionRequest.objects.values_list("pk", flat=True))
    assert kept == {reports["recently_handled"].pk, reports["old_waiting"].pk, reports["recent"].pk}
    assert not ModelLogEntry.objects.filter(object_id=str(reports["old_handled"].pk)).exists()
    assert list(InitiativeProposal.objects.all()) == [reports["recent_proposal"]]
    assert not ModelLogEntry.objects.filter(object_id=str(reports["old_proposal"].pk)).exists()
    assert reports["old_proposal"].page.__class__.objects.filter(pk=reports["old_proposal"].page_id).exists()
    photos = set(get_image_model().objects.values_list("pk", flat=True))
    assert reports["photos"]["used"].pk in photos, "used by a page"
    assert reports["photos"]["kept"].pk in photos, "kept by a recent proposal"
    assert reports["recent_photo"].pk in photos, "received recently"
    assert reports["photos"]["left_out"].pk not in photos and reports["photos"]["refused"].pk not in photos
    assert "1 demande(s) de correction traitée(s) supprimé(e)s" in out.getvalue()


def test_the_retention_comes_from_the_settings_or_the_command_line(reports, settings):
    settings.FIELD_REPORT_RETENTION_MONTHS = 24
    call_command("purge_field_reports", stdout=io.StringIO())
    assert CorrectionRequest.objects.count() == 4
    call_command("purge_field_reports", "--months", "1", stdout=io.StringIO())
    assert CorrectionRequest.objects.count() == 3
    with pytest.raises(CommandError, match="au moins un mois"):
        call_command("purge_field_reports", "--months", "0")


def test_the_public_forms_say_how_long_the_data_are_kept(settings, db):
    from blog.forms import InitiativeProposalForm
    from centres.corrections import CorrectionRequestForm

    settings.FIELD_REPORT_RETENTION_MONTHS = 18
    proposal_help = InitiativeProposalForm().fields["consent"].help_text
    assert "jamais publiés" in proposal_help and "effacés 18 mois après la réception" in proposal_help
    correction_help = CorrectionRequestForm().fields["consent"].help_text
    assert "effacés 18 mois après le traitement de votre signalement" in correction_help
