"""The initiatives blog's listing for readers: its filter form and a page of initiatives.

The filters are the partner API's (blog.filters.INITIATIVE_FILTERS, applied by `filter_initiatives`).
"""

from django.core.paginator import Paginator
from taggit.models import Tag

from home.models import Department, Theme
from home.site_filters import read_filters

from .filters import INITIATIVE_FILTERS, filter_initiatives
from .models import InitiativeTag

FORM_FILTERS = {name: INITIATIVE_FILTERS[name] for name in ("theme", "department", "tag", "significant")}
INITIATIVES_PER_PAGE = 12


def form_choices(index):
    """The options of the form's selects; the tags offered are those of the blog's published initiatives."""
    published = InitiativeTag.objects.filter(content_object__in=index.get_initiatives().values("pk"))
    return {
        "themes": list(Theme.objects.order_by("name").values_list("slug", "name")),
        "departments": list(Department.objects.order_by("code").values_list("code", "name")),
        "tags": list(
            Tag.objects.filter(pk__in=published.values("tag_id")).order_by("name").values_list("slug", "name")
        ),
    }


def initiatives_listing(index, request):
    """The blog index's context: the form as submitted, its choices and a page of initiatives."""
    form = read_filters(request.GET, FORM_FILTERS)
    initiatives = filter_initiatives(index.get_initiatives(), form.filters)
    page_obj = Paginator(initiatives, INITIATIVES_PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    return {
        "filter_form": form,
        "choices": form_choices(index),
        "page_obj": page_obj,
        "initiatives": page_obj.object_list,
    }
