"""The organizers' edits (GroupEdit) in words: recorded as a kind and its details, said
in the reader's language when shown, so a Dutch page says "Profiel: beschrijving
(Nederlands), links" whoever made the change and in whichever language."""

from django.utils import translation
from django.utils.translation import gettext as _

from common import versioning
from groups.models import GroupEdit, LocalCommunity, Membership, NationalGroup

Kind = GroupEdit.Kind
# The links' formset, beside the form's fields.
LINKS = "links"


def field_label(model, name: str) -> str:
    """A field's name for people (common.versioning.field_label), or the links'."""
    if name == LINKS:
        return _("links")
    return versioning.field_label(model, name)


def fields_in_words(model, names) -> str:
    return ", ".join(field_label(model, name) for name in names)


def role(code: str) -> str:
    return str(Membership.Role(code).label) if code in Membership.Role.values else code


def in_words(edit: GroupEdit) -> str:
    """The edit in the active language; an edit from before kinds, as it was written."""
    details = edit.details
    match edit.kind:
        case Kind.PROFILE:
            return _("Profile: %(fields)s") % {
                "fields": fields_in_words(NationalGroup, details["fields"])
            }
        case Kind.COMMUNITY_ADDED:
            return _("Added the community %(name)s") % {"name": details["name"]}
        case Kind.COMMUNITY_CHANGED:
            return _("Community %(name)s: %(fields)s") % {
                "name": details["name"],
                "fields": fields_in_words(LocalCommunity, details["fields"]),
            }
        case Kind.INVITED:
            return _("Invited %(email)s as %(role)s") % {
                "email": details["email"],
                "role": role(details["role"]),
            }
        case Kind.JOINED:
            return _("%(email)s joined as %(role)s") % {
                "email": details["email"],
                "role": role(details["role"]),
            }
        case Kind.PUBLIC_NAME:
            person = details["person"]
            if "community" in details:
                # A community organizer's own name, under their community.
                person = _("%(person)s, organizer of %(community)s") % {
                    "person": person,
                    "community": details["community"],
                }
            if not details["name"]:
                return _("%(person)s: no public name") % {"person": person}
            sentence = (
                _("%(person)s: public name “%(name)s”, shown")
                if details["shown"]
                else _("%(person)s: public name “%(name)s”, hidden")
            )
            return sentence % {"person": person, "name": details["name"]}
        case Kind.ROLE_CHANGED:
            return _("%(person)s: %(previous)s → %(role)s") % {
                "person": details["person"],
                "previous": role(details["previous"]),
                "role": role(details["role"]),
            }
        case Kind.REMOVED:
            return _("Removed %(person)s (%(role)s)") % {
                "person": details["person"],
                "role": role(details["role"]),
            }
        case Kind.ACTIVATED:
            return _("Activated: the group is in the public directory")
        case Kind.COMMUNITY_ORGANIZER_INVITED:
            return _("Invited %(email)s to organize the community %(community)s") % {
                "email": details["email"],
                "community": details["community"],
            }
        case Kind.COMMUNITY_ORGANIZER_JOINED:
            return _("%(email)s joined as an organizer of the community %(community)s") % {
                "email": details["email"],
                "community": details["community"],
            }
        case Kind.COMMUNITY_ORGANIZER_REMOVED:
            return _("Removed %(person)s as an organizer of the community %(community)s") % {
                "person": details["person"],
                "community": details["community"],
            }
        case Kind.INVITATION_SENT_AGAIN if "community" in details:
            return _("Sent the invitation to %(email)s to organize %(community)s again") % {
                "email": details["email"],
                "community": details["community"],
            }
        case Kind.INVITATION_SENT_AGAIN:
            return _("Sent the invitation to %(email)s as %(role)s again") % {
                "email": details["email"],
                "role": role(details["role"]),
            }
        case Kind.INVITATION_CANCELLED if "community" in details:
            return _("Cancelled the invitation to %(email)s to organize %(community)s") % {
                "email": details["email"],
                "community": details["community"],
            }
        case Kind.INVITATION_CANCELLED:
            return _("Cancelled the invitation to %(email)s as %(role)s") % {
                "email": details["email"],
                "role": role(details["role"]),
            }
    return edit.summary


def edits_in_words(edits) -> list[GroupEdit]:
    """The edits, each with `words`: what it changed in the active language."""
    edits = list(edits)
    for edit in edits:
        edit.words = in_words(edit)
    return edits


def in_english(kind: str, details: dict) -> str:
    """The sentence kept in `summary`, in English (GroupEdit's str())."""
    with translation.override("en"):
        return in_words(GroupEdit(kind=kind, details=details))[:500]
