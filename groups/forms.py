"""Forms of the organizers' own pages."""

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from common.names import full_name_of
from common.versioning import VersionedFormMixin
from groups.models import (
    CommunityMembership,
    Invitation,
    Link,
    LocalCommunity,
    Membership,
    NationalGroup,
)


class GroupProfileForm(VersionedFormMixin, forms.ModelForm):
    """The public profile: a description per language, and the logo."""

    class Meta:
        model = NationalGroup
        fields = [f"description_{code}" for code, _name in settings.LANGUAGES] + ["logo"]
        widgets = {
            f"description_{code}": forms.Textarea(attrs={"rows": 5})
            for code, _name in settings.LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"description_{code}"].label = _("Description (%(language)s)") % {
                "language": name
            }


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ("kind", "url", "is_private")

    def __init__(self, *args, **kwargs):
        # No colon after labels: "Private" stands beside its checkbox.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# One link per kind, so never more rows than kinds: a larger form count posted is
# refused before any form is built for it.
LINK_FORMSET_LIMITS = {
    "extra": 1,
    "max_num": len(Link.Kind),
    "absolute_max": len(Link.Kind),
    "validate_max": True,
    "can_delete": True,
}
GroupLinkFormSet = inlineformset_factory(
    NationalGroup, Link, form=LinkForm, fk_name="national_group", **LINK_FORMSET_LIMITS
)
CommunityLinkFormSet = inlineformset_factory(
    LocalCommunity, Link, form=LinkForm, fk_name="community", **LINK_FORMSET_LIMITS
)


class CommunityForm(VersionedFormMixin, forms.ModelForm):
    """A local community of the organizer's group; its country is the group's."""

    class Meta:
        model = LocalCommunity
        fields = ("name", "city", "status", "latitude", "longitude", "contact_email")

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.national_group = group
        self.instance.country = group.country


class CommunityProfileForm(CommunityForm):
    """What a community's own organizers change: its profile and position. Whether it is
    active is the group's leads' to say (an inactive community leaves the directory)."""

    class Meta(CommunityForm.Meta):
        fields = ("name", "city", "latitude", "longitude", "contact_email")


def invitation_help_text() -> str:
    return _(
        "They get an email with a link to join. Up to %(count)d invitations a day per "
        "group, and one a day to any address."
    ) % {"count": settings.INVITATIONS_PER_DAY}


def role_choices(roles) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in roles]


class InvitationForm(forms.ModelForm):
    """An invitation, with only the roles the inviter may give."""

    class Meta:
        model = Invitation
        fields = ("email", "role")

    role = forms.ChoiceField(label=_("Role"), initial=Membership.Role.MEMBER)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)
        self.fields["email"].help_text = invitation_help_text()


class CommunityInvitationForm(forms.ModelForm):
    """An invitation to organize one community: an address, no role."""

    class Meta:
        model = Invitation
        fields = ("email",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = invitation_help_text()


class RoleForm(forms.Form):
    """Another role for an organizer, among those the lead may give."""

    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(roles)


class PublicNameForm(forms.ModelForm):
    """An organizer's own public name, and whether it is shown."""

    public_name_shown = forms.BooleanField(label=_("Show my name publicly"), required=False)

    class Meta:
        model = Membership
        fields = ("public_name", "public_name_shown")
        labels = {"public_name": _("Your public name")}
        help_texts = {
            "public_name": _(
                "As the group's public page, the API and the PauseAI website name you. "
                "Leave it empty to stay unnamed."
            )
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Until they choose, the box shows what their role does.
        self.initial["public_name_shown"] = self.instance.wants_name_shown
        offer_the_full_name(self)
        self.fields["public_name_shown"].help_text = _(
            "A national lead's name is shown unless they untick this; other leads tick it to "
            "be named. Members are never named."
        )


def offer_the_full_name(form) -> None:
    """A public name not written yet: the full name given at sign-up is offered."""
    if not form.instance.public_name:
        form.initial["public_name"] = full_name_of(form.instance.user)


class CommunityPublicNameForm(forms.ModelForm):
    """A community organizer's own public name, and whether it is shown."""

    class Meta:
        model = CommunityMembership
        fields = ("public_name", "public_name_shown")
        labels = {
            "public_name": _("Your public name"),
            "public_name_shown": _("Show my name publicly"),
        }
        help_texts = {
            "public_name": _(
                "As the group's public page names you under the community. Leave it empty to "
                "stay unnamed."
            ),
            "public_name_shown": _("Unticked, your name is shown nowhere."),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        offer_the_full_name(self)
