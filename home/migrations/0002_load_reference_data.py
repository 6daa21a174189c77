"""Load the federation's départements, their communes and the base themes and publics."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

COMMUNES_CSV = Path(__file__).resolve().parent.parent / "data" / "communes.csv"

DEPARTMENTS = [
    ("09", "Ariège"),
    ("12", "Aveyron"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("46", "Lot"),
    ("65", "Hautes-Pyrénées"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
]

THEMES = [
    ("Santé", "Accès aux soins, prévention, santé mentale."),
    ("Logement", "Accès et maintien dans le logement, habitat indigne, mal-logement."),
    ("Mobilité", "Se déplacer pour travailler, se soigner, se former, sortir."),
    ("Services publics", "Devenir des services publics et présence sur les territoires."),
    ("Accès aux droits", "Information, accompagnement et lutte contre le non-recours."),
    ("Bien vieillir", "Perte d'autonomie, isolement des aînés, liens entre générations."),
    ("Nouvelles pauvretés", "Précarité alimentaire, énergétique, travailleurs pauvres."),
    ("Grande précarité", "Personnes sans domicile, grande exclusion."),
    ("Numérique", "Inclusion numérique et médiation."),
    ("Parentalité et familles", "Soutien à la parentalité, loisirs en famille."),
    ("Jeunesse", "Engagement, loisirs et insertion des jeunes."),
    ("Vacances", "Départs en vacances des familles et des jeunes."),
    ("Écologie", "Transition écologique, alimentation, jardins partagés."),
]

AUDIENCES = ["Bénévoles", "Salariés", "Administrateurs", "Partenaires", "Élus locaux", "Habitants"]


def load(apps, schema_editor):
    Department = apps.get_model("home", "Department")
    Commune = apps.get_model("home", "Commune")
    Theme = apps.get_model("home", "Theme")
    Audience = apps.get_model("home", "Audience")

    departments = {}
    for code, name in DEPARTMENTS:
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name": name, "slug": slugify(f"{code}-{name}")}
        )
    with COMMUNES_CSV.open(encoding="utf-8") as handle:
        communes = [
            Commune(
                insee_code=row["code_insee"],
                name=row["nom"],
                department=departments[row["departement"]],
                postcodes=row["codes_postaux"],
                population=int(row["population_municipale"] or 0),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
        ]
    Commune.objects.bulk_create(communes, batch_size=500, ignore_conflicts=True)
    for name, description in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name, "description": description})
    for name in AUDIENCES:
        Audience.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
