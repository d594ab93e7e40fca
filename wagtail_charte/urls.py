from django.urls import path

app_name = "wagtail_charte"

urlpatterns: list[path] = []
