"""A report's status history is append-only, as every workflow's (onboarding/0006); and the
oversight team records check-ins and actions, reads and discusses reports, and opens
the groups overview in the admin.

Reports are the groups' own: the team views them and marks them discussed (a change),
never adds or deletes them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
PERMISSIONS = (
    "view_checkin",
    "add_checkin",
    "change_checkin",
    "delete_checkin",
    "view_checkinparticipant",
    "add_checkinparticipant",
    "change_checkinparticipant",
    "delete_checkinparticipant",
    "view_agreedaction",
    "add_agreedaction",
    "change_agreedaction",
    "delete_agreedaction",
    "view_activityreport",
    "change_activityreport",
    "view_activity",
    "view_activityreportevent",
    "view_grouphealth",
)

POSTGRESQL = """
CREATE FUNCTION activity_report_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'An activity report''s history is append-only.';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER activity_report_event_no_update BEFORE UPDATE OR DELETE
    ON coaching_activityreportevent
    FOR EACH ROW EXECUTE FUNCTION activity_report_history_is_append_only();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER activity_report_event_no_update ON coaching_activityreportevent;
DROP FUNCTION activity_report_history_is_append_only();
"""
SQLITE = """
CREATE TRIGGER activity_report_event_no_update BEFORE UPDATE ON coaching_activityreportevent
BEGIN
    SELECT RAISE(ABORT, 'An activity report''s history is append-only.');
END;
"""
SQLITE_REVERSE = "DROP TRIGGER activity_report_event_no_update;"


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
    app_config = apps.get_app_config("coaching")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(content_type__app_label="coaching", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team = Group.objects.filter(name=OVERSIGHT_TEAM_GROUP).first()
    if team:
        team.permissions.remove(
            *Permission.objects.filter(content_type__app_label="coaching", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("groups", "0002_oversight_team_permission_group"),
    ]

    operations = [
        migrations.RunPython(add_trigger, remove_trigger),
        migrations.RunPython(grant, revoke),
    ]
