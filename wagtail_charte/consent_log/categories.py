"""The categories a visitor can refuse, as the log's filters and statistics name them."""

from dataclasses import dataclass

from wagtail.models import Locale

from ..models import ConsentBasis
from ..models.live import LiveRegister


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


def refusable_categories():
    """The register's live refusable categories, named in the active language when translated.

    A constant number of queries (`LiveRegister`). Records keep their own slugs: a category
    since removed from the register is still in them, but no longer offered here.
    """
    return [
        Category(slug=category.slug, name=category.name)
        for category in LiveRegister(Locale.get_active().pk).categories
        if category.basis != ConsentBasis.NECESSARY
    ]
