from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class HomePage(Page):
    body = RichTextField(blank=True)
    embeds = StreamField([("embed", EmbedBlock())], blank=True)
    # Shown by the template's `{% embed %}` tag, as a site's own templates place a video.
    video_url = models.URLField(blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("embeds"),
        FieldPanel("video_url"),
    ]
