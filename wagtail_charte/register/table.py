"""The rows of a cookie table, written in Python.

A template loop costs about 0.1 ms a row, more than a whole plain page once the register
holds a thousand cookies; the table around the rows stays a template, to override.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..models.lifetime import format_lifetime


def _provider(provider):
    name = escape(provider.name)
    url = provider.privacy_policy_url
    return f'<a href="{escape(url)}">{name}</a>' if url else name


def _text(value):
    """Escaped, with line breaks kept: the `linebreaksbr` filter."""
    return escape(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def cookie_rows(cookies, show_lifetime):
    """The `<tr>` of each cookie (live rows or model instances), or one that says there is none."""
    # Many rows share a provider and a lifetime: each is written once.
    providers, lifetimes = {}, {}
    rows = []
    for cookie in cookies:
        lang = getattr(cookie, "fallback_lang", None)
        provider = cookie.provider
        if id(provider) not in providers:
            providers[id(provider)] = _provider(provider)
        lifetime = ""
        if show_lifetime:
            key = (cookie.lifetime_value, cookie.lifetime_unit)
            if key not in lifetimes:
                lifetimes[key] = f"<td>{escape(format_lifetime(*key))}</td>"
            lifetime = lifetimes[key]
        rows.append(
            (f'<tr lang="{escape(lang)}">' if lang else "<tr>")
            + f"<td>{providers[id(provider)]}</td><td>{escape(cookie.service)}</td>"
            + f'<th scope="row"><code>{escape(cookie.name)}</code></th>'
            + f"<td>{_text(cookie.purpose)}</td>{lifetime}</tr>"
        )
    if not rows:
        empty = escape(gettext("No cookie of this kind is used."))
        rows = [f'<tr><td colspan="{5 if show_lifetime else 4}">{empty}</td></tr>']
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
