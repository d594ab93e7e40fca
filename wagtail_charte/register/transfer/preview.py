"""A plan as an editor reads it before confirming, and as the command reports it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...models import Cookie
from .formats import HEADINGS
from .plan import CREATE, DELETE, LEFT_DRAFT, MODELS, PUBLISH, UPDATE, Plan

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
# The JSON keys of categories that are not the model field's name.
MODEL_FIELD_OF_JSON_KEY = {"order": "sort_order"}


@dataclass
class PreviewRow:
    """One change as the preview's table shows it; `fields` are (label, before, after)."""

    action: str
    action_label: str
    draft: bool
    entry: str
    where: str
    fields: list


@dataclass
class Preview:
    """What the admin shows of a plan; `plan.errors` include the permissions it lacks."""

    plan: Plan

    @property
    def errors(self):
        return self.plan.errors

    def rows(self):
        """Each change but the unchanged entries, with its fields labelled for the editor."""
        return [
            PreviewRow(
                action=change.action,
                action_label=(DRAFT_LABELS if change.draft else ACTION_LABELS)[change.action],
                draft=change.draft,
                entry=_("%(kind)s: %(name)s")
                % {"kind": str(change.model._meta.verbose_name).capitalize(), "name": change.obj},
                where=change.where,
                fields=[
                    (field_label(change.model, key), shown(before), shown(after))
                    for key, before, after in change.fields
                ],
            )
            for change in self.plan.visible_changes()
        ]

    def draft_notices(self):
        """What the editor should know about the drafts the plan saves, before confirming."""
        drafted = {change.model for change in self.plan.visible_changes() if change.draft}
        notices = [
            _(
                "You may not publish %(entries)s: this import saves their changes as drafts, "
                "for someone who may publish them to review. Until then, the site shows them "
                "as they are published now."
            )
            % {"entries": model._meta.verbose_name_plural}
            for model in MODELS
            if model in drafted and model in self.plan.drafts
        ]
        if drafted - self.plan.drafts:
            notices.append(
                _(
                    "Cookies whose category or provider is saved as a draft are saved as drafts "
                    "too, so that the site never shows them before their category or provider."
                )
            )
        return notices

    def summary(self):
        return summary(self.plan)


def shown(value):
    """A file's value as the preview shows it: a list (a provider's domains) on one line."""
    return ", ".join(value) if isinstance(value, list) else value


def field_label(model, key):
    if model is Cookie:
        return HEADINGS[key]
    return model._meta.get_field(MODEL_FIELD_OF_JSON_KEY.get(key, key)).verbose_name


def summary(plan):
    """One line a model: what the plan does."""
    lines = []
    for model, count in plan.counts().items():
        if model is not Cookie and not any(vars(count).values()):
            continue
        lines.append(
            _(
                "%(entries)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(deleted)d deleted."
            )
            % {"entries": str(model._meta.verbose_name_plural).capitalize(), **vars(count)}
        )
    return lines
