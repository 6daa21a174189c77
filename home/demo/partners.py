"""Demo step: the twelve partner records, each with a locally drawn logo."""

from datetime import date

from centres.models import Partner
from home.models import Department

from . import identifiers, library
from .content.partners import PARTNER_DEMO_NOTE, PARTNERS


def build_partners(ctx):
    departments = {department.code: department for department in Department.objects.all()}
    for slug, name, kind, description, website, themes, codes, convention, contact, colours in PARTNERS:
        partner = Partner.objects.filter(slug=slug).first() or Partner.objects.filter(name=name).first()
        ctx.count("partners", created=partner is None)
        if partner is None:
            rng = ctx.rng(f"partner:{slug}")
            start_year, years = convention
            partner = Partner(
                name=name,
                slug=slug,
                partner_type=kind,
                description=f"{description} {PARTNER_DEMO_NOTE}",
                website=website,
                convention_start=date(start_year, 1, 1),
                convention_end=date(start_year + years - 1, 12, 31),
                contact_name=contact,
                contact_email=identifiers.email(contact, "partenaires"),
                contact_phone=identifiers.phone(rng),
                logo=library.logo(ctx, name, colours),
            )
            partner.full_clean()
            partner.save()
            partner.themes.set([ctx.themes[theme] for theme in themes])
            partner.departments.set([departments[code] for code in codes])
            ctx.new_objects.append(partner)
        ctx.partners[slug] = partner
