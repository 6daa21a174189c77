from .api_index import ApiIndexEntry, ApiIndexState
from .communes import Commune
from .pages import BasePage, HomeFeaturedPage, HomePage, StandardPage
from .taxonomies import Audience, Department, Theme

__all__ = [
    "ApiIndexEntry",
    "ApiIndexState",
    "Audience",
    "BasePage",
    "Commune",
    "Department",
    "HomeFeaturedPage",
    "HomePage",
    "StandardPage",
    "Theme",
]
