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
        self.topology = topology

    @property
    def topology_js(self) -> str:
        """Serialised only when a page is rendered (the app's live map fetches the topology as a file)."""
        return js_json(self.topology)


class _SpecLayer(Layer):
    """A layer drawn by one ``Atlas.*`` function from a JSON spec: the page's script gets the spec,
    and the app's live map the same spec as data (``live``; ``live_kind`` names the function there)."""

    live_kind = ""
    spec: dict[str, Any]

    @property
    def spec_js(self) -> str:
        return js_json(self.spec)

    def live(self) -> dict[str, Any]:
        """This layer as data for the app's live map (``layers.live``), with its place in the layer
        control (``layer_name`` is already HTML-escaped, as Leaflet's control writes it)."""
        return {"type": self.live_kind, "name": self.layer_name, "overlay": self.overlay, "control": self.control,
                "show": self.show, "spec": self.spec}  # fmt: skip


class AtlasLayer(_SpecLayer):
    """Features of one topology object, styled and with tooltips computed in Python.

    ``spec``: ``object`` (counties / cities / areas), ``kind`` (a CSS class suffix), ``only`` (codes
    to draw, or None for all), ``base`` and ``styles`` (per code: fill, hatch, stroke, weight, dash,
    fillOpacity), ``tooltips`` (per code: title, rows, note).
    """

    live_kind = "layer"
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
        self.spec = spec


class AtlasPoints(_SpecLayer):
    """Circle markers (approximate development-zone centres, host-city markers) with tooltips."""

    live_kind = "points"
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
        self.spec = {"points": points}


class AtlasLabels(_SpecLayer):
    """Names on the map (cities, counties, neighbouring provinces, clusters), placed by ``Atlas.placeLabels``.

    ``labels``: {text, lat, lon, kind (a CSS class suffix), priority (lower first), at (other
    [lat, lon] anchors to try), offsets ([x, y] px to try), color (a key colour)}. Labels that would
    overlap a label placed before them, a panel or the map's edge are left out (and marked so).
    """

    live_kind = "labels"
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = Atlas.labels({{ this.spec_js }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict[str, Any]], *, name: str, control: bool = True, show: bool = True) -> None:
        super().__init__(name=html_text(name), overlay=True, control=control, show=show)
        self._name = "AtlasLabels"
        self.spec = {"labels": labels}


class LabelPlacer(MacroElement):
    """Places the map's labels once drawn, and again after every zoom, pan or layer toggle."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        Atlas.watchLabels({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class Outline(MacroElement):
    """The outer edge of a topology object (the province's border: arcs only one unit uses), as lines."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        Atlas.outline({{ this.geometry.get_name() }}, {{ this.spec_js }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geometry: AtlasGeometry, spec: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Outline"
        self.geometry = geometry
        self.spec = spec

    @property
    def spec_js(self) -> str:
        return js_json(self.spec)

    def live(self) -> dict[str, Any]:
        return {"type": "outline", "spec": self.spec}


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
        self.position, self.css_class, self.html = position, f"atlas-panel {css_class}", html
        self.position_js = js_json(position)
        self.css_js = js_json(self.css_class)
        self.html_js = js_json(html)

    def live(self) -> dict[str, Any]:
        return {"type": "panel", "position": self.position, "css_class": self.css_class, "html": self.html}


class FitBounds(MacroElement):
    """Fit the map to bounds, waiting until the map has a size (it may start in a hidden tab); at once,
    not animated, so the map is where it will stay when it says it is drawn."""

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
        self.bounds = [[miny, minx], [maxy, maxx]]
        self.bounds_js = js_json(self.bounds)
        self.options: dict[str, object] = {"paddingTopLeft": [20, padding], "paddingBottomRight": [20, padding],
                                           "animate": False}  # fmt: skip
        if max_zoom is not None:
            self.options["maxZoom"] = max_zoom
        self.options_js = js_json(self.options)

    def live(self) -> dict[str, Any]:
        return {"type": "fit", "bounds": self.bounds, "options": self.options}


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
        self.message = message
        self.message_js = js_json(message)

    def live(self) -> dict[str, Any]:
        return {"type": "tile_errors", "message": self.message}


class ControlWords(MacroElement):
    """Names Leaflet's zoom and layer buttons in the map's language (their titles; screen readers say them)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        Atlas.controlWords({{ this._parent.get_name() }}, {{ this.words_js }});
        {% endmacro %}
        """
    )

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self._name = "ControlWords"
        self.words = words
        self.words_js = js_json(words)

    def live(self) -> dict[str, Any]:
        return {"type": "control_words", "words": self.words}


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
                point: bool = False, dash: bool = False, pattern: str | None = None, line: bool = False) -> str:  # fmt: skip
    """A legend swatch: a filled box, hatched, patterned (``classify.PATTERNS``), a point, or a line."""
    classes = "atlas-swatch" + (" atlas-swatch-hatch" if hatch else "") + (" atlas-swatch-point" if point else "")
    if pattern:
        classes += f" atlas-swatch-pattern atlas-swatch-{html_text(pattern)}"
        hatch = hatch or fill
        fill = None
    if line:
        classes += " atlas-swatch-line"
    style = [f"border-color:{html_text(stroke)}", f"border-width:{weight}px" + (" 0 0 0" if line else "")]
    if dash:
        style.append("border-style:dashed")
    if fill:
        style.append(f"background-color:{html_text(fill)}")
    if hatch:
        style.append(f"--hatch:{html_text(hatch)}")
    return f'<span class="{classes}" style="{";".join(style)}"></span>'


def legend_html(title: str, rows: list[tuple[str, str]], notes: list[str] = ()) -> str:  # type: ignore[assignment]
    """Legend: a title, rows of (swatch HTML, label text), and notes; labels and notes are escaped."""
    parts = [f'<div class="atlas-legend-title">{html_text(title)}</div><div class="atlas-legend-rows">']
    parts += [f'<div class="atlas-legend-row">{swatch}<span>{html_text(label)}</span></div>' for swatch, label in rows]
    parts += ["</div>"]
    parts += [f'<div class="atlas-legend-note">{html_text(note)}</div>' for note in notes]
    return "".join(parts)


def title_html(title: str, subtitle: str = "") -> str:
    sub = f'<div class="atlas-subtitle">{html_text(subtitle)}</div>' if subtitle else ""
    return f'<div class="atlas-title">{html_text(title)}{sub}</div>'


def footer_html(summary: str, lines: list[str], *, open_: bool = True) -> str:
    """Sources and datum as a collapsible block: open in exports, folded in the app."""
    body = "<br>".join(html_text(line) for line in lines)
    return f"<details{' open' if open_ else ''}><summary>{html_text(summary)}</summary>{body}</details>"
