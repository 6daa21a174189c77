"""Public URLs of the directory outside Wagtail's page tree: "Signaler une modification" on a centre."""

from django.urls import path

from . import corrections

app_name = "centres"

urlpatterns = [
    path("signaler-une-modification/<int:centre_id>/", corrections.report_correction, name="report_correction"),
    path("signaler-une-modification/<int:centre_id>/merci/", corrections.correction_done, name="correction_done"),
]
