"""Checklist item 12: the policy page discloses every cookie, who sets it and what for."""

import pytest
from wagtail.models import Locale

from wagtail_charte.models.live import LiveRegister

from .visitor import POLICY

pytestmark = pytest.mark.browser


def test_item_12_policy_page_lists_every_party_purpose_and_cookie(visitor):
    for lang in ("fr", "en"):
        v = visitor("default", lang)
        v.visit(POLICY[lang])
        register = LiveRegister(Locale.objects.get(language_code=lang).pk)
        cookies = [cookie for group in register.groups for cookie in group.cookies]
        assert len(cookies) == 7
        for cookie in cookies:
            row = v.page.locator(
                "table.charte-table tr", has=v.page.locator(f"th >> text='{cookie.name}'")
            )
            cells = [text.strip() for text in row.locator("td").all_inner_texts()]
            assert cells[:3] == [cookie.provider.name, cookie.service, cookie.purpose], cookie.name
            assert row.is_visible()
            if cookie.provider.privacy_policy_url:
                link = row.locator(f'a[href="{cookie.provider.privacy_policy_url}"]')
                assert link.inner_text() == cookie.provider.name
        for group in register.groups:
            assert v.page.locator(".charte-categories dt", has_text=group.name).is_visible()
