"""The kinds of categories and cookies: what the consent rules and the exempt check read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentBasis(models.TextChoices):
    NECESSARY = "necessary", _("Necessary")
    EXEMPT = "exempt", _("Exempt audience measurement")
    CONSENT = "consent", _("Subject to consent")


class Party(models.TextChoices):
    FIRST = "first", _("First party")
    THIRD = "third", _("Third party")
