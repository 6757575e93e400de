"""The microgrant models leave the groups app for their own (microgrants/), their data
staying where it is: only Django's idea of which app holds them changes. The tables keep
their names (Meta.db_table), so this prints no SQL (`manage.py sqlmigrate groups 0017`).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0016_public_name_choice'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='micrograntbudgetline',
                name='request',
            ),
            migrations.RemoveField(
                model_name='micrograntbudgetlinechange',
                name='pgh_obj',
            ),
            migrations.RemoveField(
                model_name='micrograntbudgetlinechange',
                name='pgh_context',
            ),
            migrations.RemoveField(
                model_name='micrograntbudgetlinechange',
                name='request',
            ),
            migrations.RemoveField(
                model_name='micrograntevent',
                name='actor',
            ),
            migrations.RemoveField(
                model_name='micrograntevent',
                name='request',
            ),
            migrations.RemoveField(
                model_name='micrograntfile',
                name='request',
            ),
            migrations.RemoveField(
                model_name='micrograntfile',
                name='uploaded_by',
            ),
            migrations.RemoveField(
                model_name='micrograntrequest',
                name='group',
            ),
            migrations.RemoveField(
                model_name='micrograntrequest',
                name='requested_by',
            ),
            migrations.RemoveField(
                model_name='micrograntrequestchange',
                name='pgh_obj',
            ),
            migrations.RemoveField(
                model_name='micrograntrequestchange',
                name='group',
            ),
            migrations.RemoveField(
                model_name='micrograntrequestchange',
                name='pgh_context',
            ),
            migrations.RemoveField(
                model_name='micrograntrequestchange',
                name='requested_by',
            ),
            migrations.DeleteModel(
                name='MicrograntApproval',
            ),
            migrations.DeleteModel(
                name='MicrograntBudgetLine',
            ),
            migrations.DeleteModel(
                name='MicrograntBudgetLineChange',
            ),
            migrations.DeleteModel(
                name='MicrograntEvent',
            ),
            migrations.DeleteModel(
                name='MicrograntFile',
            ),
            migrations.DeleteModel(
                name='MicrograntRequest',
            ),
            migrations.DeleteModel(
                name='MicrograntRequestChange',
            ),
            ],
            database_operations=[],
        ),
    ]
