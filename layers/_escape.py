"""The one path by which text from data reaches HTML or JavaScript.

* ``html_text`` for text placed in HTML (titles, legends, sources): entities escaped, quotes too.
* ``js_json`` for values placed in a ``<script>``: JSON with ``<``, ``>``, ``&``, quotes and the
  JavaScript line separators escaped, so no value can close the script or start markup.

* ``markdown_text`` for text shown through Streamlit's Markdown (which never renders raw HTML):
  Markdown's own characters are escaped so a name shows exactly as written.
* ``css_string`` for our own words placed in a stylesheet (``content: "..."``).

In the browser, tooltips are built with ``textContent`` from these JSON values (``atlas.js``), so
a cluster named ``<img src=x onerror=alert(1)>`` shows as that text and runs nothing.
"""

from __future__ import annotations

import html
import json
from typing import Any

_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def html_text(value: object) -> str:
    """``value`` as text that is safe inside HTML elements and quoted attributes."""
    return html.escape(str(value), quote=True)


def js_json(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _JS_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


# Markdown's own punctuation, and what GitHub-flavoured Markdown turns into links by itself
# (``http:``, ``www.``, ``a@b``) or into characters (``&amp;``).
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:@&="


def markdown_text(value: object) -> str:
    """``value`` as literal text inside Markdown, on one line (a line break could start a heading)."""
    out = " ".join(str(value).split())
    for char in _MARKDOWN_SPECIAL:
        out = out.replace(char, "\\" + char)
    return out


def css_string(value: object) -> str:
    """``value`` as a quoted CSS string (for ``content:``): every character outside plain text escaped."""
    out = []
    for char in str(value):
        out.append(char if char.isalnum() or char in " ,.;:()（）、，。；：" or ord(char) > 0x2E7F else f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'
