"""Public URLs of training registrations, mounted by site/urls.py before Wagtail's page serving."""

from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("formations/sessions/<int:session_id>/inscription/", views.session_register, name="session_register"),
    path("formations/inscription/enregistree/", views.registration_received, name="registration_received"),
    path("formations/inscription/enregistree/<str:token>/", views.registration_done, name="registration_done"),
    path("formations/inscription/annuler/<str:token>/", views.registration_cancel, name="registration_cancel"),
]
