"""The oversight team reads the history of every change (pghistory's Events) in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("pghistory")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pghistory", codename__in=("view_events", "view_context")
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0013_history"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
