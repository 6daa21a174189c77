"""Admin hooks of the resource centre: the registrations menu, and a warning when a session that had
registrations was deleted from a training."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages

from .admin_views import RegistrationViewSet, registration_permission_policy
from .models import Registration, TrainingPage


@hooks.register("register_admin_viewset")
def register_registrations_viewset():
    return RegistrationViewSet()


@hooks.register("after_edit_page")
def warn_about_registrations_of_deleted_sessions(request, page):
    """Registrations of a deleted session are kept: remind the editor that these people expect to come."""
    if not isinstance(page, TrainingPage):
        return
    orphans = Registration.objects.filter(training=page, session__isnull=True).active().count()
    if not orphans:
        return
    message = ngettext(
        "%(count)d inscription porte sur une session supprimée de cette formation : elle est conservée "
        "dans « Inscriptions aux formations ». Prévenez la personne, puis supprimez l'inscription.",
        "%(count)d inscriptions portent sur une session supprimée de cette formation : elles sont "
        "conservées dans « Inscriptions aux formations ». Prévenez ces personnes, puis supprimez-les.",
        orphans,
    ) % {"count": orphans}
    buttons = []
    if registration_permission_policy.user_has_permission(request.user, "view"):
        url = reverse("inscriptions:index") + f"?training={page.pk}"
        buttons.append(messages.button(url, _("Voir les inscriptions")))
    messages.warning(request, message, buttons=buttons)
