"""The one escaping path: text from data shows exactly as written, in HTML, JavaScript and Markdown."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from layers._escape import html_text, js_json, markdown_text
from tests.hostile import HOSTILE_NAMES, MARKUP_NAMES

# Links, images, emphasis, autolinks (http:, www., mail@) as GitHub-flavoured Markdown makes them.
GFM = MarkdownIt("gfm-like", {"linkify": True})
HOSTILE = [*HOSTILE_NAMES, *MARKUP_NAMES, "www.evil.example", "a@evil.example", "&#106;avascript:alert(1)",
           "http://evil.example/x", "- list\n1. item", "名" * 10_000]  # fmt: skip


def _rendered_text(source: str) -> tuple[str, str]:
    """The HTML Markdown makes of ``source``, and its text content."""
    out = GFM.render(source)
    return out, html.unescape(re.sub(r"<[^>]+>", "", out))


def test_hostile_names_show_as_written_in_markdown() -> None:
    for name in HOSTILE:
        out, text = _rendered_text(markdown_text(name))
        assert set(re.findall(r"<(\w+)", out)) <= {"p", "br"}, (name, out)
        assert " ".join(text.split()) == " ".join(name.split()), (name, out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_any_text_shows_as_written_in_markdown(text: str) -> None:
    out, shown = _rendered_text(markdown_text(text))
    assert set(re.findall(r"<(\w+)", out)) <= {"p", "br"}, (text, out)
    assert " ".join(shown.split()) == " ".join(text.replace("\x00", "\ufffd").split())


def test_html_and_script_escaping() -> None:
    for name in HOSTILE:
        assert "<" not in html_text(name) and '"' not in html_text(name)
        literal = js_json(name)
        assert "<" not in literal and ">" not in literal and json.loads(literal) == name
