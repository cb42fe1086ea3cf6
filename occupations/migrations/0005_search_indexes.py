# Indexes for the site search on PostgreSQL (pathways/search.py); nothing on other databases.
# - alternate titles: a trigram GIN index serves `UPPER(title) LIKE '%...%'` (icontains);
# - occupation text: a GIN index on the same tsvector expression the full-text search uses.
from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS occupations_alttitle_title_trgm "
    "ON occupations_alternateoccupationtitle USING gin (UPPER(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS occupations_occupation_text_fts "
    "ON occupations_occupation USING gin (to_tsvector('english'::regconfig, "
    "COALESCE(summary, '') || ' ' || COALESCE(onet_description, '')))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS occupations_alttitle_title_trgm",
    "DROP INDEX IF EXISTS occupations_occupation_text_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0004_history_of_imported_fields"),
        ("pathways", "0003_trigram_extension"),  # pg_trgm
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
