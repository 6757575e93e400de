"""Create the "Oversight team" permission group with what the team needs in the admin.

Permissions are normally created after all migrations have run, so they are
created here first for the apps involved.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
MANAGED_APPS = ("groups", "onboarding")
# The models that exist at this point; later migrations grant their own.
MANAGED_MODELS = (
    "oversightteammember",
    "nationalgroup",
    "membership",
    "localcommunity",
    "link",
    "setupstep",
    "setupsubstep",
)
EXTRA_PERMISSIONS = (("auth", "view_user"),)


def create_oversight_team(apps, schema_editor):
    for app_label in (*MANAGED_APPS, "auth"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=MANAGED_APPS, content_type__model__in=MANAGED_MODELS
        )
    )
    for app_label, codename in EXTRA_PERMISSIONS:
        team.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_oversight_team(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=OVERSIGHT_TEAM_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("onboarding", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_oversight_team, remove_oversight_team)]
