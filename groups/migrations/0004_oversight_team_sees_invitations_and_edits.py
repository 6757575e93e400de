"""Let the oversight team see invitations and organizers' edits in the admin.

Both are written by the organizers' own pages, so the team only views them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
PERMISSIONS = (
    "view_invitation",
    "view_groupedit",
)


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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team = Group.objects.filter(name=OVERSIGHT_TEAM_GROUP).first()
    if team:
        team.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="groups", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_invitations_and_edits"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
