"""Let the oversight team see community organizers in the admin, correct their public
names and remove them. They join by invitation only, so the team adds none by hand."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
PERMISSIONS = (
    "view_communitymembership",
    "change_communitymembership",
    "delete_communitymembership",
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
        ("groups", "0020_community_organizers"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
