"""The public "Signaler une modification" of a centre's page: a correction request for its département's editors."""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from blog.forms import PublicForm
from blog.proposals import rate_limited_response
from home import roles

from .models import CentrePage, CorrectionRequest, DepartmentPage

logger = logging.getLogger(__name__)


class CorrectionRequestForm(PublicForm):
    """What is wrong on the centre's page, and who to answer."""

    consent_label = _("J'accepte que la fédération conserve mon nom et mon courriel pour traiter ce signalement")
    consent_help = _(
        "Ils sont transmis aux seuls éditeurs de l'annuaire du département, ne sont jamais publiés ni cédés à des "
        "tiers. Vous pouvez demander à tout moment à les consulter, les corriger ou les supprimer en écrivant à la "
        "fédération."
    )
    retention_notice = _("Ils sont effacés {months} mois après le traitement de votre signalement.")

    message = forms.CharField(
        label=_("Ce qui doit être modifié"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Par exemple : les nouveaux horaires, la nouvelle adresse ou le nouveau numéro de téléphone."),
    )
    name = forms.CharField(label=_("Votre nom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Votre courriel"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Pour vous répondre si nous avons une question."),
    )


def correction_rate(group, request):
    """Posts allowed per IP address, e.g. "10/h" (settings.CORRECTION_RATE_LIMIT)."""
    return settings.CORRECTION_RATE_LIMIT


def public_centre(centre_id):
    return get_object_or_404(CentrePage.objects.live().public(), pk=centre_id)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=correction_rate, method="POST", block=False)
def report_correction(request, centre_id):
    """Show the form for a live centre; on a valid post, record the request and tell its editors."""
    centre = public_centre(centre_id)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited_response(request)
        form = CorrectionRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                correction = CorrectionRequest.objects.create(
                    centre=centre, message=data["message"], name=data["name"], email=data["email"], consent=True
                )
                transaction.on_commit(lambda: notify_department_editors(correction))
            return redirect("centres:correction_done", centre_id=centre.pk)
    else:
        form = CorrectionRequestForm()
    return render(request, "corrections/report.html", {"form": form, "centre": centre})


def correction_done(request, centre_id):
    return render(request, "corrections/done.html", {"centre": public_centre(centre_id)})


def department_page_of(centre):
    return DepartmentPage.objects.ancestor_of(centre).select_related("department").first()


def correction_recipients(centre):
    """Emails of the editors of the centre's département; the moderators' if that group has nobody to tell."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    department_page = department_page_of(centre)
    editors = roles.department_editors_group(department_page.department) if department_page else None
    emails = set(users.filter(groups=editors).values_list("email", flat=True)) if editors else set()
    if not emails:
        emails = set(users.filter(groups__name=roles.MODERATORS).values_list("email", flat=True))
    return sorted(emails)


def notify_department_editors(correction):
    recipients = correction_recipients(correction.centre)
    if not recipients:
        logger.warning("Demande de correction %s : personne à prévenir.", correction.pk)
        return
    context = {
        "correction": correction,
        "centre": correction.centre,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "admin_url": reverse("correction_requests:edit", args=[correction.pk]),
        "page_admin_url": reverse("wagtailadmin_pages:edit", args=[correction.centre.pk]),
    }
    send_mail(
        subject=render_to_string("emails/correction_subject.txt", context).strip(),
        message=render_to_string("emails/correction_notification.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
