/* Hebei Industry Cluster Atlas: the browser side of the map layers.
 *
 * Decodes the TopoJSON the page embeds, draws features with the styles the Python side computed,
 * and builds tooltips from plain text with textContent, so text from data never runs as markup.
 * No dependency but Leaflet; no network.
 */
(function (global) {
  "use strict";

  function decodeArcs(topology) {
    var t = topology.transform;
    return topology.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (t) {
          x += p[0]; y += p[1];
          return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
        }
        return [p[0], p[1]];
      });
    });
  }

  function arcPoints(arcs, index) {
    var pts = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    return pts;
  }

  function ring(arcs, indexes) {
    var out = [];
    indexes.forEach(function (index, i) {
      var pts = arcPoints(arcs, index);
      out = out.concat(i ? pts.slice(1) : pts);
    });
    return out;
  }

  function geometry(g, arcs) {
    if (g.type === "Polygon") {
      return { type: "Polygon", coordinates: g.arcs.map(function (r) { return ring(arcs, r); }) };
    }
    if (g.type === "MultiPolygon") {
      return {
        type: "MultiPolygon",
        coordinates: g.arcs.map(function (p) { return p.map(function (r) { return ring(arcs, r); }); })
      };
    }
    if (g.type === "GeometryCollection") {
      return { type: "GeometryCollection", geometries: g.geometries.map(function (x) { return geometry(x, arcs); }) };
    }
    return null;
  }

  var decoded = new WeakMap();

  /* GeoJSON features of one object of a TopoJSON topology (decoded once per topology). */
  function features(topology, name) {
    var arcs = decoded.get(topology);
    if (!arcs) { arcs = decodeArcs(topology); decoded.set(topology, arcs); }
    var object = topology.objects[name];
    var list = object.type === "GeometryCollection" ? object.geometries : [object];
    return list.map(function (g) {
      return { type: "Feature", id: g.id, properties: g.properties || {}, geometry: geometry(g, arcs) };
    });
  }

  /* A hatch pattern (diagonal lines of one colour) that SVG paths can use as fill. */
  function hatch(color) {
    var id = "atlas-hatch-" + color.replace(/[^0-9a-zA-Z]/g, "");
    if (!document.getElementById(id)) {
      var ns = "http://www.w3.org/2000/svg";
      var holder = document.getElementById("atlas-patterns");
      if (!holder) {
        holder = document.createElementNS(ns, "svg");
        holder.setAttribute("id", "atlas-patterns");
        holder.setAttribute("width", "0");
        holder.setAttribute("height", "0");
        holder.style.position = "absolute";
        holder.appendChild(document.createElementNS(ns, "defs"));
        document.body.appendChild(holder);
      }
      var pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", id);
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "8");
      pattern.setAttribute("height", "8");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(ns, "rect");
      line.setAttribute("width", "3");
      line.setAttribute("height", "8");
      line.setAttribute("fill", color);
      pattern.appendChild(line);
      holder.firstChild.appendChild(pattern);
    }
    return "url(#" + id + ")";
  }

  /* Tooltip content as DOM nodes: {title, rows: [[label, value], ...], note}. */
  function tooltipNode(tip) {
    var box = document.createElement("div");
    box.className = "atlas-tip";
    if (tip.title) {
      var h = document.createElement("div");
      h.className = "atlas-tip-title";
      h.textContent = tip.title;
      box.appendChild(h);
    }
    (tip.rows || []).forEach(function (row) {
      var line = document.createElement("div");
      line.className = "atlas-tip-row";
      if (row[0]) {
        var k = document.createElement("span");
        k.className = "atlas-tip-key";
        k.textContent = row[0];
        line.appendChild(k);
      }
      var v = document.createElement("span");
      v.textContent = row[1];
      line.appendChild(v);
      box.appendChild(line);
    });
    if (tip.note) {
      var n = document.createElement("div");
      n.className = "atlas-tip-note";
      n.textContent = tip.note;
      box.appendChild(n);
    }
    return box;
  }

  function styleFor(spec, code) {
    var s = Object.assign({}, spec.base || {}, (spec.styles || {})[code] || {});
    var out = {
      color: s.stroke || "#555", weight: s.weight === undefined ? 0.6 : s.weight, opacity: 1,
      fillColor: s.hatch ? hatch(s.hatch) : (s.fill || "none"),
      fillOpacity: s.fill || s.hatch ? (s.fillOpacity === undefined ? 0.85 : s.fillOpacity) : 0,
      dashArray: s.dash || null,
      className: "atlas-feature atlas-" + spec.kind + " atlas-code-" + code
    };
    return out;
  }

  function label(text, lat, lon) {
    var node = document.createElement("span");
    node.textContent = text;
    return L.tooltip({ permanent: true, direction: "center", className: "atlas-label", interactive: false })
      .setLatLng([lat, lon]).setContent(node);
  }

  /* Draw one layer: `spec` = {object, kind, only, base, styles, tooltips, labels, interactive}. */
  function layer(topology, spec) {
    var shapes = shapesLayer(topology, spec);
    if (!spec.labels) { return shapes; }
    var group = L.featureGroup([shapes]);
    Object.keys(spec.labels).forEach(function (code) {
      var l = spec.labels[code];
      group.addLayer(label(l.text, l.lat, l.lon));
    });
    return group;
  }

  function shapesLayer(topology, spec) {
    var list = features(topology, spec.object);
    if (spec.only) {
      var keep = {};
      spec.only.forEach(function (c) { keep[c] = true; });
      list = list.filter(function (f) { return keep[f.id]; });
    }
    return L.geoJSON({ type: "FeatureCollection", features: list }, {
      style: function (f) { return styleFor(spec, f.id); },
      interactive: spec.interactive !== false,
      onEachFeature: function (f, l) {
        var tip = (spec.tooltips || {})[f.id];
        if (tip) { l.bindTooltip(function () { return tooltipNode(tip); }, { sticky: true }); }
      }
    });
  }

  /* Markers for approximate points: {points: [{lat, lon, color, label, tooltip}]} */
  function points(spec) {
    var group = L.featureGroup();
    spec.points.forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], {
        radius: p.radius || 6, color: "#222", weight: 1.5, fillColor: p.color || "#fff", fillOpacity: 1,
        dashArray: p.approximate ? "2 2" : null, className: "atlas-point"
      });
      if (p.tooltip) { m.bindTooltip(function () { return tooltipNode(p.tooltip); }, { sticky: true }); }
      group.addLayer(m);
    });
    return group;
  }

  /* Count drawn features on the map container, for people and tests waiting on the map. */
  function markDrawn(map) {
    var n = map.getContainer().querySelectorAll("path.atlas-feature").length;
    map.getContainer().setAttribute("data-atlas-features", String(n));
    document.documentElement.setAttribute("data-atlas-drawn", "1");
  }

  /* Show `message` once, in a corner of the map, when any basemap tile fails to load. */
  function tileErrors(map, message) {
    var shown = false;
    function watch(layer) {
      if (!(layer instanceof L.TileLayer)) { return; }
      layer.on("tileerror", function () {
        if (shown) { return; }
        shown = true;
        var notice = L.control({ position: "topright" });
        notice.onAdd = function () {
          var div = L.DomUtil.create("div", "atlas-panel atlas-tile-error");
          div.setAttribute("role", "status");
          div.textContent = message;
          return div;
        };
        notice.addTo(map);
      });
    }
    map.eachLayer(watch);
    map.on("layeradd", function (event) { watch(event.layer); });
  }

  global.Atlas = { features: features, layer: layer, points: points, hatch: hatch,
                   tooltipNode: tooltipNode, markDrawn: markDrawn, tileErrors: tileErrors };
})(window);
