import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests run without collectstatic; CI checks the manifest storage separately."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs a quarter second a user; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def oversight_member(db, settings):
    """A staff account in the oversight team's permission group, not a superuser."""
    user = UserFactory(username="olga", is_staff=True)
    user.groups.add(Group.objects.get(name=settings.OVERSIGHT_TEAM_GROUP))
    return user


@pytest.fixture
def oversight_client(client, oversight_member):
    client.force_login(oversight_member)
    return client
