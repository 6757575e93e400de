import pytest


@pytest.fixture(autouse=True)
def no_discord_app(settings):
    """Tests that want "Sign in with Discord" configure it themselves."""
    settings.SOCIALACCOUNT_PROVIDERS = {}
