"""Every file uploader of the app in a real browser reads in the UI's language only.

Streamlit (1.67) draws an uploader's button as an icon and the word "Upload", with an English hint
beside it; ``ui.import_panel.uploader_css`` hides both and writes our word instead. Checked on the
three uploaders (cluster list, workspace backup, actual figures) on the Chinese and English screens.
"""

from __future__ import annotations

import pytest

from geo.importer import template_bytes
from tests.atlases import hebei
from tests.browser import open_page, screenshot
from tests.test_browser_app import LOCAL, _idle, app_url  # noqa: F401 (app_url: the fixture that serves the app)

pytestmark = pytest.mark.browser

UPLOADERS = """() => Array.from(document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')).map(zone => {
    const button = zone.querySelector('button');
    const words = [];
    const walker = document.createTreeWalker(zone, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, where = node.parentElement;
        if (node.textContent.trim() && where.checkVisibility() && !where.closest('[data-testid="stIconMaterial"]'))
            words.push(node.textContent.trim());  // what a reader sees written, apart from the icon
    }
    return {zone: zone.getAttribute('aria-label'), words, button: getComputedStyle(button, '::after').content};
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_uploader_button_reads_in_the_ui_language(browser, app_url: str, lang: str) -> None:  # noqa: F811
    page, log = open_page(browser, app_url + ("/?lang=en" if lang == "en" else "/"), allow=LOCAL, width=1500, height=1000)
    page.locator('[data-testid="stFileUploaderDropzone"]').nth(2).wait_for(state="attached", timeout=90000)
    _idle(page)
    for summary in page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').all():
        summary.click()  # open every sidebar panel: the uploaders are in three of them
    page.wait_for_timeout(500)
    found = page.evaluate(UPLOADERS)
    screenshot(page, f"app-uploaders-{lang}")
    zones = {"zh": {"上传文件", "从备份恢复（新工作区）"}, "en": {"Upload a file", "Restore from a backup (as a new workspace)"}}
    assert len(found) == 3 and {f["zone"] for f in found} == zones[lang]
    for uploader in found:
        assert uploader["words"] == [], uploader  # no "Upload", no "Drag and drop file here", no "Limit 20MB"
        assert uploader["button"] == ('"选择文件"' if lang == "zh" else '"Browse files"'), uploader
    assert log.errors == []


def test_after_an_upload_no_other_button_takes_the_browse_word(browser, app_url: str) -> None:  # noqa: F811
    """Once a file is in, the uploader shows the file with its remove button and a "+": neither reads
    "选择文件" (the word belongs to the browse button only), and the word stays on one line."""
    page, log = open_page(browser, app_url + "/", allow=LOCAL, width=1500, height=1000)
    page.locator('[data-testid="stFileUploaderDropzone"]').first.wait_for(state="attached", timeout=90000)
    _idle(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').first.click()
    zone = page.locator('.st-key-upload [data-testid="stFileUploaderDropzone"]')
    words = "() => getComputedStyle(document.querySelector('.st-key-upload button'), '::after').whiteSpace"
    assert page.evaluate(words) == "nowrap"
    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": "clusters.csv", "mimeType": "text/csv", "buffer": template_bytes("csv", hebei(), "zh")})
    zone.locator('[data-testid="stFileChip"]').wait_for(timeout=60000)
    _idle(page)
    after = zone.evaluate("z => Array.from(z.querySelectorAll('button')).map(b => getComputedStyle(b, '::after').content)")
    assert len(after) == 2 and set(after) == {"none"}, after  # the remove button and the "+"
    screenshot(page, "app-uploader-after-upload")
    assert log.errors == []
