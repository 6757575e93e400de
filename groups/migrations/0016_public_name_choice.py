"""Organizers choose whether their public name is shown (Membership.public_name_shown).

One new column, on the membership and on its history (the triggers that copy every
change to groups_membershipchange are recreated with it); then whoever has a public
name today keeps being named as today.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


def keep_todays_names(apps, schema_editor):
    """Until now a public name given in the admin meant "name me when I am a lead": it
    counts as the choice to be shown. Rows without one stay undecided (the role decides)."""
    Membership = apps.get_model("groups", "Membership")
    Membership.objects.exclude(public_name="").update(public_name_shown=True)


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0015_map_positions_and_adjacent_communities'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='membership',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='membership',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='membership',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='membership',
            name='public_name_shown',
            field=models.BooleanField(blank=True, help_text="Empty: as the role has it (a national lead's name is shown, other leads' are not). The organizer chooses on their group's page; members are never named.", null=True, verbose_name='name shown publicly'),
        ),
        migrations.AddField(
            model_name='membershipchange',
            name='public_name_shown',
            field=models.BooleanField(blank=True, help_text="Empty: as the role has it (a national lead's name is shown, other leads' are not). The organizer chooses on their group's page; members are never named.", null=True, verbose_name='name shown publicly'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='membership',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_membershipchange" ("discord_username", "group_id", "id", "joined_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_name", "public_name_shown", "role", "updated_at", "user_id") VALUES (NEW."discord_username", NEW."group_id", NEW."id", NEW."joined_on", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."public_name", NEW."public_name_shown", NEW."role", NEW."updated_at", NEW."user_id"); RETURN NULL;', hash='aef104ea3a48b86dd7ff595343c975bf47244b53', operation='INSERT', pgid='pgtrigger_insert_insert_de82e', table='groups_membership', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='membership',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "groups_membershipchange" ("discord_username", "group_id", "id", "joined_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_name", "public_name_shown", "role", "updated_at", "user_id") VALUES (NEW."discord_username", NEW."group_id", NEW."id", NEW."joined_on", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."public_name", NEW."public_name_shown", NEW."role", NEW."updated_at", NEW."user_id"); RETURN NULL;', hash='114cd68bea8f226134b617ea5157f264000ce0c2', operation='UPDATE', pgid='pgtrigger_update_update_e3575', table='groups_membership', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='membership',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_membershipchange" ("discord_username", "group_id", "id", "joined_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_name", "public_name_shown", "role", "updated_at", "user_id") VALUES (OLD."discord_username", OLD."group_id", OLD."id", OLD."joined_on", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."public_name", OLD."public_name_shown", OLD."role", OLD."updated_at", OLD."user_id"); RETURN NULL;', hash='45c4d708b2e5bd7538e32dcf713c4e82cdf7d0e8', operation='DELETE', pgid='pgtrigger_delete_delete_5e7a8', table='groups_membership', when='AFTER')),
        ),
        migrations.RunPython(keep_todays_names, migrations.RunPython.noop),
    ]
