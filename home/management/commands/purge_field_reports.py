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

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, ReferenceIndex

from blog.models_proposals import InitiativeProposal
from centres.models import CorrectionRequest, CorrectionStatus
from home import roles
from resources.models.registrations import retention_cutoff

DEFAULT_RETENTION_MONTHS = 12
HISTORY_BATCH = 500


def forget_history(model, pks):
    """Delete the admin's history entries of these objects along with them."""
    content_type = ContentType.objects.get_for_model(model)
    for start in range(0, len(pks), HISTORY_BATCH):
        ids = [str(pk) for pk in pks[start : start + HISTORY_BATCH]]
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()


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


class Command(BaseCommand):
    help = (
        "Supprime les données personnelles des remontées du terrain (demandes de correction traitées, contacts "
        "des initiatives proposées, photos non retenues) reçues depuis plus de N mois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            help="Durée de conservation en mois (par défaut : le réglage FIELD_REPORT_RETENTION_MONTHS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui serait supprimé, sans rien supprimer.")

    def handle(self, *args, **options):
        months = options["months"]
        if months is None:
            months = getattr(settings, "FIELD_REPORT_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
        if months < 1:
            raise CommandError("La durée de conservation doit être d'au moins un mois.")
        cutoff = retention_cutoff(months=months)
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
