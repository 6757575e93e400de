from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("National groups")

    def ready(self):
        from common import pagecache
        from groups.models import GroupEdit, Invitation

        # Every other table of the registry is public: the directory, the map, the API
        # and the website's feeds read them, and a write makes their cached answers old
        # (common/pagecache). The organizers' edits and the invitations they send are not.
        pagecache.never_public(GroupEdit, Invitation)
        pagecache.watch_settings("MAP_TILE_URL", "MAP_TILE_ATTRIBUTION")
