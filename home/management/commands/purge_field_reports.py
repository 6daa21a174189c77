"""`manage.py purge_field_reports [--dry-run] [--months N]`: forget the personal data of the "Remontées du
terrain" received more than FIELD_REPORT_RETENTION_MONTHS months ago (12 by default), with their entries in
the admin's history. Meant for a daily cron, e.g.:

    20 3 * * *  cd /srv/figo && .venv/bin/python manage.py purge_field_reports --settings=settings.production

- Correction requests handled before the cutoff (what was reported, the name and the email). Requests never
  handled are kept and counted: someone still has to answer them.
- The proposers' contacts of initiatives proposed before the cutoff; the initiative itself stays as it is
  (the contact only served its moderation).
- Photos sent with a proposal that still wait in the private collection, used by no page and no remaining
  proposal (a proposal refused and deleted, a photo left out of the published initiative).
"""

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from blog.models_proposals import InitiativeProposal
from centres.models import CorrectionRequest, CorrectionStatus
from home import roles
from home.retention import RetentionCommand, forget_history, months_ago


def expired_corrections(cutoff):
    return CorrectionRequest.objects.filter(status=CorrectionStatus.HANDLED, handled_at__lt=cutoff)


def expired_proposals(cutoff):
    return InitiativeProposal.objects.filter(created_at__lt=cutoff)


def orphan_photos(cutoff, leaving):
    """Photos waiting in the proposals' private collection since before the cutoff, that no page uses and
    no proposal keeps once the proposals `leaving` (a queryset) are gone."""
    Image = get_image_model()
    kept_by_proposals = InitiativeProposal.photos.through.objects.exclude(
        initiativeproposal__in=leaving.values("pk")
    ).values("image_id")
    candidates = Image.objects.filter(collection__name=roles.PROPOSALS_COLLECTION, created_at__lt=cutoff).exclude(
        pk__in=kept_by_proposals
    )
    used = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(Image),
        to_object_id__in=[str(pk) for pk in candidates.values_list("pk", flat=True)],
    ).values_list("to_object_id", flat=True)
    return candidates.exclude(pk__in=[int(pk) for pk in used])


class Command(RetentionCommand):
    help = (
        "Supprime les données personnelles des remontées du terrain (demandes de correction traitées, contacts "
        "des initiatives proposées, photos non retenues) reçues depuis plus de N mois."
    )

    retention_setting = "FIELD_REPORT_RETENTION_MONTHS"

    def handle(self, *args, **options):
        months = self.retention_months(options)
        cutoff = months_ago(months)
        with transaction.atomic():
            corrections = list(expired_corrections(cutoff).values_list("pk", flat=True))
            proposals = expired_proposals(cutoff)
            photos = list(orphan_photos(cutoff, proposals))
            proposal_ids = list(proposals.values_list("pk", flat=True))
            waiting = CorrectionRequest.objects.filter(status=CorrectionStatus.NEW, created_at__lt=cutoff).count()
            if not options["dry_run"]:
                forget_history(CorrectionRequest, corrections)
                CorrectionRequest.objects.filter(pk__in=corrections).delete()
                forget_history(InitiativeProposal, proposal_ids)
                InitiativeProposal.objects.filter(pk__in=proposal_ids).delete()
                for photo in photos:
                    photo.delete()  # one by one: Wagtail removes the file and its renditions
        verb = "seraient supprimé(e)s" if options["dry_run"] else "supprimé(e)s"
        self.stdout.write(f"{len(corrections)} demande(s) de correction traitée(s) {verb}.")
        self.stdout.write(f"{len(proposal_ids)} contact(s) d'initiatives proposées {verb}.")
        self.stdout.write(f"{len(photos)} photo(s) de propositions non retenue(s) {verb}.")
        self.stdout.write(f"Reçues avant le {cutoff:%d/%m/%Y} (conservation {months} mois).")
        if waiting:
            self.stdout.write(
                self.style.WARNING(
                    f"{waiting} demande(s) de correction reçue(s) avant cette date ne sont pas traitées : "
                    "elles sont gardées, à traiter dans l'administration (Remontées du terrain)."
                )
            )
