"""Proof of consent: the banner a visitor was shown (a snapshot) and what they chose (a record).

Neither holds an IP address, a user agent, a user or a session. Both live in the database
that the `CONSENT_LOG_DATABASE` key names (see `consent_log/router.py`).
"""

import json
from datetime import UTC, datetime

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    ACCEPT_ALL = "accept_all", _("Accept all")
    REFUSE_ALL = "refuse_all", _("Refuse all")
    CUSTOM = "custom", _("Custom choice")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    GPC = "gpc", _("Global Privacy Control")
    EMBED = "embed", _("From an embed's placeholder")


class ConsentSnapshot(models.Model):
    """The banner as shown in one language, as canonical JSON, and its SHA-256. Never edited."""

    digest = models.CharField(_("SHA-256"), max_length=64, unique=True)
    canonical = models.TextField(_("canonical JSON"))
    language = models.CharField(_("language"), max_length=35)
    version = models.PositiveIntegerField(_("consent version"))
    created_at = models.DateTimeField(_("first shown"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("banner snapshot")
        verbose_name_plural = _("banner snapshots")
        # Seen through the log's permission; nobody adds, changes or deletes one.
        default_permissions = ()

    def __str__(self):
        return self.digest[:12]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A banner snapshot is proof: it is never edited.")
        super().save(*args, **kwargs)

    @cached_property
    def content(self):
        return json.loads(self.canonical)


class ConsentRecord(models.Model):
    """One choice, as the consent endpoint received it."""

    consent_id = models.CharField(_("consent id"), max_length=32)
    version = models.PositiveIntegerField(_("consent version"))
    # {slug: allowed} for every category the visitor could refuse, read as the cookie
    # contract reads it (an exempt category the choice leaves out is allowed).
    choices = models.JSONField(_("choices"))
    ts = models.PositiveBigIntegerField(_("time of the choice (visitor's clock)"))
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    language = models.CharField(_("language"), max_length=35)
    method = models.CharField(_("how it was made"), max_length=20, choices=ConsentMethod.choices)
    snapshot = models.ForeignKey(
        ConsentSnapshot,
        verbose_name=_("banner shown"),
        on_delete=models.PROTECT,
        related_name="records",
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        default_permissions = ("view",)
        ordering = ["-received_at", "-pk"]
        constraints = [
            # The same choice posted twice (same id and time) is stored once.
            models.UniqueConstraint(fields=["consent_id", "ts"], name="wagtail_charte_choice_once")
        ]

    def __str__(self):
        return self.consent_id

    @property
    def chosen_at(self):
        return datetime.fromtimestamp(self.ts, tz=UTC)
