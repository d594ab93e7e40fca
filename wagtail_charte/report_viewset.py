"""ReportViewSet: a report in the Reports menu, shown to those its permission policy allows."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet


class ReportViewSet(ViewSet):
    """The report's page, its results fragment, and its menu item, behind one permission."""

    menu_hook = "register_reports_menu_item"
    #: A `wagtail.admin.views.reports.ReportView` subclass.
    view_class = None
    permission_policy = None
    permission_required = "view"

    @cached_property
    def menu_item_class(self):
        def is_shown(_item, request):
            return self.permission_policy.user_has_permission(
                request.user, self.permission_required
            )

        return type(f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            page_title=self.menu_label,
            header_icon=self.icon,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            permission_policy=self.permission_policy,
            permission_required=self.permission_required,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.construct_view(self.view_class), name="index"),
            path(
                "results/",
                self.construct_view(self.view_class, results_only=True),
                name="index_results",
            ),
        ]
