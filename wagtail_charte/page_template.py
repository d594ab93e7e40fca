"""The site's base template as the charte page fills it: which of its blocks the settings name,
and which of them it has. No edit of the site's templates is needed."""

from functools import lru_cache

from django.template import Context, Engine, Template
from django.template.loader_tags import BlockNode, ExtendsNode

from . import conf

# The parts of the charte page that go into a block of the base template, each with the
# setting that names that block.
PARTS = {
    "content": "PAGE_CONTENT_BLOCK",
    "head": "PAGE_HEAD_BLOCK",
    "language_switcher": "PAGE_LANGUAGE_SWITCHER_BLOCK",
}
# What the base template's own head block holds stays, before the page's stylesheets.
KEEP = {"head": "{{ block.super }}"}


def block_names(template):
    """The blocks a Django template defines, with those of the templates it extends, as far as
    their names are written in it (an `{% extends %}` of a variable ends the search)."""
    names = set()
    while template is not None:
        names |= {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
        extends = template.nodelist.get_nodes_by_type(ExtendsNode)
        parent = extends[0].parent_name.resolve(Context()) if extends else None
        template = template.engine.get_template(parent) if isinstance(parent, str) else None
    return names


def host_blocks():
    """{part: the base template's block for it, or None when the setting names none or the
    base template lacks it}."""
    base = Engine.get_default().get_template(conf.get("PAGE_BASE_TEMPLATE"))
    named = tuple((part, conf.get(setting)) for part, setting in PARTS.items())
    return _present(base, named)


@lru_cache(maxsize=16)
def _present(base, named):
    # Keyed by the compiled template: Django's cached loader gives the same one until a
    # template changes.
    found = block_names(base)
    return {part: name if name in found else None for part, name in named}


@lru_cache(maxsize=16)
def adapter(blocks):
    """A template between the page's and the base template: it puts the page's fixed blocks
    (`charte_head`, `charte_language_switcher`, `charte_content`) into the base's own.
    `blocks` is `host_blocks()` as a tuple of items; the base is the context's `base_template`."""
    source = "{% extends base_template %}" + "".join(
        f"{{% block {name} %}}{KEEP.get(part, '')}{{% block charte_{part} %}}{{% endblock %}}"
        "{% endblock %}"
        for part, name in blocks
        if name
    )
    return Template(source, engine=Engine.get_default())
