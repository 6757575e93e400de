"""Let the oversight team read the outbox in the admin and send a message again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OVERSIGHT_TEAM_GROUP = "Oversight team"
PERMISSIONS = ("view_outboxmessage", "change_outboxmessage")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("outbox")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(content_type__app_label="outbox", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team = Group.objects.filter(name=OVERSIGHT_TEAM_GROUP).first()
    if team:
        team.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="outbox", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("groups", "0002_oversight_team_permission_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
