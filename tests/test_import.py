"""Directory import (`manage.py import_centres`) and the admin CSV export that round-trips with it."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from centres.csv_format import COLUMNS
from centres.models import CentrePage, OpeningHours
from home.models import Department

from .conftest import VALID_SIRET, CentrePageFactory, DepartmentPageFactory, audience, theme

EXAMPLE = Path(__file__).resolve().parent.parent / "centres" / "data" / "exemple-import-centres.csv"


@pytest.fixture
def directory(directory_page):
    """The directory with a page for each of the eight départements."""
    for department in Department.objects.all():
        DepartmentPageFactory(parent=directory_page, department=department)
    return directory_page


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_centres", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def write_csv(tmp_path, rows, name="centres.csv", delimiter=";", encoding="utf-8-sig", header=COLUMNS):
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows([[row.get(column, "") for column in header] for row in rows])
    return path


def example_rows():
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def centre_revisions():
    return Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in CentrePage.objects.values_list("pk", flat=True)]
    )


def test_the_example_file_creates_its_centres_under_their_departements(directory):
    output = run(EXAMPLE)
    assert "Import terminé : 5 créée(s), 0 mise(s) à jour, 0 inchangée(s)." in output

    tilleuls = CentrePage.objects.get(siret="99999000004247")
    assert tilleuls.live
    assert tilleuls.get_parent().specific.department.code == "31"
    assert tilleuls.commune_id == "31555"
    assert (tilleuls.latitude, tilleuls.longitude) == (tilleuls.commune.latitude, tilleuls.commune.longitude)
    assert {t.slug for t in tilleuls.themes.all()} == {"logement", "numerique", "parentalite-et-familles"}
    assert {a.slug for a in tilleuls.audiences.all()} == {"benevoles", "habitants"}
    assert tilleuls.approval_global and tilleuls.approval_families and not tilleuls.approval_evs
    hours = [(row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}") for row in tilleuls.opening_hours.all()]
    assert (0, "09:00", "12:00") in hours and (5, "09:00", "12:00") in hours and len(hours) == 11
    assert tilleuls.live_revision is not None  # the import kept a revision, published
    assert CentrePage.objects.get(slug="exemple-evs-la-passerelle").get_parent().specific.department.code == "12"


def test_importing_the_same_file_twice_changes_nothing(directory):
    run(EXAMPLE)
    revisions, logs = centre_revisions().count(), PageLogEntry.objects.count()
    output = run(EXAMPLE)
    assert "0 créée(s), 0 mise(s) à jour, 5 inchangée(s)" in output
    assert centre_revisions().count() == revisions
    assert PageLogEntry.objects.count() == logs


def test_a_dry_run_reports_and_writes_nothing(directory):
    output = run(EXAMPLE, "--dry-run")
    assert "ligne 2 : serait créée — Centre social Les Tilleuls (exemple)" in output
    assert "Essai (--dry-run), rien n'a été enregistré : 5 créée(s)" in output
    assert not CentrePage.objects.exists()
    assert not centre_revisions().exists()


def test_a_broken_file_is_refused_with_line_numbers_and_nothing_is_written(directory, tmp_path):
    rows = example_rows()
    rows[0]["siret"] = "12345678901234"  # bad Luhn key
    rows[1]["code_insee"] = "99999"
    rows[2]["code_postal"] = "31000"  # not Rodez's
    rows[3]["nom"] = ""
    path = write_csv(tmp_path, rows)
    err = io.StringIO()
    with pytest.raises(CommandError, match="Import refusé : 4 lignes invalides, rien n'a été enregistré."):
        call_command("import_centres", str(path), stdout=io.StringIO(), stderr=err)
    errors = err.getvalue()
    assert "ligne 2 : siret : Ce numéro SIRET n'est pas valide : sa clé de contrôle ne correspond pas." in errors
    assert "ligne 3 : code_insee : aucune commune des huit départements n'a le code « 99999 »." in errors
    assert "ligne 4 : code_postal : Ce code postal ne correspond pas à Rodez" in errors
    assert "ligne 5 : nom : " in errors
    assert not CentrePage.objects.exists()  # the valid fifth row was not written either


def test_an_update_is_published_as_a_new_revision(directory, tmp_path):
    run(EXAMPLE)
    page = CentrePage.objects.get(siret="99999000004932")
    revisions = page.revisions.count()
    rows = example_rows()
    rows[1]["telephone"] = "05 61 99 99 99"
    rows[1]["horaires"] = "Mo-Fr 09:00-12:00"
    output = run(write_csv(tmp_path, rows))
    assert "ligne 3 : mise à jour — Centre social du Foirail (exemple) (telephone, horaires)" in output
    assert "1 mise(s) à jour, 4 inchangée(s)" in output
    page.refresh_from_db()
    assert page.phone == "05 61 99 99 99"
    assert OpeningHours.objects.filter(page=page).count() == 5
    assert page.revisions.count() == revisions + 1
    assert page.live_revision == page.latest_revision


def test_a_page_waiting_in_moderation_is_not_overwritten(directory, tmp_path):
    run(EXAMPLE)
    page = CentrePage.objects.get(siret="99999000004932")
    page.phone = "05 00 00 00 00"
    page.save_revision()  # a draft an editor has not published yet
    rows = example_rows()
    rows[1]["telephone"] = "05 61 99 99 99"
    with pytest.raises(CommandError):
        call_command(
            "import_centres", str(write_csv(tmp_path, rows)), stdout=io.StringIO(), stderr=(err := io.StringIO())
        )
    assert "ligne 3 : La fiche a des modifications non publiées" in err.getvalue()


def test_what_a_french_excel_writes_is_understood(directory, tmp_path):
    rows = example_rows()[1:2]
    rows[0].update(
        code_insee="9122", code_postal="9000", premier_agrement="01/06/2012", latitude="42,9637", longitude="1,6054"
    )
    path = write_csv(tmp_path, rows, delimiter=";", encoding="cp1252")
    assert "1 créée(s)" in run(path)
    page = CentrePage.objects.get()
    assert (page.commune_id, page.postcode, page.first_approval_date) == ("09122", "09000", datetime.date(2012, 6, 1))
    assert page.latitude == 42.9637


def test_a_partial_file_only_touches_its_columns(directory, tmp_path):
    run(EXAMPLE)
    path = write_csv(
        tmp_path,
        [
            {
                "siret": "99999000004247",
                "nom": "Centre social Les Tilleuls (exemple)",
                "code_insee": "31555",
                "telephone": "05 00 00 00 01",
            }
        ],
        header=["siret", "nom", "code_insee", "telephone"],
    )
    assert "1 mise(s) à jour" in run(path)
    page = CentrePage.objects.get(siret="99999000004247")
    assert page.phone == "05 00 00 00 01"
    assert page.email == "accueil@tilleuls.example"  # absent column, unchanged
    assert page.opening_hours.count() == 11


# --- Export ------------------------------------------------------------------------------------------------


@pytest.fixture
def directory_with_centres(directory):
    haute_garonne = directory.get_children().specific().get(departmentpage__department__code="31")
    ariege = directory.get_children().specific().get(departmentpage__department__code="09")
    first = CentrePageFactory(parent=haute_garonne, title="Centre social Bagatelle", siret=VALID_SIRET)
    first.themes = [theme("logement"), theme("sante")]
    first.audiences = [audience("habitants")]
    first.opening_hours = [
        OpeningHours(weekday=day, opens=datetime.time(9), closes=datetime.time(12)) for day in range(5)
    ] + [OpeningHours(weekday=2, opens=datetime.time(14), closes=datetime.time(18))]
    first.save_revision().publish()
    second = CentrePageFactory(
        parent=ariege, title="EVS de la vallée", structure_type="evs", approval_global=False, approval_evs=True
    )
    second.save_revision().publish()
    return [first, second]


def test_export_then_import_changes_nothing(admin_client, directory_with_centres, tmp_path):
    response = admin_client.get(reverse("centres_export_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="annuaire-centres-')
    content = response.content
    assert content.startswith("\ufeff".encode())
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    assert header == COLUMNS
    exported = {row[COLUMNS.index("nom")]: dict(zip(COLUMNS, row, strict=True)) for row in rows}
    assert exported["Centre social Bagatelle"]["horaires"] == "Mo,Tu,Th,Fr 09:00-12:00; We 09:00-12:00,14:00-18:00"
    assert exported["Centre social Bagatelle"]["themes"] == "logement|sante"
    assert exported["EVS de la vallée"]["agrements"] == "evs"
    revisions = centre_revisions().count()

    path = tmp_path / "export.csv"
    path.write_bytes(content)
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s)" in run(path)
    assert centre_revisions().count() == revisions

    edited = content.decode("utf-8-sig").replace("Centre social Bagatelle", "Centre social Bagatelle-Papus")
    path.write_text(edited, encoding="utf-8-sig")
    assert "1 mise(s) à jour, 1 inchangée(s)" in run(path)
    assert CentrePage.objects.get(siret=VALID_SIRET).title == "Centre social Bagatelle-Papus"


def test_the_export_is_refused_to_a_department_editor(client, django_user_model, directory_with_centres):
    editor = django_user_model.objects.create_user(username="editeur31", password="motdepasse-de-test")
    editor.groups.add(Group.objects.get(name__startswith="Éditeurs 31"))
    client.force_login(editor)
    assert client.get(reverse("centres_export_csv")).status_code in (302, 403)
