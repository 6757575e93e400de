"""The microgrant models, moved here from the groups app with their data where it was.

Django learns that this app holds them (state only: the tables keep their groups_…
names, and `manage.py sqlmigrate microgrants 0001` prints no SQL); their content types
move with them, so the oversight team keeps its permissions.
"""

import common.storage
import common.validators
import datetime
import django.db.models.deletion
import django.utils.timezone
import microgrants.models
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

MODELS = (
    "micrograntrequest",
    "micrograntbudgetline",
    "micrograntapproval",
    "micrograntevent",
    "micrograntfile",
    "micrograntrequestchange",
    "micrograntbudgetlinechange",
)
OVERSIGHT_TEAM_GROUP = "Oversight team"
# What the oversight team may do with microgrants (as groups/0006 gave it): requests
# change only through the review actions; the rest is read-only.
TEAM_PERMISSIONS = (
    "view_micrograntrequest",
    "change_micrograntrequest",
    "view_micrograntevent",
    "view_micrograntapproval",
    "view_micrograntbudgetline",
    "view_micrograntfile",
)


def move_content_types(apps, schema_editor, *, source="groups", target="microgrants"):
    """The models' content types (and so their permissions) follow them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="microgrants", target="groups")


def grant(apps, schema_editor):
    """The oversight team's permissions on microgrants, where the content types did not
    exist to move (a new database, or one a test emptied)."""
    app_config = apps.get_app_config("microgrants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name=OVERSIGHT_TEAM_GROUP)
    team.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="microgrants", codename__in=TEAM_PERMISSIONS
        )
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('groups', '0017_microgrants_move_to_their_own_app'),
        ('pghistory', '0007_auto_20250421_0444'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='MicrograntBudgetLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('item', models.CharField(max_length=200, validators=[common.validators.validate_text], verbose_name='item')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount')),
            ],
            options={
                'verbose_name': 'budget line',
                'verbose_name_plural': 'budget',
                'db_table': 'groups_micrograntbudgetline',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='MicrograntRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                ('title', models.CharField(max_length=200, validators=[common.validators.validate_text], verbose_name='title')),
                ('activity_kind', models.CharField(choices=[('launch_event', 'Launch event'), ('flyers', 'Flyers and materials'), ('website', 'Website'), ('workshop', 'Workshop'), ('lobbying', 'Lobbying'), ('media_outreach', 'Media outreach'), ('protest', 'Protest'), ('other', 'Other')], max_length=20, verbose_name='kind of activity')),
                ('description', models.TextField(validators=[common.validators.validate_multiline_text], verbose_name='description')),
                ('deliverables', models.TextField(help_text='What will exist or have happened when the project ends.', validators=[common.validators.validate_multiline_text], verbose_name='deliverables')),
                ('start_date', models.DateField(validators=[microgrants.models.validate_project_start], verbose_name='start date')),
                ('end_date', models.DateField(validators=[microgrants.models.validate_project_end], verbose_name='end date')),
                ('currency', models.CharField(choices=[('EUR', 'EUR'), ('USD', 'USD'), ('GBP', 'GBP'), ('NOK', 'NOK'), ('SEK', 'SEK'), ('DKK', 'DKK'), ('CHF', 'CHF'), ('PLN', 'PLN'), ('CZK', 'CZK'), ('HUF', 'HUF'), ('RON', 'RON'), ('BGN', 'BGN'), ('CAD', 'CAD'), ('AUD', 'AUD'), ('NZD', 'NZD'), ('JPY', 'JPY'), ('INR', 'INR'), ('BRL', 'BRL'), ('MXN', 'MXN'), ('ZAR', 'ZAR'), ('KES', 'KES'), ('NGN', 'NGN')], default='EUR', max_length=3, verbose_name='currency')),
                ('amount_requested', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount requested')),
                ('amount_approved', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, verbose_name='amount approved')),
                ('payment_method', models.CharField(choices=[('advance', 'Advance'), ('reimbursement', 'Reimbursement against receipts')], default='advance', max_length=16, verbose_name='payment')),
                ('payee_details', models.TextField(help_text='Name and bank account (IBAN) of who receives the money. Kept private.', validators=[common.validators.validate_multiline_text], verbose_name='payee details')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('more_info_needed', 'More information needed'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('letter_accepted', 'Grant letter accepted'), ('paid', 'Paid'), ('report_submitted', 'Report submitted'), ('closed', 'Closed')], default='draft', max_length=20, verbose_name='status')),
                ('language', models.CharField(choices=[('en', 'English'), ('nl', 'Dutch')], default='en', help_text="The requester's language, used for every message about this request.", max_length=8, verbose_name='language')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('letter_accepted_name', models.CharField(blank=True, max_length=200, validators=[common.validators.validate_text], verbose_name='letter accepted as')),
                ('letter_accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='letter accepted')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('payment_reference', models.CharField(blank=True, max_length=100, validators=[common.validators.validate_text], verbose_name='payment reference')),
                ('report_done', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='what was done against the deliverables')),
                ('report_numbers', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='numbers reached')),
                ('report_learnings', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='what worked, and what did not')),
                ('report_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='report submitted')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='microgrant_requests', to='groups.nationalgroup', verbose_name='national group')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='microgrant_requests', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'microgrant request',
                'verbose_name_plural': 'microgrant requests',
                'db_table': 'groups_micrograntrequest',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='MicrograntFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('receipt', 'Receipt'), ('report', 'Report attachment')], max_length=10, verbose_name='kind')),
                ('file', models.FileField(storage=common.storage.PrivateFileStorage(), upload_to='microgrants/%Y/', verbose_name='file')),
                ('original_name', models.CharField(max_length=255, validators=[common.validators.validate_text], verbose_name='file name')),
                ('content_type', models.CharField(max_length=50, validators=[common.validators.validate_text], verbose_name='type')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='files', to='microgrants.micrograntrequest')),
            ],
            options={
                'verbose_name': 'file',
                'verbose_name_plural': 'receipts and attachments',
                'db_table': 'groups_micrograntfile',
                'ordering': ['uploaded_at'],
            },
        ),
        migrations.CreateModel(
            name='MicrograntEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('more_info_needed', 'More information needed'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('letter_accepted', 'Grant letter accepted'), ('paid', 'Paid'), ('report_submitted', 'Report submitted'), ('closed', 'Closed')], max_length=20, verbose_name='from')),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('more_info_needed', 'More information needed'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('letter_accepted', 'Grant letter accepted'), ('paid', 'Paid'), ('report_submitted', 'Report submitted'), ('closed', 'Closed')], max_length=20, verbose_name='to')),
                ('note', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='note')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='microgrants.micrograntrequest')),
            ],
            options={
                'verbose_name': 'microgrant event',
                'verbose_name_plural': 'microgrant history',
                'db_table': 'groups_micrograntevent',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='MicrograntBudgetLineChange',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('item', models.CharField(max_length=200, validators=[common.validators.validate_text], verbose_name='item')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='microgrants.micrograntbudgetline')),
                ('request', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='microgrants.micrograntrequest', verbose_name='microgrant request')),
            ],
            options={
                'db_table': 'groups_micrograntbudgetlinechange',
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='micrograntbudgetline',
            name='request',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_lines', to='microgrants.micrograntrequest', verbose_name='microgrant request'),
        ),
        migrations.CreateModel(
            name='MicrograntApproval',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount approved')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                ('approver', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='approvals', to='microgrants.micrograntrequest')),
            ],
            options={
                'verbose_name': 'approval',
                'verbose_name_plural': 'approvals',
                'db_table': 'groups_micrograntapproval',
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='MicrograntRequestChange',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                ('title', models.CharField(max_length=200, validators=[common.validators.validate_text], verbose_name='title')),
                ('activity_kind', models.CharField(choices=[('launch_event', 'Launch event'), ('flyers', 'Flyers and materials'), ('website', 'Website'), ('workshop', 'Workshop'), ('lobbying', 'Lobbying'), ('media_outreach', 'Media outreach'), ('protest', 'Protest'), ('other', 'Other')], max_length=20, verbose_name='kind of activity')),
                ('description', models.TextField(validators=[common.validators.validate_multiline_text], verbose_name='description')),
                ('deliverables', models.TextField(help_text='What will exist or have happened when the project ends.', validators=[common.validators.validate_multiline_text], verbose_name='deliverables')),
                ('start_date', models.DateField(validators=[microgrants.models.validate_project_start], verbose_name='start date')),
                ('end_date', models.DateField(validators=[microgrants.models.validate_project_end], verbose_name='end date')),
                ('currency', models.CharField(choices=[('EUR', 'EUR'), ('USD', 'USD'), ('GBP', 'GBP'), ('NOK', 'NOK'), ('SEK', 'SEK'), ('DKK', 'DKK'), ('CHF', 'CHF'), ('PLN', 'PLN'), ('CZK', 'CZK'), ('HUF', 'HUF'), ('RON', 'RON'), ('BGN', 'BGN'), ('CAD', 'CAD'), ('AUD', 'AUD'), ('NZD', 'NZD'), ('JPY', 'JPY'), ('INR', 'INR'), ('BRL', 'BRL'), ('MXN', 'MXN'), ('ZAR', 'ZAR'), ('KES', 'KES'), ('NGN', 'NGN')], default='EUR', max_length=3, verbose_name='currency')),
                ('amount_requested', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount requested')),
                ('amount_approved', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, verbose_name='amount approved')),
                ('payment_method', models.CharField(choices=[('advance', 'Advance'), ('reimbursement', 'Reimbursement against receipts')], default='advance', max_length=16, verbose_name='payment')),
                ('payee_details', models.TextField(help_text='Name and bank account (IBAN) of who receives the money. Kept private.', validators=[common.validators.validate_multiline_text], verbose_name='payee details')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('more_info_needed', 'More information needed'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('letter_accepted', 'Grant letter accepted'), ('paid', 'Paid'), ('report_submitted', 'Report submitted'), ('closed', 'Closed')], default='draft', max_length=20, verbose_name='status')),
                ('language', models.CharField(choices=[('en', 'English'), ('nl', 'Dutch')], default='en', help_text="The requester's language, used for every message about this request.", max_length=8, verbose_name='language')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('letter_accepted_name', models.CharField(blank=True, max_length=200, validators=[common.validators.validate_text], verbose_name='letter accepted as')),
                ('letter_accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='letter accepted')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('payment_reference', models.CharField(blank=True, max_length=100, validators=[common.validators.validate_text], verbose_name='payment reference')),
                ('report_done', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='what was done against the deliverables')),
                ('report_numbers', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='numbers reached')),
                ('report_learnings', models.TextField(blank=True, validators=[common.validators.validate_multiline_text], verbose_name='what worked, and what did not')),
                ('report_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='report submitted')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('group', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='groups.nationalgroup', verbose_name='national group')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='changes', to='microgrants.micrograntrequest')),
                ('requested_by', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'db_table': 'groups_micrograntrequestchange',
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'submitted', 'in_review', 'more_info_needed', 'approved', 'rejected', 'withdrawn', 'letter_accepted', 'paid', 'report_submitted', 'closed'])), name='microgrant_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(('currency__in', ('EUR', 'USD', 'GBP', 'NOK', 'SEK', 'DKK', 'CHF', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'CAD', 'AUD', 'NZD', 'JPY', 'INR', 'BRL', 'MXN', 'ZAR', 'KES', 'NGN'))), name='microgrant_currency_valid'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(('amount_requested__gt', 0)), name='microgrant_amount_requested_positive', violation_error_message='The amount must be more than zero.'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(('amount_approved__isnull', True), models.Q(('amount_approved__gt', 0), ('amount_approved__lte', models.F('amount_requested'))), _connector='OR'), name='microgrant_approved_within_requested', violation_error_message='The approved amount must be more than zero and at most the amount requested.'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('start_date__isnull', True), models.Q(('start_date__gte', datetime.date(2000, 1, 1)), ('start_date__lte', datetime.date(2100, 12, 31))), _connector='OR'), models.Q(('end_date__isnull', True), models.Q(('end_date__gte', datetime.date(2000, 1, 1)), ('end_date__lte', datetime.date(2100, 12, 31))), _connector='OR'), models.Q(('paid_on__isnull', True), models.Q(('paid_on__gte', datetime.date(2000, 1, 1)), ('paid_on__lte', datetime.date(2100, 12, 31))), _connector='OR')), name='microgrant_dates_in_range'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='microgrant_ends_after_it_starts', violation_error_message='The end date cannot be before the start date.'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['approved', 'letter_accepted', 'paid', 'report_submitted', 'closed']), _negated=True), ('amount_approved__isnull', False), _connector='OR'), name='microgrant_granted_has_amount'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['letter_accepted', 'paid', 'report_submitted', 'closed']), _negated=True), models.Q(('letter_accepted_at__isnull', False), models.Q(('letter_accepted_name', ''), _negated=True)), _connector='OR'), name='microgrant_letter_accepted_by_name'),
        ),
        migrations.AddConstraint(
            model_name='micrograntrequest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['paid', 'report_submitted', 'closed']), _negated=True), models.Q(('paid_on__isnull', False), models.Q(('payment_reference', ''), _negated=True)), _connector='OR'), name='microgrant_paid_has_date_and_reference'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntrequest',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_micrograntrequestchange" ("activity_kind", "amount_approved", "amount_requested", "created_at", "currency", "deliverables", "description", "end_date", "group_id", "id", "language", "letter_accepted_at", "letter_accepted_name", "paid_on", "payee_details", "payment_method", "payment_reference", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_done", "report_learnings", "report_numbers", "report_submitted_at", "requested_by_id", "start_date", "status", "submitted_at", "title", "updated_at", "version") VALUES (NEW."activity_kind", NEW."amount_approved", NEW."amount_requested", NEW."created_at", NEW."currency", NEW."deliverables", NEW."description", NEW."end_date", NEW."group_id", NEW."id", NEW."language", NEW."letter_accepted_at", NEW."letter_accepted_name", NEW."paid_on", NEW."payee_details", NEW."payment_method", NEW."payment_reference", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."report_done", NEW."report_learnings", NEW."report_numbers", NEW."report_submitted_at", NEW."requested_by_id", NEW."start_date", NEW."status", NEW."submitted_at", NEW."title", NEW."updated_at", NEW."version"); RETURN NULL;', hash='3b2ed74590a2affe9d30ba7f8d947a89ef66fcff', operation='INSERT', pgid='pgtrigger_insert_insert_e6e87', table='groups_micrograntrequest', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntrequest',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "groups_micrograntrequestchange" ("activity_kind", "amount_approved", "amount_requested", "created_at", "currency", "deliverables", "description", "end_date", "group_id", "id", "language", "letter_accepted_at", "letter_accepted_name", "paid_on", "payee_details", "payment_method", "payment_reference", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_done", "report_learnings", "report_numbers", "report_submitted_at", "requested_by_id", "start_date", "status", "submitted_at", "title", "updated_at", "version") VALUES (NEW."activity_kind", NEW."amount_approved", NEW."amount_requested", NEW."created_at", NEW."currency", NEW."deliverables", NEW."description", NEW."end_date", NEW."group_id", NEW."id", NEW."language", NEW."letter_accepted_at", NEW."letter_accepted_name", NEW."paid_on", NEW."payee_details", NEW."payment_method", NEW."payment_reference", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."report_done", NEW."report_learnings", NEW."report_numbers", NEW."report_submitted_at", NEW."requested_by_id", NEW."start_date", NEW."status", NEW."submitted_at", NEW."title", NEW."updated_at", NEW."version"); RETURN NULL;', hash='2a44095ec6ce942fca59f385fcf2652c670880e2', operation='UPDATE', pgid='pgtrigger_update_update_7da97', table='groups_micrograntrequest', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntrequest',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_micrograntrequestchange" ("activity_kind", "amount_approved", "amount_requested", "created_at", "currency", "deliverables", "description", "end_date", "group_id", "id", "language", "letter_accepted_at", "letter_accepted_name", "paid_on", "payee_details", "payment_method", "payment_reference", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_done", "report_learnings", "report_numbers", "report_submitted_at", "requested_by_id", "start_date", "status", "submitted_at", "title", "updated_at", "version") VALUES (OLD."activity_kind", OLD."amount_approved", OLD."amount_requested", OLD."created_at", OLD."currency", OLD."deliverables", OLD."description", OLD."end_date", OLD."group_id", OLD."id", OLD."language", OLD."letter_accepted_at", OLD."letter_accepted_name", OLD."paid_on", OLD."payee_details", OLD."payment_method", OLD."payment_reference", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."report_done", OLD."report_learnings", OLD."report_numbers", OLD."report_submitted_at", OLD."requested_by_id", OLD."start_date", OLD."status", OLD."submitted_at", OLD."title", OLD."updated_at", OLD."version"); RETURN NULL;', hash='b50df75774de510ac142641f20162991d7756382', operation='DELETE', pgid='pgtrigger_delete_delete_b9db5', table='groups_micrograntrequest', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='micrograntfile',
            constraint=models.CheckConstraint(condition=models.Q(('content_type__in', ['application/pdf', 'image/png', 'image/jpeg'])), name='microgrant_file_type_allowed'),
        ),
        migrations.AddConstraint(
            model_name='micrograntfile',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['receipt', 'report'])), name='microgrant_file_kind_valid'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntbudgetlinechange',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='afb28c724c679d7f8fdac79f68e09f04a36997e9', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_6c6a1', table='groups_micrograntbudgetlinechange', when='BEFORE')),
        ),
        migrations.AddConstraint(
            model_name='micrograntbudgetline',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='budget_line_amount_positive', violation_error_message='The amount must be more than zero.'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntbudgetline',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_micrograntbudgetlinechange" ("amount", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "request_id") VALUES (NEW."amount", NEW."id", NEW."item", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."request_id"); RETURN NULL;', hash='5dbf77e9ab828e6c2b54edbfea22e4e3f6a458d4', operation='INSERT', pgid='pgtrigger_insert_insert_d95ab', table='groups_micrograntbudgetline', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntbudgetline',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "groups_micrograntbudgetlinechange" ("amount", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "request_id") VALUES (NEW."amount", NEW."id", NEW."item", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."request_id"); RETURN NULL;', hash='35ea94cf7004e1b57405891e66336730659c5893', operation='UPDATE', pgid='pgtrigger_update_update_bb675', table='groups_micrograntbudgetline', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntbudgetline',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "groups_micrograntbudgetlinechange" ("amount", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "request_id") VALUES (OLD."amount", OLD."id", OLD."item", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."request_id"); RETURN NULL;', hash='b01c627e5fb95e6a308e61b10a7e5bd011979eb3', operation='DELETE', pgid='pgtrigger_delete_delete_d6ccd', table='groups_micrograntbudgetline', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='micrograntapproval',
            constraint=models.UniqueConstraint(fields=('request', 'approver'), name='one_approval_per_approver'),
        ),
        migrations.AddConstraint(
            model_name='micrograntapproval',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='approval_amount_positive'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='micrograntrequestchange',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='1adf43a65ce1d5b7b32a01e0c0af74a9c3f6d67e', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_11239', table='groups_micrograntrequestchange', when='BEFORE')),
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
