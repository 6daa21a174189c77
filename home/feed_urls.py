"""URLs of the open formats (feeds, calendars, GeoJSON, data·inclusion), the widget's data and the
"Intégrer nos contenus" page. Included by urls.py before the API router, so /api/v2/feeds/… is ours."""

from django.urls import path

from blog.feeds import initiatives_atom, initiatives_rss
from centres.data_inclusion import centres_data_inclusion, data_inclusion_schema
from centres.geojson import centres_geojson
from resources.calendar import session_ics, trainings_ics, workshop_ics, workshops_ics

from .embed_views import embed_page
from .widget_data import centres_widget, formations_widget, initiatives_widget

urlpatterns = [
    path("api/v2/feeds/initiatives.rss", initiatives_rss, name="feed_initiatives_rss"),
    path("api/v2/feeds/initiatives.atom", initiatives_atom, name="feed_initiatives_atom"),
    path("api/v2/feeds/trainings.ics", trainings_ics, name="feed_trainings_ics"),
    path("api/v2/feeds/workshops.ics", workshops_ics, name="feed_workshops_ics"),
    path("api/v2/feeds/sessions/<int:pk>.ics", session_ics, name="feed_session_ics"),
    path("api/v2/feeds/workshops/<int:pk>.ics", workshop_ics, name="feed_workshop_ics"),
    path("api/v2/centres.geojson", centres_geojson, name="centres_geojson"),
    path("api/v2/centres/data-inclusion.json", centres_data_inclusion, name="centres_data_inclusion"),
    path("api/v2/centres/data-inclusion.schema.json", data_inclusion_schema, name="centres_data_inclusion_schema"),
    path("api/v2/widget/initiatives.json", initiatives_widget, name="widget_initiatives"),
    path("api/v2/widget/formations.json", formations_widget, name="widget_formations"),
    path("api/v2/widget/centres.json", centres_widget, name="widget_centres"),
    path("integrer/", embed_page, name="embed_page"),
]
