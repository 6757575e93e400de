"""The history triggers of requests and budget lines, under this app's names.

django-pgtrigger names a trigger after its model's app ("pgtrigger_insert_insert_"
+ a hash of "groups.MicrograntRequest:insert_insert"). The move (0001) left the
triggers in the database under their groups names, recording as before; here they
are dropped and installed again as this app declares them, in one transaction, so
no change goes unrecorded and none is recorded twice. PostgreSQL only: SQLite has
no history triggers.
"""

import hashlib

from django.db import migrations
from pgtrigger.migrations import _add_trigger

# The tables, with the model each trigger was declared on and the triggers' names.
TRIGGERS = {
    "groups_micrograntrequest": ("MicrograntRequest", ("insert_insert", "update_update", "delete_delete")),
    "groups_micrograntbudgetline": ("MicrograntBudgetLine", ("insert_insert", "update_update", "delete_delete")),
    "groups_micrograntrequestchange": ("MicrograntRequestChange", ("append_only",)),
    "groups_micrograntbudgetlinechange": ("MicrograntBudgetLineChange", ("append_only",)),
}


def pgid(app_label: str, model: str, name: str) -> str:
    """django-pgtrigger's name for a trigger and its function (Trigger.get_pgid)."""
    digest = hashlib.sha1(f"{app_label}.{model}:{name}".encode()).hexdigest()[:5]
    return f"pgtrigger_{name}_{digest}"


def install_under_this_app(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (model_name, names) in TRIGGERS.items():
        for name in names:
            old = pgid("groups", model_name, name)
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{old}" ON "{table}"')
            schema_editor.execute(f'DROP FUNCTION IF EXISTS "{old}"()')
        model = apps.get_model("microgrants", model_name)
        for trigger in model._meta.triggers:
            _add_trigger(schema_editor, model, trigger)


class Migration(migrations.Migration):
    # The triggers' names and functions change together, or not at all.
    atomic = True

    dependencies = [("microgrants", "0001_initial")]

    operations = [
        # Backwards the triggers stay as they are: they record the same under either name.
        migrations.RunPython(install_under_this_app, migrations.RunPython.noop),
    ]
