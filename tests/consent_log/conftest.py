"""Fixtures of the consent log's tests."""

import json
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from wagtail.models import Locale

from wagtail_charte.models import BannerWording, CookieBannerSettings

from ..banner.choices import choice, post_choice, served_snapshot
from ..conftest import load_demo, restore_migration_data


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached banners name snapshot rows: a rolled-back test must not leave them behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed_banner(transactional_db):
    """The demo banner, committed: foreign keys are checked as in production."""
    restore_migration_data()
    load_demo()
    return CookieBannerSettings.objects.get(site__is_default_site=True)


@pytest.fixture
def auditor_client(demo, client, django_user_model):
    """A user of the Wagtail admin whose only other permission is to view the consent log."""
    user = django_user_model.objects.create_user("auditor", password="pw")
    group = Group.objects.create(name="Auditors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_consentrecord"),
    )
    user.groups.add(group)
    client.login(username="auditor", password="pw")
    return client


def new_id(n):
    return f"{n:032x}"


def post(client, consent_id=None, method="custom", language="fr", **choice_overrides):
    """A choice posted as the banner's script posts it, naming the banner served."""
    body = {
        **choice(id=consent_id or new_id(1), **choice_overrides),
        "snapshot": served_snapshot(language),
        "method": method,
    }
    return post_choice(client, json.dumps(body))


def change_wording(banner, title):
    """Gives the banner a new live French wording: the banner shown changes."""
    fr = Locale.objects.get(language_code="fr")
    banner.wording = BannerWording.objects.create(locale=fr, title=title, live=True)
    banner.save()


def now():
    return int(time.time())
