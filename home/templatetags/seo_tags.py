"""Template tags of the <head>: a page's metadata (description, canonical, Open Graph, Twitter) and its JSON-LD."""

from django import template

from home.seo import page_metadata
from home.structured_data import json_ld_script, page_structured_data

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context):
    """The <meta> and <link rel="canonical"> elements of the page being rendered."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return {"meta": None}
    return {"meta": page_metadata(page, request, context.get("page_obj"))}


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org description as a <script type="application/ld+json">, or nothing."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        return ""
    data = page_structured_data(page, request)
    return json_ld_script(data) if data else ""
