"""The directory's index and the page of each département's network."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import TaxonomyField
from home.models import BasePage

# What a département's page lists of its network's news and events.
DEPARTMENT_NEWS = 6
DEPARTMENT_EVENTS = 6


class DirectoryPage(BasePage):
    """The "Annuaire des centres sociaux et EVS": the entry point to the départements and centres."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["centres.DepartmentPage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [APIField("introduction")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")

    def get_department_pages(self):
        return DepartmentPage.objects.child_of(self).live().public().select_related("department")

    def get_centres(self):
        """Live, public centres of the directory, by name, with what their cards show."""
        from .centre import CentrePage

        return CentrePage.objects.descendant_of(self).live().public().select_related("commune").order_by("title", "pk")

    def get_context(self, request, *args, **kwargs):
        from centres.directory_search import search_directory

        context = super().get_context(request, *args, **kwargs)
        context.update(search_directory(self, request))
        return context


class DepartmentPage(BasePage):
    """The local network of one département: introduction, contacts, its centres and temps forts."""

    department = models.OneToOneField(
        "home.Department",
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="page",
        help_text=_("Chaque département n'a qu'une page."),
    )
    introduction = RichTextField(
        _("présentation du réseau"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    parent_page_types = ["centres.DirectoryPage"]
    subpage_types = ["centres.CentrePage"]

    content_panels = Page.content_panels + [
        # Only those who manage the taxonomies may move a département page to another département.
        FieldPanel("department", permission="home.change_department"),
        FieldPanel("introduction"),
        InlinePanel("contacts", label=_("Contact"), heading=_("Contacts du réseau départemental")),
        InlinePanel("key_events", label=_("Temps fort"), heading=_("Temps forts (rencontres, événements)")),
    ]
    promote_panels = Page.promote_panels + BasePage.listing_panels

    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.FilterField("department_id"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("department", serializer=TaxonomyField(("code", "name", "slug"))),
        APIField("introduction"),
        APIField("contacts"),
        APIField("key_events"),
    ]

    class Meta:
        verbose_name = _("page département")
        verbose_name_plural = _("pages département")

    def get_centres(self):
        from .centre import CentrePage

        return CentrePage.objects.child_of(self).live().public().select_related("commune").order_by("title")

    def get_latest_initiatives(self):
        """The network's news: the latest live, public initiatives organised by its centres."""
        from blog.filters import filter_initiatives
        from blog.models import InitiativePage

        initiatives = filter_initiatives(InitiativePage.objects.live().public(), {"department": [self.department.code]})
        return (
            initiatives.order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related("themes", "organisers__centre", "image__renditions")
        )

    def get_upcoming_sessions(self):
        """Upcoming training sessions held in the département, soonest first."""
        from resources.filters import filter_sessions
        from resources.models import TrainingSession

        return filter_sessions(TrainingSession.objects.upcoming(), {"department": [self.department.code]})

    def get_upcoming_workshops(self):
        """Upcoming live, public workshops held in the département, soonest first."""
        from resources.filters import filter_workshops
        from resources.models import WorkshopPage

        workshops = WorkshopPage.objects.live().public().upcoming()
        return filter_workshops(workshops, {"department": [self.department.code]}).select_related(
            "theme", "place_centre__commune", "place_commune"
        )

    def get_context(self, request, *args, **kwargs):
        from centres.directory_search import markers_for

        context = super().get_context(request, *args, **kwargs)
        centres = list(self.get_centres())
        context.update(
            centres=centres,
            map_markers=markers_for(centres, request),
            latest_initiatives=list(self.get_latest_initiatives()[:DEPARTMENT_NEWS]),
            upcoming_sessions=list(self.get_upcoming_sessions()[:DEPARTMENT_EVENTS]),
            upcoming_workshops=list(self.get_upcoming_workshops()[:DEPARTMENT_EVENTS]),
        )
        return context


class DepartmentContact(Orderable):
    """A person to contact in the département's network."""

    page = ParentalKey(DepartmentPage, related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]
    api_fields = [APIField("name"), APIField("role"), APIField("email"), APIField("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class KeyEvent(Orderable):
    """A "temps fort" of the département's network: a meeting, a festival, an assembly."""

    page = ParentalKey(DepartmentPage, related_name="key_events", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    title = models.CharField(_("intitulé"), max_length=200)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("place")]), FieldPanel("title"), FieldPanel("description")],
            heading=_("Temps fort"),
        )
    ]
    api_fields = [APIField("date"), APIField("title"), APIField("place"), APIField("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("temps fort")
        verbose_name_plural = _("temps forts")
        ordering = ["sort_order"]
