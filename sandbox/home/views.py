"""The players of the demo's embeds (demo_embeds.py), served by the sandbox itself."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

PLAYERS = {
    "video": {
        "provider": "YouTube",
        "fr": "Ici jouerait la vidéo, dans le lecteur de YouTube.",
        "en": "YouTube's player would play the video here.",
        "ink": "#ffffff",
        "background": "#161616",
    },
    "map": {
        "provider": "OpenStreetMap",
        "fr": "Ici s'afficherait la carte d'OpenStreetMap.",
        "en": "OpenStreetMap's map would show here.",
        "ink": "#161616",
        "background": "#e3efd9",
    },
}


@xframe_options_sameorigin  # shown in the demo's pages, as the provider's page would be
def demo_player(request, kind):
    """What stands for the provider's player: the demo never reaches the provider."""
    if kind not in PLAYERS:
        raise Http404
    return render(request, "home/demo_player.html", PLAYERS[kind])
