"""Load PauseAI's national groups (the seed page's, merged with the website's national
chapters) and its local and adjacent communities (onboarding's load_content command).

Only what is missing is created, and a group is completed only while nobody has edited
it: edits the oversight team made are kept.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from groups import website
from groups.models import Link, LocalCommunity, NationalGroup

# The seed page's national groups and setup guide, as data files beside the website's:
# groups/content/seed/README.md says where they come from.
SEED = website.CONTENT.parent / "seed"
# A national group's translated texts.
TEXTS = ("name", "description")
# What a group takes from the website's chapter.
CHAPTER_FIELDS = ("map_name", "country_local", "latitude", "longitude")


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


def load_groups(seed_groups: list[dict], *, warn: Callable[[str], None]) -> int:
    """The seed page's groups and the website's chapters, one group per country; how many
    were created. `warn` is told of a group skipped."""
    seed = {data["country"]: data for data in seed_groups}
    chapters = {
        fields["country"]: fields
        for fields in map(website.chapter_fields, website.records(website.CHAPTERS))
    }
    created = 0
    for country in [*seed, *(code for code in chapters if code not in seed)]:
        created += load_group(country, seed.get(country), chapters.get(country), warn=warn)
    return created


def load_group(country: str, seed: dict | None, chapter: dict | None, *, warn) -> bool:
    """Create the country's group unless it has one, which is completed instead; True if
    created."""
    existing = NationalGroup.objects.not_dissolved().filter(country=country).first()
    if existing is not None:
        texts = seed_texts(seed) if seed else default_texts(country)
        complete_group(existing, texts, chapter)
        return False
    slug = seed["slug"] if seed else free_slug(country)
    if NationalGroup.objects.filter(slug=slug).exists():
        warn(f"Skipped {slug}: a dissolved group has that address.")
        return False
    chapter = chapter or {"links": {}, "email": ""}
    group = NationalGroup(
        slug=slug,
        country=country,
        status=NationalGroup.Status.ACTIVE,
        **(seed_texts(seed) if seed else default_texts(country)),
        **{field: chapter[field] for field in CHAPTER_FIELDS if field in chapter},
        public_email=chapter["email"],
    )
    group.full_clean()
    group.save()
    links = {**(seed or {}).get("links", {}), **chapter["links"]}
    add_links(links, national_group=group)
    return True


def complete_group(group, texts: dict, chapter: dict | None) -> None:
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
            field: chapter[field] for field in CHAPTER_FIELDS if is_empty(getattr(group, field))
        }
        if not group.public_email and chapter["email"]:
            missing["public_email"] = chapter["email"]
    if missing:
        # A queryset update: the group stays at version 1, as loaded.
        NationalGroup.objects.filter(pk=group.pk).update(**missing)
    if chapter:
        kinds = set(group.links.values_list("kind", flat=True))
        add_links(
            {kind: url for kind, url in chapter["links"].items() if kind not in kinds},
            national_group=group,
        )


def load_communities(file: str, kind: str) -> int:
    """Create the file's communities that are not there yet (by name and country); how many
    were created."""
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
        community = LocalCommunity(**fields, kind=kind, national_group=parent, contact_email=email)
        community.full_clean()
        community.save()
        add_links(links, community=community)
        created += 1
    return created


def add_links(links: dict, **owner) -> None:
    for kind, url in links.items():
        link = Link(kind=kind, url=url, **owner)
        link.full_clean()
        link.save()


def seed_texts(seed: dict) -> dict:
    return in_languages(seed, *TEXTS)


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


def free_slug(country: str) -> str:
    with translation.override("en"):
        return slugify(str(countries.name(country)))
