"""The sandbox, whose French home page takes far longer than any limit of the audit."""

import time

from django.http import HttpResponse
from django.urls import path

from sandbox.urls import urlpatterns as sandbox_urlpatterns

from .hostile_site import TRICKLE_BYTES, TRICKLE_EVERY


def slow_page(request):
    for _ in range(TRICKLE_BYTES):
        time.sleep(TRICKLE_EVERY)
    return HttpResponse("<p>Too late.</p>")


urlpatterns = [path("fr/", slow_page), *sandbox_urlpatterns]
