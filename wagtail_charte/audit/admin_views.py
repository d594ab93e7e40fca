"""The "Cookie audit" report: stored runs, one run's findings, "Run now", drafts from findings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models.audit import RUNS_KEPT, AuditFinding, AuditRun, FindingKind
from .drafts import CannotDraft, draft_from_finding
from .report import describe
from .run import ADMIN_TIME_LIMIT, run_audit, store

# The report is part of the register: whoever may change cookies may audit them.
VIEW_PERMISSIONS = ("wagtail_charte.change_cookie",)
DRAFT_PERMISSIONS = (*VIEW_PERMISSIONS, "wagtail_charte.add_cookie")


def user_can_audit(user):
    return user.has_perms(VIEW_PERMISSIONS)


class AuditPermissionMixin:
    permissions = VIEW_PERMISSIONS

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AuditIndexView(AuditPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_charte/audit/index.html"
    page_title = gettext_lazy("Cookie audit")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        runs = AuditRun.objects.with_counts()[:RUNS_KEPT]
        return {**super().get_context_data(**kwargs), "runs": runs}


class RunNowView(AuditPermissionMixin, View):
    """The test-client audit, within the request; the browser audit is for the command."""

    def post(self, request):
        run, findings = run_audit(seconds=ADMIN_TIME_LIMIT)
        if not any(200 <= page["status"] < 400 for page in run.pages):
            messages.error(request, _("No page could be loaded: nothing was audited."))
            return redirect("wagtail_charte_audit")
        store(run, findings)
        problems = sum(finding.is_problem for finding in findings)
        if problems:
            messages.warning(
                request,
                ngettext(
                    "Audit finished: %(count)d problem found.",
                    "Audit finished: %(count)d problems found.",
                    problems,
                )
                % {"count": problems},
            )
        else:
            messages.success(request, _("Audit finished: no problem found."))
        return redirect("wagtail_charte_audit_run", run.pk)


class AuditRunView(AuditPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_charte/audit/run.html"
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
            {"url": reverse("wagtail_charte_audit"), "label": _("Cookie audit")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        findings = list(self.run.findings.select_related("cookie"))
        finder = AdminURLFinder(self.request.user)
        for finding in findings:
            finding.description = describe(finding)
            finding.edit_url = finder.get_edit_url(finding.cookie) if finding.cookie else None
        sections = [
            {"kind": kind, "label": kind.label, "findings": found}
            for kind in FindingKind
            if (found := [finding for finding in findings if finding.kind == kind])
        ]
        return {
            **super().get_context_data(**kwargs),
            "run": self.run,
            "sections": sections,
            "problems": sum(finding.is_problem for finding in findings),
            "failed_pages": [p for p in self.run.pages if not 200 <= p["status"] < 400],
            "can_draft": self.request.user.has_perms(DRAFT_PERMISSIONS),
        }


class DraftFromFindingView(AuditPermissionMixin, View):
    """Adds an undeclared cookie to the register as a draft, then opens it for editing."""

    permissions = DRAFT_PERMISSIONS

    def post(self, request, pk):
        finding = get_object_or_404(AuditFinding, pk=pk, kind=FindingKind.UNDECLARED)
        try:
            cookie, created = draft_from_finding(finding, request.user)
        except CannotDraft as error:
            messages.error(request, str(error))
            return redirect("wagtail_charte_audit_run", finding.run_id)
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
