"""Public URLs of the blog outside Wagtail's page tree: the "Proposer une initiative" form."""

from django.urls import path

from . import proposals

app_name = "blog"

urlpatterns = [
    path("proposer-une-initiative/", proposals.propose_initiative, name="propose_initiative"),
    path("proposer-une-initiative/merci/", proposals.proposal_done, name="proposal_done"),
]
