"""Load the setup guide from the seed page's data (groups/content/seed/), for the
load_content command: only the steps that are missing are created, and a step is given
only the languages it has no words in, while its English is still the seed's."""

from groups.content_loading import in_languages, is_empty, languages, read_seed
from onboarding.models import SetupStep, SetupSubStep


def load_setup_guide() -> tuple[int, int]:
    """How many steps were created, of how many the seed has."""
    steps = read_seed("setup-guide.json")
    return sum(load_step(data) for data in steps), len(steps)


def load_step(data: dict) -> bool:
    """Create one setup step with its sub-steps unless it exists, which is completed
    instead; True if created."""
    step, created = SetupStep.objects.get_or_create(
        number=data["number"], defaults=in_languages(data, "title", "body")
    )
    if not created:
        complete_step(step, data)
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
