"""What the commands that delete personal data after their retention period share (purge_registrations,
purge_field_reports): the period in months (a setting, or --months), --dry-run, and forgetting the admin's
history entries of what they delete."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry

HISTORY_BATCH = 500
DAYS_PER_MONTH = 30.44  # a month of a retention period, on average


def months_ago(months, now=None):
    """The moment `months` months before `now` (the cutoff of a retention period)."""
    return (now or timezone.now()) - timedelta(days=round(int(months) * DAYS_PER_MONTH))


def forget_history(model, pks):
    """Delete the admin's history entries of these objects along with them."""
    content_type = ContentType.objects.get_for_model(model)
    for start in range(0, len(pks), HISTORY_BATCH):
        ids = [str(pk) for pk in pks[start : start + HISTORY_BATCH]]
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()


class RetentionCommand(BaseCommand):
    """A purge command: `retention_setting` names the setting of its period, in months."""

    retention_setting = ""
    default_months = 12

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            help=f"Durée de conservation en mois (par défaut : le réglage {self.retention_setting}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui serait supprimé, sans rien supprimer.")

    def retention_months(self, options):
        months = options["months"]
        if months is None:
            months = getattr(settings, self.retention_setting, self.default_months)
        if months < 1:
            raise CommandError("La durée de conservation doit être d'au moins un mois.")
        return months
