"""`manage.py import_centres FICHIER.csv [--dry-run] [--user NOM]`: create or update the directory's centres
from a CSV file (columns documented in centres/csv_format.py; example: centres/data/exemple-import-centres.csv).

All or nothing: if one row is invalid, every invalid row is listed with its line number and nothing is
written. Importing the same file twice changes nothing the second time.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from centres.importer import CentreImporter

# Below this many rows the import is quick enough that a progress bar would only flicker.
PROGRESS_MIN_ROWS = 50
BAR_WIDTH = 30


class ProgressBar:
    """A one-line progress bar on a terminal's stderr; silent when stderr is a file or a pipe (cron).

    Written here rather than adding tqdm: one bar in one command does not justify a dependency.
    """

    def __init__(self, stream):
        self.stream = stream
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False

    def __call__(self, done, total):
        if not self.enabled or total < PROGRESS_MIN_ROWS:
            return
        filled = BAR_WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} lignes")
        self.stream.flush()
        self.drawn = True

    def close(self):
        if self.drawn:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Importe ou met à jour les centres sociaux et EVS de l'annuaire depuis un fichier CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV (colonnes : voir centres/csv_format.py).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifie et dit ce qui serait fait, sans rien enregistrer."
        )
        parser.add_argument("--user", help="Identifiant de la personne à qui attribuer les révisions.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Aucun utilisateur « {options['user']} ».")
        progress = ProgressBar(sys.stderr)
        report = CentreImporter(user=user, progress=progress).run(path.read_bytes(), dry_run=options["dry_run"])
        progress.close()
        verbose = options["verbosity"] >= 2
        would = "serait " if report.dry_run else ""
        for result in report.created:
            self.stdout.write(f"ligne {result.line} : {would}créée — {result.title}")
        for result in report.updated:
            self.stdout.write(
                f"ligne {result.line} : {would}mise à jour — {result.title} ({', '.join(result.changed)})"
            )
        if verbose:
            for result in report.unchanged:
                self.stdout.write(f"ligne {result.line} : inchangée — {result.title}")
        if report.errors:
            for line, message in report.errors:
                self.stderr.write(f"ligne {line} : {message}")
            lines = len({line for line, _message in report.errors})
            raise CommandError(
                f"Import refusé : {lines} ligne{'s' if lines > 1 else ''} invalide{'s' if lines > 1 else ''}, "
                "rien n'a été enregistré."
            )
        summary = (
            f"{len(report.created)} créée(s), {len(report.updated)} mise(s) à jour, "
            f"{len(report.unchanged)} inchangée(s)."
        )
        if report.dry_run:
            self.stdout.write(f"Essai (--dry-run), rien n'a été enregistré : {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary}"))
