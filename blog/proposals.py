"""The public "Proposer une initiative": a draft initiative in moderation, the proposer's contact kept apart.

Nothing is published automatically: the draft is submitted to "Relecture fédérale", the moderators and the
communication officers are told by email, and the photos stay in a private collection until publication.
"""

import html
import io
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Collection

from home import roles

from .forms import PHOTO_FORMATS, InitiativeProposalForm
from .models import BlogIndexPage, InitiativeOrganiser, InitiativePage
from .models_proposals import InitiativeProposal

logger = logging.getLogger(__name__)

SLUG_MAX_LENGTH = 60


def proposal_rate(group, request):
    """Posts allowed per IP address, e.g. "5/h" (settings.PROPOSAL_RATE_LIMIT)."""
    return settings.PROPOSAL_RATE_LIMIT


def rate_limited_response(request):
    """The French page shown to a connection that sent too many forms: HTTP 429."""
    return render(request, "proposals/too_many_requests.html", status=429)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=proposal_rate, method="POST", block=False)
def propose_initiative(request):
    """Show the form; on a valid post, create the draft in moderation and thank the proposer."""
    blog = BlogIndexPage.objects.live().first()
    if blog is None:
        raise Http404("Le blog des initiatives n'existe pas encore.")
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited_response(request)
        form = InitiativeProposalForm(request.POST, request.FILES)
        if form.is_valid():
            create_proposal(blog, form)
            return redirect("blog:proposal_done")
    else:
        form = InitiativeProposalForm()
    return render(request, "proposals/propose.html", {"form": form, "blog": blog})


def proposal_done(request):
    return render(request, "proposals/done.html", {"blog": BlogIndexPage.objects.live().first()})


def paragraphs(text):
    """Plain text typed in a textarea as rich-text paragraphs, every character escaped."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join(f"<p>{'<br/>'.join(html.escape(line) for line in block.splitlines())}</p>" for block in blocks)


def proposals_collection():
    """The private collection where proposal photos wait (the root if the roles were never set up)."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=roles.PROPOSALS_COLLECTION).first() or root


def store_photos(form, title, images):
    """Save the checked photos, re-encoded without metadata, as images of the private collection.

    Each image is appended to `images` as soon as its file is written, so that a failure can remove the files.
    """
    Image = get_image_model()
    collection = proposals_collection()
    base_name = slugify(title)[:40] or "initiative"
    for number, (upload, alt_text) in enumerate(
        zip(form.cleaned_data["photos"], form.photo_alt_texts(), strict=True), 1
    ):
        extension = PHOTO_FORMATS[upload.photo_format]
        image = Image(
            title=f"{title} — photo {number}",
            description=alt_text or f"Photo de l'initiative « {title} »",
            collection=collection,
            file=ImageFile(io.BytesIO(upload.clean_bytes), name=f"proposition-{base_name}-{number}.{extension}"),
        )
        image._set_image_file_metadata()
        images.append(image)
        image.save()


def image_block(image):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": image.description, "decorative": False},
            "caption": "",
            "credit": "",
        },
    }


def create_proposal(blog, form):
    """Create the draft initiative under `blog`, submit it to moderation and keep the contact apart."""
    data = form.cleaned_data
    images = []
    try:
        with transaction.atomic():
            store_photos(form, data["title"], images)
            page = InitiativePage(
                title=data["title"],
                slug=find_available_slug(blog, slugify(data["title"])[:SLUG_MAX_LENGTH] or "initiative"),
                summary=data["summary"],
                description=paragraphs(data["description"]),
                date=data["date"],
                image=images[0] if images else None,
                body=[image_block(image) for image in images[1:]],
                live=False,
            )
            page.organisers = [InitiativeOrganiser(centre=data["centre"])]
            page.themes = list(data["themes"])
            blog.add_child(instance=page)
            page.save_revision(log_action=True)
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user=None)
            proposal = InitiativeProposal.objects.create(
                page=page,
                proposer_name=data["proposer_name"],
                proposer_email=data["proposer_email"],
                proposer_phone=data["proposer_phone"],
                structure=data["structure"],
                consent=data["consent"],
            )
            proposal.photos.set(images)
            transaction.on_commit(lambda: notify_editors(proposal))
    except Exception:
        for image in images:  # the files are on disk even though the rows were rolled back
            image.file.delete(save=False)
        raise
    return proposal


def proposal_recipients():
    """Email addresses of the moderators and the communication officers."""
    users = get_user_model().objects.filter(
        is_active=True, groups__name__in=[roles.MODERATORS, roles.COMMUNICATION_OFFICERS]
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def notify_editors(proposal):
    """Tell the moderators and the communication officers that a proposal waits for them."""
    recipients = proposal_recipients()
    if not recipients:
        logger.warning(
            "Proposition d'initiative %s : aucun modérateur ni chargé de communication à prévenir.", proposal.pk
        )
        return
    context = {"proposal": proposal, "page": proposal.page, "base_url": settings.WAGTAILADMIN_BASE_URL}
    send_mail(
        subject=render_to_string("emails/proposal_subject.txt", context).strip(),
        message=render_to_string("emails/proposal_notification.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def release_proposal_photos(page):
    """Once a proposed initiative is published, its photos leave the private collection for the public one."""
    photos = get_image_model().objects.filter(
        pk__in=InitiativeProposal.photos.through.objects.filter(initiativeproposal__page_id=page.pk).values("image_id"),
        collection__name=roles.PROPOSALS_COLLECTION,
    )
    if photos.exists():
        photos.update(collection=Collection.get_first_root_node())
