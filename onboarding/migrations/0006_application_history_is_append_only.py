"""An application's history builds on common.workflow.StatusChange (its `message` is now
the shared `note`), and the database refuses to change or delete it, as it does for a
microgrant's history (groups/migrations/0006).

UPDATE is refused on every database; DELETE on PostgreSQL (SQLite's test flush deletes
rows one table at a time, and PROTECT already stops the ORM).
"""

import common.validators
from django.db import migrations, models

POSTGRESQL = """
CREATE FUNCTION application_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'An application''s history is append-only.';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER application_event_no_update BEFORE UPDATE OR DELETE ON onboarding_applicationevent
    FOR EACH ROW EXECUTE FUNCTION application_history_is_append_only();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER application_event_no_update ON onboarding_applicationevent;
DROP FUNCTION application_history_is_append_only();
"""
SQLITE = """
CREATE TRIGGER application_event_no_update BEFORE UPDATE ON onboarding_applicationevent
BEGIN
    SELECT RAISE(ABORT, 'An application''s history is append-only.');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER application_event_no_update;"


def add_trigger(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def remove_trigger(apps, schema_editor):
    sql = {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}.get(
        schema_editor.connection.vendor
    )
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0005_history")]

    operations = [
        migrations.RenameField(model_name="applicationevent", old_name="message", new_name="note"),
        migrations.AlterField(
            model_name="applicationevent",
            name="note",
            field=models.TextField(
                blank=True,
                validators=[common.validators.validate_multiline_text],
                verbose_name="note",
            ),
        ),
        migrations.RunPython(add_trigger, remove_trigger),
    ]
