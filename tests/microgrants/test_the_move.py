"""The microgrant models moved from the groups app to their own without their data moving:
a database holding grants, budgets, approvals, files and history migrates across the move
and keeps them all, the oversight team keeps its permissions, and the history goes on
recording, once per change."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from microgrants.models import (
    MicrograntApproval,
    MicrograntBudgetLine,
    MicrograntEvent,
    MicrograntFile,
    MicrograntRequest,
)
from tests.conftest import oversight_team_group

# Back to before the move: unapplies the microgrants app too, which comes after it.
BEFORE = [("groups", "0016_public_name_choice")]
MOVE = (("groups", "0017_microgrants_move_to_their_own_app"), ("microgrants", "0001_initial"))


def sql_of(app_label: str, migration: str) -> list[str]:
    out = io.StringIO()
    call_command("sqlmigrate", app_label, migration, stdout=out)
    return [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line not in ("BEGIN;", "COMMIT;")
    ]


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor wants no open transaction
@pytest.mark.parametrize(("app_label", "migration"), MOVE)
def test_the_move_prints_no_sql(app_label, migration):
    assert sql_of(app_label, migration) == []


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_holding_microgrants_migrates_across_the_move_and_keeps_them_all(settings):
    team = oversight_team_group(settings)  # as the migrations made it (a test may have emptied it)
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    Group_ = old.get_model("groups", "NationalGroup")
    Request = old.get_model("groups", "MicrograntRequest")
    requester = User.objects.create(username="ann", email="ann@example.org")
    reviewer = User.objects.create(username="olga", email="olga@example.org", is_staff=True)
    group = Group_.objects.create(name_en="PauseAI Belgium", slug="belgium", country="BE")
    today = timezone.localdate()
    microgrant = Request.objects.create(
        group=group,
        requested_by=requester,
        title="Flyers",
        activity_kind="flyers",
        description="Five thousand flyers.",
        deliverables="Flyers handed out.",
        start_date=today,
        end_date=today + datetime.timedelta(days=30),
        amount_requested=Decimal("450.00"),
        payee_details="Ann, BE71 0961 2345 6769",
        status="submitted",
        submitted_at=timezone.now(),
    )
    old.get_model("groups", "MicrograntBudgetLine").objects.create(
        request=microgrant, item="Printing", amount=Decimal("450.00")
    )
    old.get_model("groups", "MicrograntApproval").objects.create(
        request=microgrant, approver=reviewer, amount=Decimal("450.00")
    )
    old.get_model("groups", "MicrograntEvent").objects.create(
        request=microgrant, actor=requester, from_status="draft", to_status="submitted"
    )
    old.get_model("groups", "MicrograntFile").objects.create(
        request=microgrant,
        kind="receipt",
        file="microgrants/2026/invoice.pdf",
        original_name="invoice.pdf",
        content_type="application/pdf",
        uploaded_by=requester,
    )
    permissions_before = set(team.permissions.values_list("codename", flat=True))
    on_postgresql = connection.vendor == "postgresql"
    changes_before = microgrant_changes(microgrant.pk) if on_postgresql else 0

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = MicrograntRequest.objects.get(pk=microgrant.pk)
    assert (moved.title, moved.group.slug, moved.requested_by.username) == (
        "Flyers",
        "belgium",
        "ann",
    )
    assert MicrograntBudgetLine.objects.get(request=moved).item == "Printing"
    assert MicrograntApproval.objects.get(request=moved).approver.username == "olga"
    assert MicrograntEvent.objects.get(request=moved).to_status == "submitted"
    assert MicrograntFile.objects.get(request=moved).file.name == "microgrants/2026/invoice.pdf"
    assert set(
        ContentType.objects.filter(model__startswith="microgrant").values_list(
            "app_label", flat=True
        )
    ) == {"microgrants"}
    assert set(team.permissions.values_list("codename", flat=True)) >= permissions_before
    assert team.permissions.filter(
        codename="change_micrograntrequest", content_type__app_label="microgrants"
    ).exists()
    if on_postgresql:
        # The history from before the move is there, and one change makes one row more.
        assert moved.changes.count() == changes_before
        moved.title = "Flyers and posters"
        moved.save()
        assert moved.changes.count() == changes_before + 1
        assert moved.changes.order_by("pgh_id").last().title == "Flyers and posters"
        assert history_triggers_on("groups_micrograntrequest") == 3


def microgrant_changes(pk) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM groups_micrograntrequestchange WHERE pgh_obj_id = %s", [pk]
        )
        return cursor.fetchone()[0]


def history_triggers_on(table) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        names = [row[0] for row in cursor.fetchall()]
    return sum(1 for name in names if re.match(r"pgtrigger_(insert|update|delete)_", name))


def test_the_oversight_team_has_its_microgrant_permissions_on_a_new_database(db, settings):
    team = Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP)

    assert set(
        Permission.objects.filter(group=team, content_type__app_label="microgrants").values_list(
            "codename", flat=True
        )
    ) == {
        "view_micrograntrequest",
        "change_micrograntrequest",
        "view_micrograntevent",
        "view_micrograntapproval",
        "view_micrograntbudgetline",
        "view_micrograntfile",
    }
