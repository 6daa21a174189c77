"""The training catalogue's and the workshop list's pages for readers: filter forms and listings.

The filters are the partner API's (resources.filters); the form's `month` is read as their
`starts_after` / `starts_before` range.
"""

from django.core.paginator import Paginator

from home.models import Audience, Department, Theme
from home.site_filters import Month, month_filters, read_filters, upcoming_months

from .filters import SESSION_FILTERS, WORKSHOP_FILTERS, filter_sessions, filter_trainings, filter_workshops

SESSION_FORM_FILTERS = {
    "audience": SESSION_FILTERS["audience"],
    "department": SESSION_FILTERS["department"],
    "theme": SESSION_FILTERS["theme"],
    "month": Month(),
}
WORKSHOP_FORM_FILTERS = {
    "department": WORKSHOP_FILTERS["department"],
    "theme": WORKSHOP_FILTERS["theme"],
    "month": Month(),
}
SESSIONS_PER_PAGE = 12
PAST_WORKSHOPS_PER_PAGE = 9


def shared_filters(form):
    """The form's values as the shared filters take them: the month becomes a date range."""
    filters = {name: value for name, value in form.filters.items() if name != "month"}
    filters.update(month_filters(form))
    return filters


def form_choices(*, audiences=True):
    choices = {
        "departments": list(Department.objects.order_by("code").values_list("code", "name")),
        "themes": list(Theme.objects.order_by("name").values_list("slug", "name")),
        "months": upcoming_months(),
    }
    if audiences:
        choices["audiences"] = list(Audience.objects.order_by("name").values_list("slug", "name"))
    return choices


def paginate(items, request, per_page):
    page_obj = Paginator(items, per_page).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    return page_obj


def training_catalogue(index, request):
    """The catalogue's context: upcoming sessions matching the form (paginated) and the matching trainings."""
    form = read_filters(request.GET, SESSION_FORM_FILTERS)
    filters = shared_filters(form)
    page_obj = paginate(filter_sessions(index.get_upcoming_sessions(), filters), request, SESSIONS_PER_PAGE)
    training_filters = dict(filters)
    if "department" in filters or "starts_after" in filters:
        # "Trainings in the Gers in March" means trainings with a session to come there and then.
        training_filters["upcoming"] = True
    trainings = list(filter_trainings(index.get_trainings(), training_filters))
    return {
        "filter_form": form,
        "choices": form_choices(),
        "page_obj": page_obj,
        "sessions": page_obj.object_list,
        "trainings": trainings,
    }


def workshop_listing(index, request):
    """The workshop list's context: upcoming workshops matching the form, then the past ones (paginated)."""
    form = read_filters(request.GET, WORKSHOP_FORM_FILTERS)
    filters = shared_filters(form)
    page_obj = paginate(filter_workshops(index.get_past_workshops(), filters), request, PAST_WORKSHOPS_PER_PAGE)
    return {
        "filter_form": form,
        "choices": form_choices(audiences=False),
        "upcoming_workshops": list(filter_workshops(index.get_upcoming_workshops(), filters)),
        "page_obj": page_obj,
        "past_workshops": page_obj.object_list,
    }
