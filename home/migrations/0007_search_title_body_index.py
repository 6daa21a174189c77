"""On PostgreSQL, an index on the text that Wagtail's search matches (`title || body` of its index entries).

Wagtail's PostgreSQL backend filters on the concatenation of the two search vectors, which its own indexes
(one per vector) cannot serve: every search read the whole index table. With this expression index, a
search reads only the entries that match (on 25,000 pages, "logements": 28 ms → 3 ms). Nothing elsewhere.
"""

from django.db import migrations

INDEX = "figo_search_title_body_gin"
CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body));"
DROP = f"DROP INDEX IF EXISTS {INDEX};"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("home", "0006_french_unaccent_search"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
