"""Cookie audits: one run of `charte_audit` or of the report's "Run now", and what it found."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail_charte.models import Cookie, Party

# The admin shows the latest runs; older ones are deleted when a run is saved.
RUNS_KEPT = 20


class AuditMode(models.TextChoices):
    CLIENT = "client", _("Test client")
    HTTP = "http", _("HTTP")
    BROWSER = "browser", _("Browser")


class RunStatus(models.TextChoices):
    """Where a run is: "Run now" queues it for a background task; the command runs it at once."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PageError(models.TextChoices):
    """Why a page could not be fetched (its status is 0)."""

    TIMEOUT = "timeout", _("no complete answer within the page's time limit")
    CONNECTION = "connection", _("no connection")
    RESPONSE = "response", _("not a valid HTTP response")


class Phase(models.TextChoices):
    """When something was seen: the visitor's choice so far."""

    BEFORE = "before", _("before any choice")
    ACCEPTED = "accepted", _("after “accept all”")
    REFUSED = "refused", _("after “refuse all”")


class FindingKind(models.TextChoices):
    VIOLATION = "violation", _("Set or requested without consent")
    # An iframe or script from another site that no gate holds back.
    UNGATED = "ungated", _("Loaded from another site without consent")
    UNDECLARED = "undeclared", _("Not in the register")
    # A gated embed or resource whose domain no provider of the register lists.
    UNCLAIMED = "unclaimed", _("From a provider not in the register")
    LIFETIME = "lifetime", _("Lasts longer than declared")
    UNSEEN = "unseen", _("Declared but not seen")


# Findings that make the audit fail; an unseen cookie may be set only after signing in.
PROBLEMS = (
    FindingKind.VIOLATION,
    FindingKind.UNGATED,
    FindingKind.UNDECLARED,
    FindingKind.UNCLAIMED,
    FindingKind.LIFETIME,
)


class Tracker(models.TextChoices):
    COOKIE = "cookie", pgettext_lazy("tracker", "Cookie")
    LOCAL = "localStorage", pgettext_lazy("tracker", "localStorage key")
    SESSION = "sessionStorage", pgettext_lazy("tracker", "sessionStorage key")
    REQUEST = "request", pgettext_lazy("tracker", "Request")
    # Read in a page's HTML.
    IFRAME = "iframe", pgettext_lazy("tracker", "iframe")
    SCRIPT = "script", pgettext_lazy("tracker", "Script")
    IMAGE = "img", pgettext_lazy("tracker", "Image")
    # One of Wagtail's embeds behind the banner's gate.
    EMBED = "embed", pgettext_lazy("tracker", "Embed")


class AuditRunQuerySet(models.QuerySet):
    def with_counts(self):
        # Django drops Meta.ordering from a GROUP BY query: the latest first, said again.
        return self.order_by(*self.model._meta.ordering).annotate(
            problem_count=models.Count("findings", filter=models.Q(findings__kind__in=PROBLEMS)),
            unseen_count=models.Count(
                "findings", filter=models.Q(findings__kind=FindingKind.UNSEEN)
            ),
        )

    def in_progress(self, since):
        """Runs queued or running since `since`: older ones were abandoned by their worker."""
        return self.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING), started_at__gte=since)


class AuditRun(models.Model):
    # When it was queued, then when it started.
    started_at = models.DateTimeField(_("started at"), db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=AuditMode.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DONE
    )
    # Why a failed run failed, for the report.
    error = models.TextField(_("error"), blank=True)
    # [{"url": ..., "status": 200}]; status 0 when the page could not be fetched.
    pages = models.JSONField(_("pages"), default=list)
    # Requests to other sites before any choice: [{"url": ..., "page": ...}].
    requests_before_choice = models.JSONField(default=list)
    truncated = models.BooleanField(_("stopped by the page or time limit"), default=False)
    # {finding kind: how many more were found than the run keeps of each kind}.
    findings_omitted = models.JSONField(_("findings not stored"), default=dict)
    banner_missing = models.BooleanField(_("no banner to accept or refuse"), default=False)

    objects = AuditRunQuerySet.as_manager()

    class Meta:
        # The core app's table until this app took it over: a site upgrading keeps its runs.
        db_table = "wagtail_charte_auditrun"
        verbose_name = _("cookie audit")
        verbose_name_plural = _("cookie audits")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.get_mode_display()} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}"

    @property
    def failed_pages(self):
        """The pages that did not load: an error status, or none (a timeout, no connection)."""
        return [page for page in self.pages if not 200 <= page["status"] < 400]


class AuditFinding(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("finding"), max_length=12, choices=FindingKind.choices)
    tracker = models.CharField(_("type"), max_length=16, choices=Tracker.choices)
    # A cookie name, a storage key, a request's or an embed's URL, or a declared pattern when
    # unseen.
    name = models.TextField(_("name"))
    # Unclaimed: the domain to add to a provider's domains.
    domain = models.CharField(_("domain"), max_length=255, blank=True)
    party = models.CharField(_("party"), max_length=10, choices=Party.choices, blank=True)
    # The longest lifetime seen, in seconds; null for a session cookie or a storage key.
    lifetime_seconds = models.BigIntegerField(_("observed lifetime"), null=True, blank=True)
    # The earliest phase it was seen in; for a violation, the phase it happened in.
    phase = models.CharField(_("when"), max_length=10, choices=Phase.choices, blank=True)
    urls = models.JSONField(_("seen on"), default=list)
    # What the register said at the time: the matching pattern, its lifetime and category.
    declared_name = models.CharField(max_length=255, blank=True)
    declared_lifetime = models.CharField(max_length=20, blank=True)
    category = models.CharField(max_length=50, blank=True)
    # The register entry it is about: the declared one, or the draft made from this finding.
    cookie = models.ForeignKey(
        Cookie, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "wagtail_charte_auditfinding"
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def is_problem(self):
        return self.kind in PROBLEMS
