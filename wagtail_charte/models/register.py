"""The cookie register: categories, providers and cookies, as translatable snippets."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    Locale,
    PreviewableMixin,
    TranslatableMixin,
)
from wagtail.search import index

from ..widgets import LocalisedSnippetChooser
from . import exempt
from .domains import parse_domains, web_page
from .exceptions import MissingTranslation
from .kinds import ConsentBasis, Party
from .lifetime import LifetimeUnit, format_lifetime
from .snippet import TranslatableSnippet


class RegisterEntryForm(WagtailAdminModelForm):
    """Locks what is not wording on translations: it follows the default-locale entry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.instance.get_sync_source() if self.instance.locale_id else None
        if source is None:
            return
        for name in self.instance.synced_fields:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Edited on the source version (%(language)s).") % {
                    "language": source.locale.get_display_name()
                }


class RegisterEntry(TranslatableSnippet):
    """What the three register snippets share: sync of what is not wording.

    The entry in the default locale is the source: its `synced_fields` (what is not
    wording) are copied to every translation whenever either is saved.
    """

    synced_fields: tuple[str, ...] = ()
    base_form_class = RegisterEntryForm

    class Meta(TranslatableSnippet.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        source = self.get_sync_source()
        if source is not None:
            self.copy_synced_fields(source)
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if source is None and (
            update_fields is None or set(update_fields) & set(self.synced_fields)
        ):
            self.push_synced_fields()

    def get_sync_source(self):
        """The default-locale entry this one follows, or None when this one leads."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        return (
            type(self).objects.filter(translation_key=self.translation_key, locale=default).first()
        )

    def check_translatable_into(self, locale):
        """Raises MissingTranslation when a related entry has no translation in `locale`."""
        related = (getattr(self, name) for name in self.synced_fields)
        missing = [
            obj
            for obj in related
            if isinstance(obj, TranslatableMixin)
            and obj.locale_id != locale.pk
            and obj.get_translation_or_none(locale) is None
        ]
        if missing:
            raise MissingTranslation(missing, locale)

    def copy_synced_fields(self, source):
        for name in self.synced_fields:
            value = getattr(source, name)
            if isinstance(value, TranslatableMixin):
                value = value.get_translation_or_none(self.locale) or value
            setattr(self, name, value)

    def push_synced_fields(self):
        for translation in self.get_translations():
            translation.copy_synced_fields(self)
            type(self).objects.filter(pk=translation.pk).update(
                **{name: getattr(translation, name) for name in self.synced_fields}
            )


class CookieCategory(PreviewableMixin, RegisterEntry):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        help_text=_(
            "Stable identifier used in the consent cookie and by gated scripts, "
            "e.g. “statistics”. The same in every language."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What these cookies do for the visitor.")
    )
    basis = models.CharField(
        _("consent basis"),
        max_length=20,
        choices=ConsentBasis.choices,
        default=ConsentBasis.CONSENT,
        help_text=_(
            "Necessary: always on, cannot be refused. Exempt audience measurement: on by "
            "default under the CNIL's conditions, can be refused. Subject to consent: off "
            "until the visitor accepts."
        ),
    )
    sort_order = models.IntegerField(_("order"), default=0)

    synced_fields = ("slug", "basis", "sort_order")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("basis"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
        index.FilterField("basis"),
    ]

    class Meta(RegisterEntry.Meta):
        verbose_name = _("cookie category")
        verbose_name_plural = _("cookie categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"],
                name="wagtail_charte_category_slug_per_locale",
                violation_error_message=_("A category with this slug already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = exempt.category_errors(self, self.cookies.all() if self.pk else [])
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "wagtail_charte/previews/category.html"

    def get_preview_context(self, request, mode_name):
        cookies = Cookie.objects.filter(category=self, live=True).select_related("provider")
        return {**super().get_preview_context(request, mode_name), "cookies": cookies}


class CookieProvider(RegisterEntry):
    name = models.CharField(_("name"), max_length=120)
    privacy_policy_url = models.URLField(_("privacy policy URL"), blank=True)
    domains = models.TextField(
        _("domains"),
        blank=True,
        help_text=_(
            "The domains its embeds and scripts come from, one per line, e.g. youtube.com. "
            "Their subdomains count too. An embed from one of them needs the category of this "
            "provider's cookies."
        ),
    )

    synced_fields = ("domains",)

    panels = [FieldPanel("name"), FieldPanel("privacy_policy_url"), FieldPanel("domains")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(RegisterEntry.Meta):
        verbose_name = _("cookie provider")
        verbose_name_plural = _("cookie providers")
        ordering = ["name"]

    @property
    def policy_link(self):
        """The privacy policy's URL to link to: a web page's or an email address, else ""."""
        return web_page(self.privacy_policy_url, mail=True)

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            self.domains = "\n".join(parse_domains(self.domains))
        except ValueError as error:
            raise ValidationError({"domains": str(error)}) from error


cookie_name_validator = RegexValidator(
    r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$",
    _("Use the characters a cookie name may contain; “*” matches any sequence."),
)


class Cookie(PreviewableMixin, RegisterEntry):
    name = models.CharField(
        _("cookie name"),
        max_length=255,
        validators=[cookie_name_validator],
        help_text=_(
            "The exact name, or a pattern where “*” stands for anything, e.g. _pk_id.*. "
            "Storage keys (localStorage, sessionStorage) are declared here too, by their key, "
            "e.g. DSFR's scheme."
        ),
    )
    provider = models.ForeignKey(
        CookieProvider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="cookies",
    )
    service = models.CharField(
        _("service and location"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Authentication (front and back office)"),
    )
    purpose = models.TextField(_("purpose"))
    category = models.ForeignKey(
        CookieCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="cookies",
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices, default=Party.FIRST)
    lifetime_value = models.PositiveIntegerField(_("lifetime"), null=True, blank=True)
    lifetime_unit = models.CharField(
        _("lifetime unit"),
        max_length=10,
        choices=LifetimeUnit.choices,
        default=LifetimeUnit.SESSION,
    )

    synced_fields = ("name", "provider", "category", "party", "lifetime_value", "lifetime_unit")

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [
                FieldPanel("category", widget=LocalisedSnippetChooser(CookieCategory)),
                FieldPanel("provider", widget=LocalisedSnippetChooser(CookieProvider)),
            ]
        ),
        FieldPanel("service"),
        FieldPanel("purpose"),
        FieldPanel("party"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("lifetime_value"), FieldPanel("lifetime_unit")])],
            heading=_("Lifetime"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("purpose"),
        index.SearchField("service"),
        index.FilterField("locale"),
        index.FilterField("category"),
        index.FilterField("provider"),
        index.FilterField("party"),
    ]

    class Meta(RegisterEntry.Meta):
        verbose_name = _("cookie")
        verbose_name_plural = _("cookies")
        ordering = ["category__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "provider", "name"],
                name="wagtail_charte_cookie_name_per_provider",
                violation_error_message=_("This provider already has a cookie with this name."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.lifetime_unit == LifetimeUnit.SESSION:
            self.lifetime_value = None
        elif not self.lifetime_value:
            raise ValidationError(
                {"lifetime_value": _("Give a number, or choose “Session” as the unit.")}
            )
        errors = exempt.cookie_errors(self, self.category) if self.category_id else {}
        if errors:
            raise ValidationError(errors)

    @property
    def lifetime(self):
        return format_lifetime(self.lifetime_value, self.lifetime_unit)

    def get_preview_template(self, request, mode_name):
        return "wagtail_charte/previews/cookie.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "cookies": [self]}
