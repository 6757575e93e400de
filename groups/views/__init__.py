"""The groups app's pages, by audience: public.py (everyone), group_pages.py (a group's
organizers), community_pages.py (a community's), invitations.py (the people invited)."""
