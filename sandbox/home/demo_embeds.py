"""The demo's embeds: a YouTube video and an OpenStreetMap map, stored as Wagtail's finders
store what providers answer, but playing from stubs the sandbox serves itself (views.py):
no request leaves the machine, even once accepted."""

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

VIDEO_URL = "https://www.youtube.com/watch?v=wChRt3D3m0s"
SHORT_VIDEO_URL = "https://youtu.be/wChRt3D3m0s"
MAP_URL = "https://www.openstreetmap.org/?mlat=48.85637&mlon=2.35223#map=17/48.85637/2.35223"
VIDEO_TITLE = "Un bandeau cookies pour Wagtail : la démo de wagtail-charte"
MAP_TITLE = "Place de l'Hôtel-de-Ville, Paris"

VIDEO_FRAME = (
    '<iframe width="{width}" height="{height}" src="/demo-embeds/video/" frameborder="0" '
    'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
    'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" '
    'allowfullscreen title="{title}"></iframe>'
)
MAP_FRAME = (
    '<iframe width="{width}" height="{height}" src="/demo-embeds/map/" '
    'style="border: 1px solid black" title="{title}"></iframe>'
)


def _row(url, max_width, kind, frame, provider, title, width, height):
    return {
        "url": url,
        "max_width": max_width,
        "type": kind,
        "html": frame.format(width=width, height=height, title=title),
        "title": title,
        "provider_name": provider,
        "width": width,
        "height": height,
    }


# Each embed the home pages ask for, by URL and max_width (EmbedBlock and rich text: none;
# the home template's `{% embed page.video_url 640 %}`: 640), as the provider would size it.
EMBEDS = [
    _row(VIDEO_URL, None, "video", VIDEO_FRAME, "YouTube", VIDEO_TITLE, 200, 113),
    _row(SHORT_VIDEO_URL, 640, "video", VIDEO_FRAME, "YouTube", VIDEO_TITLE, 640, 360),
    _row(MAP_URL, None, "rich", MAP_FRAME, "OpenStreetMap", MAP_TITLE, 425, 350),
]


def rich_text_embed(url):
    """An embed in rich text, as Draftail stores it."""
    return f'<embed embedtype="media" url="{url}"/>'


# The home pages' rich text, in which the video and the map come first.
HOME_BODY = {
    "fr": (
        "<p>Bienvenue sur le site de démonstration de wagtail-charte.</p>"
        "<p>Cette page montre une vidéo YouTube et une carte OpenStreetMap dans le texte "
        "enrichi, puis dans des blocs EmbedBlock, et la vidéo une dernière fois par la balise "
        "{% embed %} du gabarit. Rien ne se charge depuis ces sites avant que vous acceptiez "
        "les contenus externes.</p>"
        "<h2>Dans le texte</h2>"
        f"{rich_text_embed(VIDEO_URL)}{rich_text_embed(MAP_URL)}"
    ),
    "en": (
        "<p>Welcome to the wagtail-charte demo site.</p>"
        "<p>This page shows a YouTube video and an OpenStreetMap map in rich text, then in "
        "EmbedBlocks, and the video once more through the template's {% embed %} tag. "
        "Nothing loads from those sites before you accept external content.</p>"
        "<h2>In the text</h2>"
        f"{rich_text_embed(VIDEO_URL)}{rich_text_embed(MAP_URL)}"
    ),
}
HOME_EMBEDS = [("embed", VIDEO_URL), ("embed", MAP_URL)]


def load_embeds():
    """Stores the demo's embeds once, for good (no `cache_until`): Wagtail asks no finder."""
    for row in EMBEDS:
        Embed.objects.get_or_create(
            hash=get_embed_hash(row["url"], row["max_width"]),
            defaults={**row, "thumbnail_url": "", "cache_until": None},
        )
