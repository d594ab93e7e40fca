"""The consent banner: per-site settings and the translatable wording they point to."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin

from ..widgets import LocalisedSnippetChooser
from .register import ConsentBasis, CookieCategory

# The CNIL recommends asking again after six months, and at most after thirteen.
DEFAULT_LIFETIME_DAYS = 182
MAX_LIFETIME_DAYS = 395


class BannerLayout(models.TextChoices):
    BAR = "bar", _("Bar at the bottom")
    BOX = "box", _("Centred box at the bottom")


class BannerTheme(models.TextChoices):
    DEFAULT = "default", _("Default (our stylesheet)")
    DSFR = "dsfr", _("DSFR (for sites that load DSFR)")


# Each Consent Mode v2 signal is granted when the category it maps to is allowed.
CONSENT_MODE_SIGNALS = ("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization")


class BannerWording(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """What the banner says in one language. A blank field falls back to the catalogue."""

    title = models.CharField(_("title"), max_length=120, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Plain text. The purposes, what refusing means, how to change one's mind and the "
            "link to the policy page are added after it."
        ),
    )
    accept_all_label = models.CharField(_("“accept all” label"), max_length=40, blank=True)
    refuse_all_label = models.CharField(_("“refuse all” label"), max_length=40, blank=True)
    customize_label = models.CharField(_("“customize” label"), max_length=40, blank=True)
    save_label = models.CharField(_("“confirm my choices” label"), max_length=40, blank=True)

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("accept_all_label"), FieldPanel("refuse_all_label")]),
        FieldRowPanel([FieldPanel("customize_label"), FieldPanel("save_label")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("banner wording")
        verbose_name_plural = _("banner wordings")

    def __str__(self):
        return self.title or str(_("Banner wording (%(language)s)")) % {
            "language": self.locale.get_display_name()
        }


def _signal_field(signal):
    return models.SlugField(
        signal,
        max_length=50,
        blank=True,
        help_text=_("Slug of the category that grants it; blank: always denied."),
    )


def _signal_panel(signal):
    # The signal's own name, not capitalised: it is what Google's documentation calls it.
    return FieldPanel(f"gcm_{signal}", heading=signal)


@register_setting(icon="cog", name="cookie-banner")
class CookieBannerSettings(BaseSiteSetting):
    enabled = models.BooleanField(_("show the banner"), default=False)
    policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the banner, in the visitor's language when translated."),
    )
    wording = models.ForeignKey(
        BannerWording,
        verbose_name=_("wording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its live translation in the visitor's language is used; blank: defaults."),
    )
    version = models.PositiveIntegerField(
        _("consent version"),
        default=1,
        help_text=_("Choices made under an older version are asked for again."),
    )
    lifetime_days = models.PositiveSmallIntegerField(
        _("how long a choice lasts (days)"),
        default=DEFAULT_LIFETIME_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LIFETIME_DAYS)],
        help_text=_("Between 1 and 395 days; the CNIL recommends 6 months (182 days)."),
    )
    embed_category = models.SlugField(
        _("category of other embeds"),
        max_length=50,
        blank=True,
        help_text=_(
            "Slug of the category that videos, maps and other embeds need when no provider of "
            "the register lists their domain, e.g. “external-content”. Blank: the first "
            "category that needs consent."
        ),
    )
    layout = models.CharField(
        _("layout"), max_length=10, choices=BannerLayout.choices, default=BannerLayout.BAR
    )
    theme = models.CharField(
        _("theme"),
        max_length=10,
        choices=BannerTheme.choices,
        default=BannerTheme.DEFAULT,
        help_text=_("DSFR: the markup of the French State design system, for sites that load it."),
    )
    honour_gpc = models.BooleanField(
        _("honour Global Privacy Control"),
        default=True,
        help_text=_("Browsers that send GPC get a refusal without being asked."),
    )
    consent_mode = models.BooleanField(_("use Google Consent Mode v2"), default=False)
    gcm_ad_storage = _signal_field("ad_storage")
    gcm_analytics_storage = _signal_field("analytics_storage")
    gcm_ad_user_data = _signal_field("ad_user_data")
    gcm_ad_personalization = _signal_field("ad_personalization")

    panels = [
        FieldPanel("enabled"),
        FieldPanel("policy_page"),
        FieldPanel("wording", widget=LocalisedSnippetChooser(BannerWording)),
        MultiFieldPanel(
            [
                FieldPanel("version", read_only=True),
                HelpPanel(
                    template="wagtail_charte/admin/ask_again_panel.html",
                ),
                FieldPanel("lifetime_days"),
                FieldPanel("embed_category"),
            ],
            heading=_("Consent"),
        ),
        FieldRowPanel([FieldPanel("layout"), FieldPanel("theme")]),
        FieldPanel("honour_gpc"),
        MultiFieldPanel(
            [
                FieldPanel("consent_mode"),
                FieldRowPanel([_signal_panel(s) for s in CONSENT_MODE_SIGNALS[:2]]),
                FieldRowPanel([_signal_panel(s) for s in CONSENT_MODE_SIGNALS[2:]]),
            ],
            heading=_("Google Consent Mode v2"),
        ),
    ]

    class Meta:
        verbose_name = pgettext_lazy("settings menu", "Cookie banner")
        verbose_name_plural = pgettext_lazy("settings menu", "Cookie banners")

    def clean(self):
        super().clean()
        slugs = set(
            CookieCategory.objects.exclude(basis=ConsentBasis.NECESSARY).values_list(
                "slug", flat=True
            )
        )
        errors = {
            f"gcm_{signal}": _("No category that can be refused has this slug.")
            for signal, slug in self.consent_mode_map().items()
            if slug not in slugs
        }
        consented = CookieCategory.objects.filter(
            basis=ConsentBasis.CONSENT, slug=self.embed_category
        )
        if self.embed_category and not consented.exists():
            errors["embed_category"] = _("No category that needs consent has this slug.")
        if errors:
            raise ValidationError(errors)

    def consent_mode_map(self):
        """{signal: category slug} for the signals that some category grants."""
        return {
            signal: getattr(self, f"gcm_{signal}")
            for signal in CONSENT_MODE_SIGNALS
            if getattr(self, f"gcm_{signal}")
        }
