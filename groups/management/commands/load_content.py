"""Load the site's real content: PauseAI's national groups and communities, and the guide."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from groups import website
from groups.models import Link, LocalCommunity, NationalGroup
from onboarding.models import SetupStep, SetupSubStep

# Source: the Dutch page "PauseAI Nationale Groepen" (national-groups.nl.md). The Dutch
# text is the seed's own; the English is a translation of it. Relative links of the seed
# point to pages of the PauseAI website, so they are written out as https://pauseai.info/...

FIGMA_URL = (
    "https://www.figma.com/design/iQ4PHQTi1vAVmT9Lckazqt/PauseAI-designs---editable"
    "?node-id=1592-2&node-type=FRAME&t=YjKyxVz4Y16aEfJ6-0"
)
DRIVE_URL = "https://drive.google.com/drive/u/1/folders/1bQ_MZ8giK-Mee4ABkO0BgcFInaXruNpa"

# The "current national PauseAI groups" of the seed. Only the links the seed gives;
# no contact address, since the seed gives none.
NATIONAL_GROUPS = [
    {
        "slug": "united-states",
        "country": "US",
        "name_en": "PauseAI US",
        "name_nl": "PauseAI VS",
        "description_en": "The national PauseAI group of the United States.",
        "description_nl": "De nationale PauseAI-groep van de Verenigde Staten.",
        "links": {Link.Kind.X: "https://x.com/PauseAIus"},
    },
    {
        "slug": "united-kingdom",
        "country": "GB",
        "name_en": "PauseAI UK",
        "name_nl": "PauseAI VK",
        "description_en": "The national PauseAI group of the United Kingdom.",
        "description_nl": "De nationale PauseAI-groep van het Verenigd Koninkrijk.",
        "links": {Link.Kind.X: "https://x.com/PauseAI_UK"},
    },
    {
        "slug": "france",
        "country": "FR",
        "name_en": "PauseIA",
        "name_nl": "PauseIA",
        "description_en": "The national PauseAI group of France.",
        "description_nl": "De nationale PauseAI-groep van Frankrijk.",
        # Its website comes with the website's national chapters (https://pauseia.fr).
        "links": {Link.Kind.X: "https://x.com/pause_ia"},
    },
    {
        "slug": "norway",
        "country": "NO",
        "name_en": "PauseAI Norway",
        "name_nl": "PauseAI Noorwegen",
        "description_en": "The national PauseAI group of Norway.",
        "description_nl": "De nationale PauseAI-groep van Noorwegen.",
        "links": {Link.Kind.WEBSITE: "https://pauseai.no/"},
    },
]

# "How to set up a PauseAI national group". A sub-step's text is rendered on its own, so a
# deeper list in it starts at the left margin; the page nests it inside the sub-step's item.
SETUP_STEPS = [
    {
        "number": 1,
        "title_en": "Create a Discord project",
        "title_nl": "Maak een Discord-project aan",
        "body_en": "Create a `#project` in the PauseAI Discord to describe what you plan to do.",
        "body_nl": (
            "Maak een `#project` aan in de PauseAI discord om te beschrijven wat je van plan "
            "bent te doen."
        ),
        "sub_steps": [],
    },
    {
        "number": 2,
        "title_en": "Contact the Oversight Team",
        "title_nl": "Neem contact op met het Toezichtteam",
        "body_en": (
            "Contact the Oversight Team of PauseAI Global. They can help with funding, support "
            "and materials. They will give you a `countryname@pauseai.info` email address."
        ),
        "body_nl": (
            "Neem contact op met het Toezichtteam van PauseAI Global. Zij kunnen helpen met "
            "financiering, ondersteuning en materialen. Ze geven je een "
            "`countryname@pauseai.info` e-mailadres."
        ),
        "sub_steps": [],
    },
    {
        "number": 3,
        "title_en": "Create materials",
        "title_nl": "Maak materialen",
        # The seed's line is the title itself; the sub-steps say the rest.
        "body_en": "",
        "body_nl": "",
        "sub_steps": [
            {
                "text_en": (
                    f"**Logo**, you can use [the figma]({FIGMA_URL}), which contains some "
                    "examples for other countries."
                ),
                "text_nl": (
                    f"**Logo**, je kunt [de figma]({FIGMA_URL}) gebruiken die enkele voorbeelden "
                    "voor andere landen bevat."
                ),
            },
            {
                "text_en": (
                    "**Flyer** (again, figma!). Ask for help if you need it. More flyers can be "
                    f"found in the [public drive]({DRIVE_URL})."
                ),
                "text_nl": (
                    "**Flyer** (nogmaals, figma!). Vraag om hulp als je het nodig hebt. Meer "
                    f"flyers zijn te vinden in de [openbare drive]({DRIVE_URL})."
                ),
            },
            {
                "text_en": (
                    "**Website**? You can do this in three ways:\n"
                    "\n"
                    "1. Wait until PauseAI.info offers automatic translations. Maybe you can "
                    "have your own page on the pauseai.info website. E.g. "
                    "[PauseAI NYC](https://pauseai.info/nyc-action).\n"
                    "2. Clone the PauseAI github repo, translate it and adapt it as you like! "
                    "We can help with hosting if needed.\n"
                    "3. Make your own custom website, like [PauseIA](https://pauseia.fr/) did."
                ),
                "text_nl": (
                    "**Website**? Je kunt dit op drie manieren doen:\n"
                    "\n"
                    "1. Wacht tot PauseAI.info automatische vertalingen aanbiedt. Misschien kun "
                    "je je eigen pagina op de pauseai.info-website hebben. Bijv. "
                    "[PauseAI NYC](https://pauseai.info/nyc-action).\n"
                    "2. Clone de PauseAI github-repo, vertaal het en pas het aan naar wens! We "
                    "kunnen helpen met hosten indien nodig.\n"
                    "3. Maak je eigen aangepaste website, zoals [PauseIA](https://pauseia.fr/) "
                    "deed."
                ),
            },
        ],
    },
    {
        "number": 4,
        "title_en": "Set up an internal communication channel",
        "title_nl": "Stel een intern communicatiekanaal in",
        "body_en": "Set up an internal communication channel / group chat.",
        "body_nl": "Stel een intern communicatiekanaal / groepschat in.",
        "sub_steps": [
            {
                "text_en": "E.g. WhatsApp / Signal / Telegram / Discord.",
                "text_nl": "bijv. WhatsApp / Signal / Telegram / Discord.",
            },
            {
                "text_en": "Choose something popular to maximise engagement.",
                "text_nl": "Kies iets populair om de betrokkenheid te maximaliseren.",
            },
        ],
    },
    {
        "number": 5,
        "title_en": "Set up social media accounts",
        "title_nl": "Stel social media-accounts in",
        "body_en": "Set up **social media accounts**. (e.g. X, Instagram, LinkedIn, TikTok)",
        "body_nl": "Stel **Social media-accounts** in. (bijv. X, Instagram, LinkedIn, TikTok)",
        "sub_steps": [
            {
                "text_en": "Consider which tools matter for your country and target audience.",
                "text_nl": "Overweeg welke tools belangrijk zijn voor jouw land en doelgroep.",
            },
            {
                "text_en": (
                    "Consider a tool like Buffer to schedule posts. Look at PauseAI's X posts for "
                    "inspiration. You can schedule a whole list at once!"
                ),
                "text_nl": (
                    "Overweeg een tool zoals Buffer om berichten te plannen. Kijk naar PauseAI "
                    "X-berichten voor inspiratie. Je kunt een hele lijst in één keer plannen!"
                ),
            },
        ],
    },
    {
        "number": 6,
        "title_en": "Recruitment",
        "title_nl": "Werving",
        "body_en": "**Recruitment**. Get people to join your group.",
        "body_nl": "**Werving**. Krijg mensen om je groep te vergezellen.",
        "sub_steps": [
            {
                "text_en": "Find people in relevant groups (EA, AI safety).",
                "text_nl": "Vind mensen in relevante groepen (EA, AI veiligheid).",
            },
            {
                "text_en": "Make use of networking events.",
                "text_nl": "Maak gebruik van netwerkevenementen.",
            },
            {
                "text_en": (
                    "Launch event.\n"
                    "\n"
                    "1. Maxime did this for PauseIA FR.\n"
                    "2. Rent a nice venue a few months in advance.\n"
                    "3. Invite good speakers, journalists, relevant people and potential "
                    "volunteers.\n"
                    "4. Have PauseAI reimburse the costs.\n"
                    "5. This is how you can become known quickly!"
                ),
                "text_nl": (
                    "Lanceringsevenement.\n"
                    "\n"
                    "1. Maxime deed dit voor PauseIA FR.\n"
                    "2. Huur een mooie locatie een paar maanden van tevoren.\n"
                    "3. Nodig goede sprekers, journalisten, relevante mensen en potentiële "
                    "vrijwilligers uit.\n"
                    "4. Laat de kosten vergoeden door PauseAI.\n"
                    "5. Dit is hoe je snel bekend kunt worden!"
                ),
            },
            {
                "text_en": (
                    "The [Local Organizing Guide](https://pauseai.info/local-organizing) has some "
                    "advice on recruitment that can carry over well to the national level."
                ),
                "text_nl": (
                    "[Lokale Organisatiegids](https://pauseai.info/local-organizing) heeft enkele "
                    "adviezen over werving die goed kunnen overkomen op nationaal niveau."
                ),
            },
        ],
    },
    {
        "number": 7,
        "title_en": "Set up activities",
        "title_nl": "Stel activiteiten in",
        "body_en": "",
        "body_nl": "",
        "sub_steps": [
            {
                "text_en": "Post things on your social media.",
                "text_nl": "Plaats dingen op je sociale media.",
            },
            {
                "text_en": (
                    "[Flyering](https://pauseai.info/flyering) / "
                    "[Tabling](https://pauseai.info/tabling) (especially at student fairs on "
                    "university campuses, also great for recruitment)."
                ),
                "text_nl": (
                    "[Flyeren](https://pauseai.info/flyering) / "
                    "[Tabling](https://pauseai.info/tabling) (vooral op studentenbeurzen op "
                    "universiteitscampussen, ook geweldig voor werving)."
                ),
            },
            {
                "text_en": "Workshops (e.g. lobbying workshop, protest workshop).",
                "text_nl": "Workshops (bijv. lobbyworkshop, protestworkshop).",
            },
            {
                "text_en": "Direct lobbying.",
                "text_nl": "Direct lobbyen.",
            },
            {
                "text_en": "Media outreach / journalist outreach.",
                "text_nl": "Media-uitreik / journalistuitreik.",
            },
            {
                "text_en": (
                    "Protesting.\n"
                    "\n"
                    "1. Maybe in several cities, or one bigger one in a single location.\n"
                    "2. [Read more here](https://pauseai.info/organizing-a-protest)."
                ),
                "text_nl": (
                    "Protesteren.\n"
                    "\n"
                    "1. Misschien in meerdere steden, of één grotere op één locatie.\n"
                    "2. [Lees hier meer](https://pauseai.info/organizing-a-protest)."
                ),
            },
        ],
    },
]


class Command(BaseCommand):
    help = (
        "Load PauseAI's national groups (the seed page's, merged with the website's national "
        "chapters), its local and adjacent communities, and the setup guide. Only what is "
        "missing is created, and a group is completed only while nobody has edited it: "
        "edits the oversight team made are kept, so `make run` can run it every time."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        groups = self.load_groups()
        communities = self.load_communities(website.COMMUNITIES, LocalCommunity.Kind.PAUSEAI)
        adjacent = self.load_communities(website.ADJACENT, LocalCommunity.Kind.ADJACENT)
        steps_created = sum(self.load_step(data) for data in SETUP_STEPS)
        self.stdout.write(
            f"Content: {groups} national groups, {communities} local and {adjacent} adjacent "
            f"communities and {steps_created} of {len(SETUP_STEPS)} setup steps created; "
            "the rest were already there and kept as they are."
        )

    def load_groups(self) -> int:
        """The seed page's groups and the website's chapters, one group per country."""
        seed = {data["country"]: data for data in NATIONAL_GROUPS}
        chapters = {
            fields["country"]: fields
            for fields in map(website.chapter_fields, website.records(website.CHAPTERS))
        }
        created = 0
        for country in [*seed, *(code for code in chapters if code not in seed)]:
            created += self.load_group(country, seed.get(country), chapters.get(country))
        return created

    def load_group(self, country: str, seed: dict | None, chapter: dict | None) -> bool:
        """Create the country's group unless it has one, which is completed instead; True if
        created."""
        existing = NationalGroup.objects.not_dissolved().filter(country=country).first()
        if existing is not None:
            if chapter:
                self.complete_group(existing, chapter)
            return False
        slug = seed["slug"] if seed else self.free_slug(country)
        if NationalGroup.objects.filter(slug=slug).exists():
            self.stderr.write(
                self.style.WARNING(f"Skipped {slug}: a dissolved group has that address.")
            )
            return False
        chapter = chapter or {"links": {}, "email": ""}
        group = NationalGroup(
            slug=slug,
            country=country,
            status=NationalGroup.Status.ACTIVE,
            **(self.seed_texts(seed) if seed else self.default_texts(country)),
            **{
                field: chapter[field]
                for field in ("map_name", "country_local", "latitude", "longitude")
                if field in chapter
            },
            public_email=chapter["email"],
        )
        group.full_clean()
        group.save()
        links = {**(seed or {}).get("links", {}), **chapter["links"]}
        self.add_links(links, national_group=group)
        return True

    def complete_group(self, group, chapter: dict) -> None:
        """Give a group the chapter's map position, names and links, while nobody has edited
        it since it was loaded (version 1): never over what the oversight team wrote."""
        if group.version != 1:
            return
        missing = {
            field: chapter[field]
            for field in ("map_name", "country_local", "latitude", "longitude")
            if getattr(group, field) in (None, "")
        }
        if not group.public_email and chapter["email"]:
            missing["public_email"] = chapter["email"]
        if missing:
            # A queryset update: the group stays at version 1, as loaded.
            NationalGroup.objects.filter(pk=group.pk).update(**missing)
        kinds = set(group.links.values_list("kind", flat=True))
        self.add_links(
            {kind: url for kind, url in chapter["links"].items() if kind not in kinds},
            national_group=group,
        )

    def load_communities(self, file: str, kind: str) -> int:
        """Create the file's communities that are not there yet (by name and country)."""
        created = 0
        for record in website.records(file):
            parent = None
            if record.get("parent_name"):
                parent = (
                    NationalGroup.objects.not_dissolved()
                    .filter(country=website.country_code(record["parent_name"]))
                    .first()
                )
            fields = website.community_fields(record, file=file, parent=parent)
            links, email = fields.pop("links"), fields.pop("email")
            if LocalCommunity.objects.filter(
                name=fields["name"], country=fields["country"], kind=kind
            ).exists():
                continue
            community = LocalCommunity(
                **fields, kind=kind, national_group=parent, contact_email=email
            )
            community.full_clean()
            community.save()
            self.add_links(links, community=community)
            created += 1
        return created

    @staticmethod
    def add_links(links: dict, **owner) -> None:
        for kind, url in links.items():
            link = Link(kind=kind, url=url, **owner)
            link.full_clean()
            link.save()

    @staticmethod
    def seed_texts(seed: dict) -> dict:
        return {
            key: seed[key] for key in ("name_en", "name_nl", "description_en", "description_nl")
        }

    @staticmethod
    def default_texts(country: str) -> dict:
        """Names and a description in each language, as the seed page words them."""
        texts = {}
        for language, template in (
            ("en", "The national PauseAI group of {country}."),
            ("nl", "De nationale PauseAI-groep van {country}."),
        ):
            with translation.override(language):
                name = str(countries.name(country))
            texts[f"name_{language}"] = f"PauseAI {name}"
            texts[f"description_{language}"] = template.format(country=name)
        return texts

    @staticmethod
    def free_slug(country: str) -> str:
        with translation.override("en"):
            return slugify(str(countries.name(country)))

    def load_step(self, data: dict) -> bool:
        """Create one setup step with its sub-steps unless it exists; True if created."""
        step, created = SetupStep.objects.get_or_create(
            number=data["number"],
            defaults={
                "title_en": data["title_en"],
                "title_nl": data["title_nl"],
                "body_en": data["body_en"],
                "body_nl": data["body_nl"],
            },
        )
        if created:
            SetupSubStep.objects.bulk_create(
                SetupSubStep(
                    step=step, number=number, text_en=sub["text_en"], text_nl=sub["text_nl"]
                )
                for number, sub in enumerate(data["sub_steps"], start=1)
            )
        return created
