"""The admin's login form, with its password field labelled in French.

Wagtail's LoginForm declares the password field without a label, so Django shows the field's name,
"Password", untranslated; the form is chosen with WAGTAILADMIN_USER_LOGIN_FORM.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class FigoLoginForm(LoginForm):
    """Wagtail's login form, its password field labelled "Mot de passe"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mot de passe")
