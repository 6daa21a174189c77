"""Import of the directory from a CSV file (format in csv_format.py): create or update centre pages.

All or nothing: every row is checked by the models' own validation (full_clean, through Wagtail's save and
save_revision) inside one transaction, each row in its own savepoint; if any row is invalid, or in a dry
run, the transaction is rolled back and nothing is written. A row that changes nothing writes nothing
(no revision), so importing the same file twice leaves the second run with only "unchanged" rows. A page
created or changed gets a revision, published, so its history says what the import did.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.log_actions import log

from home.models import Audience, Commune, Theme

from .csv_format import FIELD_COLUMNS, CellError, OpeningRow, format_opening_hours, parse_row, read_csv
from .models import CentrePage, DepartmentPage, OpeningHours


@dataclass
class RowResult:
    line: int
    title: str
    changed: list = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did (or would do): rows created, updated, unchanged, and the invalid ones."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, French message)
    dry_run: bool = False

    @property
    def written(self):
        return not self.dry_run and not self.errors


class DryRunRollback(Exception):
    """Raised to roll the transaction back at the end of a dry run or a refused import."""


def validation_messages(error):
    """French "column : message" lines of a model ValidationError."""
    if not hasattr(error, "error_dict"):
        return [str(message) for message in error.messages]
    messages = []
    for field_name, field_errors in error.message_dict.items():
        column = FIELD_COLUMNS.get(field_name)
        for message in field_errors:
            if field_name == NON_FIELD_ERRORS or column is None:
                messages.append(message)
            else:
                messages.append(f"{column} : {message}")
    return messages


class CentreImporter:
    """Reads a file, matches each row to a page (by SIRET, else slug) and creates or updates it."""

    def __init__(self, user=None, progress=None):
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.communes = {commune.pk: commune for commune in Commune.objects.select_related("department")}
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.audiences = {audience.slug: audience for audience in Audience.objects.all()}
        self.department_pages = {page.department_id: page for page in DepartmentPage.objects.all()}

    def run(self, data, dry_run=False):
        """Import CSV bytes; returns an ImportReport. Nothing is written on a dry run or on any error."""
        report = ImportReport(dry_run=dry_run)
        try:
            _header, rows = read_csv(data)
        except CellError as error:
            report.errors.append((1, str(error)))
            return report
        try:
            with transaction.atomic():
                self.import_rows(rows, report)
                if report.errors or dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        return report

    def import_rows(self, rows, report):
        seen = {}
        for index, (line, row) in enumerate(rows, start=1):
            self.progress(index, len(rows))
            parsed, errors = parse_row(line, row, self.communes, self.themes, self.audiences)
            if errors:
                report.errors.extend((line, message) for message in errors)
                continue
            key = ("siret", parsed.siret) if parsed.siret else ("slug", parsed.slug)
            if not key[1]:
                report.errors.append((line, "Remplissez le siret ou le slug pour reconnaître la structure."))
                continue
            if key in seen:
                report.errors.append((line, f"{key[0]} {key[1]} : déjà utilisé à la ligne {seen[key]} du fichier."))
                continue
            seen[key] = line
            try:
                with transaction.atomic():
                    self.import_row(parsed, report)
            except ValidationError as error:
                report.errors.extend((line, message) for message in validation_messages(error))
            except CellError as error:
                report.errors.append((line, str(error)))
            except DatabaseError as error:
                report.errors.append((line, f"Enregistrement impossible : {error}"))

    def find_page(self, parsed):
        """The existing page of the row, or None; raises CellError when the key is ambiguous."""
        if parsed.siret:
            matches = list(CentrePage.objects.filter(siret=parsed.siret)[:2])
            if len(matches) > 1:
                raise CellError(f"siret : plusieurs fiches de l'annuaire ont le SIRET {parsed.siret}.")
            if matches:
                return matches[0]
        if parsed.slug:
            matches = list(CentrePage.objects.filter(slug=parsed.slug)[:2])
            if len(matches) > 1:
                raise CellError(f"slug : plusieurs fiches ont le slug « {parsed.slug} » ; identifiez-la par son SIRET.")
            if matches:
                return matches[0]
        return None

    def parent_for(self, parsed):
        department = parsed.commune.department
        parent = self.department_pages.get(department.pk)
        if parent is None:
            raise CellError(
                f"code_insee : la commune {parsed.commune.name} est en {department} et l'annuaire n'a pas "
                "encore de page pour ce département ; créez-la d'abord."
            )
        return parent

    def import_row(self, parsed, report):
        page = self.find_page(parsed)
        parent = self.parent_for(parsed)
        if page is None:
            self.create(parsed, parent, report)
            return
        if page.get_parent().pk != parent.pk:
            raise CellError(
                f"code_insee : {parsed.commune.name} est dans un autre département que la fiche actuelle ; "
                "déplacez la page dans l'administration avant l'import."
            )
        changed = self.apply(page, parsed)
        if not changed:
            report.unchanged.append(RowResult(parsed.line, page.title))
            return
        if page.has_unpublished_changes:
            raise CellError(
                "La fiche a des modifications non publiées (brouillon ou relecture en cours) : publiez-les "
                "ou abandonnez-les avant de l'importer."
            )
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user)
        report.updated.append(RowResult(parsed.line, page.title, changed))

    def create(self, parsed, parent, report):
        page = CentrePage(**parsed.fields)
        page.slug = parsed.slug or slugify(page.title)[:255]
        self.apply(page, parsed)
        parent.add_child(instance=page)  # Page.save runs full_clean()
        log(instance=page, action="wagtail.create", user=self.user)
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        report.created.append(RowResult(parsed.line, page.title))

    def apply(self, page, parsed):
        """Set the row's values on the page; returns the CSV columns whose value changed."""
        changed = []
        values = dict(parsed.fields)
        if parsed.slug:
            values["slug"] = parsed.slug
        if values.get("latitude") is None and values.get("longitude") is None and "latitude" in values:
            # Both empty means "the town hall", which save() writes: compare with what it would write.
            values["latitude"], values["longitude"] = parsed.commune.latitude, parsed.commune.longitude
        for name, value in values.items():
            if getattr(page, name) != value:
                setattr(page, name, value)
                changed.append(FIELD_COLUMNS.get(name, "code_insee" if name == "commune_id" else name))
        for relation, column, wanted in (
            ("themes", "themes", parsed.themes),
            ("audiences", "publics", parsed.audiences),
        ):
            if wanted is not None and {obj.pk for obj in getattr(page, relation).all()} != {obj.pk for obj in wanted}:
                setattr(page, relation, wanted)
                changed.append(column)
        if parsed.opening_hours is not None:
            current = [OpeningRow(row.weekday, row.opens, row.closes) for row in page.opening_hours.all()]
            if format_opening_hours(current) != format_opening_hours(parsed.opening_hours):
                page.opening_hours = [
                    OpeningHours(weekday=row.weekday, opens=row.opens, closes=row.closes)
                    for row in parsed.opening_hours
                ]
                changed.append("horaires")
        return list(dict.fromkeys(changed))
