"""The admin login page, and signing in there, so that `csrftoken` and `sessionid` are seen.

A throwaway user signs in through the real login form, in a transaction that is rolled back
after signing out: no user and no session is left behind.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.test import Client

from .crawl import crawl
from .fetch import fetch_with_client
from .models import Phase
from .observations import observe_set_cookies
from .pages import admin_login_url


def visit_admin_login(result, budget):
    """Loads the admin login page through the test client, then signs in there.

    The `Set-Cookie` of the sign-in counts as seen on the login page, before any choice.
    """
    url = admin_login_url()
    if url is None:
        return
    pages = len(result.pages)
    crawl(fetch_with_client, [url], budget, follow_links=False, result=result)
    if len(result.pages) > pages:
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
        fetched = fetch_with_client(url, data, client)
        client.logout()
        transaction.set_rollback(True)
    return fetched.set_cookies
