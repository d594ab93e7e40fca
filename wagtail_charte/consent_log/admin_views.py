"""The consent log in the admin: read-only for everyone, behind its own view permission.

There is no add, edit or delete view at all, for superusers neither: the log's viewset serves
the listing (with CSV and XLSX export), each record, and the snapshot of the banner it
answered. The "Consent statistics" report, behind the same permission, has a viewset of its own.
"""

from dataclasses import dataclass

from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView, PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import ConsentBasis, ConsentRecord, ConsentSnapshot
from ..permissions import consent_log_policy
from ..report_viewset import ReportViewSet
from ..spreadsheet import NeutralisedCSVExportMixin
from .categories import refusable_categories
from .filters import ConsentRecordFilterSet, PeriodFilterSet
from .snapshots import digest_of
from .statistics import MAX_WEEKS, charts, local_date, period_weeks

LOG_TITLE = _("Consent log")


def describe_choices(choices):
    """{"statistics": true} as "statistics: accepted", for the listing and the export."""
    return "; ".join(
        gettext("%(category)s: %(state)s")
        % {
            "category": slug,
            "state": pgettext("consent state", "accepted")
            if allowed
            else pgettext("consent state", "refused"),
        }
        for slug, allowed in sorted(choices.items())
    )


@dataclass
class SnapshotDisplay:
    """What the templates need to show a snapshot as the visitor saw it."""

    content: dict
    categories: list  # the snapshot's categories, each with its basis's label
    # The first layer's lists: the purposes that need consent, and the exempt ones, named apart
    # since the snapshot has the sentence for them (before, one list of both).
    consented: list
    exempt: list
    policy_revision_url: str

    @classmethod
    def of(cls, snapshot):
        content = snapshot.content
        categories = [
            {**category, "basis_label": ConsentBasis(category["basis"]).label}
            for category in content["categories"]
        ]
        policy = content["policy"]
        apart = ConsentBasis.EXEMPT if "exempt" in content["texts"] else None
        return cls(
            content=content,
            categories=categories,
            consented=[c for c in categories if c["basis"] not in (ConsentBasis.NECESSARY, apart)],
            exempt=[c for c in categories if c["basis"] == apart],
            policy_revision_url=reverse(
                "wagtailadmin_pages:revisions_view", args=[policy["page"], policy["revision"]]
            )
            if policy and policy["revision"]
            else "",
        )


def log_breadcrumbs(view, **current):
    """The crumbs of a log page: the listing by its title, not the model's plural."""
    return [
        *view.breadcrumbs_items,
        {"url": reverse(view.index_url_name), "label": LOG_TITLE},
        {"url": "", **current},
    ]


class ConsentLogIndexView(NeutralisedCSVExportMixin, IndexView):
    page_title = LOG_TITLE

    def get_base_queryset(self):
        # The export names each record's snapshot: one join, not a query per row.
        return super().get_base_queryset().annotate(snapshot_digest=F("snapshot__digest"))

    def search_queryset(self, queryset):
        # A visitor quotes their whole id: an exact match uses the index on a large log.
        if not self.is_searching:
            return queryset
        return queryset.filter(consent_id=self.search_query.strip().lower())

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["choices"] = describe_choices(item.choices)
        row["method"] = item.get_method_display()
        return row


class ConsentRecordInspectView(InspectView):
    snapshot_url_name = None
    template_name = "wagtail_charte/consent_log/record.html"

    def get_object(self, queryset=None):
        return get_object_or_404(ConsentRecord.objects.select_related("snapshot"), pk=self.pk)

    def get_received_at_display_value(self):
        return date_format(localtime(self.object.received_at), "DATETIME_FORMAT")

    def get_breadcrumbs_items(self):
        return log_breadcrumbs(self, label=self.get_page_subtitle())

    def get_ts_display_value(self):
        return f"{self.object.ts} ({self.object.chosen_at:%Y-%m-%d %H:%M:%S} UTC)"

    def get_choices_display_value(self):
        return describe_choices(self.object.choices)

    def get_context_data(self, **kwargs):
        snapshot = self.object.snapshot
        return {
            **super().get_context_data(**kwargs),
            "snapshot": snapshot,
            "snapshot_url": reverse(self.snapshot_url_name, args=[snapshot.pk]),
            "snapshot_display": SnapshotDisplay.of(snapshot),
        }


class SnapshotView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A snapshot as the visitor saw it, and its exact canonical JSON (`?format=json`)."""

    permission_required = "view"
    model = ConsentRecord
    template_name = "wagtail_charte/consent_log/snapshot.html"
    page_title = _("Banner shown")
    header_icon = "doc-full"
    index_url_name = None

    def get(self, request, pk):
        self.snapshot = get_object_or_404(ConsentSnapshot, pk=pk)
        if request.GET.get("format") == "json":
            response = HttpResponse(self.snapshot.canonical, content_type="application/json")
            response["Content-Disposition"] = (
                f'attachment; filename="banner-{self.snapshot.digest}.json"'
            )
            return response
        return super().get(request)

    def get_page_subtitle(self):
        return self.snapshot.digest

    def get_breadcrumbs_items(self):
        return log_breadcrumbs(self, label=self.page_title, sublabel=str(self.snapshot))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "snapshot": self.snapshot,
            "snapshot_display": SnapshotDisplay.of(self.snapshot),
            "verified": digest_of(self.snapshot.canonical) == self.snapshot.digest,
            "records": self.snapshot.records.count(),
        }


class ConsentLogViewSet(ModelViewSet):
    model = ConsentRecord
    name = "wagtail_charte_consent_log"
    url_prefix = "charte/consent-log"
    icon = "list-ul"
    menu_label = LOG_TITLE
    menu_order = 9000
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ConsentLogIndexView
    inspect_view_class = ConsentRecordInspectView
    inspect_view_fields = [
        "consent_id",
        "received_at",
        "ts",
        "method",
        "choices",
        "language",
        "version",
    ]
    filterset_class = ConsentRecordFilterSet
    search_fields = ["consent_id"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "consent_id",
        DateColumn("received_at", label=_("Received")),
        Column("method", label=_("How it was made"), accessor="get_method_display"),
        Column("choices", label=_("Choices"), accessor=lambda r: describe_choices(r.choices)),
        "language",
        "version",
    ]
    list_export = [
        "consent_id",
        "received_at",
        "chosen_at",
        "method",
        "choices",
        "language",
        "version",
        "snapshot_digest",
    ]
    export_headings = {
        "chosen_at": _("Time of the choice (visitor's clock, UTC)"),
        "snapshot_digest": _("Banner shown (SHA-256)"),
    }
    export_filename = "consent-log"

    def get_common_view_kwargs(self, **kwargs):
        # No such views: nothing links to them, whoever the user.
        gone = ("add", "edit", "delete", "copy", "history", "usage")
        return super().get_common_view_kwargs(
            **{f"{name}_url_name": None for name in gone}, **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            snapshot_url_name=self.get_url_name("snapshot"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("snapshot/<int:pk>/", self.snapshot_view, name="snapshot"),
        ]

    @property
    def snapshot_view(self):
        return self.construct_view(
            SnapshotView, model=self.model, permission_policy=self.permission_policy
        )

    def register_admin_url_finder(self):
        pass  # Records have no edit view for the finder to point to.


class ConsentStatisticsView(ReportView):
    """A chart with no JS library, and the same figures as tables."""

    results_template_name = "wagtail_charte/consent_log/statistics_results.html"
    filterset_class = PeriodFilterSet
    paginate_by = None

    def get_filtered_queryset(self):
        """The charts of the period the filter names (the last 12 weeks by default), of its
        last MAX_WEEKS weeks at most."""
        period = self.filters.form.cleaned_data.get("period") if self.filters.is_valid() else None
        start = local_date(period.start) if period and period.start else None
        end = local_date(period.stop) if period and period.stop else None
        weeks = period_weeks(start, end)
        self.weeks = weeks[-MAX_WEEKS:]
        self.weeks_left_out = len(weeks) - len(self.weeks)
        return charts(self.weeks, refusable_categories())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        methods = context["object_list"][-1]
        return {
            **context,
            # Charts are not search results: no "There are N matches" heading.
            "is_filtering": False,
            "charts": context["object_list"],
            "first_week": self.weeks[0],
            "last_week": self.weeks[-1],
            "weeks_left_out": self.weeks_left_out,
            "max_weeks": MAX_WEEKS,
            "has_choices": any(bar.total for bar in methods.bars),
        }


class ConsentStatisticsViewSet(ReportViewSet):
    """For those who may read the log."""

    name = "wagtail_charte_consent_statistics"
    url_prefix = "reports/charte-consent-statistics"
    view_class = ConsentStatisticsView
    permission_policy = consent_log_policy
    icon = "table"
    menu_label = _("Consent statistics")
    menu_name = "charte-consent-statistics"
    menu_order = 920
