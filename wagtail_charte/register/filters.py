import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import ConsentBasis, Cookie


class CookieFilterSet(WagtailFilterSet):
    basis = django_filters.ChoiceFilter(
        field_name="category__basis", label=_("consent basis"), choices=ConsentBasis.choices
    )

    class Meta:
        model = Cookie
        fields = ["category", "provider", "party"]
