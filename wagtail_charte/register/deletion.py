"""Categories and providers that a cookie's unpublished draft names are kept.

A draft is a revision, not a row, so `on_delete=PROTECT` does not see it; deleting what it
names would leave a draft that Wagtail's edit view cannot open, nor an import compare.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..models import Cookie, CookieCategory, CookieProvider

# The field of a cookie that names an entry of each model.
COOKIE_FIELD_NAMING = {CookieCategory: "category", CookieProvider: "provider"}
NAMED = 3


def drafts_naming(instances):
    """The cookies whose unpublished draft names one of `instances`."""
    cookies = Cookie.objects.none()
    for model, field in COOKIE_FIELD_NAMING.items():
        keys = [obj.pk for obj in instances if type(obj) is model]
        if keys:
            cookies |= Cookie.objects.filter(
                has_unpublished_changes=True, **{f"latest_revision__content__{field}__in": keys}
            )
    return cookies.order_by("name")


def refuse_deleting_what_drafts_name(request, instances):
    """A `before_delete_snippet` hook: nothing deleted, and the drafts to deal with first."""
    drafts = list(drafts_naming(instances)[: NAMED + 1])
    if not drafts:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: the unpublished draft of %(cookies)s uses %(entries)s. "
            "Publish or change that draft first, or delete the cookie."
        )
        % {"cookies": listed(drafts), "entries": listed(instances)},
    )
    return redirect(type(instances[0]).snippet_viewset.get_url_name("list"))


def listed(objects):
    names = [_("“%(name)s”") % {"name": obj} for obj in objects[:NAMED]]
    return ", ".join(names + ["…"] * (len(objects) > NAMED))
