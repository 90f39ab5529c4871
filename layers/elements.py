"""The folium elements the atlas draws with: geometry, feature layers, points, and map chrome.

Each is a small class with a Jinja template, in the style of folium's own layers. Values reach the
page only through ``layers._escape`` (``js_json`` for data, ``html_text`` for text in panels).
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from layers._escape import html_text, js_json


class RawHtml(Element):
    """Trusted markup from our own files (inlined assets), written as is: never data."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup


class AtlasGeometry(MacroElement):
    """The shared TopoJSON topology, embedded once per map as a JavaScript value."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.topology_js }};
        {% endmacro %}
        """
    )

    def __init__(self, topology: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AtlasGeometry"
        self.topology_js = js_json(topology)


class AtlasLayer(Layer):
    """Features of one topology object, styled and with tooltips computed in Python.

    ``spec``: ``object`` (counties / cities / areas), ``kind`` (a CSS class suffix), ``only`` (codes
    to draw, or None for all), ``base`` and ``styles`` (per code: fill, hatch, stroke, weight, dash,
    fillOpacity), ``tooltips`` (per code: title, rows, note).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = Atlas.layer({{ this.geometry.get_name() }}, {{ this.spec_js }});
        {% endmacro %}
        """
    )

    def __init__(self, geometry: AtlasGeometry, spec: dict[str, Any], *, name: str, overlay: bool = True,
                 control: bool = True, show: bool = True) -> None:  # fmt: skip
        # Leaflet's layer control writes names with innerHTML: escape them as HTML text.
        super().__init__(name=html_text(name), overlay=overlay, control=control, show=show)
        self._name = "AtlasLayer"
        self.geometry = geometry
        self.spec_js = js_json(spec)


class AtlasPoints(Layer):
    """Circle markers (approximate development-zone centres, host-city markers) with tooltips."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = Atlas.points({{ this.spec_js }});
        {% endmacro %}
        """
    )

    def __init__(self, points: list[dict[str, Any]], *, name: str, control: bool = True, show: bool = True) -> None:
        super().__init__(name=html_text(name), overlay=True, control=control, show=show)
        self._name = "AtlasPoints"
        self.spec_js = js_json({"points": points})


class Panel(MacroElement):
    """A fixed panel (title, legend, sources) as a Leaflet control; its HTML is built escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position_js }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_js }});
                div.innerHTML = {{ this.html_js }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "Panel"
        self.position_js = js_json(position)
        self.css_js = js_json(f"atlas-panel {css_class}")
        self.html_js = js_json(html)


class FitBounds(MacroElement):
    """Fit the map to bounds, waiting until the map has a size (it may start in a hidden tab)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var bounds = {{ this.bounds_js }}, options = {{ this.options_js }};
            function ready() { var s = map.getSize(); return s.x > 0 && s.y > 0; }
            if (ready()) { map.fitBounds(bounds, options); return; }
            var timer = setInterval(function () {
                map.invalidateSize();
                if (ready()) { clearInterval(timer); map.fitBounds(bounds, options); }
            }, 250);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[float, float, float, float], *, padding: int = 60, max_zoom: int | None = None) -> None:
        super().__init__()
        self._name = "FitBounds"
        minx, miny, maxx, maxy = bounds
        self.bounds_js = js_json([[miny, minx], [maxy, maxx]])
        options: dict[str, object] = {"paddingTopLeft": [20, padding], "paddingBottomRight": [20, padding]}
        if max_zoom is not None:
            options["maxZoom"] = max_zoom
        self.options_js = js_json(options)


class MetricScale(MacroElement):
    """A scale bar in kilometres only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false, position: "bottomleft"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class TileErrorNotice(MacroElement):
    """Says so on the map when basemap tiles fail to load (no network, a blocked server)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        Atlas.tileErrors({{ this._parent.get_name() }}, {{ this.message_js }});
        {% endmacro %}
        """
    )

    def __init__(self, message: str) -> None:
        super().__init__()
        self._name = "TileErrorNotice"
        self.message_js = js_json(message)


class DrawnMarker(MacroElement):
    """Marks the map as drawn (``data-atlas-features`` on its container) once every layer is added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        Atlas.markDrawn({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


# ---- panel HTML, every piece of text escaped --------------------------------------------------


def swatch_html(*, fill: str | None = None, hatch: str | None = None, stroke: str = "#777", weight: float = 1,
                point: bool = False, dash: bool = False) -> str:  # fmt: skip
    """A legend swatch."""
    classes = "atlas-swatch" + (" atlas-swatch-hatch" if hatch else "") + (" atlas-swatch-point" if point else "")
    style = [f"border-color:{html_text(stroke)}", f"border-width:{weight}px"]
    if dash:
        style.append("border-style:dashed")
    if fill:
        style.append(f"background-color:{html_text(fill)}")
    if hatch:
        style.append(f"--hatch:{html_text(hatch)}")
    return f'<span class="{classes}" style="{";".join(style)}"></span>'


def legend_html(title: str, rows: list[tuple[str, str]], notes: list[str] = ()) -> str:  # type: ignore[assignment]
    """Legend: a title, rows of (swatch HTML, label text), and notes; labels and notes are escaped."""
    parts = [f'<div class="atlas-legend-title">{html_text(title)}</div>']
    parts += [f'<div class="atlas-legend-row">{swatch}<span>{html_text(label)}</span></div>' for swatch, label in rows]
    parts += [f'<div class="atlas-legend-note">{html_text(note)}</div>' for note in notes]
    return "".join(parts)


def title_html(title: str, subtitle: str = "") -> str:
    sub = f'<div class="atlas-subtitle">{html_text(subtitle)}</div>' if subtitle else ""
    return f'<div class="atlas-title">{html_text(title)}{sub}</div>'


def footer_html(summary: str, lines: list[str], *, open_: bool = True) -> str:
    """Sources and datum as a collapsible block: open in exports, folded in the app."""
    body = "<br>".join(html_text(line) for line in lines)
    return f"<details{' open' if open_ else ''}><summary>{html_text(summary)}</summary>{body}</details>"
