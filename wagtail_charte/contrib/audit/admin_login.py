"""The admin login page, and signing in there, so that `csrftoken` and `sessionid` are seen.

A throwaway user signs in through the real login form, in a transaction that is rolled back
after signing out: no user and no session is left behind. The visit is outside the crawl's
page and time limits: `csrftoken` and `sessionid` are checked however short the crawl.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from .fetch import fetch_with_client
from .models import Phase
from .observations import observe_set_cookies


def admin_login_url():
    """The admin login page of the default site, or None without a site."""
    site = Site.objects.order_by("-is_default_site", "hostname").first()
    return site.root_url + reverse("wagtailadmin_login") if site is not None else None


def visit_admin_login(result):
    """Loads the admin login page through the test client, then signs in there.

    The `Set-Cookie` of both count as seen on the login page, before any choice.
    """
    url = admin_login_url()
    if url is None:
        return
    fetched = fetch_with_client(url)
    result.add_page(url, fetched.status)
    observe_set_cookies(result, fetched.set_cookies, url, url, Phase.BEFORE)
    if fetched.status == 200:
        observe_set_cookies(result, sign_in(url), url, url, Phase.BEFORE)


def sign_in(url):
    """The `Set-Cookie` headers of the login form's answer to a throwaway user.

    An empty list when no such user can be made (a user model with other required fields).
    """
    User = get_user_model()
    username = f"charte-audit-{secrets.token_hex(8)}@example.invalid"
    password = secrets.token_urlsafe(32)
    with transaction.atomic():
        try:
            with transaction.atomic():
                user = User(**{User.USERNAME_FIELD: username})
                user.set_password(password)
                user.save()
        except (DatabaseError, TypeError, ValueError):
            return []
        client = Client(raise_request_exception=False)
        # "Remember me": the session cookie at its longest, as the register must declare it.
        data = {"username": username, "password": password, "remember": "on"}
        fetched = fetch_with_client(url, data=data, client=client)
        client.logout()
        transaction.set_rollback(True)
    return fetched.set_cookies
