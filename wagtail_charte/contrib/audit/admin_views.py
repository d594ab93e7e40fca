"""Reports → Cookie audit: the latest runs, one run, "Run now", a draft from a finding."""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from wagtail_charte.models import CookieProvider
from wagtail_charte.models.domains import web_page
from wagtail_charte.permissions import cookie_policy, register_policies

from . import lock
from .drafts import CannotDraft, draft_from_finding
from .models import RUNS_KEPT, AuditFinding, AuditMode, AuditRun, FindingKind, RunStatus
from .report import finding_details, incomplete_text, omitted_text, why_not_loaded
from .tasks import run_queued_audit

NAMESPACE = "wagtail_charte_audit"
TITLE = gettext_lazy("Cookie audit")
# A run still queued or running after this long was dropped (a worker stopped, a queue that
# no worker serves): it no longer holds "Run now" back.
ABANDONED_AFTER = timedelta(minutes=10)


def run_url(run):
    return reverse(f"{NAMESPACE}:run", args=[run.pk])


class AuditPermissionMixin(PermissionCheckedMixin):
    # The audit is part of the register: whoever may change cookies may see and run audits.
    permission_policy = cookie_policy
    permission_required = "change"


class AuditIndexView(AuditPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_charte_audit/index.html"
    page_title = TITLE
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        runs = AuditRun.objects.with_counts()[:RUNS_KEPT]
        return {**super().get_context_data(**kwargs), "runs": runs}


class RunNowView(AuditPermissionMixin, View):
    """Queues a test-client audit and opens its run; one at a time."""

    def post(self, request):
        since = timezone.now() - ABANDONED_AFTER
        current = AuditRun.objects.in_progress(since).first()
        if current is not None:
            messages.info(request, _("An audit is already under way: here it is."))
            return redirect(run_url(current))
        run = AuditRun.objects.create(
            started_at=timezone.now(), mode=AuditMode.CLIENT, status=RunStatus.QUEUED
        )
        if not self.take_lock(run, since):
            # Another request's run, not committed yet, or a command.
            run.delete()
            messages.warning(
                request,
                _(
                    "Another audit is under way (“Run now”, or the command line): run this one "
                    "once it has ended."
                ),
            )
            return redirect(reverse(f"{NAMESPACE}:index"))
        # Once the run is committed, for a worker in another process to find it.
        transaction.on_commit(partial(run_queued_audit.enqueue, run.pk))
        return redirect(run_url(run))

    def take_lock(self, run, since):
        """Whether `run` now holds the lock, until its task ends or it counts as abandoned."""
        holder, seconds = lock.for_run(run.pk), ABANDONED_AFTER.total_seconds()
        if lock.acquire(holder, seconds):
            return True
        # A run that ended, or was abandoned, without releasing it: its worker stopped.
        gone = AuditRun.objects.filter(pk=lock.run_holding()).exclude(
            pk__in=AuditRun.objects.in_progress(since)
        )
        return gone.exists() and lock.take_over(holder, seconds)


class AuditRunView(AuditPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_charte_audit/run.html"
    header_icon = "search"

    def dispatch(self, request, pk):
        self.run = get_object_or_404(AuditRun, pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        when = date_format(timezone.localtime(self.run.started_at), "DATETIME_FORMAT")
        return _("Cookie audit of %(date)s") % {"date": when}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": TITLE},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        findings = list(self.run.findings.select_related("cookie"))
        finder = AdminURLFinder(self.request.user)
        for finding in findings:
            finding.details = finding_details(finding)
            finding.edit_url = finder.get_edit_url(finding.cookie) if finding.cookie else None
            # Only a web page's address is a link: a stored URL is data, not trusted markup.
            finding.pages = [{"url": url, "link": web_page(url)} for url in finding.urls]
        sections = [
            {
                "kind": kind,
                "label": kind.label,
                "findings": found,
                "omitted": omitted_text(self.run, kind, len(found))
                if kind in self.run.findings_omitted
                else "",
            }
            for kind in FindingKind
            if (found := [finding for finding in findings if finding.kind == kind])
        ]
        return {
            **super().get_context_data(**kwargs),
            "run": self.run,
            "sections": sections,
            "problems": sum(finding.is_problem for finding in findings),
            "failed_pages": [
                {"url": page["url"], "why": why_not_loaded(page)} for page in self.run.failed_pages
            ],
            "incomplete": incomplete_text(self.run),
            "can_draft": cookie_policy.user_has_permission(self.request.user, "add"),
            "providers_url": self.providers_url(),
        }

    def providers_url(self):
        """Where an unclaimed embed's domain is declared, for those who may change providers."""
        if not register_policies[CookieProvider].user_has_permission(self.request.user, "change"):
            return None
        return reverse(CookieProvider.snippet_viewset.get_url_name("list"))


class DraftFromFindingView(AuditPermissionMixin, View):
    """Adds an undeclared cookie to the register as a draft, then opens it for editing."""

    def dispatch(self, request, *args, **kwargs):
        # On top of auditing: adding to the register.
        if not cookie_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        finding = get_object_or_404(AuditFinding, pk=pk, kind=FindingKind.UNDECLARED)
        try:
            cookie, created = draft_from_finding(finding, request.user)
        except CannotDraft as error:
            messages.error(request, str(error))
            return redirect(run_url(finding.run))
        if created:
            messages.success(
                request,
                _(
                    "“%(name)s” is in the register as a draft. Check its category, provider and "
                    "lifetime, describe its purpose, then publish it."
                )
                % {"name": cookie.name},
            )
        else:
            messages.info(
                request, _("“%(name)s” is already in the register.") % {"name": cookie.name}
            )
        return redirect(AdminURLFinder(request.user).get_edit_url(cookie))


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return cookie_policy.user_has_permission(request.user, "change")


class AuditViewSet(ViewSet):
    """The report's views, under Reports in the menu."""

    name = NAMESPACE
    url_prefix = "reports/charte-audit"
    icon = "search"
    menu_label = TITLE
    menu_order = 910
    menu_hook = "register_reports_menu_item"
    menu_item_class = AuditMenuItem

    def get_urlpatterns(self):
        return [
            path("", AuditIndexView.as_view(), name="index"),
            path("run/", RunNowView.as_view(), name="run_now"),
            path("<int:pk>/", AuditRunView.as_view(), name="run"),
            path("finding/<int:pk>/draft/", DraftFromFindingView.as_view(), name="draft"),
        ]
