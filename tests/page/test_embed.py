"""`charte_embed`'s own attributes: what a site's video or map block writes on its iframe."""

import pytest
from django.template import engines
from django.template.backends.jinja2 import Jinja2

SRC = "https://video.example/embed/1"
DJANGO = (
    "{% load wagtail_charte_tags %}{% charte_embed 'video' src 'Film' 640 360 "
    'class="video-frame" allow="autoplay; fullscreen" allowfullscreen=True loading="lazy" '
    'referrerpolicy="strict-origin" aria_describedby="caption" sandbox=False %}'
)
JINJA2 = (
    "{{ charte_embed('video', src, 'Film', 640, 360, class='video-frame', "
    "allow='autoplay; fullscreen', allowfullscreen=True, loading='lazy', "
    "referrerpolicy='strict-origin', aria_describedby='caption', sandbox=False) }}"
)


def jinja2():
    options = {"extensions": ["wagtail_charte.jinja2tags.charte"]}
    return Jinja2({"APP_DIRS": False, "DIRS": [], "NAME": "jinja2", "OPTIONS": options})


def iframe(html):
    return html[html.index("<iframe") : html.index("</iframe>")]


def test_extra_attributes_go_on_the_gated_iframe_in_both_engines():
    html = engines["django"].from_string(DJANGO).render({"src": SRC})
    tag = iframe(html)
    assert tag.startswith(
        f'<iframe title="Film" data-charte-category="video" data-charte-src="{SRC}"'
    )
    for attribute in (
        ' class="video-frame"',
        ' allow="autoplay; fullscreen"',
        " allowfullscreen ",
        ' loading="lazy"',
        ' referrerpolicy="strict-origin"',
        ' aria-describedby="caption"',
    ):
        assert attribute in tag
    # False leaves the attribute out; the iframe stays hidden and without `src` until consent.
    assert "sandbox" not in tag and " src=" not in tag and tag.endswith(" hidden>")
    assert iframe(jinja2().from_string(JINJA2).render({"src": SRC})) == tag


def test_attribute_values_are_escaped():
    template = '{% load wagtail_charte_tags %}{% charte_embed "map" src "Map" class=value %}'
    html = (
        engines["django"]
        .from_string(template)
        .render({"src": SRC, "value": '"><script>alert(1)</script>'})
    )
    assert 'class="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>" not in html


@pytest.mark.parametrize("name", ["src", "srcdoc", "hidden", "onload", "data_charte_src"])
def test_attributes_that_would_undo_the_gate_or_run_a_script_are_refused(name):
    template = (
        f'{{% load wagtail_charte_tags %}}{{% charte_embed "video" "{SRC}" "Film" {name}="x" %}}'
    )
    with pytest.raises(TypeError, match=name.replace("_", "-")):
        engines["django"].from_string(template).render({})
    with pytest.raises(TypeError):
        jinja2().from_string(
            f"{{{{ charte_embed('video', '{SRC}', 'Film', {name}='x') }}}}"
        ).render({})
