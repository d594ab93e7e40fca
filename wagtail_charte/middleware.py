"""The request being served, for what Wagtail renders without one: its embeds."""

from contextvars import ContextVar

current_request = ContextVar("wagtail_charte_request", default=None)


class EmbedGateMiddleware:
    """Lets Wagtail's embeds find the site and banner of the request they are rendered for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
