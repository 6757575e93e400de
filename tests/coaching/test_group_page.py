"""The actions agreed with the group on its own page: who owns each and by when, open ones
first, overdue ones said in words; marked done (with a note for the coach) by those who
may, and opened again."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from coaching.models import AgreedAction
from tests.coaching.conftest import TEAM_NOTES
from tests.factories import AgreedActionFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/my/groups/group-a/"


def done_url(action):
    return f"/en/my/groups/group-a/actions/{action.pk}/done/"


def test_the_group_page_lists_the_actions_open_first_with_owner_and_due_date(
    client, lead, check_in, owner
):
    today = timezone.localdate()
    done = AgreedActionFactory(
        check_in=check_in, owner=owner, description="Print flyers", done=True
    )
    later = AgreedActionFactory(
        check_in=check_in,
        owner=owner,
        description="Book the hall",
        due_on=today + datetime.timedelta(days=20),
    )
    sooner = AgreedActionFactory(
        check_in=check_in,
        owner=lead,
        description="Call the MEPs",
        due_on=today + datetime.timedelta(days=3),
    )
    client.force_login(lead)

    html = client.get(PAGE).content.decode()

    assert html.index("Call the MEPs") < html.index("Book the hall") < html.index("Print flyers")
    for action in (done, later, sooner):
        assert f'id="action-{action.pk}"' in html
    assert "Otto Owner (otto@example.org)" in html  # a lead reads the addresses
    assert f"due on {date_format(later.due_on)}" in html


def test_the_group_page_keeps_only_the_actions_done_lately_however_long_its_history(
    client, lead, check_in, owner
):
    lately = AgreedActionFactory(check_in=check_in, owner=owner, description="Lately", done=True)
    long_ago = AgreedActionFactory(
        check_in=check_in, owner=owner, description="Long ago", done=True
    )
    AgreedAction.objects.filter(pk=long_ago.pk).update(
        done_at=timezone.now() - datetime.timedelta(days=200)
    )
    client.force_login(lead)

    html = client.get(PAGE).content.decode()

    assert f'id="action-{lately.pk}"' in html
    assert f'id="action-{long_ago.pk}"' not in html


def test_an_overdue_action_is_said_to_be_overdue_in_words(client, owner, check_in):
    AgreedActionFactory(
        check_in=check_in, owner=owner, due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(owner)

    html = client.get(PAGE).content.decode()

    assert ">Overdue</span>" in html


def test_a_member_sees_the_actions_but_not_the_next_check_in_nor_the_reports(
    client, owner, action, lead
):
    other = MembershipFactory(group=action.check_in.group, role="member").user
    client.force_login(other)

    html = client.get(PAGE).content.decode()

    assert "Call the MEPs" in html
    assert "Otto Owner" in html and "otto@example.org" not in html
    assert "next check-in" not in html
    assert "/reports/" not in html
    # Neither the owner, nor a lead: nothing to mark.
    assert done_url(action) not in html


def test_the_leads_see_the_next_check_in_and_a_link_to_the_reports(client, lead, check_in):
    client.force_login(lead)

    html = client.get(PAGE).content.decode()

    assert "Your next check-in with the oversight team:" in html
    assert check_in.next_check_in_on.strftime("%Y") in html
    assert "/en/my/groups/group-a/reports/" in html


def test_an_owner_marks_their_action_done_with_a_note_for_the_coach(client, owner, action):
    client.force_login(owner)

    response = client.post(done_url(action), {f"action-{action.pk}-note": "They all answered."})

    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#action-{action.pk}"
    action.refresh_from_db()
    assert action.is_done and action.done_note == "They all answered."
    assert mail.outbox[0].to == ["coach@example.org"]
    html = client.get(PAGE).content.decode()
    assert "They all answered." in html and "marked by Otto Owner" in html


def test_a_lead_marks_a_members_action_done_and_opens_it_again(client, lead, action):
    client.force_login(lead)

    client.post(done_url(action))
    response = client.post(f"/en/my/groups/group-a/actions/{action.pk}/open-again/")

    assert response.status_code == 302
    action.refresh_from_db()
    assert not action.is_done


def test_a_note_too_long_is_refused_and_shown_again(client, owner, action):
    client.force_login(owner)

    response = client.post(done_url(action), {f"action-{action.pk}-note": "x" * 5001})

    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode().replace(",", "")
    assert not AgreedAction.objects.get(pk=action.pk).is_done


def test_an_action_done_already_in_another_tab_is_refused_in_words(client, owner, lead, action):
    client.force_login(lead)
    client.post(done_url(action))
    client.force_login(owner)

    response = client.post(done_url(action))

    assert response.status_code == 400
    assert "already marked done" in response.content.decode()


def test_the_teams_notes_never_show_on_the_group_page(client, lead, action):
    client.force_login(lead)

    assert TEAM_NOTES not in client.get(PAGE).content.decode()


def test_my_page_lists_the_open_actions_an_organizer_owns_with_their_place(client, owner, action):
    client.force_login(owner)

    response = client.get("/en/my/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "PauseAI A: Call the MEPs" in html
    assert f'href="{PAGE}#action-{action.pk}"' in html
    assert TEAM_NOTES not in html
