"""What the register's tests share: its state, its admin URLs and forms, files to import."""

import csv
import hashlib
import io

from django.urls import reverse
from wagtail.embeds.models import Embed
from wagtail.models import Locale, Revision

from wagtail_charte.models import Cookie, CookieCategory, CookieProvider
from wagtail_charte.register.transfer.export import export_csv

from ..helpers import PASSWORD, user_with_permissions

IMPORT = reverse("wagtail_charte_register_transfer:import")


def register_state():
    """Every row of the register and every revision, to prove that nothing changed."""
    rows = {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (CookieCategory, CookieProvider, Cookie)
    }
    return rows, list(Revision.objects.order_by("pk").values_list("pk", "object_id"))


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def form_data(obj):
    data = {
        CookieCategory: lambda c: {
            "name": c.name,
            "slug": c.slug,
            "description": c.description,
            "basis": c.basis,
            "sort_order": c.sort_order,
        },
        CookieProvider: lambda p: {
            "name": p.name,
            "privacy_policy_url": p.privacy_policy_url,
            "domains": p.domains,
        },
        Cookie: lambda c: {
            "name": c.name,
            "category": c.category_id,
            "provider": c.provider_id,
            "service": c.service,
            "purpose": c.purpose,
            "party": c.party,
            "lifetime_value": c.lifetime_value or "",
            "lifetime_unit": c.lifetime_unit,
        },
    }
    return data[type(obj)](obj)


def locale(code):
    return Locale.objects.get(language_code=code)


def upload(client, content, name="cookies.csv", language="fr", **options):
    data = {"file": io.BytesIO(content), "locale": locale(language).pk, **options}
    data["file"].name = name
    return client.post(IMPORT, data, HTTP_ACCEPT_LANGUAGE="en")


def payload_of(response):
    """The signed entries a preview's confirmation carries; empty when it cannot be confirmed."""
    return response.context.get("payload", "")


def french_semicolon_csv(change=None):
    """The French register as a French spreadsheet saves it: `;`, BOM, French headings."""
    rows = list(csv.reader(io.StringIO(export_csv(locale("fr")))))
    rows[0] = ["catégorie", "prestataire", "service", "nom", "finalité", "origine"]
    rows[0] += ["durée de vie", "langue"]
    if change:
        change(rows)
    output = io.StringIO()
    csv.writer(output, delimiter=";", lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + output.getvalue().encode()


def set_purpose(name, purpose):
    def change(rows):
        for row in rows:
            if row[3] == name:
                row[4] = purpose

    return change


def log_in_as_editor(client, codenames):
    """Signs in "redactrice", no superuser: admin access and `codenames` only."""
    user = user_with_permissions("access_admin", *codenames, username="redactrice")
    client.login(username="redactrice", password=PASSWORD)
    return user


def provider_with_domains(
    name="YouTube", domains="youtube.com\nytimg.com", category_slug="statistics"
):
    """A live French provider with those domains and, unless `category_slug` is None, a live
    third-party cookie in that category."""
    fr = locale("fr")
    created = CookieProvider.objects.create(locale=fr, name=name, domains=domains)
    if category_slug:
        Cookie.objects.create(
            locale=fr,
            provider=created,
            category=CookieCategory.objects.get(locale=fr, slug=category_slug),
            name="VISITOR_INFO1_LIVE",
            purpose="Estime la bande passante.",
            party="third",
            lifetime_value=6,
            lifetime_unit="months",
        )
    return created


YOUTUBE_IFRAME = '<iframe src="https://www.youtube.com/embed/{}" title="{}"></iframe>'


def stored_embed(url, html="", title="", provider_name="", max_width=None):
    """An embed as Wagtail stores what a finder gave for `url` at `max_width`."""
    key = hashlib.sha256(f"{url}{max_width}".encode()).hexdigest()[:32]
    return Embed.objects.create(
        url=url,
        max_width=max_width,
        hash=key,
        type="video",
        html=html,
        title=title,
        provider_name=provider_name,
    )
