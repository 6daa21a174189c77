"""Demo step: the blog "Initiatives d'habitants" and its fiches action, with the follow-up of significant ones."""

from datetime import timedelta

from blog.models import BlogIndexPage, FollowUpStage, InitiativeOrganiser, InitiativePage

from . import library
from .content.initiatives import BLOG_INTRODUCTION, BLOG_TITLE, INITIATIVES
from .french import of_structure
from .pages import ensure_page, heading_block, image_block, paragraph, paragraph_block, quote_block


def build_blog(ctx, home):
    blog = ensure_page(
        ctx,
        home,
        "initiatives",
        lambda: BlogIndexPage(
            title=BLOG_TITLE,
            summary="Les initiatives des habitants accompagnées par les centres sociaux et les EVS. "
            "Contenu de démonstration.",
            introduction=BLOG_INTRODUCTION,
            image=library.picture(ctx, "fete-quartier"),
        ),
        lookup=lambda: BlogIndexPage.objects.first(),
    )
    for spec in INITIATIVES:
        ensure_page(
            ctx,
            blog,
            spec["slug"],
            lambda spec=spec: _initiative(ctx, spec),
            model=InitiativePage,
            after_create=lambda page, spec=spec: page.partners.set([ctx.partners[slug] for slug in spec["partners"]]),
        )
    return blog


def _initiative(ctx, spec):
    centres = [ctx.centres[key] for key in spec["organisers"]]
    image = library.picture(ctx, spec["picture"])
    quote, attribution = spec["quote"]
    page = InitiativePage(
        title=spec["title"],
        summary=spec["summary"],
        image=image,
        date=ctx.today - timedelta(days=spec["days_ago"]),
        status=spec["status"],
        dimension=spec["dimension"],
        themes=[ctx.themes[slug] for slug in spec["themes"]],
        initiated_by=spec["initiated_by"],
        territory=spec["territory"],
        public_concerned=spec["public_concerned"],
        partners_description=spec["partners_description"],
        financial_resources=spec["financial_resources"],
        people_mobilised=spec["people_mobilised"],
        description=paragraph(spec["description"]),
        results=paragraph(spec["results"]),
        perspectives=paragraph(spec["perspectives"]),
        body=[
            heading_block("L'histoire"),
            paragraph_block(spec["story"]),
            image_block(image, caption=spec["summary"][:250]),
            quote_block(quote, attribution),
            heading_block("Pour aller plus loin"),
            paragraph_block(
                f"Vous portez une initiative semblable ? L'équipe {of_structure(centres[0].title)} et la fédération "
                "peuvent partager leur expérience avec vous."
            ),
            paragraph_block("<p><em>Initiative fictive — contenu de démonstration.</em></p>"),
        ],
        is_significant=bool(spec["stages"]),
        organisers=[InitiativeOrganiser(centre=centre) for centre in centres],
        follow_up_stages=[
            FollowUpStage(stage=stage, date=ctx.today - timedelta(days=days_ago), account=account)
            for stage, days_ago, account in spec["stages"]
        ],
    )
    page.tags.add(*spec["tags"])
    return page
