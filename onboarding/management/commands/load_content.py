"""Load the site's real content: PauseAI's national groups and communities, and the guide.

It lives in onboarding, the app that knows both the groups and the setup guide, so
that the groups app never imports onboarding.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from groups import website
from groups.models import Link, LocalCommunity, NationalGroup
from onboarding.models import SetupStep, SetupSubStep

# The seed page's national groups and setup guide, as data files beside the website's:
# groups/content/seed/README.md says where they come from.
SEED = website.CONTENT.parent / "seed"
# A national group's translated texts.
TEXTS = ("name", "description")


# A chapter of the website that the seed page does not describe is described so, in each
# language; one without a line here shows the English.
DEFAULT_DESCRIPTIONS = {
    "en": "The national PauseAI group of {country}.",
    "nl": "De nationale PauseAI-groep van {country}.",
    # No article to agree with the country's name (de France, du Canada, des Pays-Bas).
    "fr": "Le groupe national PauseAI ({country}).",
    "de": "Die nationale PauseAI-Gruppe ({country}).",
}


def read_seed(name: str) -> list[dict]:
    return json.loads((SEED / name).read_text(encoding="utf-8"))


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def in_languages(data: dict, *fields: str) -> dict:
    """The data's texts of the fields in every language it has them in ({"name_en": …})."""
    keys = (f"{field}_{code}" for field in fields for code in languages())
    return {key: data[key] for key in keys if key in data}


def is_empty(value) -> bool:
    return value in (None, "")


class Command(BaseCommand):
    help = (
        "Load PauseAI's national groups (the seed page's, merged with the website's national "
        "chapters), its local and adjacent communities, and the setup guide. Only what is "
        "missing is created, and a group is completed only while nobody has edited it: "
        "edits the oversight team made are kept, so `make run` can run it every time."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        groups = self.load_groups(read_seed("national-groups.json"))
        communities = self.load_communities(website.COMMUNITIES, LocalCommunity.Kind.PAUSEAI)
        adjacent = self.load_communities(website.ADJACENT, LocalCommunity.Kind.ADJACENT)
        setup_steps = read_seed("setup-guide.json")
        steps_created = sum(self.load_step(data) for data in setup_steps)
        self.stdout.write(
            f"Content: {groups} national groups, {communities} local and {adjacent} adjacent "
            f"communities and {steps_created} of {len(setup_steps)} setup steps created; "
            "the rest were already there and kept as they are, given only the languages "
            "they had no words in while nobody had changed them."
        )

    def load_groups(self, seed_groups: list[dict]) -> int:
        """The seed page's groups and the website's chapters, one group per country."""
        seed = {data["country"]: data for data in seed_groups}
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
            texts = self.seed_texts(seed) if seed else self.default_texts(country)
            self.complete_group(existing, texts, chapter)
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

    def complete_group(self, group, texts: dict, chapter: dict | None) -> None:
        """Give a group its name and description in the languages it has none in (added
        since it was loaded), and the chapter's map position, names and links, while nobody
        has edited it since it was loaded (version 1): never over what the oversight team
        wrote."""
        if group.version != 1:
            return
        missing = {}
        # A translation of the loaded English only while the English is the loaded one.
        if all(getattr(group, f"{field}_en") == texts[f"{field}_en"] for field in TEXTS):
            missing |= {key: text for key, text in texts.items() if is_empty(getattr(group, key))}
        if chapter:
            missing |= {
                field: chapter[field]
                for field in ("map_name", "country_local", "latitude", "longitude")
                if is_empty(getattr(group, field))
            }
            if not group.public_email and chapter["email"]:
                missing["public_email"] = chapter["email"]
        if missing:
            # A queryset update: the group stays at version 1, as loaded.
            NationalGroup.objects.filter(pk=group.pk).update(**missing)
        if chapter:
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
        return in_languages(seed, *TEXTS)

    @staticmethod
    def default_texts(country: str) -> dict:
        """Names and a description in each language, as the seed page words them."""
        texts = {}
        for language in languages():
            if language not in DEFAULT_DESCRIPTIONS:
                continue
            with translation.override(language):
                name = str(countries.name(country))
            texts[f"name_{language}"] = f"PauseAI {name}"
            texts[f"description_{language}"] = DEFAULT_DESCRIPTIONS[language].format(country=name)
        return texts

    @staticmethod
    def free_slug(country: str) -> str:
        with translation.override("en"):
            return slugify(str(countries.name(country)))

    def load_step(self, data: dict) -> bool:
        """Create one setup step with its sub-steps unless it exists, which is completed
        instead; True if created."""
        step, created = SetupStep.objects.get_or_create(
            number=data["number"], defaults=in_languages(data, "title", "body")
        )
        if not created:
            self.complete_step(step, data)
            return False
        sub_steps = [
            SetupSubStep(
                step=step,
                number=number,
                is_advice=sub.get("advice", False),
                **in_languages(sub, "text"),
            )
            for number, sub in enumerate(data["sub_steps"], start=1)
        ]
        # bulk_create does not call save(), which stores the HTML.
        for sub_step in sub_steps:
            sub_step.render()
        SetupSubStep.objects.bulk_create(sub_steps)
        return True

    @staticmethod
    def complete_step(step, data: dict) -> None:
        """Give a step the seed's words in each language it has no words in (one added
        since it was loaded), while its English, sub-steps included, is still the seed's:
        only then is the seed's translation one of what is there."""
        sub_steps = list(step.sub_steps.order_by("number"))
        english = [step.title_en, step.body_en, *(sub_step.text_en for sub_step in sub_steps)]
        seed_english = [
            data["title_en"],
            data["body_en"],
            *(sub["text_en"] for sub in data["sub_steps"]),
        ]
        if english != seed_english:
            return
        # Each of the step's rows, with its record in the seed and its translated fields.
        parts = [(step, data, ("title", "body"))] + [
            (sub_step, sub, ("text",))
            for sub_step, sub in zip(sub_steps, data["sub_steps"], strict=True)
        ]
        wordless = [
            code
            for code in languages()
            if f"title_{code}" in data
            and all(
                is_empty(getattr(row, f"{field}_{code}"))
                for row, _record, fields in parts
                for field in fields
            )
        ]
        if not wordless:
            return
        for row, record, fields in parts:
            for code in wordless:
                for field in fields:
                    setattr(row, f"{field}_{code}", record[f"{field}_{code}"])
            # save() stores the HTML in every language.
            row.save()
