from django.db import migrations

# A matter's character bigrams, as the search asks for them (liaison_stations.search).
FUNCTION = """
CREATE OR REPLACE FUNCTION portal_bigrams(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple', coalesce(string_agg(substr(lower(body), i, 2), ' ' ORDER BY i), ''))
  FROM generate_series(1, greatest(length(body) - 1, 0)) AS i
$$
"""
INDEX = """
CREATE INDEX IF NOT EXISTS visit_matter_bigrams
ON liaison_stations_visit USING gin (portal_bigrams(matter))
"""
DROP = "DROP INDEX IF EXISTS visit_matter_bigrams; DROP FUNCTION IF EXISTS portal_bigrams(text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("liaison_stations", "0015_schedule_erasure")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
