from django.urls import path

from .views import ConsentView

app_name = "wagtail_charte"

urlpatterns: list[path] = [
    path("consent/", ConsentView.as_view(), name="consent"),
]
