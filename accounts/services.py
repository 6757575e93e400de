"""Changes to an account the site makes for its person."""


def account_full_name_save(*, user, full_name: str) -> None:
    """The account's full name, whole, in first_name (common/names.py)."""
    user.first_name, user.last_name = " ".join(full_name.split()), ""
    user.save(update_fields=["first_name", "last_name"])
