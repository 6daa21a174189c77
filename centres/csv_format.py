"""The directory's CSV format, shared by `manage.py import_centres` and the admin export, and the CSV
dialect of every spreadsheet export of the admin.

Files are written in UTF-8 with a byte-order mark and `;` as separator: that is what French Excel opens
correctly with a double-click (without the BOM it reads UTF-8 as Windows-1252, and with `,` it puts
everything in one column); LibreOffice reads it too. Imports accept `;` or `,`, UTF-8 (with or without
BOM) or Windows-1252 (Excel's "CSV (séparateur : point-virgule)"), and the cells Excel rewrites: dates
as 31/01/2024, decimal commas, codes that lost their leading zero (9001 for 09001).

One row per structure (centre social or EVS). The columns, in order:

=========================  =================================================================================
slug                       identifiant d'URL de la page ; clé quand il n'y a pas de SIRET ; vide à la création :
                           calculé depuis le nom
siret                      14 chiffres (espaces acceptés) ; la clé de la ligne quand il est rempli
nom                        obligatoire : nom de la structure, titre de la page
type                       « cs » (centre social) ou « evs » (espace de vie sociale)
adresse                    obligatoire : numéro et voie
complement_adresse
code_postal                5 chiffres, un code postal de la commune
code_insee                 obligatoire : code INSEE de la commune ; la page va dans la page département de la commune
latitude, longitude        degrés décimaux WGS84 ; les deux vides : la mairie de la commune
courriel, telephone, site_web, contact (direction ou coordination)
gestionnaire               l'association, la commune, le CCAS… qui porte la structure
mode_gestion               associatif, collectivite, caf ou autre
adherent                   oui / non : adhérent à la fédération
premier_agrement, debut_agrement, fin_agrement   dates AAAA-MM-JJ ou JJ/MM/AAAA
agrements                  codes séparés par | : agc, acf, evs
referent_familles, qpv, zrr   oui / non
type_territoire            urbain, periurbain ou rural
territoire_intervention    commune, quartiers ou communes
population                 population du territoire (nombre entier)
themes, publics            identifiants (slugs) séparés par | , par exemple « logement|sante »
instances_participation    texte libre
horaires                   syntaxe OpenStreetMap : « Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 »
                           (jours Mo Tu We Th Fr Sa Su, ou Lu Ma Me Je Ve Sa Di)
resume                     le résumé des listes (400 caractères au plus)
verifie_le                 date de la dernière vérification avec la structure
=========================  =================================================================================

Only `nom` and `code_insee` are required, with `siret` or `slug`. An import writes the columns the file has:
an empty cell empties the field (yes/no and choice columns take their default: oui for adherent, non for
the others, cs, associatif, urbain, commune); a column absent from the file leaves the field as it is. The
presentation (body), photos and image of a page are not in the file and are never touched by an import.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.http import HttpResponse
from django.utils import timezone

from .models import ApprovalType, ManagementMode, StructureType, TerritoryType
from .models.centre import TerritoryScope
from .osm_hours import OSM_DAYS, to_osm_opening_hours

# ---------------------------------------------------------------------------------------------------------
# The spreadsheet dialect of every admin export.

DELIMITER = ";"
BOM = "\ufeff"


def csv_text(rows):
    """The CSV text of `rows` (lists of cells, header first) in the spreadsheet dialect, BOM included."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def csv_response(filename, rows):
    """An attachment response holding `rows` as CSV for French spreadsheets."""
    response = HttpResponse(csv_text(rows).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_cell(value):
    """A cell as a French spreadsheet reads it: local dates, oui/non, lists joined by |."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d/%m/%Y %H:%M}"
        )
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list | tuple | set):
        return "|".join(str(item) for item in value)
    return str(value)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text):
    """A cell a spreadsheet will not run as a formula (text typed by the public may start with "=")."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class SpreadsheetCsvExportMixin:
    """For Wagtail listing views: their "Download CSV" button writes this dialect (`;`, BOM, French cells),
    with formula-looking cells made inert."""

    def write_csv_response(self, queryset):
        rows = [[self.get_heading(queryset, field) for field in self.list_export]]
        rows += [
            [inert_cell(spreadsheet_cell(value)) for value in self.to_row_dict(item).values()] for item in queryset
        ]
        return csv_response(f"{self.get_filename()}.csv", rows)


# ---------------------------------------------------------------------------------------------------------
# The directory's columns.

COLUMNS = [
    "slug",
    "siret",
    "nom",
    "type",
    "adresse",
    "complement_adresse",
    "code_postal",
    "code_insee",
    "latitude",
    "longitude",
    "courriel",
    "telephone",
    "site_web",
    "contact",
    "gestionnaire",
    "mode_gestion",
    "adherent",
    "premier_agrement",
    "debut_agrement",
    "fin_agrement",
    "agrements",
    "referent_familles",
    "type_territoire",
    "territoire_intervention",
    "qpv",
    "zrr",
    "population",
    "themes",
    "publics",
    "instances_participation",
    "horaires",
    "resume",
    "verifie_le",
]
REQUIRED_COLUMNS = {"nom", "code_insee"}
KEY_COLUMNS = {"siret", "slug"}

# Plain text columns and the page field each one writes.
TEXT_FIELDS = {
    "nom": "title",
    "adresse": "address",
    "complement_adresse": "address_complement",
    "courriel": "email",
    "telephone": "phone",
    "site_web": "website",
    "contact": "contact_name",
    "gestionnaire": "manager_name",
    "instances_participation": "participation_bodies",
    "resume": "summary",
}
CHOICE_FIELDS = {
    "type": ("structure_type", StructureType),
    "mode_gestion": ("management_mode", ManagementMode),
    "type_territoire": ("territory_type", TerritoryType),
    "territoire_intervention": ("territory_scope", TerritoryScope),
}
BOOLEAN_FIELDS = {
    "adherent": "federation_member",
    "referent_familles": "family_referent",
    "qpv": "qpv",
    "zrr": "zrr",
}
DATE_FIELDS = {
    "premier_agrement": "first_approval_date",
    "debut_agrement": "approval_start",
    "fin_agrement": "approval_end",
    "verifie_le": "last_verified",
}
APPROVAL_FLAGS = {
    ApprovalType.GLOBAL.value: "approval_global",
    ApprovalType.FAMILIES.value: "approval_families",
    ApprovalType.EVS.value: "approval_evs",
}
# Page field → CSV column, to report the models' validation errors in the file's own words.
FIELD_COLUMNS = {
    **{field: column for column, field in TEXT_FIELDS.items()},
    **{field: column for column, (field, _choices) in CHOICE_FIELDS.items()},
    **{field: column for column, field in BOOLEAN_FIELDS.items()},
    **{field: column for column, field in DATE_FIELDS.items()},
    **dict.fromkeys(APPROVAL_FLAGS.values(), "agrements"),
    "slug": "slug",
    "siret": "siret",
    "postcode": "code_postal",
    "commune": "code_insee",
    "latitude": "latitude",
    "longitude": "longitude",
    "population_served": "population",
    "themes": "themes",
    "audiences": "publics",
    "opening_hours": "horaires",
}

TRUE_WORDS = {"oui", "o", "vrai", "true", "1", "x", "yes"}
FALSE_WORDS = {"non", "n", "faux", "false", "0", "", "no"}
FRENCH_DAYS = ["lu", "ma", "me", "je", "ve", "sa", "di"]
LIST_SEPARATOR = "|"


class CellError(ValueError):
    """A cell that cannot be read; the message is French and names the column."""


@dataclass(frozen=True)
class OpeningRow:
    weekday: int
    opens: time
    closes: time


# ---------------------------------------------------------------------------------------------------------
# Opening hours. The writer is the feeds' OSM converter, so exports and the data·inclusion feed agree.


def format_opening_hours(rows):
    return to_osm_opening_hours((row.weekday, row.opens, row.closes) for row in rows) or ""


DAY_TOKENS = {name.lower(): index for index, name in enumerate(OSM_DAYS)} | {
    name: index for index, name in enumerate(FRENCH_DAYS)
}
TIME_RE = re.compile(r"^(\d{1,2})[:h](\d{2})$")
HOURS_EXAMPLE = "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"


def _parse_time(text):
    match = TIME_RE.match(text.strip().lower())
    if not match:
        raise ValueError(text)
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes == 0:
        return time(23, 59)
    return time(hours, minutes)


def _parse_days(selector):
    days = []
    for part in selector.split(","):
        part = part.strip().lower()
        if "-" in part:
            first, last = (DAY_TOKENS[token.strip()] for token in part.split("-", 1))
            if last < first:
                raise ValueError(part)
            days.extend(range(first, last + 1))
        else:
            days.append(DAY_TOKENS[part])
    return days


def parse_opening_hours(text):
    """OpeningRow list from "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00"; raise CellError if unreadable."""
    rows = []
    for rule in filter(None, (rule.strip() for rule in (text or "").split(";"))):
        try:
            selector, _space, times = rule.partition(" ")
            if times.strip().lower() == "off":
                continue
            days = _parse_days(selector)
            intervals = []
            for interval in times.split(","):
                opens, closes = interval.strip().split("-")
                intervals.append((_parse_time(opens), _parse_time(closes)))
        except (KeyError, ValueError) as error:
            raise CellError(
                f"horaires : « {rule} » n'est pas compris ; écrivez par exemple « {HOURS_EXAMPLE} »."
            ) from error
        for opens, closes in intervals:
            if closes <= opens:
                raise CellError(f"horaires : dans « {rule} », la fermeture doit suivre l'ouverture.")
            rows.extend(OpeningRow(day, opens, closes) for day in days)
    return sorted(set(rows), key=lambda row: (row.weekday, row.opens))


# ---------------------------------------------------------------------------------------------------------
# Cells.


def normalise_siret(text):
    return re.sub(r"\s", "", text or "")


def normalise_code(text, length=5):
    """Codes Excel turned into numbers lose their leading zero: 9001 → 09001."""
    text = (text or "").strip()
    if text.isdigit() and len(text) < length:
        return text.zfill(length)
    return text


def parse_boolean(column, text):
    word = (text or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"{column} : « {text} » n'est pas compris ; écrivez oui ou non.")


def parse_date(column, text):
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(f"{column} : « {text} » n'est pas une date ; écrivez AAAA-MM-JJ ou JJ/MM/AAAA.")


def parse_float(column, text):
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise CellError(f"{column} : « {text} » n'est pas un nombre décimal.") from None


def parse_integer(column, text):
    text = re.sub(r"\s", "", text or "")
    if not text:
        return None
    if not text.isdigit():
        raise CellError(f"{column} : « {text} » n'est pas un nombre entier positif.")
    return int(text)


def parse_choice(column, text, choices):
    value = (text or "").strip().lower()
    if value in choices.values:
        return value
    allowed = ", ".join(choices.values)
    raise CellError(f"{column} : « {text} » n'est pas une valeur possible ({allowed}).")


def split_list(text):
    return [item.strip() for item in (text or "").split(LIST_SEPARATOR) if item.strip()]


def parse_slugs(column, text, known):
    """Objects of `known` (slug → object) named in the cell; raise CellError naming the unknown slugs."""
    slugs = split_list(text)
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise CellError(
            f"{column} : {', '.join(f'« {slug} »' for slug in unknown)} inconnu(s) ; valeurs possibles : "
            f"{', '.join(sorted(known))}."
        )
    return [known[slug] for slug in dict.fromkeys(slugs)]


@dataclass
class ParsedRow:
    """A row read into page values: `fields` (plain fields of the columns present), related sets, key.

    `themes`, `audiences` and `opening_hours` are None when their column is absent from the file.
    """

    line: int
    siret: str
    slug: str
    fields: dict
    themes: list | None
    audiences: list | None
    opening_hours: list | None
    commune: object


def field_default(field):
    from .models import CentrePage

    return CentrePage._meta.get_field(field).get_default()


def parse_row(line, row, communes, themes, audiences):
    """Read one CSV row (column → text); return (ParsedRow or None, list of French error messages).

    Only the columns present in the row are read: an absent column leaves the field as it is (its default
    on creation). In a present column, an empty cell empties the field, or sets its default for yes/no
    and choice columns. `communes`, `themes` and `audiences` map INSEE codes and slugs to objects (loaded
    once per file). The models' own validation (full_clean) runs later, when the page is saved.
    """
    errors = []
    fields = {}

    def read(function, *args):
        try:
            return function(*args)
        except CellError as error:
            errors.append(str(error))
            return None

    def cell(column):
        return (row.get(column) or "").strip()

    for column, field in TEXT_FIELDS.items():
        if column in row:
            fields[field] = cell(column)
    for column, (field, choices) in CHOICE_FIELDS.items():
        if column in row:
            fields[field] = read(parse_choice, column, cell(column), choices) if cell(column) else field_default(field)
    for column, field in BOOLEAN_FIELDS.items():
        if column in row:
            fields[field] = read(parse_boolean, column, cell(column)) if cell(column) else field_default(field)
    for column, field in DATE_FIELDS.items():
        if column in row:
            fields[field] = read(parse_date, column, cell(column))
    for column in ("latitude", "longitude"):
        if column in row:
            fields[column] = read(parse_float, column, cell(column))
    if "population" in row:
        fields["population_served"] = read(parse_integer, "population", cell("population"))
    if "code_postal" in row:
        fields["postcode"] = normalise_code(cell("code_postal"))
    siret = normalise_siret(cell("siret"))
    if "siret" in row:
        fields["siret"] = siret
    slug = cell("slug")

    if "agrements" in row:
        approval_codes = [code.lower() for code in split_list(cell("agrements"))]
        unknown = [code for code in approval_codes if code not in APPROVAL_FLAGS]
        if unknown:
            errors.append(f"agrements : « {'|'.join(unknown)} » inconnu ; codes possibles : agc, acf, evs.")
        for code, field in APPROVAL_FLAGS.items():
            fields[field] = code in approval_codes

    insee = normalise_code(cell("code_insee"))
    commune = communes.get(insee)
    if not insee:
        errors.append("code_insee : obligatoire.")
    elif commune is None:
        errors.append(f"code_insee : aucune commune des huit départements n'a le code « {insee} ».")
    fields["commune_id"] = commune.pk if commune else None

    theme_list = audience_list = hours = None
    if "themes" in row:
        theme_list = read(parse_slugs, "themes", cell("themes"), themes) or []
    if "publics" in row:
        audience_list = read(parse_slugs, "publics", cell("publics"), audiences) or []
    if "horaires" in row:
        hours = read(parse_opening_hours, cell("horaires")) or []
    if errors:
        return None, errors
    parsed = ParsedRow(line, siret, slug, fields, theme_list, audience_list, hours, commune)
    return parsed, []


def centre_to_row(centre):
    """The CSV row (column → text) of a centre page; themes, audiences and opening hours prefetched."""
    approvals = [code for code, field in APPROVAL_FLAGS.items() if getattr(centre, field)]
    row = {
        "slug": centre.slug,
        "siret": centre.siret,
        "type": centre.structure_type,
        "code_postal": centre.postcode,
        "code_insee": centre.commune_id,
        "latitude": "" if centre.latitude is None else repr(centre.latitude),
        "longitude": "" if centre.longitude is None else repr(centre.longitude),
        "mode_gestion": centre.management_mode,
        "agrements": LIST_SEPARATOR.join(approvals),
        "type_territoire": centre.territory_type,
        "territoire_intervention": centre.territory_scope,
        "population": "" if centre.population_served is None else str(centre.population_served),
        "themes": LIST_SEPARATOR.join(sorted(theme.slug for theme in centre.themes.all())),
        "publics": LIST_SEPARATOR.join(sorted(audience.slug for audience in centre.audiences.all())),
        "horaires": format_opening_hours(centre.opening_hours.all()),
    }
    for column, field in TEXT_FIELDS.items():
        row[column] = getattr(centre, field) or ""
    for column, field in BOOLEAN_FIELDS.items():
        row[column] = "oui" if getattr(centre, field) else "non"
    for column, field in DATE_FIELDS.items():
        value = getattr(centre, field)
        row[column] = value.isoformat() if value else ""
    return [row[column] for column in COLUMNS]


def read_csv(data):
    """(header, rows) of CSV bytes: rows are (line number, {column: text}) with the row's first line.

    Accepts UTF-8 (with or without BOM) or Windows-1252, `;` or `,` as separator. Raises CellError if the
    header lacks required columns or names unknown ones.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise CellError("Le fichier est vide.") from None
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise CellError(f"Colonnes obligatoires absentes de la première ligne : {', '.join(sorted(missing))}.")
    if not KEY_COLUMNS & set(header):
        raise CellError("La première ligne doit avoir une colonne siret ou slug pour reconnaître les structures.")
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        raise CellError(f"Colonnes inconnues : {', '.join(unknown)}. Colonnes possibles : {', '.join(COLUMNS)}.")
    rows = []
    previous_end = reader.line_num
    for cells in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        # A short row (Excel drops trailing empty cells) has its missing cells empty, not absent.
        cells = cells + [""] * (len(header) - len(cells))
        rows.append((line, {column: cell for column, cell in zip(header, cells, strict=False) if column}))
    return header, rows
