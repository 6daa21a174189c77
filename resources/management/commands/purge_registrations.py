"""`manage.py purge_registrations [--dry-run] [--months N]`: delete the training registrations (personal data)
of sessions that ended more than REGISTRATION_RETENTION_MONTHS months ago (12 by default), including those
kept from deleted sessions, and their entries in the admin's history. Meant for a daily cron, e.g.:

    15 3 * * *  cd /srv/figo && .venv/bin/python manage.py purge_registrations --settings=settings.production
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import ModelLogEntry

from resources.models import Registration
from resources.models.registrations import DEFAULT_RETENTION_MONTHS, retention_cutoff

HISTORY_BATCH = 500


def forget_history(pks):
    """Delete the admin's history entries of these registrations along with them."""
    content_type = ContentType.objects.get_for_model(Registration)
    for start in range(0, len(pks), HISTORY_BATCH):
        ids = [str(pk) for pk in pks[start : start + HISTORY_BATCH]]
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()


class Command(BaseCommand):
    help = "Supprime les inscriptions aux formations dont la session est terminée depuis plus de N mois."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            help="Durée de conservation en mois (par défaut : le réglage REGISTRATION_RETENTION_MONTHS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui serait supprimé, sans rien supprimer.")

    def handle(self, *args, **options):
        months = options["months"]
        if months is None:
            months = getattr(settings, "REGISTRATION_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
        if months < 1:
            raise CommandError("La durée de conservation doit être d'au moins un mois.")
        cutoff = retention_cutoff(months=months)
        with transaction.atomic():
            expired = Registration.objects.to_purge(months=months)
            by_session = (
                expired.values("session_id", "session__page__title", "session__start", "session_label")
                .annotate(count=Count("pk"))
                .order_by("session__start", "session_label")
            )
            lines = []
            for group in by_session:
                if group["session_id"]:
                    label = f"{group['session__page__title']} — {timezone.localtime(group['session__start']):%d/%m/%Y}"
                else:
                    label = f"{group['session_label'] or 'session supprimée'} (session supprimée)"
                lines.append((label, group["count"]))
            total = sum(count for _label, count in lines)
            if not options["dry_run"]:
                forget_history(list(expired.values_list("pk", flat=True)))
                expired.delete()
        verb = "seraient supprimées" if options["dry_run"] else "supprimées"
        for label, count in lines:
            self.stdout.write(f"{label} : {count} inscription(s) {verb}")
        self.stdout.write(
            f"{total} inscription(s) {verb} : sessions terminées avant le {cutoff:%d/%m/%Y} "
            f"(conservation {months} mois)."
        )
