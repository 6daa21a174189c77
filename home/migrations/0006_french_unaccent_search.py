"""On PostgreSQL, a French full-text search configuration that also ignores accents ("hebergement"
finds "hébergement"): the `figo_french` configuration used by WAGTAILSEARCH_BACKENDS. Nothing elsewhere."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'figo_french') THEN
        CREATE TEXT SEARCH CONFIGURATION figo_french (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION figo_french
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS figo_french;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_roles_and_moderation")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
