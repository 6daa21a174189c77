"""A searchable commune chooser for the admin, instead of a 2,944-option drop-down."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Commune


class CommuneFilterForm(BaseFilterForm):
    """Finds communes by the start of their name, a postcode or an INSEE code."""

    q = forms.CharField(
        label=_("Nom, code postal ou code INSEE"),
        widget=forms.TextInput(attrs={"placeholder": _("Par exemple Montauban ou 82000")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(
                Q(name__icontains=query) | Q(postcodes__contains=query) | Q(insee_code__startswith=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class CommuneChooserMixin:
    filter_form_class = CommuneFilterForm
    ordering = ["-population", "name"]

    def get_object_list(self):
        return Commune.objects.select_related("department")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("postcodes", label=_("Codes postaux"), accessor="postcodes"),
            Column("department", label=_("Département"), accessor="department"),
        ]


class CommuneChooseView(CommuneChooserMixin, ChooseView):
    pass


class CommuneChooseResultsView(CommuneChooserMixin, ChooseResultsView):
    pass


class CommuneChooserViewSet(ChooserViewSet):
    """Registered as the admin widget of every foreign key to a commune (centres, sessions, workshops)."""

    model = Commune
    icon = "pick"
    choose_one_text = _("Choisir une commune")
    choose_another_text = _("Choisir une autre commune")
    edit_item_text = _("Voir")
    search_tab_label = _("Rechercher")
    per_page = 20
    choose_view_class = CommuneChooseView
    choose_results_view_class = CommuneChooseResultsView


commune_chooser_viewset = CommuneChooserViewSet("commune_chooser", url_prefix="communes/chooser")
