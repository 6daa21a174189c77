"""Demo partner records: real institutions and associations, with fictitious contacts and conventions."""

PARTNER_DEMO_NOTE = (
    "Fiche de démonstration : le contact et les dates de convention sont fictifs — contenu de démonstration."
)

# slug, name, type, description, website, theme slugs, département codes, (convention start, length in years),
# contact name, logo colours
PARTNERS = [
    ("caf-haute-garonne", "Caf de la Haute-Garonne", "institution",
     "La caisse d'allocations familiales agrée les centres sociaux et les EVS du département et finance "
     "leur projet social.",
     "https://www.caf.fr", ["parentalite-et-familles", "acces-aux-droits"], ["31"], (2023, 4),
     "Sandrine Garcia", ("#005a9c", "#ffffff")),
    ("caf-tarn-et-garonne", "Caf de Tarn-et-Garonne", "institution",
     "La caisse d'allocations familiales accompagne les centres sociaux et EVS de Tarn-et-Garonne et "
     "soutient leurs projets numériques.",
     "https://www.caf.fr", ["parentalite-et-familles", "numerique"], ["82"], (2024, 4),
     "Mathieu Marty", ("#005a9c", "#ffffff")),
    ("cd-gers", "Conseil départemental du Gers", "collectivite",
     "Le Département soutient les espaces de vie sociale en milieu rural et la lutte contre l'isolement "
     "des aînés.",
     "https://www.gers.fr", ["bien-vieillir", "services-publics"], ["32"], (2022, 3),
     "Chantal Abadie", ("#2f6b2f", "#ffffff")),
    ("cd-aveyron", "Conseil départemental de l'Aveyron", "collectivite",
     "Le Département finance les permanences d'accès aux droits et l'aide alimentaire portées par les "
     "centres aveyronnais.",
     "https://aveyron.fr", ["acces-aux-droits", "nouvelles-pauvretes"], ["12"], (2023, 3),
     "Jean-Marc Soulié", ("#8b1e3f", "#ffffff")),
    ("fcsf", "Fédération des centres sociaux et socioculturels de France (FCSF)", "association",
     "La fédération nationale des centres sociaux, dont la FIGO est membre, porte le réseau et "
     "l'observatoire SENACS avec la Cnaf.",
     "https://www.centres-sociaux.fr", ["acces-aux-droits", "jeunesse"], [], (2021, 5),
     "Camille Fabre", ("#e4572e", "#ffffff")),
    ("fondation-logement", "Fondation pour le logement des défavorisés (ex-Fondation Abbé Pierre)", "fondation",
     "La fondation agit contre le mal-logement et soutient des projets d'habitat et d'accompagnement des "
     "locataires.",
     "https://www.fondationpourlelogement.fr", ["logement", "grande-precarite"], ["31", "46", "82"], (2024, 3),
     "François Mazet", ("#c0392b", "#ffffff")),
    ("msa-mpn", "MSA Midi-Pyrénées Nord", "institution",
     "La mutualité sociale agricole accompagne les projets de mobilité et de lien social en milieu rural.",
     "https://www.msa.fr", ["mobilite", "bien-vieillir"], ["12", "46", "81", "82"], (2023, 3),
     "Odile Lacombe", ("#4c9a2a", "#ffffff")),
    ("carsat-mp", "Carsat Midi-Pyrénées", "institution",
     "La caisse d'assurance retraite et de la santé au travail finance des actions de prévention de la "
     "perte d'autonomie.",
     "https://www.carsat-mp.fr", ["bien-vieillir", "sante"], ["09", "12", "31", "32", "46", "65", "81", "82"],
     (2024, 2), "Hugo Taillefer", ("#1f4e79", "#ffffff")),
    ("ancv", "Agence nationale pour les chèques-vacances (ANCV)", "institution",
     "L'agence soutient les départs en vacances des familles et des jeunes accompagnés par les centres.",
     "https://www.ancv.com", ["vacances"], [], (2022, 4),
     "Zoé Vidal", ("#f39c12", "#1b1b1b")),
    ("ars-occitanie", "Agence régionale de santé Occitanie", "institution",
     "L'ARS finance des actions de prévention et de promotion de la santé portées par les centres sociaux.",
     "https://www.occitanie.ars.sante.fr", ["sante"], ["09", "12", "31", "32", "46", "65", "81", "82"], (2023, 3),
     "Yasmine Dupuy", ("#00857c", "#ffffff")),
    ("wimoov", "Wimoov", "association",
     "Association ressource sur la mobilité inclusive : diagnostics, plateformes de mobilité, formation.",
     "https://www.wimoov.org", ["mobilite"], ["09", "12", "82"], (2024, 2),
     "Damien Bousquet", ("#6c3483", "#ffffff")),
    ("emmaus-connect", "Emmaüs Connect", "association",
     "Association ressource de l'inclusion numérique : équipement solidaire, formation des aidants.",
     "https://emmaus-connect.org", ["numerique"], ["31", "82"], (2023, 2),
     "Léa Ournac", ("#d35400", "#ffffff")),
]  # fmt: skip
