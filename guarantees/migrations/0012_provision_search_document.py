"""On PostgreSQL, what provision search needs to use indexes rather than read every row.

Search otherwise computes `to_tsvector` in three configurations for every provision on every query, and
upper-cases every text for its containment match (2.3 s at 30,000 provisions; bench/RESULTS.md). Here:
- each provision's full-text document, kept in a column by a trigger, with a GIN index. The column is
  the database's own: Django's models do not know it, the trigger keeps it right whatever writes the row
  (the admin, the loader, a bulk insert), and guarantees/search.py reads it;
- trigram indexes on the upper-cased short fields (number, headings), which serve the containment match
  (`fcontains`) for words of three letters or more; the long texts are matched by the document only.
SQLite has none of these and searches as before.
"""

from django.db import migrations

SHORT_FIELDS = ["number", "heading_original", "heading_en", "heading_local"]
FIELDS = [*SHORT_FIELDS, "text_original", "text_en"]
# As django.contrib.postgres.search.SearchVector(*FIELDS, config=...) writes it, once per configuration.
DOCUMENT = " || ' ' || ".join(f"COALESCE(NEW.{name}, '')" for name in FIELDS)
VECTOR = " || ".join(f"to_tsvector('{config}'::regconfig, {DOCUMENT})" for config in ["russian", "english", "simple"])

FORWARD = f"""
ALTER TABLE guarantees_provision ADD COLUMN search_document tsvector;
CREATE FUNCTION guarantees_provision_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := {VECTOR};
    RETURN NEW;
END
$$;
CREATE TRIGGER guarantees_provision_search_document
    BEFORE INSERT OR UPDATE OF {", ".join(FIELDS)} ON guarantees_provision
    FOR EACH ROW EXECUTE FUNCTION guarantees_provision_search_document();
UPDATE guarantees_provision SET number = number;
CREATE INDEX guarantees_provision_search_document ON guarantees_provision USING gin (search_document);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
""" + "\n".join(
    f"CREATE INDEX guarantees_provision_{name}_trigram ON guarantees_provision USING gin (upper({name}::text) gin_trgm_ops);"
    for name in SHORT_FIELDS
)

BACKWARD = "\n".join(f"DROP INDEX guarantees_provision_{name}_trigram;" for name in SHORT_FIELDS) + """
DROP TRIGGER guarantees_provision_search_document ON guarantees_provision;
DROP FUNCTION guarantees_provision_search_document();
ALTER TABLE guarantees_provision DROP COLUMN search_document;
"""


def on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("guarantees", "0011_content_version")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
