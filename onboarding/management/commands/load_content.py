"""Load the site's real content: PauseAI's national groups and communities, and the guide.

It lives in onboarding, the app that knows both the groups and the setup guide, so
that the groups app never imports onboarding.
"""

import json

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


def read_seed(name: str) -> list[dict]:
    return json.loads((SEED / name).read_text(encoding="utf-8"))


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
            "the rest were already there and kept as they are."
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
            sub_steps = [
                SetupSubStep(
                    step=step, number=number, text_en=sub["text_en"], text_nl=sub["text_nl"]
                )
                for number, sub in enumerate(data["sub_steps"], start=1)
            ]
            # bulk_create does not call save(), which stores the HTML.
            for sub_step in sub_steps:
                sub_step.render()
            SetupSubStep.objects.bulk_create(sub_steps)
        return created
