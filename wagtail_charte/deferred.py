"""Blocks that show the register, set aside while a charte page's own blocks are rendered.

A charte body is cached in two parts: the page's own blocks until the page changes, and
the blocks that show the register until the register changes. Rendering the first part
leaves an unguessable placeholder for each register block; the second part fills them.
"""

import re
import uuid

from django.utils.safestring import mark_safe

CONTEXT_KEY = "charte_deferred"


class DeferredBlocks:
    """The register blocks met while rendering a body, each replaced by a placeholder."""

    def __init__(self):
        # Random per rendering, so that no editor's text can fake a placeholder.
        self.token = uuid.uuid4().hex
        self.blocks = []

    def placeholder(self, block, value):
        self.blocks.append((block.name, block.get_prep_value(value)))
        return mark_safe(f"<!--{self.token}:{len(self.blocks) - 1}-->")  # noqa: S308


class RegisterBlockMixin:
    """For blocks that show the register: deferred when the body is rendered for the cache."""

    def render(self, value, context=None):
        deferred = (context or {}).get(CONTEXT_KEY)
        if deferred is None:
            return super().render(value, context)
        return deferred.placeholder(self, value)


def render_deferred(stream_block, blocks, context):
    """The HTML of each set-aside block, rendered in full."""
    rendered = []
    for name, prep_value in blocks:
        block = stream_block.child_blocks[name]
        rendered.append(block.render(block.to_python(prep_value), context))
    return rendered


def fill(html, token, rendered):
    return re.sub(f"<!--{token}:(\\d+)-->", lambda match: rendered[int(match[1])], html)
