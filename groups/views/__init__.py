"""The groups app's pages, by audience: public.py (everyone), group_pages.py (a group's
organizers), community_pages.py (a community's), public_names.py (an organizer's own name
under either), invitations.py (the people invited)."""
