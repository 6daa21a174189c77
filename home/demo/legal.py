"""Demo step: the legal pages every French public site needs, as plain pages editors can rewrite.

Mentions légales, données personnelles and déclaration d'accessibilité sit right below the home page,
where the footer lists them. Their text is a starting point marked as such: the federation completes it.
"""

from home.models import StandardPage

from .pages import bullet_list, ensure_page, heading_block, paragraph_block

TO_COMPLETE = "<p><em>Texte de démonstration, à compléter par la fédération avant la mise en ligne.</em></p>"

LEGAL_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "summary": "Qui édite ce site, qui l'héberge et comment réutiliser ses contenus.",
        "body": [
            heading_block("Éditeur du site"),
            paragraph_block(
                "Fédération interdépartementale Garonne Occitanie des centres sociaux et des espaces de vie sociale "
                "(FIGO), association loi 1901. Adresse, numéro SIRET et directeur ou directrice de la publication : "
                "à compléter."
            ),
            heading_block("Hébergement"),
            paragraph_block("Nom, adresse et téléphone de l'hébergeur : à compléter."),
            heading_block("Réutilisation des contenus"),
            paragraph_block(
                "Sauf mention contraire, les textes et les données de ce site sont réutilisables sous Licence "
                "Ouverte (Etalab 2.0), en citant la source. Les photographies restent la propriété de leurs auteurs."
            ),
            heading_block("Crédits"),
            paragraph_block(
                bullet_list(
                    [
                        "Communes et coordonnées des mairies : Insee, Code officiel géographique (Licence Ouverte).",
                        "Fonds de carte : © les contributeurs d'OpenStreetMap (ODbL).",
                        "Cartes interactives : Leaflet (licence BSD).",
                    ]
                )
            ),
            paragraph_block(TO_COMPLETE),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "summary": "Quelles données ce site recueille, pourquoi, combien de temps, et comment exercer vos droits.",
        "body": [
            heading_block("Ce que nous recueillons"),
            paragraph_block(
                bullet_list(
                    [
                        "« Proposer une initiative » : votre nom et votre courriel, pour vous recontacter.",
                        "« Signaler une modification » : votre courriel si vous le donnez, pour vous répondre.",
                        "Inscription à une formation : vos coordonnées et votre structure, pour organiser la "
                        "session ; elles sont effacées douze mois après la fin de la session.",
                    ]
                )
            ),
            paragraph_block(
                "Ce site ne dépose aucun cookie de mesure d'audience ni de publicité. Les cartes chargent leurs "
                "fonds depuis les serveurs d'OpenStreetMap, qui reçoivent alors l'adresse IP de votre appareil."
            ),
            heading_block("Vos droits"),
            paragraph_block(
                "Vous pouvez accéder à vos données, les faire rectifier ou effacer, et vous opposer à leur "
                "traitement en écrivant à la fédération (adresse à compléter). En cas de difficulté, vous pouvez "
                "saisir la Commission nationale de l'informatique et des libertés (CNIL)."
            ),
            paragraph_block(TO_COMPLETE),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "summary": "L'état de conformité du site au référentiel général d'amélioration de l'accessibilité (RGAA 4.1).",
        "body": [
            heading_block("État de conformité"),
            paragraph_block(
                "La fédération s'engage à rendre son site accessible, conformément à l'article 47 de la loi "
                "n° 2005-102 du 11 février 2005. Le site a été conçu pour respecter le RGAA 4.1 (niveau AA des "
                "WCAG 2.1) et il est vérifié par des tests automatisés ; tant qu'un audit complet n'a pas été "
                "réalisé, il est déclaré « non conforme »."
            ),
            heading_block("Ce qui a été prévu"),
            paragraph_block(
                bullet_list(
                    [
                        "Navigation complète au clavier, lien d'évitement et focus visible.",
                        "Contrastes de couleurs suffisants ; aucune information donnée par la couleur seule.",
                        "Chaque carte est accompagnée de la liste des mêmes lieux.",
                        "Les formulaires de recherche et de filtre fonctionnent sans JavaScript.",
                    ]
                )
            ),
            heading_block("Signaler un défaut d'accessibilité"),
            paragraph_block(
                "Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à la fédération (adresse "
                "à compléter) : nous vous aiderons à obtenir l'information sous une autre forme. Si vous n'obtenez "
                "pas de réponse, vous pouvez saisir le Défenseur des droits."
            ),
            paragraph_block(TO_COMPLETE),
        ],
    },
]


def build_legal_pages(ctx, home):
    """The three legal pages below the home page; an editor's own pages with these slugs are left alone."""
    return [
        ensure_page(
            ctx,
            home,
            spec["slug"],
            lambda spec=spec: StandardPage(
                title=spec["title"], summary=spec["summary"], body=spec["body"], last_updated=ctx.today
            ),
            model=StandardPage,
        )
        for spec in LEGAL_PAGES
    ]
