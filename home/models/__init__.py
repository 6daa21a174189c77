from .communes import Commune
from .pages import BasePage, HomeFeaturedPage, HomePage, StandardPage
from .taxonomies import Audience, Department, Theme

__all__ = ["Audience", "BasePage", "Commune", "Department", "HomeFeaturedPage", "HomePage", "StandardPage", "Theme"]
