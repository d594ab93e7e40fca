from django.utils.functional import lazy
from django.utils.translation import gettext as wagtail_gettext
from wagtail.snippets.widgets import AdminSnippetChooser


def _lazy_label(msgid, model):
    # Wagtail's msgid, translated by Wagtail's catalogue: the alias keeps it out of ours.
    return lazy(lambda: wagtail_gettext(msgid) % {"object": model._meta.verbose_name}, str)()


class LocalisedSnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser with labels in each request's language.

    Wagtail formats them once, when the form class is built, in whatever language is
    active then, so an editor could read another editor's language.
    """

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = _lazy_label("Choose %(object)s", self.model)
        self.choose_another_text = _lazy_label("Choose another %(object)s", self.model)
        self.link_to_chosen_text = _lazy_label("Edit this %(object)s", self.model)
