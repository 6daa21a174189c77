"""Create the federation's roles, collections and the "Relecture fédérale" workflow (see home/roles.py).

Runs home.roles on the historical models, so every install has the French groups; pages created later
(département pages, the directory, the blog) get their rights from the signals in home/signals.py, and
`manage.py sync_roles` completes everything at any time.
"""

from django.db import migrations

from home import roles


def create_roles(apps, schema_editor):
    roles.sync_roles(apps)
    roles.retire_wagtail_starter_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_standard_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("blog", "0004_initiativeproposal"),
        ("centres", "0003_correctionrequest"),
        ("resources", "0002_registration"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
