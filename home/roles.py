"""The federation's editorial roles: groups, their permissions, media collections and the moderation workflow.

- Administrateurs fédéraux: everything, users and settings included.
- Chargés de communication: add, edit and publish every page (blog, resources, trainings, workshops, home);
  every image and document; partners, themes and publics; the proposals and correction requests.
- Éditeurs <code> — <département> (one group per département): edit their département page and its centres,
  submit them to "Relecture fédérale", never publish; the images and documents of their département's collection.
- Modérateurs: approve or reject what is submitted to "Relecture fédérale" (approving publishes).
- Structures adhérentes: no admin access; they read the pages and documents reserved to members.

This module is the source of truth: the data migration, the `sync_roles` command and the page signals all run
these functions, which only ever add what is missing. Each takes an `apps` registry so that the migration can
pass its historical models; rows of models that do not exist yet at that point are skipped.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

FEDERAL_ADMINS = "Administrateurs fédéraux"
COMMUNICATION_OFFICERS = "Chargés de communication"
MODERATORS = "Modérateurs"
MEMBERS = "Structures adhérentes"
DEPARTMENT_EDITORS_PREFIX = "Éditeurs "

WORKFLOW_NAME = "Relecture fédérale"
TASK_NAME = "Validation par un modérateur"

MEMBERS_COLLECTION = "Espace adhérents"
# Photos sent with "Proposer une initiative" wait here, private, until the initiative is published.
PROPOSALS_COLLECTION = "Propositions d'initiatives à modérer"

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Model-wide permissions ("app_label.codename"). Images, documents and pages are granted per collection
# and per page further down.
MODEL_PERMISSIONS = {
    COMMUNICATION_OFFICERS: [
        ACCESS_ADMIN,
        "home.add_theme",
        "home.change_theme",
        "home.add_audience",
        "home.change_audience",
        "centres.add_partner",
        "centres.change_partner",
        "centres.delete_partner",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "blog.view_initiativeproposal",
        "blog.delete_initiativeproposal",
        "centres.view_correctionrequest",
        "centres.change_correctionrequest",
        "resources.view_registration",
        "resources.change_registration",
        "resources.delete_registration",
    ],
    MODERATORS: [
        ACCESS_ADMIN,
        "blog.view_initiativeproposal",
        "centres.view_correctionrequest",
        "centres.change_correctionrequest",
    ],
    MEMBERS: [],
}
DEPARTMENT_EDITOR_MODEL_PERMISSIONS = [
    ACCESS_ADMIN,
    "centres.view_correctionrequest",
    "centres.change_correctionrequest",
]

ALL_PAGE_PERMISSIONS = ["add", "bulk_delete", "change", "lock", "publish", "unlock"]
# On the home page, hence the whole site: page rights in Wagtail always cover the subtree.
COMMUNICATION_PAGE_PERMISSIONS = ["add", "change", "lock", "publish", "unlock"]
# On the directory and the blog, where "Relecture fédérale" applies.
MODERATOR_PAGE_PERMISSIONS = ["change", "lock", "publish", "unlock"]
# On their département page and the centres under it; never "publish": their changes go through moderation.
DEPARTMENT_EDITOR_PAGE_PERMISSIONS = ["add", "change", "lock"]

MEDIA_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
]
COLLECTION_MANAGEMENT_PERMISSIONS = ["wagtailcore.add_collection", "wagtailcore.change_collection"]
CHOOSE_MEDIA = ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
DEPARTMENT_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
]

# Wagtail's own starter groups and workflow, in English, replaced by the roles above.
WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]
WAGTAIL_STARTER_WORKFLOW = "Moderators approval"

_TREE_ALPHABET_BASE = 36  # treebeard's materialised path: steps of 4 characters in 0-9A-Z
_TREE_STEP = 4


def department_group_name(department):
    return f"{DEPARTMENT_EDITORS_PREFIX}{department.code} — {department.name}"


def department_collection_name(department):
    return f"{department.code} — {department.name}"


# --- Small idempotent helpers ---------------------------------------------------------------------------


def ensure_permissions_exist(apps=global_apps):
    """Create the missing Permission rows of every model: Django only does it after the last migration."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical app configs have none
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module


def permissions(labels, apps=global_apps):
    """The Permission rows for "app_label.codename" labels; those of models not installed yet are skipped."""
    if not labels:
        return []
    Permission = apps.get_model("auth", "Permission")
    condition = Q()
    for label in labels:
        app_label, codename = label.split(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(condition))


def page_permissions(types, apps=global_apps):
    return permissions([f"wagtailcore.{permission_type}_page" for permission_type in types], apps)


def group(name, apps=global_apps):
    Group = apps.get_model("auth", "Group")
    return Group.objects.get_or_create(name=name)[0]


def _renamed_or_created(queryset, prefix, name, **create):
    """The row whose name starts with `prefix` (renamed to `name` if the département was renamed), or a new one."""
    existing = queryset.filter(name__startswith=prefix).order_by("pk").first()
    if existing is None:
        return queryset.create(name=name, **create)
    if existing.name != name:
        existing.name = name
        existing.save(update_fields=["name"])
    return existing


def grant_page(group_, page, types, apps=global_apps):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission in page_permissions(types, apps):
        GroupPagePermission.objects.get_or_create(group=group_, page_id=page.pk, permission=permission)


def grant_collection(group_, collection, labels, apps=global_apps):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for permission in permissions(labels, apps):
        GroupCollectionPermission.objects.get_or_create(group=group_, collection=collection, permission=permission)


def root_collection(apps=global_apps):
    return apps.get_model("wagtailcore", "Collection").objects.get(depth=1)


def child_collection(parent, name, prefix=None, apps=global_apps):
    """The child collection of `parent` named `name` (or starting with `prefix`), created if missing.

    Works on historical models too, which have none of treebeard's methods: the path is computed here.
    """
    Collection = apps.get_model("wagtailcore", "Collection")
    children = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    existing = children.filter(name__startswith=prefix) if prefix else children.filter(name=name)
    if existing.exists():
        return _renamed_or_created(existing, prefix or name, name)
    last = children.order_by("-path").first()
    step = int(last.path[-_TREE_STEP:], _TREE_ALPHABET_BASE) + 1 if last else 1
    collection = Collection.objects.create(
        name=name, path=parent.path + _base36(step).rjust(_TREE_STEP, "0"), depth=parent.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=children.count())
    _sort_children_by_name(parent, Collection)
    return Collection.objects.get(pk=collection.pk)


def _sort_children_by_name(parent, Collection):
    """Renumber the children of `parent` in name order, as Wagtail's `node_order_by = ["name"]` expects.

    Treebeard inserts a new collection at its sorted place: siblings created here out of name order would
    make the admin's next "add collection" collide on a path.
    """
    children = list(Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("name"))
    wanted = {child.pk: parent.path + _base36(index).rjust(_TREE_STEP, "0") for index, child in enumerate(children, 1)}
    if all(child.path == wanted[child.pk] for child in children):
        return
    # Two passes through temporary prefixes, so that no path is ever held twice.
    temporary = {
        child.pk: parent.path + "Z" + _base36(index).rjust(_TREE_STEP - 1, "0") for index, child in enumerate(children)
    }
    for stage in (temporary, wanted):
        for child in Collection.objects.filter(pk__in=stage):
            old_prefix, new_prefix = child.path, stage[child.pk]
            for node in Collection.objects.filter(path__startswith=old_prefix):
                Collection.objects.filter(pk=node.pk).update(path=new_prefix + node.path[len(old_prefix) :])


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, _TREE_ALPHABET_BASE)
        text = digits[remainder] + text
    return text or "0"


def restrict_collection(collection, groups, apps=global_apps):
    """Reserve a collection's documents to `groups` unless an editor already chose another restriction."""
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups", password=""
        )
        restriction.groups.add(*groups)


# --- The roles ------------------------------------------------------------------------------------------


def ensure_department_role(department, apps=global_apps):
    """The editors group of a département, with its collection and their permissions; returns the group."""
    Group = apps.get_model("auth", "Group")
    editors = _renamed_or_created(
        Group.objects.all(), f"{DEPARTMENT_EDITORS_PREFIX}{department.code} — ", department_group_name(department)
    )
    editors.permissions.add(*permissions(DEPARTMENT_EDITOR_MODEL_PERMISSIONS, apps))
    root = root_collection(apps)
    collection = child_collection(
        root, department_collection_name(department), prefix=f"{department.code} — ", apps=apps
    )
    grant_collection(editors, collection, DEPARTMENT_MEDIA, apps)
    grant_collection(editors, root, CHOOSE_MEDIA, apps)
    return editors


def department_editors_group(department, apps=global_apps):
    """The editors group of a département, or None if it does not exist (yet)."""
    Group = apps.get_model("auth", "Group")
    prefix = f"{DEPARTMENT_EDITORS_PREFIX}{department.code} — "
    return Group.objects.filter(name__startswith=prefix).order_by("pk").first()


def grant_department_page(page, apps=global_apps):
    """Give a département page (and the centres under it) to its département's editors, and to them only."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = ensure_department_role(page.department, apps)
    grant_page(editors, page, DEPARTMENT_EDITOR_PAGE_PERMISSIONS, apps)
    GroupPagePermission.objects.filter(page_id=page.pk, group__name__startswith=DEPARTMENT_EDITORS_PREFIX).exclude(
        group=editors
    ).delete()
    return editors


def ensure_workflow(apps=global_apps):
    """The "Relecture fédérale" workflow: one group approval task for the moderators."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})[0]
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            content_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
            task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=content_type)
        task.groups.add(group(MODERATORS, apps))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def attach_moderation(page, apps=global_apps):
    """Put a section (the directory, the blog) under "Relecture fédérale", its moderators with rights on it."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = ensure_workflow(apps)
    if not WorkflowPage.objects.filter(page_id=page.pk).exists():
        WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
    grant_page(group(MODERATORS, apps), page, MODERATOR_PAGE_PERMISSIONS, apps)


def moderated_sections(apps=global_apps):
    """The pages whose subtree "Relecture fédérale" moderates, among those that exist."""
    sections = []
    for label in ("centres.DirectoryPage", "blog.BlogIndexPage"):
        try:
            sections += list(apps.get_model(label).objects.all())
        except LookupError:
            continue
    return sections


def sync_roles(apps=global_apps):
    """Create or complete every group, collection, permission and workflow assignment. Never removes a right."""
    ensure_permissions_exist(apps)
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    Department = apps.get_model("home", "Department")
    root_page = Page.objects.get(depth=1)
    root = root_collection(apps)

    admins = group(FEDERAL_ADMINS, apps)
    admins.permissions.add(*Permission.objects.all())
    grant_page(admins, root_page, ALL_PAGE_PERMISSIONS, apps)
    grant_collection(admins, root, MEDIA_PERMISSIONS + COLLECTION_MANAGEMENT_PERMISSIONS, apps)

    for name, labels in MODEL_PERMISSIONS.items():
        group(name, apps).permissions.add(*permissions(labels, apps))

    communication = group(COMMUNICATION_OFFICERS, apps)
    grant_collection(communication, root, MEDIA_PERMISSIONS, apps)
    for home_page in apps.get_model("home", "HomePage").objects.all():
        grant_page(communication, home_page, COMMUNICATION_PAGE_PERMISSIONS, apps)

    moderators = group(MODERATORS, apps)
    members = group(MEMBERS, apps)
    grant_collection(moderators, root, CHOOSE_MEDIA, apps)

    members_collection = child_collection(root, MEMBERS_COLLECTION, apps=apps)
    restrict_collection(members_collection, [members], apps)
    proposals_collection = child_collection(root, PROPOSALS_COLLECTION, apps=apps)
    restrict_collection(proposals_collection, [admins, communication, moderators], apps)
    grant_collection(moderators, proposals_collection, ["wagtailimages.change_image"], apps)

    for department in Department.objects.all():
        ensure_department_role(department, apps)
    for page in apps.get_model("centres", "DepartmentPage").objects.select_related("department"):
        grant_department_page(page, apps)

    ensure_workflow(apps)
    for page in moderated_sections(apps):
        attach_moderation(page, apps)


def retire_wagtail_starter_roles(apps=global_apps):
    """Remove Wagtail's English starter groups and workflow where nobody uses them (a fresh install)."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    for workflow in Workflow.objects.filter(name=WAGTAIL_STARTER_WORKFLOW, workflow_states__isnull=True):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        Task.objects.filter(workflow_tasks__workflow=workflow, task_states__isnull=True).update(active=False)
        workflow.active = False
        workflow.save(update_fields=["active"])
