"""Replace Wagtail's welcome page with the federation's home page as the site root."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    locale = Locale.objects.first()
    homepage = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage, "site_name": "FIGO"},
    )
    Page.objects.filter(depth=1).update(numchild=1)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_load_reference_data"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
