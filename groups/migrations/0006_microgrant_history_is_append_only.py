"""The database itself refuses to change or delete a microgrant's history.

UPDATE is refused on every database; DELETE on PostgreSQL (SQLite's test
flush deletes rows one table at a time, and PROTECT already stops the ORM).
Also: the oversight team's permissions on microgrants. Requests change only
through the review actions, so view and change (for the actions), never add
or delete; history, approvals, budgets and files are view-only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
PERMISSIONS = (
    "view_micrograntrequest",
    "change_micrograntrequest",
    "view_micrograntevent",
    "view_micrograntapproval",
    "view_micrograntbudgetline",
    "view_micrograntfile",
)

POSTGRESQL = """
CREATE FUNCTION microgrant_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'A microgrant''s history is append-only.';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER microgrant_event_no_update BEFORE UPDATE OR DELETE ON groups_micrograntevent
    FOR EACH ROW EXECUTE FUNCTION microgrant_history_is_append_only();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER microgrant_event_no_update ON groups_micrograntevent;
DROP FUNCTION microgrant_history_is_append_only();
"""
SQLITE = """
CREATE TRIGGER microgrant_event_no_update BEFORE UPDATE ON groups_micrograntevent
BEGIN
    SELECT RAISE(ABORT, 'A microgrant''s history is append-only.');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER microgrant_event_no_update;"


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


def grant(apps, schema_editor):
    app_config = apps.get_app_config("groups")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(content_type__app_label="groups", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [("groups", "0005_microgrants")]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, remove_trigger),
    ]
