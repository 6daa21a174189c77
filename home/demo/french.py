"""Small French grammar helpers so that generated sentences read naturally (articles, contractions)."""

STRUCTURE_PREFIXES = {"Centre social ": "Le centre social ", "Espace de vie sociale ": "L'espace de vie sociale "}
MANAGER_ARTICLES = {
    "Association ": "l'association ",
    "Ville ": "la ville ",
    "Caf ": "la Caf ",
    "Communauté ": "la communauté ",
    "CCAS ": "le CCAS ",
    "CIAS ": "le CIAS ",
}


def subject(title):
    """The structure's name as the subject of a sentence.

    "Centre social La Passerelle" -> "La Passerelle"; "Centre social du Couserans" -> "Le centre social du Couserans".
    """
    for prefix, with_article in STRUCTURE_PREFIXES.items():
        if title.startswith(prefix):
            rest = title[len(prefix) :]
            return rest if rest[:1].isupper() else with_article + rest
    return title


def of_structure(title):
    """ "de" + the structure's title: "du centre social Le Lien", "de l'espace de vie sociale Le Causse"."""
    for prefix in STRUCTURE_PREFIXES:
        if title.startswith(prefix):
            article = "du " if prefix.startswith("Centre") else "de l'"
            return article + prefix.lower() + title[len(prefix) :]
    return f"de {title}"


def with_article(manager):
    """The manager's name after "porté par": "Association X" -> "l'association X"."""
    for prefix, article in MANAGER_ARTICLES.items():
        if manager.startswith(prefix):
            return article + manager[len(prefix) :]
    return manager
