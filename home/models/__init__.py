from .communes import Commune
from .pages import BasePage, HomeFeaturedPage, HomePage
from .taxonomies import Audience, Department, Theme

__all__ = ["Audience", "BasePage", "Commune", "Department", "HomeFeaturedPage", "HomePage", "Theme"]
