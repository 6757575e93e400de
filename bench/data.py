"""The benchmark's data set, on top of load_content's real groups, communities and guide:
249 active national groups (one per country), 255 dissolved ones, 5,000 local
communities, three public links per added group and one per added community (as the
real ones have them), and 1,000 microgrant requests. Seeded, so every run builds the
same rows."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone, translation
from django_countries import countries

from coaching.models import ActivityReport, AgreedAction, CheckIn, CheckInParticipant
from coaching.periods import period_to_report
from groups.models import Link, LocalCommunity, Membership, NationalGroup
from groups.website import PLACEHOLDERS
from microgrants.models import MicrograntRequest

ACTIVE_GROUPS = 249
DISSOLVED_GROUPS = 255
COMMUNITIES = 5_000
MICROGRANT_REQUESTS = 1_000
ORGANIZERS = 50
# The group whose page is measured: a real one (load_content's), with many communities.
DETAIL_GROUP_COUNTRY = "NL"
# The oversight-team account the admin is measured as (bench_run logs it in).
OVERSIGHT_USERNAME = "bench-oversight"

CITY_STARTS = ("Ber", "Ams", "Lis", "Nor", "Wes", "Ash", "Lin", "Mar", "Ros", "Kin", "Val", "San")
CITY_ENDS = ("ton", "burg", "ville", "stad", "dorf", "haven", "field", "grad", "polis", "mouth")
STATUS = MicrograntRequest.Status
# The kinds of a community's one link, as often as the PauseAI website's communities
# have them (groups/content/pauseai-website/): PauseAI's mostly a Discord, some a page of
# their national group's website, a few a WhatsApp or Telegram group; other
# organisations' mostly a website of their own, a few a Facebook group.
PAUSEAI_COMMUNITY_LINK_KINDS = {
    Link.Kind.DISCORD: 60,
    Link.Kind.WEBSITE: 25,
    Link.Kind.WHATSAPP: 10,
    Link.Kind.TELEGRAM: 5,
}
ADJACENT_COMMUNITY_LINK_KINDS = {Link.Kind.WEBSITE: 85, Link.Kind.FACEBOOK: 15}
# Most of the website's communities with a Discord link share PauseAI Global's server.
SHARED_DISCORD = PLACEHOLDERS["$$DISCORD_GLOBAL$$"]
INVITE_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def build(*, seed: int = 2025) -> dict[str, int]:
    """Add the synthetic rows; returns what the tables hold afterwards."""
    rng = random.Random(seed)
    with transaction.atomic():
        add_active_groups(rng)
        add_dissolved_groups(rng)
        add_community_links(rng, add_communities(rng))
        add_microgrant_requests(rng)
        add_oversight_member()
        add_coaching(rng)
    # As autovacuum would soon after: the planner's statistics of the tables just filled.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "active groups": NationalGroup.objects.filter(status=NationalGroup.Status.ACTIVE).count(),
        "dissolved groups": NationalGroup.objects.filter(
            status=NationalGroup.Status.DISSOLVED
        ).count(),
        "communities": LocalCommunity.objects.count(),
        "links": Link.objects.count(),
        "microgrant requests": MicrograntRequest.objects.count(),
        "check-ins": CheckIn.objects.count(),
        "agreed actions": AgreedAction.objects.count(),
        "activity reports": ActivityReport.objects.count(),
    }


def country_name(code: str) -> str:
    with translation.override("en"):
        return str(countries.name(code))


def coordinates(rng: random.Random) -> dict[str, Decimal]:
    return {
        "latitude": Decimal(f"{rng.uniform(-55, 70):.6f}"),
        "longitude": Decimal(f"{rng.uniform(-180, 180):.6f}"),
    }


def synthetic_group(rng: random.Random, code: str, slug: str, status: str) -> NationalGroup:
    name = f"PauseAI {country_name(code)}"
    description = f"The national PauseAI group of {country_name(code)}. " * rng.randint(2, 6)
    return NationalGroup(
        slug=slug,
        country=code,
        status=status,
        name=name,
        name_en=name,
        name_nl=f"{name} (nl)",
        name_fr=f"{name} (fr)",
        name_de=f"{name} (de)",
        description=description,
        description_en=description,
        description_nl=f"De nationale PauseAI-groep van {country_name(code)}.",
        description_fr=f"Le groupe national PauseAI ({country_name(code)}).",
        description_de=f"Die nationale PauseAI-Gruppe ({country_name(code)}).",
        founded_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 700)),
        **(coordinates(rng) if status == NationalGroup.Status.ACTIVE else {}),
    )


def add_links(groups: list[NationalGroup]) -> None:
    """Three public links per group: a website, X and Instagram."""
    Link.objects.bulk_create(
        Link(national_group=group, kind=kind, url=url)
        for group in groups
        for kind, url in (
            (Link.Kind.WEBSITE, f"https://{group.slug}.example.org/"),
            (Link.Kind.X, f"https://x.com/{group.slug.replace('-', '_')}"),
            (Link.Kind.INSTAGRAM, f"https://instagram.com/{group.slug.replace('-', '_')}"),
        )
    )


def add_active_groups(rng: random.Random) -> None:
    """An active group for every country that has no live group yet: 249 in all."""
    live = set(NationalGroup.objects.not_dissolved().values_list("country", flat=True))
    NationalGroup.objects.filter(country__in=live).update(status=NationalGroup.Status.ACTIVE)
    groups = NationalGroup.objects.bulk_create(
        synthetic_group(rng, code, f"bench-{code.lower()}", NationalGroup.Status.ACTIVE)
        for code, _name in countries
        if code not in live
    )
    add_links(groups)


def add_dissolved_groups(rng: random.Random) -> None:
    """Dissolved groups, which may share a country with each other and a live group."""
    codes = [code for code, _name in countries]
    groups = NationalGroup.objects.bulk_create(
        synthetic_group(
            rng, code, f"bench-{code.lower()}-dissolved-{number}", NationalGroup.Status.DISSOLVED
        )
        for number, code in enumerate(rng.choices(codes, k=DISSOLVED_GROUPS), start=1)
    )
    add_links(groups)


def add_communities(rng: random.Random) -> list[LocalCommunity]:
    """Communities in the active groups' countries up to 5,000: most under their country's
    group, some coordinated by PauseAI Global, a few inactive or another organisation's."""
    groups = list(NationalGroup.objects.filter(status=NationalGroup.Status.ACTIVE))
    communities = []
    for number in range(COMMUNITIES - LocalCommunity.objects.count()):
        group = rng.choice(groups)
        city = f"{rng.choice(CITY_STARTS)}{rng.choice(CITY_ENDS)} {number}"
        adjacent = rng.random() < 0.03
        coordinated_by_global = adjacent or rng.random() < 0.1
        communities.append(
            LocalCommunity(
                name=f"AI Safety {city}" if adjacent else f"PauseAI {city}",
                city=city,
                country=group.country,
                national_group=None if coordinated_by_global else group,
                kind=LocalCommunity.Kind.ADJACENT if adjacent else LocalCommunity.Kind.PAUSEAI,
                status=(
                    LocalCommunity.Status.INACTIVE
                    if rng.random() < 0.05
                    else LocalCommunity.Status.ACTIVE
                ),
                **coordinates(rng),
            )
        )
    return LocalCommunity.objects.bulk_create(communities)


def community_link(rng: random.Random, community: LocalCommunity) -> Link:
    """A community's one public link, of a kind as often as real communities have it."""
    adjacent = community.kind == LocalCommunity.Kind.ADJACENT
    weights = ADJACENT_COMMUNITY_LINK_KINDS if adjacent else PAUSEAI_COMMUNITY_LINK_KINDS
    [kind] = rng.choices(list(weights), weights=list(weights.values()))
    place = community.city.lower().replace(" ", "-")
    invite = "".join(rng.choices(INVITE_CHARACTERS, k=22))
    url = {
        Link.Kind.DISCORD: SHARED_DISCORD
        if rng.random() < 0.6
        else f"https://discord.gg/{invite[:10]}",
        Link.Kind.WEBSITE: (
            f"https://{place}.aisafety.example.org/"
            if adjacent
            else f"https://pauseai-{community.country.code.lower()}.example.org/{place}/"
        ),
        Link.Kind.WHATSAPP: f"https://chat.whatsapp.com/{invite}",
        Link.Kind.TELEGRAM: f"https://t.me/pauseai_{place.replace('-', '_')}",
        Link.Kind.FACEBOOK: f"https://facebook.com/groups/aisafety.{place}",
    }[kind]
    return Link(community=community, kind=kind, url=url)


def add_community_links(rng: random.Random, communities: list[LocalCommunity]) -> None:
    """One public link per added community: mostly a chat or a website (community_link)."""
    Link.objects.bulk_create(community_link(rng, community) for community in communities)


def microgrant_status_fields(status: str, amount: Decimal, rng: random.Random) -> dict:
    """The fields the database asks of a request in this status (MICROGRANT_CONSTRAINTS)."""
    now = timezone.now()
    fields = {"status": status}
    if status != STATUS.DRAFT:
        fields["submitted_at"] = now - datetime.timedelta(days=rng.randint(1, 300))
    if status in MicrograntRequest.GRANTED:
        fields["amount_approved"] = amount
    if status in (STATUS.LETTER_ACCEPTED, STATUS.PAID, STATUS.REPORT_SUBMITTED, STATUS.CLOSED):
        fields["letter_accepted_name"] = "Ann Organizer"
        fields["letter_accepted_at"] = now
    if status in (STATUS.PAID, STATUS.REPORT_SUBMITTED, STATUS.CLOSED):
        fields["paid_on"] = timezone.localdate()
        fields["payment_reference"] = f"SEPA-{rng.randint(1, 99999)}"
    return fields


def add_microgrant_requests(rng: random.Random) -> None:
    """1,000 requests by 50 organizers of active groups, in every status."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench-organizer-{number}",
            email=f"bench-organizer-{number}@example.org",
            password=make_password(None),
        )
        for number in range(ORGANIZERS)
    )
    groups = list(NationalGroup.objects.filter(status=NationalGroup.Status.ACTIVE))
    today = timezone.localdate()
    requests = []
    for number in range(MICROGRANT_REQUESTS):
        amount = Decimal(rng.randrange(100, 2000, 50))
        start = today + datetime.timedelta(days=rng.randint(-200, 100))
        requests.append(
            MicrograntRequest(
                group=rng.choice(groups),
                requested_by=rng.choice(users),
                title=f"Project {number}: {rng.choice(MicrograntRequest.ActivityKind.labels)}",
                activity_kind=rng.choice(MicrograntRequest.ActivityKind.values),
                description="A venue for 80 people, speakers and journalists.",
                deliverables="The event, a photo report, ten new volunteers.",
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(1, 120)),
                currency=rng.choice(("EUR", "EUR", "USD", "GBP")),
                amount_requested=amount,
                payee_details="Ann Organizer, NL00 BANK 0123 4567 89",
                **microgrant_status_fields(rng.choice(STATUS.values), amount, rng),
            )
        )
    MicrograntRequest.objects.bulk_create(requests)


def add_oversight_member() -> None:
    """A staff account of the oversight team, without a password: bench_run logs it in."""
    user = get_user_model().objects.create(
        username=OVERSIGHT_USERNAME,
        email=f"{OVERSIGHT_USERNAME}@example.org",
        password=make_password(None),
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP))


def add_coaching(rng: random.Random) -> None:
    """Every active group's coaching: two organizers, three check-ins of two agreed actions
    each (the older ones done), and its last period's activity report, sent."""
    coach = get_user_model().objects.get(username=OVERSIGHT_USERNAME)
    organizers = list(get_user_model().objects.filter(username__startswith="bench-organizer-"))
    groups = list(NationalGroup.objects.filter(status=NationalGroup.Status.ACTIVE))
    today = timezone.localdate()
    now = timezone.now()
    memberships, check_ins, leads = [], [], {}
    for group in groups:
        lead, member = rng.sample(organizers, 2)
        leads[group.pk] = lead
        memberships += [
            Membership(group=group, user=lead, role=Membership.Role.NATIONAL_LEAD),
            Membership(group=group, user=member, role=Membership.Role.MEMBER),
        ]
        for days_ago in (100, 45, rng.randint(5, 70)):
            held_on = today - datetime.timedelta(days=days_ago)
            check_ins.append(
                CheckIn(
                    group=group,
                    held_on=held_on,
                    coach=coach,
                    recorded_by=coach,
                    notes="Talked about the next protest.",
                    next_check_in_on=held_on + datetime.timedelta(weeks=8),
                )
            )
    Membership.objects.bulk_create(memberships)
    check_ins = CheckIn.objects.bulk_create(check_ins)
    CheckInParticipant.objects.bulk_create(
        CheckInParticipant(check_in=check_in, user=leads[check_in.group_id])
        for check_in in check_ins
    )
    actions = []
    for check_in in check_ins:
        for number in range(2):
            done = check_in.held_on < today - datetime.timedelta(days=40) or rng.random() < 0.3
            actions.append(
                AgreedAction(
                    check_in=check_in,
                    description=f"Action {number}: book the venue",
                    owner=leads[check_in.group_id],
                    due_on=check_in.held_on + datetime.timedelta(days=rng.randint(7, 40)),
                    done_at=now if done else None,
                    done_by=leads[check_in.group_id] if done else None,
                )
            )
    AgreedAction.objects.bulk_create(actions)
    period = period_to_report()
    ActivityReport.objects.bulk_create(
        ActivityReport(
            group=group,
            period_start=period.start,
            period_end=period.end,
            status=ActivityReport.Status.SUBMITTED,
            submitted_at=now,
            written_by=leads[group.pk],
            people_involved=rng.randint(3, 80),
            went_well="A march of sixty people.",
            was_hard="Finding a venue.",
            plans="Two talks at universities.",
        )
        for group in groups
        if rng.random() < 0.6
    )
