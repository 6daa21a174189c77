"""Demo texts of the directory: the département networks and their fictitious centres and EVS."""

DIRECTORY_TITLE = "Annuaire des centres sociaux et EVS"
DIRECTORY_INTRODUCTION = (
    "<p>Les centres sociaux et les espaces de vie sociale (EVS) des huit départements de la fédération, "
    "département par département. Chaque fiche donne l'adresse, les horaires, les activités et l'agrément Caf "
    "de la structure.</p><p><strong>Contenu de démonstration :</strong> les structures présentées ici sont "
    "fictives, seules les communes sont réelles.</p>"
)

# "les centres de l'Ariège, du Gers…": the département's name with its article.
DEPARTMENT_OF = {
    "09": "de l'Ariège",
    "12": "de l'Aveyron",
    "31": "de la Haute-Garonne",
    "32": "du Gers",
    "46": "du Lot",
    "65": "des Hautes-Pyrénées",
    "81": "du Tarn",
    "82": "de Tarn-et-Garonne",
}

# code -> introduction, contacts (name, role, phone suffix), key events (days from today, title, place, text)
DEPARTMENTS = {
    "09": {
        "introduction": (
            "<p>En Ariège, les centres sociaux et les EVS maillent un territoire de montagne et de piémont où "
            "les distances comptent. Le réseau ariégeois se retrouve chaque trimestre, à tour de rôle dans une "
            "structure, pour partager ses projets et porter ensemble la question de la mobilité.</p>"
        ),
        "contacts": [("Gaëlle Castaing", "Animatrice du réseau départemental", "09 12")],
        "events": [
            (-75, "Rencontre des bénévoles ariégeois", "Pamiers", "Une journée d'échanges entre bénévoles."),
            (21, "Forum « Bouger en Ariège »", "Saint-Girons", "Les solutions de mobilité portées par les centres."),
            (96, "Assemblée du réseau ariégeois", "Foix", "Bilan de l'année et projets communs."),
        ],
    },
    "12": {
        "introduction": (
            "<p>Du Ségala au Sud-Aveyron, le réseau aveyronnais réunit des centres sociaux urbains et des "
            "espaces de vie sociale ruraux. Il travaille avec le Département sur l'accès aux droits et "
            "accompagne les initiatives d'habitants dans les bourgs.</p>"
        ),
        "contacts": [
            ("Thierry Rouquette", "Coordinateur départemental", "12 01"),
            ("Inès Bensaïd", "Chargée de mission accès aux droits", "12 02"),
        ],
        "events": [
            (-40, "Journée des administrateurs", "Rodez", "Gouvernance associative et projet social."),
            (35, "Festival des initiatives d'habitants", "Millau", "Stands, débats et spectacle de rue."),
        ],
    },
    "31": {
        "introduction": (
            "<p>La Haute-Garonne compte le plus grand nombre de centres sociaux de la fédération, de la "
            "métropole toulousaine au Comminges. Le réseau anime des groupes de travail sur le logement, la "
            "jeunesse et la place des habitants dans les quartiers prioritaires.</p>"
        ),
        "contacts": [
            ("Karima Ziani", "Déléguée départementale", "31 01"),
            ("Nicolas Pujol", "Chargé de mission quartiers", "31 02"),
        ],
        "events": [
            (-120, "Rencontre « Jeunes et pouvoir d'agir »", "Toulouse", "Deux cents jeunes des quartiers."),
            (14, "Groupe de travail logement", "Colomiers", "Préparer le plaidoyer sur les expulsions."),
            (60, "Université d'automne du réseau", "Muret", "Deux jours de formation et d'échanges."),
        ],
    },
    "32": {
        "introduction": (
            "<p>Dans le Gers, territoire rural, les espaces de vie sociale jouent un rôle essentiel : ils sont "
            "souvent le seul lieu ouvert à tous dans le canton. Le réseau gersois s'attache à la lutte contre "
            "l'isolement des aînés et à l'accès aux services publics.</p>"
        ),
        "contacts": [("Pascal Lafforgue", "Animateur du réseau gersois", "32 01")],
        "events": [
            (-30, "Tournée des EVS gersois", "Mirande", "Visite croisée de trois espaces de vie sociale."),
            (45, "Rencontre départementale « Bien vieillir »", "Auch", "Avec les partenaires du Département."),
        ],
    },
    "46": {
        "introduction": (
            "<p>Le réseau lotois rassemble des centres sociaux de la vallée du Lot et des EVS des causses. "
            "Ensemble, ils portent des projets de vacances familiales et d'habitat, et accompagnent les "
            "initiatives des habitants des petites communes.</p>"
        ),
        "contacts": [("Sophie Delpech", "Coordinatrice départementale", "46 01")],
        "events": [
            (-60, "Journée des référentes familles", "Figeac", "Échanges autour des départs en vacances."),
            (28, "Forum de l'habitat partagé", "Cahors", "Rencontre entre porteurs de projets et élus."),
        ],
    },
    "65": {
        "introduction": (
            "<p>Des quartiers de Tarbes aux vallées des Gaves, le réseau haut-pyrénéen associe centres "
            "sociaux et EVS autour de la santé, de la jeunesse et de la montagne pour tous. Il coopère avec "
            "la Caf, dont un centre est en gestion directe.</p>"
        ),
        "contacts": [
            ("Élodie Carrère", "Animatrice du réseau", "65 01"),
            ("Malik Ferrand", "Chargé de mission santé", "65 02"),
        ],
        "events": [
            (-90, "Rencontre santé mentale", "Lourdes", "Professionnels et habitants, ensemble."),
            (18, "Sortie montagne inter-centres", "Argelès-Gazost", "Une journée en montagne pour les familles."),
            (75, "Assemblée du réseau", "Tarbes", "Bilan et élection des représentants."),
        ],
    },
    "81": {
        "introduction": (
            "<p>Le réseau tarnais couvre l'Albigeois, le bassin castrais et le pays carmausin. Il travaille "
            "sur la précarité alimentaire et énergétique et mutualise une formation commune des bénévoles.</p>"
        ),
        "contacts": [("Laurent Sabatier", "Délégué départemental", "81 01")],
        "events": [
            (-45, "Journée anti-gaspillage", "Graulhet", "Ateliers cuisine et frigo solidaire."),
            (40, "Formation commune des bénévoles", "Albi", "Accueillir, écouter, orienter."),
        ],
    },
    "82": {
        "introduction": (
            "<p>Autour de Montauban et jusqu'à la Lomagne, le réseau de Tarn-et-Garonne réunit des centres "
            "sociaux de quartier et de bourg. Il porte un projet commun sur le numérique et la mobilité, avec "
            "la Caf et l'agglomération.</p>"
        ),
        "contacts": [
            ("Nadia Escande", "Coordinatrice départementale", "82 01"),
            ("Romain Viguier", "Conseiller numérique du réseau", "82 02"),
        ],
        "events": [
            (-20, "Rencontre des conseillers numériques", "Montauban", "Outils et pratiques de médiation."),
            (30, "Journée de la mobilité solidaire", "Castelsarrasin", "Transport solidaire et garage social."),
            (110, "Assemblée départementale", "Caussade", "Projet commun et élections."),
        ],
    },
}

# Each centre: key, département, type, name, INSEE code, neighbourhood (or ""), manager, management mode,
# territory type, QPV, ZRR, theme slugs, and for Toulouse the postcode of the neighbourhood.
CENTRES = [
    # Ariège
    ("pamiers", "09", "cs", "Centre social La Passerelle", "09225", "Centre ancien",
     "Association La Passerelle", "associatif", "urbain", True, False,
     ["acces-aux-droits", "parentalite-et-familles", "logement", "numerique"]),
    ("foix", "09", "cs", "Centre social Les Allées", "09122", "",
     "CCAS de Foix", "collectivite", "urbain", False, False,
     ["bien-vieillir", "parentalite-et-familles", "sante"]),
    ("saint-girons", "09", "cs", "Centre social du Couserans — L'Estive", "09261", "",
     "Association L'Estive", "associatif", "rural", False, True,
     ["mobilite", "jeunesse", "services-publics"]),
    ("lavelanet", "09", "cs", "Centre social du Pays d'Olmes", "09160", "Centre-ville",
     "Association des habitants du Pays d'Olmes", "associatif", "periurbain", True, True,
     ["jeunesse", "nouvelles-pauvretes", "numerique"]),
    ("mirepoix", "09", "evs", "Espace de vie sociale La Halle aux savoirs", "09194", "",
     "Association La Halle aux savoirs", "associatif", "rural", False, True,
     ["bien-vieillir", "ecologie"]),
    ("tarascon", "09", "evs", "Espace de vie sociale Le Fil de l'Ariège", "09306", "",
     "Association Le Fil", "associatif", "rural", False, True,
     ["parentalite-et-familles", "vacances"]),
    ("saverdun", "09", "evs", "Espace de vie sociale La Grange", "09282", "",
     "Association La Grange", "associatif", "periurbain", False, False,
     ["ecologie", "jeunesse"]),
    ("ax", "09", "evs", "Espace de vie sociale Le Relais de montagne", "09032", "",
     "Association Le Relais", "associatif", "rural", False, True,
     ["mobilite", "bien-vieillir", "services-publics"]),
    # Aveyron
    ("rodez", "12", "cs", "Centre social Les Quatre Vents", "12202", "Gourgan",
     "Association Les Quatre Vents", "associatif", "urbain", True, False,
     ["parentalite-et-familles", "jeunesse", "acces-aux-droits"]),
    ("onet", "12", "cs", "Centre social Le Trait d'union", "12176", "Quatre-Saisons",
     "Association Le Trait d'union", "associatif", "urbain", True, False,
     ["logement", "acces-aux-droits", "numerique"]),
    ("millau", "12", "cs", "Centre social Les Causses", "12145", "",
     "Association Les Causses", "associatif", "urbain", False, False,
     ["jeunesse", "ecologie", "vacances"]),
    ("villefranche-rouergue", "12", "cs", "Centre social du Villefranchois", "12300", "",
     "CCAS de Villefranche-de-Rouergue", "collectivite", "periurbain", False, False,
     ["acces-aux-droits", "services-publics", "bien-vieillir"]),
    ("decazeville", "12", "cs", "Centre social du Bassin", "12089", "",
     "Association du Bassin", "associatif", "periurbain", True, False,
     ["mobilite", "nouvelles-pauvretes", "sante"]),
    ("saint-affrique", "12", "cs", "Centre social Le Pont-Neuf", "12208", "",
     "Association Le Pont-Neuf", "associatif", "rural", False, True,
     ["parentalite-et-familles", "jeunesse"]),
    ("espalion", "12", "evs", "Espace de vie sociale Lo Cantou", "12096", "",
     "Association Lo Cantou", "associatif", "rural", False, True,
     ["bien-vieillir", "ecologie"]),
    ("baraqueville", "12", "evs", "Espace de vie sociale Le Ségala", "12056", "",
     "Association Le Ségala solidaire", "associatif", "rural", False, True,
     ["nouvelles-pauvretes", "parentalite-et-familles"]),
    # Haute-Garonne
    ("toulouse-empalot", "31", "cs", "Centre social L'Archipel", "31555", "Empalot",
     "Association L'Archipel", "associatif", "urbain", True, False,
     ["jeunesse", "acces-aux-droits", "sante", "numerique"], "31400"),
    ("toulouse-bagatelle", "31", "cs", "Centre social Les Tournesols", "31555", "Bagatelle",
     "Association Les Tournesols", "associatif", "urbain", True, False,
     ["logement", "parentalite-et-familles", "acces-aux-droits"], "31100"),
    ("toulouse-izards", "31", "cs", "Centre social Le Lien", "31555", "Les Izards",
     "Association Le Lien", "associatif", "urbain", True, False,
     ["ecologie", "jeunesse", "nouvelles-pauvretes"], "31200"),
    ("toulouse-bellefontaine", "31", "cs", "Centre social L'Escale", "31555", "Bellefontaine",
     "Association L'Escale", "associatif", "urbain", True, False,
     ["parentalite-et-familles", "vacances", "sante"], "31100"),
    ("toulouse-saint-cyprien", "31", "evs", "Espace de vie sociale La Tricoterie", "31555", "Saint-Cyprien",
     "Association La Tricoterie", "associatif", "urbain", False, False,
     ["bien-vieillir", "ecologie"], "31300"),
    ("colomiers", "31", "cs", "Centre social Le Val d'Aran", "31149", "Val d'Aran",
     "Association Trait d'union (délégation de service public de la commune)", "autre", "urbain", True, False,
     ["mobilite", "ecologie", "jeunesse"]),
    ("muret", "31", "cs", "Centre social L'Oustal", "31395", "",
     "Association L'Oustal", "associatif", "urbain", False, False,
     ["jeunesse", "parentalite-et-familles"]),
    ("blagnac", "31", "cs", "Centre social Les Ramiers", "31069", "",
     "Ville de Blagnac", "collectivite", "urbain", False, False,
     ["bien-vieillir", "numerique"]),
    ("saint-gaudens", "31", "cs", "Centre social du Comminges", "31483", "",
     "Association du Comminges", "associatif", "rural", False, True,
     ["jeunesse", "vacances", "mobilite"]),
    ("revel", "31", "cs", "Centre social du Lauragais", "31451", "",
     "Association du Lauragais", "associatif", "rural", False, False,
     ["parentalite-et-familles", "ecologie"]),
    ("auterive", "31", "evs", "Espace de vie sociale La Ruche", "31033", "",
     "Association La Ruche", "associatif", "periurbain", False, False,
     ["parentalite-et-familles", "nouvelles-pauvretes"]),
    ("carbonne", "31", "evs", "Espace de vie sociale Les Deux Rives", "31107", "",
     "Association Les Deux Rives", "associatif", "periurbain", False, False,
     ["mobilite", "bien-vieillir"]),
    # Gers
    ("auch", "32", "cs", "Centre social Le Garros en partage", "32013", "Le Garros",
     "Association Garros en partage", "associatif", "urbain", True, False,
     ["acces-aux-droits", "jeunesse", "numerique"]),
    ("condom", "32", "cs", "Centre social de la Ténarèze", "32107", "",
     "Association de la Ténarèze", "associatif", "rural", False, True,
     ["bien-vieillir", "services-publics"]),
    ("fleurance", "32", "cs", "Centre social de Lomagne gersoise", "32132", "",
     "Communauté de communes de la Lomagne gersoise", "collectivite", "rural", False, True,
     ["parentalite-et-familles", "mobilite"]),
    ("l-isle-jourdain", "32", "cs", "Centre social Les Arcades", "32160", "",
     "Association Les Arcades", "associatif", "periurbain", False, False,
     ["numerique", "parentalite-et-familles", "jeunesse"]),
    ("mirande", "32", "evs", "Espace de vie sociale de l'Astarac", "32256", "",
     "Association Astarac solidaire", "associatif", "rural", False, True,
     ["parentalite-et-familles", "bien-vieillir"]),
    ("eauze", "32", "evs", "Espace de vie sociale La Maison d'Armagnac", "32119", "",
     "Association La Maison d'Armagnac", "associatif", "rural", False, True,
     ["ecologie", "services-publics"]),
    ("lectoure", "32", "evs", "Espace de vie sociale Le Bastion", "32208", "",
     "Association Le Bastion", "associatif", "rural", False, True,
     ["mobilite", "bien-vieillir"]),
    ("samatan", "32", "evs", "Espace de vie sociale du Savès", "32410", "",
     "Association Savès en commun", "associatif", "rural", False, True,
     ["parentalite-et-familles", "vacances"]),
    # Lot
    ("cahors", "46", "cs", "Centre social Les Terrasses", "46042", "Terre Rouge",
     "Association Les Terrasses", "associatif", "urbain", True, False,
     ["ecologie", "acces-aux-droits", "logement"]),
    ("figeac", "46", "cs", "Centre social Le Célé", "46102", "",
     "Association Le Célé", "associatif", "periurbain", False, False,
     ["logement", "bien-vieillir", "vacances"]),
    ("gourdon", "46", "cs", "Centre social de la Bouriane", "46127", "",
     "Association de la Bouriane", "associatif", "rural", False, True,
     ["mobilite", "parentalite-et-familles"]),
    ("souillac", "46", "cs", "Centre social Les Bords de Dordogne", "46309", "",
     "CIAS Causses et Vallée de la Dordogne", "collectivite", "rural", False, True,
     ["jeunesse", "vacances"]),
    ("gramat", "46", "evs", "Espace de vie sociale Le Causse", "46128", "",
     "Association Le Causse", "associatif", "rural", False, True,
     ["bien-vieillir", "services-publics"]),
    ("saint-cere", "46", "evs", "Espace de vie sociale La Bascule", "46251", "",
     "Association La Bascule", "associatif", "rural", False, True,
     ["jeunesse", "numerique"]),
    ("prayssac", "46", "evs", "Espace de vie sociale de la Vallée du Lot", "46225", "",
     "Association Vallée du Lot en partage", "associatif", "rural", False, True,
     ["ecologie", "parentalite-et-familles"]),
    ("lalbenque", "46", "evs", "Espace de vie sociale La Truffière", "46148", "",
     "Association La Truffière", "associatif", "rural", False, True,
     ["services-publics", "bien-vieillir"]),
    # Hautes-Pyrénées
    ("tarbes-laubadere", "65", "cs", "Centre social L'Arc-en-ciel", "65440", "Laubadère",
     "Association L'Arc-en-ciel", "associatif", "urbain", True, False,
     ["vacances", "parentalite-et-familles", "acces-aux-droits"]),
    ("tarbes-nord", "65", "cs", "Centre social Le Pic", "65440", "Nord",
     "Association Le Pic", "associatif", "urbain", True, False,
     ["nouvelles-pauvretes", "ecologie", "jeunesse"]),
    ("lourdes", "65", "cs", "Centre social du Lapacca", "65286", "Lapacca",
     "Association du Lapacca", "associatif", "urbain", True, False,
     ["sante", "jeunesse"]),
    ("lannemezan", "65", "cs", "Centre social du Plateau", "65258", "",
     "Ville de Lannemezan", "collectivite", "periurbain", False, True,
     ["sante", "bien-vieillir", "mobilite"]),
    ("bagneres", "65", "cs", "Centre social de l'Adour", "65059", "",
     "Association de l'Adour", "associatif", "rural", False, True,
     ["vacances", "ecologie"]),
    ("aureilhan", "65", "cs", "Centre social d'Aureilhan", "65047", "",
     "Caf des Hautes-Pyrénées", "caf", "periurbain", False, False,
     ["parentalite-et-familles", "acces-aux-droits"]),
    ("vic-en-bigorre", "65", "evs", "Espace de vie sociale Les Rives de l'Échez", "65460", "",
     "Association Les Rives", "associatif", "rural", False, True,
     ["bien-vieillir", "parentalite-et-familles"]),
    ("argeles", "65", "evs", "Espace de vie sociale des Vallées des Gaves", "65025", "",
     "Association Vallées des Gaves", "associatif", "rural", False, True,
     ["mobilite", "services-publics"]),
    # Tarn
    ("albi", "81", "cs", "Centre social Les Ponts", "81004", "Cantepau",
     "Association Les Ponts", "associatif", "urbain", True, False,
     ["jeunesse", "acces-aux-droits", "parentalite-et-familles"]),
    ("castres", "81", "cs", "Centre social L'Agout", "81065", "Lardaillé",
     "Association L'Agout", "associatif", "urbain", True, False,
     ["parentalite-et-familles", "sante"]),
    ("graulhet", "81", "cs", "Centre social Le Dadou", "81105", "",
     "Association Le Dadou", "associatif", "periurbain", True, False,
     ["nouvelles-pauvretes", "ecologie"]),
    ("carmaux", "81", "cs", "Centre social La Verrerie", "81060", "",
     "Association La Verrerie", "associatif", "periurbain", True, False,
     ["jeunesse", "mobilite"]),
    ("mazamet", "81", "cs", "Centre social de la Montagne Noire", "81163", "",
     "CCAS de Mazamet", "collectivite", "periurbain", False, False,
     ["bien-vieillir", "numerique"]),
    ("gaillac", "81", "cs", "Centre social Les Vignes", "81099", "",
     "Association Les Vignes", "associatif", "periurbain", False, False,
     ["ecologie", "parentalite-et-familles"]),
    ("lavaur", "81", "evs", "Espace de vie sociale Le Pastel", "81140", "",
     "Association Le Pastel", "associatif", "periurbain", False, False,
     ["parentalite-et-familles", "jeunesse"]),
    ("realmont", "81", "evs", "Espace de vie sociale La Croisée", "81222", "",
     "Association La Croisée", "associatif", "rural", False, True,
     ["services-publics", "mobilite"]),
    # Tarn-et-Garonne
    ("montauban-chaumes", "82", "cs", "Centre social La Comète", "82121", "Les Chaumes",
     "Association La Comète", "associatif", "urbain", True, False,
     ["numerique", "acces-aux-droits", "jeunesse"]),
    ("montauban-est", "82", "cs", "Centre social Le Fort", "82121", "Est",
     "Association Le Fort", "associatif", "urbain", True, False,
     ["parentalite-et-familles", "logement", "sante"]),
    ("montauban-sapiac", "82", "evs", "Espace de vie sociale Les Jardins de Sapiac", "82121", "Sapiac",
     "Association Les Jardins de Sapiac", "associatif", "urbain", False, False,
     ["ecologie", "bien-vieillir"]),
    ("montbeton", "82", "evs", "Espace de vie sociale Les Coteaux", "82124", "",
     "Association Les Coteaux", "associatif", "periurbain", False, False,
     ["parentalite-et-familles", "ecologie"]),
    ("montech", "82", "cs", "Centre social Le Canal", "82125", "",
     "Association Le Canal", "associatif", "periurbain", False, False,
     ["logement", "ecologie", "mobilite"]),
    ("negrepelisse", "82", "cs", "Centre social Quercy Vert", "82134", "",
     "Association Quercy Vert", "associatif", "rural", False, False,
     ["jeunesse", "parentalite-et-familles"]),
    ("caussade", "82", "cs", "Centre social Le Chapeau de paille", "82037", "",
     "Association Le Chapeau de paille", "associatif", "periurbain", False, False,
     ["parentalite-et-familles", "bien-vieillir"]),
    ("castelsarrasin", "82", "cs", "Centre social Les Berges", "82033", "",
     "CIAS Terres des Confluences", "collectivite", "periurbain", True, False,
     ["logement", "acces-aux-droits", "mobilite"]),
    ("moissac", "82", "cs", "Centre social Le Chasselas", "82112", "",
     "Association Le Chasselas", "associatif", "periurbain", True, False,
     ["logement", "jeunesse", "numerique"]),
    ("beaumont-de-lomagne", "82", "evs", "Espace de vie sociale de la Lomagne", "82013", "",
     "Association Lomagne en partage", "associatif", "rural", False, True,
     ["mobilite", "bien-vieillir"]),
]  # fmt: skip

# What a centre does on each theme: two phrasings, so that two centres do not read the same.
ACTIVITIES = {
    "sante": [
        "des ateliers de prévention santé (nutrition, sommeil, dépistages) avec les professionnels du territoire",
        "un groupe de parole mensuel sur la santé mentale, ouvert à toutes et à tous",
    ],
    "logement": [
        "une permanence logement qui aide à demander un logement social et à dialoguer avec les bailleurs",
        "un accompagnement des locataires face aux impayés, aux charges et à l'humidité des logements",
    ],
    "mobilite": [
        "un transport solidaire assuré par des chauffeurs bénévoles pour les rendez-vous médicaux et administratifs",
        "des ateliers vélo et des sorties pour apprendre à utiliser le bus et le train",
    ],
    "services-publics": [
        "un point d'accueil où l'on trouve l'information des services publics et de l'aide pour les démarches",
        "des permanences de partenaires (Caf, CPAM, mission locale) dans les locaux du centre",
    ],
    "acces-aux-droits": [
        "une permanence d'accès aux droits, avec ou sans rendez-vous, pour ne plus renoncer à ce qui vous est dû",
        "un écrivain public bénévole pour les courriers et les dossiers administratifs",
    ],
    "bien-vieillir": [
        "des ateliers mémoire, de la gymnastique douce et des après-midi conviviaux pour les aînés",
        "des visites de convivialité à domicile assurées par des bénévoles du quartier",
    ],
    "nouvelles-pauvretes": [
        "une épicerie solidaire et des ateliers cuisine à petit budget",
        "une aide à la maîtrise des factures d'énergie et un repair café mensuel",
    ],
    "grande-precarite": [
        "un accueil de jour avec café, douche et bagagerie, en lien avec les maraudes",
        "un accompagnement vers l'hébergement et les soins",
    ],
    "numerique": [
        "des ateliers numériques pour débutants et un accompagnement aux démarches en ligne",
        "un espace public numérique en accès libre avec une conseillère numérique",
    ],
    "parentalite-et-familles": [
        "un café des parents, des sorties familiales et des ateliers parents-enfants",
        "un accompagnement à la scolarité et des temps d'échange entre parents",
    ],
    "jeunesse": [
        "un espace jeunes ouvert le mercredi et pendant les vacances, avec des projets portés par les jeunes",
        "un accompagnement des 16-25 ans dans leurs projets, leurs stages et leur engagement",
    ],
    "vacances": [
        "un accompagnement des familles pour préparer et financer leurs premières vacances",
        "des séjours courts et des sorties à la mer ou à la montagne pendant l'été",
    ],
    "ecologie": [
        "un jardin partagé, un composteur collectif et des ateliers de cuisine anti-gaspillage",
        "un repair café et une grainothèque animés par les habitants",
    ],
}

PARTICIPATION_BODIES = [
    "Un comité d'usagers se réunit chaque trimestre et donne son avis sur le programme d'activités.",
    "Le conseil de maison, ouvert à tous les habitants, prépare chaque année le bilan et les projets.",
    "Des commissions d'habitants (fêtes, jardin, jeunesse) décident des actions et de leur budget.",
    "Une assemblée des habitants se tient deux fois par an ; chacun peut proposer un projet.",
]

INTRODUCTIONS = {
    "cs": [
        "{name} est un centre social {where}. Porté par {manager}, il accueille les habitants de tous âges "
        "et les accompagne dans leurs projets, au rythme d'un projet social construit avec eux.",
        "{name} est un lieu de rencontre et d'entraide {where}. Agréé par la Caf et porté par {manager}, il "
        "propose des activités pour les familles, les jeunes et les aînés.",
    ],
    "evs": [
        "{name} est un espace de vie sociale {where}. Animé par des bénévoles et porté par {manager}, il "
        "offre un lieu où se retrouver, s'entraider et monter des projets ensemble.",
        "{name} est un petit lieu ouvert à tous {where}. Agréé par la Caf comme espace de vie sociale et porté "
        "par {manager}, il crée du lien entre les habitants.",
    ],
}

TERRITORY_PHRASES = {
    "urbain": "au cœur du quartier {neighbourhood} à {commune}",
    "urbain-commune": "en ville, à {commune}",
    "periurbain": "à {commune}, entre ville et campagne",
    "rural": "en milieu rural, à {commune} et dans les villages alentour",
}

# The picture that illustrates each theme on centre pages.
THEME_PICTURES = {
    "sante": "sante",
    "logement": "logement",
    "mobilite": "mobilite",
    "services-publics": "droits",
    "acces-aux-droits": "droits",
    "bien-vieillir": "aines",
    "nouvelles-pauvretes": "epicerie",
    "grande-precarite": "accueil",
    "numerique": "numerique",
    "parentalite-et-familles": "cafe-parents",
    "jeunesse": "jeunesse",
    "vacances": "vacances",
    "ecologie": "jardin",
}

# Opening hours as (weekday 0 = Monday, opens, closes); centres sociaux open more than volunteer-run EVS.
OPENING_PATTERNS = {
    "cs": [
        [(day, "09:00", "12:30") for day in range(5)] + [(day, "13:30", "18:00") for day in range(5)],
        [(day, "09:00", "12:00") for day in (0, 1, 3, 4)]
        + [(2, "09:00", "18:30")]
        + [(day, "14:00", "18:30") for day in (0, 1, 3, 4)]
        + [(5, "09:30", "12:00")],
        [(day, "08:30", "12:00") for day in range(5)] + [(day, "14:00", "19:00") for day in (0, 1, 2, 3)],
    ],
    "evs": [
        [(1, "14:00", "18:00"), (2, "09:00", "12:00"), (2, "14:00", "18:00"), (4, "14:00", "18:00")],
        [(0, "09:00", "12:00"), (3, "14:00", "19:00"), (5, "10:00", "12:30")],
        [(1, "09:30", "12:30"), (2, "14:00", "17:30"), (3, "09:30", "12:30"), (4, "14:00", "17:30")],
    ],
}
