"""wagtail-localize: which fields are wording and which stay the same in every language.

Without these declarations wagtail-localize would offer slugs and cookie names for
translation. Category and provider are declared translatable so that wagtail-localize
translates them first and points the copy at their translation.
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..models import Cookie, CookieCategory, CookieProvider

WORDING = {
    CookieCategory: ["name", "description"],
    CookieProvider: ["name"],
    Cookie: ["service", "purpose", "category", "provider"],
}
# Copied from the source, and a translator may replace them (a policy in their language).
OVERRIDABLE = {CookieProvider: ["privacy_policy_url"]}


def declare_translatable_fields():
    for model, wording in WORDING.items():
        model.translatable_fields = [
            *(TranslatableField(name) for name in wording),
            *(SynchronizedField(name) for name in OVERRIDABLE.get(model, [])),
            *(
                SynchronizedField(name, overridable=False)
                for name in model.synced_fields
                if name not in wording
            ),
        ]
