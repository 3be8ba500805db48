"""Fixtures shared by every app's tests."""

import pytest

from accounts.testing import make_user
from directory.services import load_reference_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once per test database: every test sees the real 43 forces."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    """Files that tests store go to a folder of their own, never the real data directory."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
