"""The host site, loaded once per session; each test runs in a transaction rolled back."""

import pytest

from ..helpers import loaded_database
from .content import load_host_site


@pytest.fixture(scope="session")
def host_database(django_db_setup, django_db_blocker):
    """The test database with the host's content committed, and the means to put it back."""
    yield from loaded_database(django_db_blocker, load_host_site)


@pytest.fixture
def host(host_database, db):
    """The host's default site, its content as loaded; the test's changes are rolled back."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def committed_host(host_database, django_db_blocker):
    """The host as a live server's thread sees it; what the test commits is undone after it."""
    with django_db_blocker.unblock():
        yield
        host_database.restore()


@pytest.fixture(scope="session")
def host_live_server(host_database):
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def host_server(committed_host, host_live_server):
    """A live server of the host, for the browser and the audit."""
    return host_live_server
