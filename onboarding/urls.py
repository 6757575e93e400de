app_name = "onboarding"

# The setup guide is shown on the national-groups page (groups.views);
# the onboarding flow's own pages come with the organizer accounts.
urlpatterns: list = []
