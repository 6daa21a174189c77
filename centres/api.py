"""The directory in the partner API: centre and département pages, and the partners endpoint."""

from home.api import PageTypeAPI, vocabulary_endpoint

from .filters import (
    CENTRE_FILTERS,
    DEPARTMENT_PAGE_FILTERS,
    PARTNER_FILTERS,
    filter_centres,
    filter_department_pages,
    filter_partners,
)
from .models import CentrePage, DepartmentPage, Partner

PAGE_TYPES = [
    PageTypeAPI(
        CentrePage,
        filters=CENTRE_FILTERS,
        filter_queryset=filter_centres,
        select_related=("commune__department",),
    ),
    PageTypeAPI(DepartmentPage, filters=DEPARTMENT_PAGE_FILTERS, filter_queryset=filter_department_pages),
]

PartnersEndpoint = vocabulary_endpoint(Partner, "partners", PARTNER_FILTERS, filter_partners)
