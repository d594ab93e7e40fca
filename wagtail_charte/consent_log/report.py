"""The "Consent statistics" report: a chart with no JS library, and the same figures as tables."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from .categories import refusable_categories
from .filters import PeriodFilterSet
from .statistics import charts, local_date, period_weeks
from .views import can_view_log


class ConsentStatisticsView(ReportView):
    page_title = _("Consent statistics")
    header_icon = "table"
    index_url_name = "wagtail_charte_consent_statistics"
    index_results_url_name = "wagtail_charte_consent_statistics_results"
    results_template_name = "wagtail_charte/consent_log/statistics_results.html"
    filterset_class = PeriodFilterSet
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        if not can_view_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        """The charts of the period the filter names (the last 12 weeks by default)."""
        period = self.filters.form.cleaned_data.get("period") if self.filters.is_valid() else None
        start = local_date(period.start) if period and period.start else None
        end = local_date(period.stop) if period and period.stop else None
        self.weeks = period_weeks(start, end)
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
            "has_choices": any(row.total for row in methods.rows),
        }
