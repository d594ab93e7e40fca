from django.conf import settings


def demo_theme(request):
    """The theme `make run THEME=…` chose: base.html loads DSFR's stylesheet for "dsfr"."""
    return {"demo_theme": settings.DEMO_THEME}
