"""Checklist items about the preferences dialog (docs/compliance.md), in Chromium."""

import pytest

from .visitor import BANNER, DIALOG, PAIRS

pytestmark = pytest.mark.browser

OPTIONAL = ("statistics", "external")


def radios(v, slug):
    return v.page.locator(f'{DIALOG} input[type="radio"][data-charte-category="{slug}"]')


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_07_each_purpose_has_its_own_accept_and_refuse(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    accept, refuse = ("Accepter", "Refuser") if lang == "fr" else ("Accept", "Refuse")
    for slug in OPTIONAL:
        control = v.page.locator(f'input[data-charte-category="{slug}"]')
        fieldset = v.page.locator(f"{DIALOG} fieldset", has=control)
        assert fieldset.locator("legend").inner_text() == v.words[slug]
        values = [(r.get_attribute("value"), r.is_enabled()) for r in radios(v, slug).all()]
        assert values == [("true", True), ("false", True)]
        labels = fieldset.locator("label").all_inner_texts()
        assert [label.strip() for label in labels] == [accept, refuse]
    # Each control changes its own purpose only.
    v.choose("statistics", True)
    v.choose("external", False)
    v.click(DIALOG, "save")
    assert v.choice()["c"] == {"statistics": True, "external": False}


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_08_controls_start_unselected_and_unanswered_is_refused(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    for slug in OPTIONAL:
        assert [r.is_checked() for r in radios(v, slug).all()] == [False, False], slug
    v.choose("statistics", True)
    v.click(DIALOG, "save")
    assert v.choice()["c"] == {"statistics": True, "external": False}
    v.wait_announced(v.words["saved"])
    unanswered = "Sans réponse, donc refusé" if lang == "fr" else "Not answered, so refused"
    v.page.wait_for_function(
        "t => document.querySelector('[data-charte-live]').textContent.includes(t)",
        arg=f"{unanswered} : {v.words['external']}" if lang == "fr" else unanswered,
    )
    assert v.words["external"] in v.live_text()
    # Once answered, the dialog shows the answers.
    v.open_preferences()
    assert [r.is_checked() for r in radios(v, "statistics").all()] == [True, False]
    assert [r.is_checked() for r in radios(v, "external").all()] == [False, True]


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_09_necessary_cannot_be_refused_and_is_described(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    name = "Cookies nécessaires" if lang == "fr" else "Necessary cookies"
    fieldset = v.page.locator(f"{DIALOG} fieldset", has=v.page.locator("legend", has_text=name))
    text = fieldset.inner_text()
    assert ("Indispensables" if lang == "fr" else "Needed for the site to work") in text
    # No control refuses it: DSFR shows a disabled "Refuse", the default theme a statement.
    enabled = fieldset.locator("input:not([disabled])")
    assert all(i.get_attribute("value") != "false" for i in enabled.all())
    assert fieldset.locator("[data-charte-category]").count() == 0
    if theme == "dsfr":
        assert fieldset.locator('input[type="radio"][disabled]').count() == 1
    else:
        assert ("Toujours actifs" if lang == "fr" else "Always on") in text
    v.click(DIALOG, "refuse-all")
    assert "necessary" not in v.choice()["c"]


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_28_dialog_is_labelled_by_its_visible_title(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    dialog = v.page.locator(DIALOG)
    assert dialog.evaluate("d => d.tagName") == "DIALOG"
    assert dialog.evaluate("d => d.matches(':modal')")
    title = v.page.locator(f"#{dialog.get_attribute('aria-labelledby')}")
    assert title.is_visible()
    assert title.inner_text() == v.words["settings"]
    assert v.page.get_by_role("dialog", name=v.words["settings"]).is_visible()


@pytest.mark.parametrize("theme", ["default", "dsfr"])
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (320, 640)])
def test_the_open_dialog_fits_the_window_and_dsfrs_dims_all_of_it(visitor, theme, width, height):
    """DSFR's modal is its own backdrop: the browser's size cap on a modal left a bright strip."""
    v = visitor(theme, "fr", width=width, height=height)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    box = v.page.locator(DIALOG).bounding_box()
    edges = (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"])
    if theme == "dsfr":
        assert edges == (0, 0, width, height)
    else:
        assert edges[0] > 0 and edges[1] > 0 and edges[2] < width and edges[3] < height


def inside_dialog(v):
    return v.page.evaluate("document.activeElement.closest('[data-charte-dialog]') !== null")


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_29_focus_enters_cycles_escapes_and_returns(visitor, theme, lang):
    v = visitor(theme, lang)
    v.set_choice({"statistics": False, "external": False})
    v.visit()
    v.page.locator("footer [data-charte-open]").focus()
    v.page.keyboard.press("Enter")
    v.dialog_open()
    seen = set()
    for key in ["Tab"] * 20 + ["Shift+Tab"] * 20:
        v.page.keyboard.press(key)
        assert inside_dialog(v), key
        seen.add(v.focused())
    assert {"accept-all", "refuse-all", "save"} <= seen
    v.page.keyboard.press("Escape")
    v.page.wait_for_selector(DIALOG, state="hidden")
    assert v.page.evaluate("document.activeElement.hasAttribute('data-charte-open')")
    assert v.choice()["c"] == {"statistics": False, "external": False}  # unchanged


@pytest.mark.parametrize(("theme", "lang"), PAIRS)
def test_item_34_fieldsets_legends_labels_and_toggles(visitor, theme, lang):
    v = visitor(theme, lang)
    v.visit()
    v.click(BANNER, "customize")
    v.dialog_open()
    fieldsets = v.page.locator(f"{DIALOG} fieldset").all()
    assert len(fieldsets) == 3  # necessary, statistics, external
    for fieldset in fieldsets:
        assert fieldset.locator("legend").inner_text().strip()
        for control in fieldset.locator("input").all():
            labels = control.evaluate("i => Array.from(i.labels).map(l => l.textContent.trim())")
            assert labels and all(labels)
    # Descriptions are always shown; any disclosure toggle must report its state.
    for toggle in v.page.locator(f"{DIALOG} [aria-expanded]").all():
        before = toggle.get_attribute("aria-expanded")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") != before
