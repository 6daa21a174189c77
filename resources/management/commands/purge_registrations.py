"""`manage.py purge_registrations [--dry-run] [--months N]`: delete the training registrations (personal data)
of sessions that ended more than REGISTRATION_RETENTION_MONTHS months ago (12 by default), including those
kept from deleted sessions, and their entries in the admin's history. Meant for a daily cron, e.g.:

    15 3 * * *  cd /srv/figo && .venv/bin/python manage.py purge_registrations --settings=settings.production
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from home.retention import RetentionCommand, forget_history
from resources.models import Registration
from resources.models.registrations import DEFAULT_RETENTION_MONTHS, retention_cutoff


class Command(RetentionCommand):
    help = "Supprime les inscriptions aux formations dont la session est terminée depuis plus de N mois."

    retention_setting = "REGISTRATION_RETENTION_MONTHS"
    default_months = DEFAULT_RETENTION_MONTHS

    def handle(self, *args, **options):
        months = self.retention_months(options)
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
                forget_history(Registration, list(expired.values_list("pk", flat=True)))
                expired.delete()
        verb = "seraient supprimées" if options["dry_run"] else "supprimées"
        for label, count in lines:
            self.stdout.write(f"{label} : {count} inscription(s) {verb}")
        self.stdout.write(
            f"{total} inscription(s) {verb} : sessions terminées avant le {cutoff:%d/%m/%Y} "
            f"(conservation {months} mois)."
        )
