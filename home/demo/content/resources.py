"""Demo texts of the resource centre: thematic dossiers, the training catalogue and the workshops."""

RESOURCES_TITLE = "Centre ressources"
RESOURCES_INTRODUCTION = (
    "<p>Les dossiers thématiques de la veille fédérale, les formations proposées aux bénévoles, salariés, "
    "administrateurs et élus, et les ateliers d'échanges de pratiques entre centres.</p>"
    "<p><strong>Contenu de démonstration.</strong></p>"
)
TRAININGS_TITLE = "Formations"
TRAININGS_INTRODUCTION = (
    "<p>Le catalogue des formations de la fédération, ouvert aux bénévoles, salariés et administrateurs des "
    "structures adhérentes, et à leurs partenaires. Contenu de démonstration.</p>"
)
WORKSHOPS_TITLE = "Ateliers d'échanges de pratiques"
WORKSHOPS_INTRODUCTION = (
    "<p>Dans le cadre des chantiers fédéraux, les centres se retrouvent pour échanger sur leurs pratiques "
    "face à une question sociale. Chaque atelier donne lieu à un compte rendu. Contenu de démonstration.</p>"
)


def dossier(theme, title, summary, sections, figures, documents, links, picture):
    """A thematic dossier: sections are (heading, [paragraphs]); documents are (title, type, days ago, lines)."""
    return {
        "theme": theme,
        "title": title,
        "summary": summary,
        "sections": sections,
        "figures": figures,
        "documents": documents,
        "links": links,
        "picture": picture,
    }


DOSSIERS = [
    dossier(
        "logement",
        "Se loger dignement : le dossier logement",
        "Mal-logement, impayés, précarité énergétique, accès au logement social : ce que les centres sociaux "
        "observent et font pour le droit au logement.",
        [
            (
                "Le logement, première préoccupation des habitants",
                [
                    "Dans les diagnostics partagés des centres sociaux, le logement arrive en tête des "
                    "préoccupations : logement trop cher, logement trop petit, logement humide ou mal chauffé, "
                    "attente interminable d'un logement social. Le logement conditionne la santé, la scolarité "
                    "des enfants, l'emploi : sans logement digne, tout le reste vacille.",
                    "Les centres sociaux ne sont pas des bailleurs ni des services logement. Mais ils sont le lieu "
                    "où les habitants parlent de leur logement, où les difficultés de logement sont repérées tôt, "
                    "et où les locataires peuvent s'organiser collectivement.",
                ],
            ),
            (
                "Ce que font les centres pour le logement",
                [
                    "Permanences logement pour constituer une demande de logement social, accompagnement des "
                    "locataires en impayés pour prévenir l'expulsion de leur logement, ateliers contre la "
                    "précarité énergétique, collectifs de locataires face aux bailleurs, projets d'habitat "
                    "participatif : les initiatives liées au logement se multiplient dans le réseau.",
                    "Le chantier fédéral « Habiter dignement » relie ces expériences et porte un plaidoyer pour "
                    "le logement auprès des Départements, des Caf et des services de l'État.",
                ],
            ),
            (
                "Nos propositions pour le logement",
                [
                    "Associer les habitants aux politiques locales du logement ; financer l'accompagnement des "
                    "locataires dans les centres sociaux ; mieux repérer la précarité énergétique du logement ; "
                    "ouvrir des permanences logement dans les territoires ruraux, où l'offre de logement social "
                    "est rare.",
                ],
            ),
        ],
        [
            (
                "4,2 millions",
                "personnes mal logées en France",
                "Fondation pour le logement des défavorisés, rapport sur l'état du mal-logement 2024",
            ),
            ("2,6 millions", "ménages en attente d'un logement social", "Union sociale pour l'habitat, 2024"),
            (
                "12 %",
                "des ménages en précarité énergétique liée au logement",
                "Observatoire national de la précarité énergétique, ordre de grandeur",
            ),
        ],
        [
            (
                "Guide : accompagner un collectif de locataires",
                "guide",
                120,
                [
                    "Pourquoi un collectif de locataires ?",
                    "Recenser les désordres du logement",
                    "Préparer la rencontre avec le bailleur",
                    "Suivre les engagements",
                ],
            ),
            (
                "Compte rendu de l'atelier logement",
                "compte_rendu",
                200,
                [
                    "Participants : onze centres sociaux et EVS",
                    "Expériences présentées : Bagatelle, Moissac, Castelsarrasin",
                    "Propositions pour le plaidoyer logement",
                ],
            ),
            (
                "Plaidoyer : habiter dignement",
                "plaidoyer",
                60,
                [
                    "Le logement, un droit fondamental",
                    "Cinq propositions des centres sociaux",
                    "Ce que nous demandons aux pouvoirs publics",
                ],
            ),
        ],
        [
            (
                "Fondation pour le logement des défavorisés",
                "https://www.fondationpourlelogement.fr",
                "Le rapport annuel sur l'état du mal-logement.",
            ),
            (
                "ANIL — Agence nationale pour l'information sur le logement",
                "https://www.anil.org",
                "Information juridique sur le logement, réseau des ADIL.",
            ),
            (
                "Demande de logement social en ligne",
                "https://www.demande-logement-social.gouv.fr",
                "Le service public de la demande de logement social.",
            ),
        ],
        "logement",
    ),
    dossier(
        "sante",
        "Santé : prévenir, accompagner, ne pas renoncer aux soins",
        "Déserts médicaux, santé mentale, renoncement aux soins : comment les centres sociaux agissent pour la "
        "santé des habitants.",
        [
            (
                "Un constat partagé",
                [
                    "De plus en plus d'habitants n'ont pas de médecin traitant ; d'autres renoncent à se soigner "
                    "faute de moyens ou de transport. La santé mentale, longtemps taboue, s'invite dans les "
                    "permanences des centres.",
                ],
            ),
            (
                "Ce que font les centres",
                [
                    "Ateliers de prévention, groupes de parole, accompagnement vers les droits à la "
                    "complémentaire santé solidaire, transport solidaire vers les rendez-vous médicaux, "
                    "partenariats avec les maisons de santé.",
                ],
            ),
        ],
        [
            ("6 millions", "de Français sans médecin traitant", "Assurance maladie, 2023"),
            ("1 sur 4", "Français concernés par un trouble psychique au cours de sa vie", "OMS, ordre de grandeur"),
        ],
        [
            (
                "Fiche pratique : la complémentaire santé solidaire",
                "fiche",
                90,
                ["Qui peut en bénéficier ?", "Comment faire la demande ?", "Où se faire aider ?"],
            ),
        ],
        [
            (
                "Ameli — la complémentaire santé solidaire",
                "https://www.ameli.fr",
                "Les conditions et la demande en ligne.",
            ),
            ("Santé publique France", "https://www.santepubliquefrance.fr", "Données et outils de prévention."),
        ],
        "sante",
    ),
    dossier(
        "mobilite",
        "Mobilité : se déplacer pour vivre, travailler et se soigner",
        "Sans voiture, pas d'emploi ni de soins en milieu rural : les solutions de mobilité solidaire portées "
        "par les centres.",
        [
            (
                "La mobilité, condition de tout le reste",
                [
                    "En milieu rural, la voiture est souvent indispensable. Les personnes âgées, les jeunes sans "
                    "permis et les ménages modestes sont les premiers privés de mobilité.",
                ],
            ),
            (
                "Des réponses locales",
                [
                    "Transport solidaire, covoiturage, garage social, prêt de véhicules, vélo-école : les centres "
                    "inventent avec les habitants des réponses adaptées à leur territoire.",
                ],
            ),
        ],
        [
            (
                "13,3 millions",
                "de Français en situation de précarité mobilité",
                "Laboratoire de la mobilité inclusive, ordre de grandeur",
            ),
            (
                "2 000",
                "trajets par an assurés par le transport solidaire du Couserans (démonstration)",
                "Contenu de démonstration",
            ),
        ],
        [
            (
                "Guide : lancer un transport solidaire",
                "guide",
                150,
                [
                    "Identifier les besoins",
                    "Recruter et assurer les chauffeurs bénévoles",
                    "Fixer la participation des usagers",
                    "Travailler avec les collectivités",
                ],
            ),
            (
                "Outil : carte des solutions de mobilité",
                "outil",
                45,
                ["Une carte à compléter avec les habitants", "Légende et mode d'emploi"],
            ),
        ],
        [
            (
                "Laboratoire de la mobilité inclusive",
                "https://www.mobiliteinclusive.com",
                "Études et ressources sur la mobilité solidaire.",
            ),
            ("France Mobilités", "https://www.francemobilites.fr", "Les solutions de mobilité dans les territoires."),
        ],
        "mobilite",
    ),
    dossier(
        "acces-aux-droits",
        "Accès aux droits : lutter contre le non-recours",
        "Un tiers des personnes éligibles au RSA ne le demandent pas : les centres accompagnent l'ouverture des "
        "droits, au plus près des habitants.",
        [
            (
                "Le non-recours, une réalité massive",
                [
                    "Complexité des démarches, dématérialisation, méconnaissance ou crainte d'être stigmatisé : "
                    "beaucoup renoncent à des droits qui leur sont dus.",
                ],
            ),
            (
                "Accompagner sans faire à la place",
                [
                    "Permanences, écrivains publics, ateliers collectifs : l'objectif est que chacun comprenne et "
                    "puisse ensuite agir seul.",
                ],
            ),
        ],
        [
            ("34 %", "de non-recours au RSA", "DREES, 2022"),
            ("1 sur 5", "adultes en difficulté avec les démarches en ligne", "Défenseur des droits, ordre de grandeur"),
        ],
        [
            (
                "Fiche pratique : tenir une permanence d'accès aux droits",
                "fiche",
                100,
                ["Accueillir sans juger", "Confidentialité", "Orienter vers les bons interlocuteurs"],
            ),
            (
                "Étude : le non-recours dans nos quartiers",
                "etude",
                300,
                ["Méthode de l'enquête", "Principaux résultats", "Recommandations"],
            ),
        ],
        [
            ("Mes droits sociaux", "https://www.mesdroitssociaux.gouv.fr", "Simulateur des droits sociaux."),
            ("Défenseur des droits", "https://www.defenseurdesdroits.fr", "Saisir le Défenseur des droits."),
        ],
        "droits",
    ),
    dossier(
        "bien-vieillir",
        "Bien vieillir : rompre l'isolement, prévenir la perte d'autonomie",
        "Visites de convivialité, ateliers de prévention, liens entre générations : vieillir chez soi et entouré.",
        [
            (
                "L'isolement des aînés",
                [
                    "Dans les villages comme dans les quartiers, de nombreux aînés passent des journées entières "
                    "sans parler à personne. L'isolement accélère la perte d'autonomie.",
                ],
            ),
            (
                "Ce que font les centres",
                [
                    "Visites à domicile, ateliers mémoire et équilibre, activités intergénérationnelles, transport "
                    "solidaire, veille pendant les canicules.",
                ],
            ),
        ],
        [
            (
                "2 millions",
                "de personnes âgées isolées de leur famille et de leurs amis",
                "Petits Frères des Pauvres, 2021",
            ),
            ("530 000", "personnes âgées en situation de « mort sociale »", "Petits Frères des Pauvres, 2021"),
        ],
        [
            (
                "Guide : organiser des visites de convivialité",
                "guide",
                200,
                ["Recruter les bénévoles", "Former les binômes", "Veille canicule"],
            ),
        ],
        [
            (
                "Pour les personnes âgées",
                "https://www.pour-les-personnes-agees.gouv.fr",
                "Le portail national d'information.",
            ),
            ("Monalisa", "https://www.monalisa-asso.fr", "Mobilisation nationale contre l'isolement des âgés."),
        ],
        "aines",
    ),
    dossier(
        "numerique",
        "Numérique : personne ne doit rester à la porte",
        "Illectronisme, dématérialisation des services publics : la médiation numérique dans les centres sociaux.",
        [
            (
                "Un service public devenu numérique",
                [
                    "Déclarer ses revenus, demander une aide, prendre un rendez-vous : presque tout passe par "
                    "internet. Ceux qui n'ont ni équipement ni savoir-faire sont exclus.",
                ],
            ),
            (
                "La médiation numérique",
                [
                    "Conseillers numériques, ateliers, aidants bénévoles, équipement reconditionné : les centres "
                    "accompagnent vers l'autonomie.",
                ],
            ),
        ],
        [
            ("15,4 %", "de la population en situation d'illectronisme", "Insee, 2021"),
            ("1 sur 3", "Français manque de compétences numériques de base", "Insee, ordre de grandeur"),
        ],
        [
            (
                "Outil : parcours d'autonomie numérique",
                "outil",
                80,
                ["Évaluer les besoins", "Les cinq étapes du parcours", "Fiche de suivi"],
            ),
        ],
        [
            ("Société numérique", "https://societenumerique.gouv.fr", "Les ressources de l'inclusion numérique."),
            (
                "Les Bases du numérique d'intérêt général",
                "https://lesbases.anct.gouv.fr",
                "Ressources partagées par les médiateurs.",
            ),
        ],
        "numerique",
    ),
    dossier(
        "parentalite-et-familles",
        "Parentalité et familles : soutenir les parents, sans les juger",
        "Cafés des parents, sorties familiales, accompagnement à la scolarité : le soutien à la parentalité "
        "dans les centres.",
        [
            (
                "Être parent aujourd'hui",
                [
                    "Écrans, scolarité, séparation, monoparentalité : les parents cherchent des lieux où échanger "
                    "sans être jugés.",
                ],
            ),
            (
                "Le rôle des référents familles",
                [
                    "Financés par la Caf au titre de l'animation collective familles, les référents familles "
                    "animent des actions construites avec les parents.",
                ],
            ),
        ],
        [
            ("25 %", "des familles avec enfants sont monoparentales", "Insee, 2020"),
            (
                "2 sur 3",
                "centres sociaux ont un agrément « animation collective familles »",
                "SENACS, ordre de grandeur",
            ),
        ],
        [
            (
                "Fiche pratique : animer un café des parents",
                "fiche",
                110,
                ["Trouver le bon horaire", "Laisser les parents choisir les sujets", "Inviter un professionnel"],
            ),
            (
                "Étude : les familles monoparentales dans nos territoires",
                "etude",
                400,
                ["Portrait statistique", "Paroles de parents", "Pistes d'action"],
            ),
        ],
        [
            ("Caf — être parent", "https://www.caf.fr", "Informations et aides pour les parents."),
        ],
        "cafe-parents",
    ),
    dossier(
        "jeunesse",
        "Jeunesse : l'engagement et le pouvoir d'agir des jeunes",
        "Espaces jeunes, projets portés par les jeunes, conseils de jeunes : faire confiance à la jeunesse.",
        [
            (
                "Les jeunes, acteurs de leur territoire",
                [
                    "Les jeunes ont des idées et l'envie d'agir, à condition qu'on leur en laisse la place et les "
                    "moyens.",
                ],
            ),
            (
                "Accompagner les projets de jeunes",
                [
                    "Chantiers, séjours autogérés, théâtre-forum, conseils de jeunes : les centres accompagnent "
                    "plutôt qu'ils n'encadrent.",
                ],
            ),
        ],
        [
            ("12 %", "des 15-29 ans ne sont ni en emploi, ni en études, ni en formation", "Insee, 2023"),
        ],
        [
            (
                "Guide : accompagner un projet de jeunes",
                "guide",
                180,
                ["Partir des envies", "Construire le budget", "Valoriser l'engagement"],
            ),
        ],
        [
            ("Injep", "https://injep.fr", "Institut national de la jeunesse et de l'éducation populaire."),
        ],
        "jeunesse",
    ),
    dossier(
        "vacances",
        "Vacances : le droit au départ pour toutes les familles",
        "Quatre Français sur dix ne partent pas en vacances : les centres accompagnent les premiers départs.",
        [
            (
                "Partir, un droit",
                [
                    "Les vacances sont un temps de repos, de découverte et de lien familial. Les familles modestes "
                    "en sont souvent privées.",
                ],
            ),
            (
                "Accompagner les départs",
                [
                    "Les centres aident les familles à choisir, budgéter et organiser leur séjour, avec les aides "
                    "de la Caf et de l'ANCV.",
                ],
            ),
        ],
        [
            (
                "4 sur 10",
                "Français ne partent pas en vacances chaque année",
                "Observatoire des inégalités, ordre de grandeur",
            ),
        ],
        [
            (
                "Fiche pratique : les aides au départ en vacances",
                "fiche",
                70,
                ["Les aides de la Caf", "Les chèques-vacances", "Préparer le budget"],
            ),
            (
                "Compte rendu de l'atelier vacances",
                "compte_rendu",
                240,
                ["Les freins au départ", "Les expériences des centres", "Propositions"],
            ),
        ],
        [
            ("ANCV", "https://www.ancv.com", "L'Agence nationale pour les chèques-vacances."),
        ],
        "vacances",
    ),
    dossier(
        "ecologie",
        "Écologie : une transition juste, avec les habitants",
        "Jardins partagés, repair cafés, anti-gaspillage : l'écologie populaire dans les centres sociaux.",
        [
            (
                "Une écologie du quotidien",
                [
                    "Les ménages modestes sont les premiers touchés par la hausse des prix de l'énergie et de "
                    "l'alimentation. Les actions écologiques des centres sont aussi des actions de solidarité.",
                ],
            ),
            (
                "Ce que font les centres",
                [
                    "Jardins partagés, composteurs collectifs, repair cafés, cuisine anti-gaspillage, "
                    "grainothèques : autant de lieux où l'on agit et où l'on se rencontre.",
                ],
            ),
        ],
        [
            ("10 millions", "de tonnes de nourriture gaspillées par an en France", "Ademe, ordre de grandeur"),
        ],
        [
            (
                "Guide : créer un jardin partagé en pied d'immeuble",
                "guide",
                220,
                ["Trouver un terrain", "Écrire une charte", "Faire vivre le collectif"],
            ),
        ],
        [
            ("Ademe — agir au quotidien", "https://agirpourlatransition.ademe.fr", "Conseils pratiques."),
            ("Repair Café", "https://www.repaircafe.org/fr", "Le réseau international des repair cafés."),
        ],
        "ecologie",
    ),
]


def training(
    slug,
    title,
    audiences,
    themes,
    summary,
    objectives,
    programme,
    trainers,
    duration,
    price,
    sessions,
    price_details="",
    picture="formation",
):
    """A training offer; sessions are (days from today, days long, place, capacity)."""
    return {
        "slug": slug,
        "title": title,
        "audiences": audiences,
        "themes": themes,
        "summary": summary,
        "objectives": objectives,
        "programme": programme,
        "trainers": trainers,
        "duration": duration,
        "price": price,
        "price_details": price_details,
        "sessions": sessions,
        "picture": picture,
    }


# Session places: ("centre", key), ("commune", INSEE code) or ("remote", None).
TRAININGS = [
    training(
        "accueillir-les-benevoles",
        "Accueillir et accompagner les bénévoles",
        ["benevoles", "salaries"],
        [],
        "Donner envie de s'engager, accueillir chacun selon ses envies, reconnaître l'engagement bénévole.",
        [
            "Comprendre les motivations des bénévoles",
            "Construire un parcours d'accueil",
            "Prévenir l'usure et valoriser l'engagement",
        ],
        ["Les bénévoles d'aujourd'hui", "Le parcours d'accueil", "Animer une équipe bénévole", "Études de cas"],
        "Équipe formation de la fédération",
        "1 jour (7 heures)",
        "0",
        [
            (-45, 1, ("centre", "rodez"), 16),
            (35, 1, ("centre", "montauban-chaumes"), 16),
            (95, 1, ("commune", "09225"), 16),
        ],
        price_details="Gratuit pour les structures adhérentes",
    ),
    training(
        "diagnostic-partage",
        "Le projet social : conduire un diagnostic partagé",
        ["salaries", "administrateurs"],
        ["acces-aux-droits"],
        "Associer les habitants et les partenaires au diagnostic qui fonde le projet social.",
        ["Connaître les attendus de la Caf", "Choisir des méthodes participatives", "Analyser et restituer"],
        ["Le cadre de l'agrément", "Outils d'enquête participative", "Croiser les données", "Restituer aux habitants"],
        "Camille Fabre et Laurent Sabatier",
        "2 jours (14 heures)",
        "120",
        [(25, 2, ("centre", "toulouse-bagatelle"), 14), (120, 2, ("centre", "albi"), 14)],
        price_details="Tarif par personne ; 60 € pour les structures adhérentes",
    ),
    training(
        "elus-locaux-centres-sociaux",
        "Élus locaux : comprendre et soutenir les centres sociaux",
        ["elus-locaux"],
        ["services-publics"],
        "Une soirée pour les élus municipaux et intercommunaux : ce qu'est un centre social, comment le "
        "soutenir, comment travailler ensemble.",
        [
            "Connaître le rôle des centres sociaux et des EVS",
            "Comprendre l'agrément Caf et les financements",
            "Construire un partenariat durable",
        ],
        ["Qu'est-ce qu'un centre social ?", "Financements et gouvernance", "Témoignages d'élus"],
        "Pascal Lafforgue et un élu du réseau",
        "3 heures",
        "0",
        [(20, 0, ("commune", "32013"), 30), (55, 0, ("remote", None), 80), (140, 0, ("commune", "46042"), 30)],
        price_details="Gratuit",
    ),
    training(
        "elus-locaux-pouvoir-d-agir",
        "Élus locaux et pouvoir d'agir des habitants",
        ["elus-locaux", "administrateurs"],
        ["jeunesse"],
        "Comment une commune peut-elle encourager les initiatives d'habitants ? Méthodes et exemples.",
        ["Découvrir la démarche du pouvoir d'agir", "Repérer les initiatives sur son territoire"],
        ["Le pouvoir d'agir, de quoi parle-t-on ?", "Exemples du réseau", "Atelier : et chez vous ?"],
        "Karima Ziani",
        "1 jour (6 heures)",
        "0",
        [(48, 1, ("commune", "81004"), 25)],
        price_details="Gratuit pour les élus",
    ),
    training(
        "animer-une-reunion-participative",
        "Animer une réunion participative",
        ["benevoles", "habitants"],
        [],
        "Des techniques simples pour que chacun prenne la parole et que les décisions soient partagées.",
        ["Préparer une réunion", "Utiliser des outils d'animation", "Gérer les tensions"],
        ["Le cadre de la réunion", "Outils : tour de parole, petits groupes, vote pondéré", "Mises en situation"],
        "Équipe formation de la fédération",
        "1 jour (6 heures)",
        "0",
        [(-20, 1, ("centre", "cahors"), 15), (40, 1, ("centre", "tarbes-laubadere"), 15)],
        price_details="Gratuit pour les structures adhérentes",
    ),
    training(
        "fonction-employeur",
        "Fonction employeur des associations : les bases",
        ["administrateurs"],
        [],
        "Pour les administrateurs bénévoles : droits et devoirs de l'employeur associatif.",
        ["Connaître le cadre juridique", "Comprendre la convention collective ALISFA", "Conduire les entretiens"],
        ["Le contrat de travail", "La convention collective", "Entretiens et formation des salariés"],
        "Un juriste du réseau",
        "1 jour (7 heures)",
        "80",
        [(65, 1, ("remote", None), 20)],
    ),
    training(
        "mediation-numerique",
        "Accompagner les démarches en ligne",
        ["salaries", "benevoles"],
        ["numerique"],
        "Aider sans faire à la place : postures et outils de la médiation numérique.",
        ["Repérer les besoins", "Accompagner vers l'autonomie", "Respecter les données personnelles"],
        ["Diagnostic des compétences numériques", "Les principaux sites publics", "Le mandat et Aidants Connect"],
        "Romain Viguier, conseiller numérique",
        "2 jours (12 heures)",
        "0",
        [(-60, 2, ("centre", "montauban-chaumes"), 12), (30, 2, ("centre", "auch"), 12), (85, 2, ("remote", None), 25)],
        price_details="Financé par le programme d'inclusion numérique",
    ),
    training(
        "referent-familles",
        "Référent familles : prendre son poste",
        ["salaries"],
        ["parentalite-et-familles"],
        "Pour les référents familles nouvellement recrutés : missions, projet familles, partenariats.",
        ["Situer la mission dans le projet social", "Construire le projet familles", "Travailler avec la Caf"],
        ["La circulaire Cnaf", "Le projet animation collective familles", "Échanges de pratiques"],
        "Sophie Delpech",
        "3 jours (21 heures)",
        "250",
        [(50, 3, ("centre", "figeac"), 12)],
    ),
    training(
        "reperer-le-mal-logement",
        "Logement : repérer et orienter les situations de mal-logement",
        ["salaries", "benevoles", "partenaires"],
        ["logement"],
        "Reconnaître l'habitat indigne et la précarité énergétique, connaître les recours et les partenaires "
        "du logement.",
        [
            "Repérer les situations de mal-logement",
            "Connaître les droits des locataires",
            "Orienter vers les bons partenaires du logement",
        ],
        [
            "Les formes du mal-logement",
            "Droits et recours des locataires",
            "Le réseau des partenaires logement",
            "Cas pratiques",
        ],
        "François Mazet et un juriste de l'ADIL",
        "1 jour (7 heures)",
        "0",
        [(-30, 1, ("centre", "toulouse-bagatelle"), 20), (45, 1, ("centre", "castelsarrasin"), 20)],
        price_details="Gratuit",
        picture="logement",
    ),
    training(
        "premiers-secours-sante-mentale",
        "Premiers secours en santé mentale",
        ["salaries", "benevoles"],
        ["sante"],
        "Une formation certifiante pour savoir réagir face à une personne en souffrance psychique.",
        ["Connaître les troubles psychiques", "Savoir apporter une première aide", "Orienter vers les soins"],
        ["Dépression, anxiété, psychose", "Le plan d'action AERER", "Jeux de rôle"],
        "Formatrices accréditées PSSM",
        "2 jours (14 heures)",
        "150",
        [(70, 2, ("centre", "lourdes"), 16)],
        price_details="Pris en charge pour les structures adhérentes",
        picture="sante",
    ),
    training(
        "monter-un-projet-vacances",
        "Monter un projet de vacances familles",
        ["salaries"],
        ["vacances"],
        "Accompagner les familles de l'envie au départ, avec les aides de la Caf et de l'ANCV.",
        ["Connaître les aides", "Accompagner sans faire à la place", "Évaluer le projet"],
        ["Les dispositifs d'aide au départ", "Construire le budget avec les familles", "Retours d'expérience"],
        "Élodie Carrère",
        "1 jour (7 heures)",
        "0",
        [(22, 1, ("remote", None), 30), (100, 1, ("commune", "65440"), 20)],
        picture="vacances",
    ),
    training(
        "ateliers-bien-vieillir",
        "Animer des ateliers de prévention « Bien vieillir »",
        ["salaries", "benevoles"],
        ["bien-vieillir"],
        "Concevoir et animer des ateliers mémoire, équilibre et nutrition pour les aînés.",
        ["Comprendre la perte d'autonomie", "Animer un atelier collectif", "Travailler avec la Carsat"],
        ["Les enjeux du bien vieillir", "Techniques d'animation", "Construire un cycle d'ateliers"],
        "Hugo Taillefer et Odile Lacombe",
        "2 jours (14 heures)",
        "0",
        [(-90, 2, ("centre", "condom"), 15), (60, 2, ("centre", "foix"), 15)],
        picture="aines",
    ),
    training(
        "lancer-un-transport-solidaire",
        "Mobilité solidaire : lancer un transport solidaire",
        ["elus-locaux", "benevoles"],
        ["mobilite"],
        "Pour les élus et les bénévoles qui veulent créer un transport solidaire sur leur territoire.",
        ["Évaluer les besoins", "Connaître le cadre juridique et assurantiel", "Mobiliser des chauffeurs"],
        ["Le cadre du transport solidaire", "Retour d'expérience du Couserans", "Construire son projet"],
        "Gaëlle Castaing et Damien Bousquet",
        "1 jour (6 heures)",
        "0",
        [(33, 1, ("centre", "saint-girons"), 20), (130, 1, ("remote", None), 40)],
        picture="mobilite",
    ),
    training(
        "renseigner-senacs",
        "Renseigner l'observatoire SENACS",
        ["salaries", "administrateurs"],
        [],
        "Comprendre le questionnaire SENACS et en faire un outil de valorisation du projet social.",
        ["Connaître l'observatoire", "Renseigner le questionnaire", "Utiliser les résultats"],
        ["Présentation de SENACS", "Le questionnaire pas à pas", "Lire les plaquettes départementales"],
        "Équipe fédérale",
        "3 heures",
        "0",
        [(15, 0, ("remote", None), 50)],
        picture="formation",
    ),
]


def workshop(slug, title, theme, chantier, days, place, partners, summary, description, report, documents, picture):
    """A workshop `days` from today (negative: past, with a report)."""
    return {
        "slug": slug,
        "title": title,
        "theme": theme,
        "chantier": chantier,
        "days": days,
        "place": place,
        "partners": partners,
        "summary": summary,
        "description": description,
        "report": report,
        "documents": documents,
        "picture": picture,
    }


WORKSHOPS = [
    workshop(
        "atelier-logement",
        "Atelier logement : accompagner les locataires face aux bailleurs",
        "logement",
        "Chantier « Habiter dignement »",
        -200,
        ("centre", "toulouse-bagatelle"),
        ["fondation-logement", "caf-haute-garonne"],
        "Onze centres ont partagé leurs pratiques d'accompagnement des locataires et de prévention des expulsions.",
        "Comment aider les locataires à faire valoir leurs droits sans se substituer à eux ? Comment travailler "
        "avec les bailleurs sociaux ?",
        [
            (
                "Ce que nous avons appris",
                [
                    "Le collectif protège : un locataire seul obtient rarement des travaux, un collectif organisé "
                    "devient un interlocuteur.",
                    "La prévention des expulsions commence tôt : il faut être alerté dès le premier impayé.",
                ],
            ),
            ("Les suites", ["Un guide sur les collectifs de locataires et un plaidoyer logement seront rédigés."]),
        ],
        [("Compte rendu de l'atelier logement", "compte_rendu")],
        "logement",
    ),
    workshop(
        "atelier-sante",
        "Atelier santé : la santé mentale dans nos centres",
        "sante",
        "Chantier « Santé pour tous »",
        -120,
        ("centre", "lourdes"),
        ["ars-occitanie"],
        "Comment accueillir la souffrance psychique sans être soignant ? Échanges entre neuf centres.",
        "Les équipes rencontrent de plus en plus de personnes en souffrance psychique. Quelles limites, quels "
        "partenaires ?",
        [
            (
                "Ce que nous avons appris",
                [
                    "Les groupes de parole co-animés avec des professionnels sont une réponse appréciée.",
                    "Les équipes ont besoin de formation et de supervision.",
                ],
            ),
            ("Les suites", ["Une formation aux premiers secours en santé mentale est inscrite au catalogue."]),
        ],
        [("Compte rendu de l'atelier santé", "compte_rendu")],
        "sante",
    ),
    workshop(
        "atelier-vacances",
        "Atelier vacances : lever les freins au premier départ",
        "vacances",
        "Chantier « Vacances pour tous »",
        -60,
        ("remote", None),
        ["ancv"],
        "Des référentes familles ont comparé leurs méthodes pour accompagner les premiers départs en vacances.",
        "Budget, peur de l'inconnu, transport : quels freins au départ, et comment les lever ?",
        [
            (
                "Ce que nous avons appris",
                [
                    "Le départ en groupe rassure pour un premier séjour ; le départ autonome est l'objectif.",
                    "Préparer le budget avec les familles, mois après mois, change tout.",
                ],
            ),
        ],
        [("Compte rendu de l'atelier vacances", "compte_rendu")],
        "vacances",
    ),
    workshop(
        "atelier-bien-vieillir",
        "Atelier bien vieillir : repérer et rompre l'isolement",
        "bien-vieillir",
        "Chantier « Bien vieillir »",
        25,
        ("commune", "32013"),
        ["carsat-mp", "cd-gers"],
        "Comment repérer les aînés isolés et construire avec eux des réponses ?",
        "Un atelier pour partager les expériences de visites de convivialité et de veille canicule.",
        [],
        [],
        "aines",
    ),
    workshop(
        "atelier-numerique",
        "Atelier numérique : médiation et protection des données",
        "numerique",
        "Chantier « Numérique inclusif »",
        50,
        ("centre", "montauban-chaumes"),
        ["emmaus-connect"],
        "Accompagner les démarches en ligne tout en protégeant les données personnelles des habitants.",
        "Mandats, mots de passe, confidentialité : les bonnes pratiques de la médiation numérique.",
        [],
        [],
        "numerique",
    ),
    workshop(
        "atelier-mobilite",
        "Atelier mobilité : transport solidaire et covoiturage rural",
        "mobilite",
        "Chantier « Mobilité »",
        80,
        ("centre", "saint-girons"),
        ["wimoov", "msa-mpn"],
        "Partager les expériences de transport solidaire et de covoiturage en milieu rural.",
        "Comment pérenniser un transport solidaire ? Comment travailler avec les collectivités ?",
        [],
        [],
        "mobilite",
    ),
]
