"""French puts a no-break space before : ; ? ! and inside « », so that a line never
breaks before them: on every French page and in every French email, in the catalogue's
sentences and around them (a colon after a translated label, a greeting's mark).

The pages are read as a visitor sees them (their text, and the placeholders, titles and
labels a screen reader reads); the messages as they are sent, subject and body."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core import mail

from common.emails import BREAKING_SPACE
from groups.emails import send_invitation
from groups.models import Link
from microgrants.services import (
    microgrant_approve,
    microgrant_request_info,
    microgrant_start_review,
    microgrant_submit,
)
from onboarding.services import (
    application_request_info,
    application_start_review,
    application_submit,
    checklist_tick,
)
from tests.conftest import make_oversight_member
from tests.factories import (
    CommunityMembershipFactory,
    GroupApplicationFactory,
    InvitationFactory,
    LinkFactory,
    LocalCommunityFactory,
    MembershipFactory,
    MicrograntRequestFactory,
    NationalGroupFactory,
    SetupSubStepFactory,
    UserFactory,
)
from tests.microgrants.helpers import BUDGET

pytestmark = pytest.mark.django_db

NO_BREAK = "\u00a0\u202f"
# What is not prose: addresses (web and mail), and times (10:30).
# Tags and placeholders in the catalogue's sentences.
MARKUP = re.compile(r"<[^>]+>|%\(\w+\)[sd]|%s|&\w+;")
NOT_PROSE = re.compile(r"\S+://\S*|mailto:\S+|[\w.+-]+@[\w.-]+|\d+:\d+")
FAULT = re.compile(
    rf"(?<![{NO_BREAK}])[:;?!»]"  # no no-break space before the mark
    rf"|«(?![{NO_BREAK}])"  # nor after the opening quote
)


def typography_faults(text: str) -> list[str]:
    """Each mark French wants a no-break space beside that has none, in its context."""
    prose = NOT_PROSE.sub("…", text)
    return [
        prose[max(0, fault.start() - 40) : fault.end() + 10].strip()
        for fault in FAULT.finditer(prose)
    ]


class VisibleText(HTMLParser):
    """A page's text as a visitor reads it, and what a screen reader reads in its
    attributes; scripts and styles aside."""

    READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if value and (
                name in self.READ_ATTRIBUTES or (name == "value" and ("type", "submit") in attrs)
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    # Runs of white space folded, the no-break spaces kept (str.split() and str.strip()
    # would take them too).
    texts = (BREAKING_SPACE.sub(" ", part).strip(" ") for part in parser.parts)
    return [text for text in texts if text]


def page_faults(client, path: str, **headers) -> list[str]:
    response = client.get(path, headers=headers)
    # allauth answers a failed third-party login with 401, an unknown page is a 404.
    assert response.status_code in (200, 401, 404), (path, response.status_code)
    return [
        f"{path}: {fault}"
        for text in visible_texts(response.content.decode())
        for fault in typography_faults(text)
    ]


def mail_faults(messages) -> list[str]:
    return [
        f"email “{message.subject}”: {fault}"
        for message in messages
        for fault in typography_faults(message.subject) + typography_faults(message.body)
    ]


def test_the_checker_finds_what_french_typography_forbids():
    assert typography_faults("Statut : Active") == ["Statut : Active"]
    assert typography_faults("Statut: Active") == ["Statut: Active"]
    assert typography_faults("Bonjour !") == ["Bonjour !"]
    assert len(typography_faults("« Paris »")) == 2
    assert len(typography_faults("Statut\u00a0: Active ; «\u00a0Paris\u00a0» ?")) == 2
    assert typography_faults("Statut\u00a0: à 10:30, https://pauseai.info/?a=1") == []
    assert typography_faults("«\u00a0Paris\u00a0»\u00a0! Écrivez à ann@example.org\u00a0!") == []


@pytest.fixture
def week(settings):
    """A French organizer's week: her group with a community and its links, a request in
    each of its stages, an invitation, and the oversight team."""
    reviewer = make_oversight_member(settings, username="olga", email="olga@pauseai.info")
    group = NationalGroupFactory(country="BE", slug="belgique", name_fr="PauseAI Belgique")
    lead = MembershipFactory(
        group=group, role="national_lead", user__email="camille@example.org"
    ).user
    community = LocalCommunityFactory(
        national_group=group, name="PauseAI Liège", city="Liège", latitude=50.63, longitude=5.57
    )
    CommunityMembershipFactory(community=community, user=lead)
    LinkFactory(national_group=group, kind=Link.Kind.DISCORD, url="https://discord.gg/abc")
    LinkFactory(community=community, kind=Link.Kind.WEBSITE, url="https://example.org/liege")
    sub_steps = [SetupSubStepFactory(step__number=number, number=1) for number in range(1, 4)]
    checklist_tick(
        national_group=group,
        step=sub_steps[0].step,
        sub_step=sub_steps[0],
        user=lead,
        evidence="https://discord.com/channels/1/2/3",
    )
    application = GroupApplicationFactory(applicant=lead, country="LU", language="fr")
    application_start_review(application=application, reviewer=reviewer)
    application_request_info(
        application=application, reviewer=reviewer, message="Qui d'autre\u00a0?"
    )
    microgrants = {
        status: MicrograntRequestFactory(
            group=group, requested_by=lead, status=status, language="fr"
        )
        for status in ("draft", "more_info_needed", "approved", "letter_accepted", "paid")
    }
    invitation = InvitationFactory(group=group, invited_by=lead, email="bob@example.org")
    return {
        "reviewer": reviewer,
        "group": group,
        "lead": lead,
        "community": community,
        "microgrants": microgrants,
        "invitation": invitation,
    }


def test_french_public_and_account_pages_keep_their_marks_with_their_words(client, week):
    group, community = week["group"], week["community"]
    paths = [
        "/fr/",
        "/fr/national-groups/",
        f"/fr/national-groups/{group.slug}/",
        "/fr/communities/",
        "/fr/microgrants/",
        "/fr/accounts/login/",
        "/fr/accounts/signup/",
        "/fr/accounts/password/reset/",
        "/fr/accounts/password/reset/done/",
        "/fr/accounts/password/reset/key/done/",
        "/fr/accounts/confirm-email/",
        "/fr/accounts/inactive/",
        "/fr/accounts/3rdparty/login/cancelled/",
        "/fr/accounts/3rdparty/login/error/",
        f"/fr/invitations/{week['invitation'].token}/",
        "/fr/no-such-page/",
    ]
    faults = [fault for path in paths for fault in page_faults(client, path)]

    client.force_login(week["lead"])
    slug = group.slug
    paths = [
        "/fr/my/",
        "/fr/my/name/",
        f"/fr/my/groups/{slug}/",
        f"/fr/my/groups/{slug}/profile/",
        f"/fr/my/groups/{slug}/setup/",
        f"/fr/my/groups/{slug}/communities/add/",
        f"/fr/my/groups/{slug}/communities/{community.pk}/",
        f"/fr/my/groups/{slug}/communities/{community.pk}/organizers/",
        f"/fr/invitations/{week['invitation'].token}/",
        f"/fr/my/groups/{slug}/microgrants/",
        f"/fr/my/groups/{slug}/microgrants/new/",
        *(
            f"/fr/my/groups/{slug}/microgrants/{microgrant.pk}/"
            for microgrant in week["microgrants"].values()
        ),
        f"/fr/my/groups/{slug}/microgrants/{week['microgrants']['approved'].pk}/letter/",
        f"/fr/my/groups/{slug}/microgrants/{week['microgrants']['paid'].pk}/report/",
        "/fr/accounts/email/",
        "/fr/accounts/password/change/",
        "/fr/accounts/2fa/",
        "/fr/accounts/reauthenticate/",
        "/fr/accounts/3rdparty/",
        "/fr/apply/",
        "/fr/accounts/logout/",
    ]
    faults += [fault for path in paths for fault in page_faults(client, path)]

    assert faults == []


def test_french_emails_keep_their_marks_with_their_words(client, week):
    reviewer, lead = week["reviewer"], week["lead"]
    # allauth's: a sign-up's confirmation, an address already taken, password resets.
    for email in ("dominique@example.org", "camille@example.org"):
        client.post(
            "/fr/accounts/signup/",
            {
                "full_name": "Dominique",
                "email": email,
                "password1": "une phrase de passe longue",
                "password2": "une phrase de passe longue",
            },
        )
    for email in ("camille@example.org", "personne@example.org"):
        client.post("/fr/accounts/password/reset/", {"email": email})
    # The site's: an invitation, an application's steps, a request's.
    send_invitation(week["invitation"], language="fr")
    applicant = UserFactory(email="eve@example.org")
    application = application_submit(
        applicant=applicant,
        language="fr",
        country="LU",
        proposed_name="PauseAI Luxembourg",
        discord_project_url="https://discord.com/channels/1/2/3",
        plans="Une soirée de lancement.",
        co_organizer_emails="",
        existing_presence="",
        applicant_role="Responsable",
        agrees_to_strategy=True,
    )
    application_start_review(application=application, reviewer=reviewer)
    application_request_info(
        application=application, reviewer=reviewer, message="Qui êtes-vous\u00a0?"
    )
    draft = week["microgrants"]["draft"]
    microgrant_submit(microgrant=draft, user=lead)
    microgrant_start_review(microgrant=draft, reviewer=reviewer)
    microgrant_request_info(microgrant=draft, reviewer=reviewer, note="Combien de tracts\u00a0?")
    microgrant = MicrograntRequestFactory(
        group=week["group"], requested_by=lead, status="in_review", language="fr"
    )
    microgrant_approve(microgrant=microgrant, reviewer=reviewer, amount=microgrant.amount_requested)

    # The oversight team's notifications are in the site's language, English.
    french = [message for message in mail.outbox if message.to != [reviewer.email]]
    assert len(french) >= 8, [message.subject for message in french]
    assert mail_faults(french) == []


def test_the_french_budget_page_of_the_admin_keeps_its_marks_with_their_words(
    oversight_client,
):
    """The admin speaks the language of the team member's browser."""
    MicrograntRequestFactory(status="paid", language="fr")

    faults = page_faults(oversight_client, BUDGET, accept_language="fr")

    assert faults == []


def catalogue(language: str):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as catalog_file:
        return [message for message in read_po(catalog_file) if message.id and message.string]


def translations(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_french_sentence_of_the_catalogue_keeps_its_marks_with_their_words():
    """What the pages above do not show (an error, a rare email) is checked in the
    catalogue itself: markup and placeholders aside."""
    faults = [
        f"{message.id!r}: {fault}"
        for message in catalogue("fr")
        for text in translations(message)
        for fault in typography_faults(MARKUP.sub("…", text))
    ]

    assert faults == []


def test_german_quotes_open_low_and_close_high():
    """„Gruppe“, never “Gruppe” or "Gruppe"."""
    wrong = [
        message.id
        for message in catalogue("de")
        for text in translations(message)
        if re.search(r'(^|[\s(])[“"”]\w', MARKUP.sub("…", text))
    ]

    assert wrong == []
