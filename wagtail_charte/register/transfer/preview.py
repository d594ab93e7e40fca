"""A plan as an editor sees it before confirming: rows to read, and what they may not do."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...models import Cookie
from .columns import HEADINGS
from .plan import CREATE, DELETE, LEFT_DRAFT, MODELS, PUBLISH, UPDATE

ACTION_LABELS = {
    CREATE: gettext_lazy("New"),
    UPDATE: gettext_lazy("Changed"),
    PUBLISH: gettext_lazy("Draft published"),
    DELETE: gettext_lazy("Deleted"),
}
DRAFT_LABELS = {
    CREATE: gettext_lazy("New, saved as a draft"),
    UPDATE: gettext_lazy("Changed, saved as a draft"),
    LEFT_DRAFT: gettext_lazy("Left as a draft"),
}
# What the admin asks for saving a draft or publishing, asked of an import as well.
PERMISSIONS = {
    CREATE: ("add", "publish"),
    UPDATE: ("change", "publish"),
    PUBLISH: ("change", "publish"),
    DELETE: ("delete",),
}
DRAFT_PERMISSIONS = {CREATE: ("add",), UPDATE: ("change",), LEFT_DRAFT: ()}
PERMISSION_LABELS = {
    "add": gettext_lazy("create"),
    "change": gettext_lazy("change"),
    "publish": gettext_lazy("publish"),
    "delete": gettext_lazy("delete"),
}
# JSON keys that are not the model field's name.
FIELD_OF = {"order": "sort_order"}


def field_label(model, key):
    if model is Cookie:
        return HEADINGS[key]
    return model._meta.get_field(FIELD_OF.get(key, key)).verbose_name


def preview_rows(plan):
    """Each change but the unchanged entries, with its fields labelled for the editor."""
    return [
        {
            "action": change.action,
            "draft": change.draft,
            "action_label": (DRAFT_LABELS if change.draft else ACTION_LABELS)[change.action],
            "entry": _("%(kind)s: %(name)s")
            % {"kind": str(change.model._meta.verbose_name).capitalize(), "name": change.obj},
            "where": change.where,
            "fields": [
                (field_label(change.model, key), before, after)
                for key, before, after in change.fields
            ],
        }
        for change in plan.visible_changes()
    ]


def has_permission(user, model, permission):
    return user.has_perm(f"{model._meta.app_label}.{permission}_{model._meta.model_name}")


def draft_models(user):
    """The models whose changes `user` saves as drafts: those they may not publish."""
    return frozenset(model for model in MODELS if not has_permission(user, model, "publish"))


def draft_notices(plan):
    """What the editor should know about the drafts the plan saves, before confirming."""
    drafted = {change.model for change in plan.visible_changes() if change.draft}
    notices = [
        _(
            "You may not publish %(entries)s: this import saves their changes as drafts, for "
            "someone who may publish them to review. Until then, the site shows them as they "
            "are published now."
        )
        % {"entries": model._meta.verbose_name_plural}
        for model in MODELS
        if model in drafted and model in plan.drafts
    ]
    if drafted - plan.drafts:
        notices.append(
            _(
                "Cookies whose category or provider is saved as a draft are saved as drafts "
                "too, so that the site never shows them before their category or provider."
            )
        )
    return notices


def permission_errors(user, plan):
    """What the plan would do that `user` may not do in the admin."""
    needed = {
        (change.model, permission)
        for change in plan.visible_changes()
        for permission in (DRAFT_PERMISSIONS if change.draft else PERMISSIONS)[change.action]
    }
    return [
        _("You may not %(action)s %(entries)s, and this import would.")
        % {"action": PERMISSION_LABELS[permission], "entries": model._meta.verbose_name_plural}
        for model, permission in sorted(needed, key=lambda n: (n[0]._meta.model_name, n[1]))
        if not has_permission(user, model, permission)
    ]
