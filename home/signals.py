"""Keep the roles in step with the page tree (see home/roles.py).

Département pages, the directory and the blog are created after the migrations (by editors or the demo
command): the rights on them and the moderation workflow follow as soon as they are saved.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from blog.models import BlogIndexPage, InitiativePage
from blog.proposals import release_proposal_photos
from centres.models import DepartmentPage, DirectoryPage
from home import roles


@receiver(post_save, sender=DepartmentPage)
def give_department_page_to_its_editors(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A new département page, or one whose département changed, goes to that département's editors."""
    if raw or not (created or update_fields is None or "department" in update_fields):
        return
    roles.grant_department_page(instance)


@receiver(post_save, sender=DirectoryPage)
@receiver(post_save, sender=BlogIndexPage)
def moderate_new_section(sender, instance, created, raw=False, **kwargs):
    """The directory and the blog go under "Relecture fédérale" as soon as they exist."""
    if created and not raw:
        roles.attach_moderation(instance)


@receiver(page_published, sender=InitiativePage)
def publish_proposal_photos(sender, instance, **kwargs):
    release_proposal_photos(instance)
