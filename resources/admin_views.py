"""Admin of training registrations: the list with filters and CSV export, and the places of each session.

Registrations are personal data: only users holding the model permissions on Registration see them, which
home/roles.py grants to the federal administrators (everything) and the communication officers; the
département editors and the moderators have none. Nobody adds a registration from the admin (they come
from the public form); deleting one that held a place gives the place to the first on the waiting list.
"""

from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from centres.csv_format import SpreadsheetCsvExportMixin

from .models import Registration, RegistrationStatus, TrainingPage, TrainingSession
from .registrations import fill_free_places


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions on Registration, except that nobody adds one from the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


registration_permission_policy = RegistrationPermissionPolicy(Registration)
register_permission_policy(Registration, registration_permission_policy)


def session_choices_queryset():
    return TrainingSession.objects.select_related("page").order_by("-start")


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return f"{session.page.title} — {timezone.localtime(session.start):%d/%m/%Y}"


class SessionFilter(ModelChoiceFilter):
    field_class = SessionChoiceField


class RegistrationFilterSet(WagtailFilterSet):
    training = ModelChoiceFilter(
        label=_("Formation"), queryset=TrainingPage.objects.order_by("title"), field_name="training"
    )
    session = SessionFilter(label=_("Session"), queryset=session_choices_queryset(), field_name="session")
    status = ChoiceFilter(label=_("Statut"), choices=RegistrationStatus.choices, empty_label=_("Tous"))
    created_at = DateFromToRangeFilter(label=_("Inscrit entre le"), widget=DateRangePickerWidget)

    class Meta:
        model = Registration
        fields = ["training", "session", "status", "created_at"]


class RegistrationAdminForm(WagtailAdminModelForm):
    """Corrections by the federal team; the email stays unique among the session's active registrations."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = Registration.objects.filter(session=self.instance.session_id, email__iexact=email).active()
        if self.instance.session_id and others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Cette adresse est déjà inscrite à cette session."))
        return email


class RegistrationIndexView(SpreadsheetCsvExportMixin, generic.IndexView):
    """The registrations, newest first, with the export of the filtered list."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Places par session"), url=reverse("inscriptions:sessions"), icon_name="calendar"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("session__page", "role", "training")


class RegistrationDeleteView(generic.DeleteView):
    """Delete (e.g. at the person's request) and give a freed place to the first on the waiting list."""

    def delete_action(self):
        session = self.object.session
        held_a_place = self.object.status == RegistrationStatus.CONFIRMED
        super().delete_action()
        if session and held_a_place:
            fill_free_places(session)


class SessionPlacesView(generic.IndexView):
    """Each session with its capacity and its confirmed, waiting and cancelled registrations."""

    model = TrainingSession
    page_title = _("Places par session")
    header_icon = "calendar"
    any_permission_required = ["view", "change", "delete"]
    paginate_by = 50
    default_ordering = "-start"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("inscriptions:index"), "label": _("Inscriptions aux formations")},
            {"url": "", "label": self.page_title},
        ]

    @cached_property
    def columns(self):
        registrations_url = reverse("inscriptions:index")
        return [
            TitleColumn(
                "title",
                label=_("Session"),
                accessor=lambda session: f"{session.page.title} — {timezone.localtime(session.start):%d/%m/%Y %H:%M}",
                get_url=lambda session: f"{registrations_url}?session={session.pk}",
                sort_key="start",
            ),
            Column("capacity", label=_("Places"), accessor=lambda session: session.capacity or _("sans limite")),
            Column("confirmed", label=_("Confirmées"), sort_key="confirmed"),
            Column("waiting", label=_("En attente"), sort_key="waiting"),
            Column("cancelled", label=_("Annulées"), sort_key="cancelled"),
            Column("places_left", label=_("Places restantes"), accessor=places_left),
        ]

    def get_valid_orderings(self):
        return ["start", "-start", "confirmed", "-confirmed", "waiting", "-waiting", "cancelled", "-cancelled"]

    def get_base_queryset(self):
        return TrainingSession.objects.select_related("page").annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            cancelled=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)),
        )


def places_left(session):
    if session.capacity is None:
        return "—"
    return max(session.capacity - session.confirmed, 0)


class RegistrationViewSet(ModelViewSet):
    """ "Inscriptions aux formations" in the admin menu."""

    model = Registration
    name = "inscriptions"
    icon = "form"
    menu_label = _("Inscriptions aux formations")
    menu_order = 280
    add_to_admin_menu = True
    copy_view_enabled = False
    add_to_reference_index = False  # a training's "usage" must not list who registered
    inspect_view_enabled = True
    index_view_class = RegistrationIndexView
    delete_view_class = RegistrationDeleteView
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "structure"]
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "name",
        "email",
        "structure",
        Column("session_display", label=_("Session")),
        "status",
        "created_at",
    ]
    list_export = [
        "session_display",
        "name",
        "email",
        "structure",
        "role",
        "get_status_display",
        "position",
        "accessibility_needs",
        "meal",
        "dietary_requirements",
        "consent",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]
    export_headings = {
        "session_display": _("Session"),
        "get_status_display": _("Statut"),
        "position": _("Ordre d'arrivée"),
        "role": _("Vous êtes"),
    }
    export_filename = "inscriptions-formations"
    inspect_view_fields = [
        "name",
        "email",
        "structure",
        "role",
        "accessibility_needs",
        "meal",
        "dietary_requirements",
        "consent",
        "status",
        "position",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "session_label",
        "session_end",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("email")]),
            FieldRowPanel([FieldPanel("structure"), FieldPanel("role")]),
            FieldPanel("accessibility_needs"),
            FieldRowPanel([FieldPanel("meal"), FieldPanel("dietary_requirements")]),
        ],
        base_form_class=RegistrationAdminForm,
    )

    @cached_property
    def sessions_view(self):
        return SessionPlacesView.as_view(
            permission_policy=registration_permission_policy, index_url_name=self.get_url_name("sessions")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("sessions/", self.sessions_view, name="sessions")]
