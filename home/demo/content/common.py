"""Shared pieces of the demo content: the demo notice, people's names, streets and the picture library."""

DEMO_NOTICE = "Structure fictive — contenu de démonstration"
DEMO_COLLECTION = "Démonstration"
SEED = "figo-demo-2026"

# Numbers reserved by the ARCEP for fiction (05 36 49 xx xx), so no real line is ever called.
FICTION_PHONE_PREFIX = "05 36 49"
EMAIL_DOMAIN = "figo.example"

FIRST_NAMES = [
    "Amina", "Bernard", "Camille", "Chantal", "Damien", "Élodie", "Fatima", "François", "Gaëlle", "Hugo",
    "Inès", "Jean-Marc", "Karima", "Laurent", "Léa", "Malik", "Marie-Hélène", "Mathieu", "Nadia", "Nicolas",
    "Odile", "Pascal", "Rachida", "Romain", "Sandrine", "Sébastien", "Sophie", "Thierry", "Yasmine", "Zoé",
]  # fmt: skip
LAST_NAMES = [
    "Abadie", "Bensaïd", "Bousquet", "Carrère", "Castaing", "Delpech", "Dupuy", "Escande", "Fabre", "Ferrand",
    "Garcia", "Lacombe", "Lafforgue", "Marty", "Mazet", "Ournac", "Pujol", "Rouquette", "Sabatier", "Soulié",
    "Taillefer", "Vidal", "Viguier", "Ziani",
]  # fmt: skip

STREETS = [
    "rue des Écoles", "place de la Mairie", "avenue Jean-Jaurès", "rue de la République", "allée des Tilleuls",
    "rue Victor-Hugo", "boulevard Pasteur", "rue du Foirail", "place du Marché", "chemin des Vignes",
    "rue Louise-Michel", "impasse des Acacias", "rue Jules-Ferry", "avenue de la Gare", "rue des Platanes",
]  # fmt: skip

# The picture library: key -> (title, caption drawn on the picture, alt text, palette, motif).
PICTURES = {
    "accueil": (
        "Accueil du centre social",
        "L'accueil, porte d'entrée du centre",
        "Illustration : un comptoir d'accueil lumineux où des habitants sont reçus par une bénévole.",
        "ocean",
        "people",
    ),
    "fete-quartier": (
        "Fête de quartier",
        "Fête de quartier et repas partagé",
        "Illustration : des guirlandes et une grande tablée dressée dehors pour une fête de quartier.",
        "sunset",
        "people",
    ),
    "jardin": (
        "Jardin partagé",
        "Jardin partagé : on sème ensemble",
        "Illustration : des carrés potagers où poussent tomates et salades, un arrosoir au premier plan.",
        "meadow",
        "garden",
    ),
    "repair-cafe": (
        "Repair café",
        "Repair café : réparer plutôt que jeter",
        "Illustration : une table d'atelier avec un grille-pain ouvert et des outils.",
        "ember",
        "tools",
    ),
    "epicerie": (
        "Épicerie solidaire",
        "Épicerie solidaire",
        "Illustration : des étagères garnies de fruits, de légumes et de bocaux.",
        "meadow",
        "shop",
    ),
    "cafe-parents": (
        "Café des parents",
        "Café des parents",
        "Illustration : des tasses sur une table ronde et des jouets d'enfants à côté.",
        "sunset",
        "people",
    ),
    "mobilite": (
        "Mobilité solidaire",
        "Mobilité solidaire",
        "Illustration : une route de campagne avec une voiture et un vélo.",
        "sky",
        "road",
    ),
    "numerique": (
        "Atelier numérique",
        "Atelier numérique : pas à pas",
        "Illustration : un écran d'ordinateur et une tablette sur une table d'atelier.",
        "ocean",
        "screen",
    ),
    "logement": (
        "Habiter dignement",
        "Se loger dignement",
        "Illustration : une rangée de maisons colorées et un immeuble aux fenêtres éclairées.",
        "brick",
        "houses",
    ),
    "habitat-participatif": (
        "Habitat participatif",
        "Habitat participatif",
        "Illustration : des maisons mitoyennes autour d'une cour commune plantée d'arbres.",
        "meadow",
        "houses",
    ),
    "vacances": (
        "Vacances en famille",
        "Premières vacances à la mer",
        "Illustration : une plage au soleil, la mer et un parasol.",
        "sky",
        "sea",
    ),
    "montagne": (
        "Sortie en montagne",
        "Sortie en montagne",
        "Illustration : des sommets des Pyrénées sous un ciel clair.",
        "sky",
        "mountains",
    ),
    "aines": (
        "Bien vieillir ensemble",
        "Bien vieillir ensemble",
        "Illustration : deux personnes âgées sur un banc, au soleil.",
        "sunset",
        "people",
    ),
    "devoirs": (
        "Accompagnement à la scolarité",
        "Aide aux devoirs",
        "Illustration : des cahiers ouverts, des crayons et une lampe de bureau.",
        "ocean",
        "books",
    ),
    "droits": (
        "Permanence d'accès aux droits",
        "Accès aux droits : on vous accompagne",
        "Illustration : des formulaires et un stylo posés sur un bureau.",
        "slate",
        "books",
    ),
    "sante": (
        "Prévention santé",
        "Prendre soin de sa santé",
        "Illustration : une croix verte de santé et des fruits frais.",
        "meadow",
        "shop",
    ),
    "jeunesse": (
        "Espace jeunes",
        "Les jeunes prennent la parole",
        "Illustration : un local jeunes avec un babyfoot et des affiches.",
        "ember",
        "people",
    ),
    "rural": (
        "Espace de vie sociale en milieu rural",
        "Un lieu de vie au cœur du village",
        "Illustration : un village sur une colline, son clocher et ses champs.",
        "meadow",
        "mountains",
    ),
    "assemblee": (
        "Assemblée des habitants",
        "Assemblée des habitants",
        "Illustration : une salle où des habitants assis en cercle prennent la parole.",
        "slate",
        "people",
    ),
    "cuisine": (
        "Atelier cuisine",
        "Atelier cuisine anti-gaspillage",
        "Illustration : une marmite, des légumes et des bocaux sur un plan de travail.",
        "ember",
        "shop",
    ),
    "formation": (
        "Formation des bénévoles",
        "Se former ensemble",
        "Illustration : un tableau de papier couvert de post-it lors d'une formation.",
        "slate",
        "books",
    ),
    "atelier-echanges": (
        "Atelier d'échanges de pratiques",
        "Échanger nos pratiques",
        "Illustration : des cercles reliés entre eux, symbole du réseau des centres.",
        "ocean",
        "network",
    ),
    "ludotheque": (
        "Ludothèque",
        "Jouer en famille",
        "Illustration : des jeux de société et des dés colorés sur une table.",
        "sunset",
        "shop",
    ),
    "ecologie": (
        "Transition écologique",
        "Agir pour la planète",
        "Illustration : des panneaux solaires et un composteur au pied d'un arbre.",
        "meadow",
        "garden",
    ),
}
