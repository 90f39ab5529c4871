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

  /* A fill pattern of one colour that SVG paths can use: diagonal lines (the default hatch), or
   * a variant for items past the qualitative colours (cross, dots, horizontal, vertical). */
  var PATTERN_SHAPES = {
    diag: { size: 8, rotate: 45, rects: [[0, 0, 3, 8]] },
    cross: { size: 7, rotate: 45, rects: [[0, 0, 2, 7], [0, 0, 7, 2]] },
    horizontal: { size: 7, rotate: 0, rects: [[0, 0, 7, 2.5]] },
    vertical: { size: 7, rotate: 0, rects: [[0, 0, 2.5, 7]] },
    dots: { size: 6, rotate: 0, dots: [[3, 3, 1.7]] }
  };

  function hatch(color, variant) {
    var shape = PATTERN_SHAPES[variant] || PATTERN_SHAPES.diag;
    var id = "atlas-hatch-" + color.replace(/[^0-9a-zA-Z]/g, "") + (PATTERN_SHAPES[variant] && variant !== "diag" ? "-" + variant : "");
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
      pattern.setAttribute("width", String(shape.size));
      pattern.setAttribute("height", String(shape.size));
      if (shape.rotate) { pattern.setAttribute("patternTransform", "rotate(" + shape.rotate + ")"); }
      (shape.rects || []).forEach(function (r) {
        var rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", String(r[0]));
        rect.setAttribute("y", String(r[1]));
        rect.setAttribute("width", String(r[2]));
        rect.setAttribute("height", String(r[3]));
        rect.setAttribute("fill", color);
        pattern.appendChild(rect);
      });
      (shape.dots || []).forEach(function (d) {
        var dot = document.createElementNS(ns, "circle");
        dot.setAttribute("cx", String(d[0]));
        dot.setAttribute("cy", String(d[1]));
        dot.setAttribute("r", String(d[2]));
        dot.setAttribute("fill", color);
        pattern.appendChild(dot);
      });
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
      fillColor: s.hatch ? hatch(s.hatch, s.pattern) : (s.pattern && s.fill ? hatch(s.fill, s.pattern) : (s.fill || "none")),
      fillOpacity: s.fill || s.hatch ? (s.fillOpacity === undefined ? 0.85 : s.fillOpacity) : 0,
      dashArray: s.dash || null,
      className: "atlas-feature atlas-" + spec.kind + " atlas-code-" + code
    };
    return out;
  }

  /* ---- labels: names on the map, placed so that none covers another ---------------------- */

  var labelCount = 0;

  /* One label as a permanent tooltip: item = {text, lat, lon, kind, priority, at, offsets, color}. */
  function labelTip(item) {
    var node = document.createElement("span");
    node.textContent = item.text;
    if (item.color) { node.style.borderLeftColor = item.color; node.className = "atlas-label-keyed"; }
    var kind = String(item.kind || "place").replace(/[^a-z-]/g, "");
    var tip = L.tooltip({ permanent: true, direction: "center", className: "atlas-label atlas-label-" + kind,
                          interactive: false, opacity: 1, offset: [0, 0] })
      .setLatLng([item.lat, item.lon]).setContent(node);
    tip._atlasLabel = {
      priority: item.priority === undefined ? 5 : item.priority, order: labelCount++, text: item.text, kind: kind,
      anchors: [[item.lat, item.lon]].concat(item.at || []), offsets: item.offsets || [[0, 0]], chosen: [0, 0],
      around: !!item.around
    };
    return tip;
  }

  /* A layer of labels: {labels: [item, ...]} (see labelTip). An item with `around` is placed beside
   * its anchor (so it does not hide what it names) and joined to it by a leader line. */
  function labels(spec) {
    var group = L.layerGroup();
    spec.labels.forEach(function (item) {
      var tip = labelTip(item);
      tip._atlasLabel.group = group;
      group.addLayer(tip);
    });
    return group;
  }

  /* Positions beside a box of w x h px: above, below, right, left, the corners, then further out,
   * and on the anchor itself last. */
  function aroundOffsets(w, h) {
    var out = [];
    [1, 1.9].forEach(function (ring) {
      var x = (w / 2 + 10) * ring, y = (h / 2 + 9) * ring;
      [[0, -y], [0, y], [x, 0], [-x, 0], [x * 0.8, -y], [-x * 0.8, -y], [x * 0.8, y], [-x * 0.8, y]].forEach(function (o) {
        out.push([Math.round(o[0]), Math.round(o[1])]);
      });
    });
    out.push([0, 0]);
    return out;
  }

  /* The leader line of a label placed beside its anchor: from the anchor to the box's nearest point. */
  function leader(map, tip, box) {
    var meta = tip._atlasLabel;
    if (!meta.around) { return; }
    var at = map.latLngToContainerPoint(meta.anchors[meta.chosen[0]]);
    var near = L.point(Math.max(box.x, Math.min(at.x, box.x + box.w)), Math.max(box.y, Math.min(at.y, box.y + box.h)));
    if (at.distanceTo(near) < 4) { if (meta.line) { meta.line.remove(); meta.line = null; } return; }
    var line = [map.containerPointToLatLng(at), map.containerPointToLatLng(near)];
    if (!meta.line) {
      meta.line = L.polyline(line, { color: "#333", weight: 0.9, opacity: 0.9, interactive: false, className: "atlas-leader" });
      (meta.group || map).addLayer(meta.line);
    } else {
      meta.line.setLatLngs(line);
    }
  }

  function rectOf(node, origin) {
    var r = node.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  }

  function overlaps(a, b, gap) {
    return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
  }

  function moveLabel(tip, anchor, offset) {
    var meta = tip._atlasLabel;
    if (meta.chosen[0] === anchor && meta.chosen[1] === offset) { return; }
    meta.chosen = [anchor, offset];
    tip.options.offset = L.point(meta.offsets[offset]);
    tip.setLatLng(meta.anchors[anchor]);
  }

  /* Place every label on `map`, greedily by priority (then in the order given): a label is shown at
   * the first of its positions (anchors x offsets) that lies inside the map, clear of the panels on
   * it and of every label shown before it; a label with no such position is left out, marked
   * `atlas-label-skipped` (and data-atlas-label="skipped"), never drawn over another. */
  function placeLabels(map) {
    var container = map.getContainer();
    var size = map.getSize();
    if (!size.x || !size.y) { return; }
    var tips = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.Tooltip && layer._atlasLabel && layer.getElement()) { tips.push(layer); }
    });
    tips.sort(function (a, b) {
      return (a._atlasLabel.priority - b._atlasLabel.priority) || (a._atlasLabel.order - b._atlasLabel.order);
    });
    tips.forEach(function (tip) {
      var meta = tip._atlasLabel;
      if (meta.around && !meta.sized) {
        var r = tip.getElement().getBoundingClientRect();
        meta.offsets = aroundOffsets(r.width, r.height);
        meta.sized = true;
        meta.chosen = [-1, -1];
      }
      moveLabel(tip, 0, 0);
    });
    var origin = container.getBoundingClientRect();
    var kept = [];
    container.querySelectorAll(".leaflet-control").forEach(function (control) {
      var r = rectOf(control, origin);
      if (r.w && r.h) { kept.push(r); }
    });
    var boxes = tips.map(function (tip) { return rectOf(tip.getElement(), origin); });  // one layout for all
    var shown = 0, skipped = 0, margin = 2;
    tips.forEach(function (tip, i) {
      var meta = tip._atlasLabel, base = boxes[i], home = map.latLngToContainerPoint(meta.anchors[0]);
      var found = null;
      for (var a = 0; a < meta.anchors.length && !found; a++) {
        var at = map.latLngToContainerPoint(meta.anchors[a]);
        for (var o = 0; o < meta.offsets.length && !found; o++) {
          var dx = at.x - home.x + meta.offsets[o][0] - meta.offsets[0][0];
          var dy = at.y - home.y + meta.offsets[o][1] - meta.offsets[0][1];
          var box = { x: base.x + dx, y: base.y + dy, w: base.w, h: base.h };
          var inside = box.x >= margin && box.y >= margin && box.x + box.w <= size.x - margin && box.y + box.h <= size.y - margin;
          if (inside && !kept.some(function (k) { return overlaps(box, k, 1); })) { found = { a: a, o: o, box: box }; }
        }
      }
      var node = tip.getElement();
      if (found) {
        kept.push(found.box);
        moveLabel(tip, found.a, found.o);
        leader(map, tip, found.box);
        node.classList.remove("atlas-label-skipped");
        node.setAttribute("data-atlas-label", "shown");
        shown++;
      } else {
        node.classList.add("atlas-label-skipped");
        node.setAttribute("data-atlas-label", "skipped");
        if (meta.line) { meta.line.remove(); meta.line = null; }
        skipped++;
      }
    });
    container.setAttribute("data-atlas-labels", String(shown));
    container.setAttribute("data-atlas-labels-skipped", String(skipped));
  }

  /* Place the labels now and again after every zoom, pan, resize or layer toggle. */
  function watchLabels(map) {
    var pending = null;
    function later() {
      if (pending) { return; }
      pending = setTimeout(function () { pending = null; placeLabels(map); }, 0);
    }
    map.on("zoomend moveend resize overlayadd overlayremove", later);
    placeLabels(map);
    if (document.fonts && document.fonts.status !== "loaded") { document.fonts.ready.then(later); }
  }

  /* Lines along the arcs of a topology object that only one unit uses (its outer edge: the
   * province's border and coast), or that two units share (spec.shared): {object, stroke, weight}. */
  function outline(topology, spec) {
    var arcs = decoded.get(topology);
    if (!arcs) { arcs = decodeArcs(topology); decoded.set(topology, arcs); }
    var uses = {};
    function count(ringArcs) { ringArcs.forEach(function (i) { var k = i < 0 ? ~i : i; uses[k] = (uses[k] || 0) + 1; }); }
    (topology.objects[spec.object] ? topology.objects[spec.object].geometries : []).forEach(function (g) {
      if (g.type === "Polygon") { g.arcs.forEach(count); }
      if (g.type === "MultiPolygon") { g.arcs.forEach(function (p) { p.forEach(count); }); }
    });
    var lines = Object.keys(uses).filter(function (k) { return spec.shared ? uses[k] > 1 : uses[k] === 1; })
      .map(function (k) { return arcs[k]; });
    return L.geoJSON({ type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } }, {
      interactive: false,
      style: function () {
        return { color: spec.stroke || "#222", weight: spec.weight || 2, opacity: 1, fill: false, lineJoin: "round",
                 className: "atlas-outline atlas-outline-" + String(spec.object).replace(/[^a-z]/g, "") };
      }
    });
  }

  /* Draw one layer: `spec` = {object, kind, only, base, styles, tooltips, labels, interactive}. */
  function layer(topology, spec) {
    var shapes = shapesLayer(topology, spec);
    if (!spec.labels) { return shapes; }
    var group = L.featureGroup([shapes]);
    Object.keys(spec.labels).forEach(function (code) {
      var l = spec.labels[code];
      group.addLayer(labelTip({ text: l.text, lat: l.lat, lon: l.lon, kind: l.kind || "county", priority: l.priority }));
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
      onEachFeature: function (f, l) { setTip(l, (spec.tooltips || {})[f.id]); }
    });
  }

  /* A feature's tooltip, read when shown, so a restyle can change it without rebinding. */
  function setTip(l, tip) {
    l._atlasTip = tip;
    if (tip && !l.getTooltip()) {
      l.bindTooltip(function () { return tooltipNode(l._atlasTip); }, { sticky: true });
    } else if (!tip && l.getTooltip()) {
      l.unbindTooltip();
    }
  }

  /* Give a layer drawn by `layer` the styles and tooltips of `spec` in place: the same paths, new
   * colours, so the map never empties. Only for a spec of the same object, kind and features. */
  function restyle(shapes, spec) {
    shapes.eachLayer(function (l) {
      if (!l.feature) { return; }
      l.setStyle(styleFor(spec, l.feature.id));
      setTip(l, (spec.tooltips || {})[l.feature.id]);
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
  /* The notice that the basemap's tiles could not load (no network, a blocked server): a status panel. */
  function tileNotice(map, message) {
    var notice = L.control({ position: "topright" });
    notice.onAdd = function () {
      var div = L.DomUtil.create("div", "atlas-panel atlas-tile-error");
      div.setAttribute("role", "status");
      div.textContent = message;
      return div;
    };
    return notice.addTo(map);
  }

  function tileErrors(map, message) {
    var shown = false;
    function watch(layer) {
      if (!(layer instanceof L.TileLayer)) { return; }
      layer.on("tileerror", function () {
        if (shown) { return; }
        shown = true;
        tileNotice(map, message);
      });
    }
    map.eachLayer(watch);
    map.on("layeradd", function (event) { watch(event.layer); });
  }

  /* Leaflet's own buttons named in the page's language (their titles are what screen readers say). */
  function controlWords(map, words) {
    var container = map.getContainer();
    if (words.lang) { container.setAttribute("lang", words.lang); }  // tooltips punctuate in it (atlas.css)
    [["leaflet-control-zoom-in", words.zoom_in], ["leaflet-control-zoom-out", words.zoom_out],
     ["leaflet-control-layers-toggle", words.layers]].forEach(function (pair) {
      var node = container.querySelector("." + pair[0]);
      if (node && pair[1]) { node.title = pair[1]; node.setAttribute("aria-label", pair[1]); }
    });
  }

  /* ---- print pages (layers/print): fit the maps, shrink what overflows, scale bar, ready ---- */

  /* The largest 1, 2, 2.5 or 5 x 10^n not above `value`. */
  function niceNumber(value) {
    var power = Math.pow(10, Math.floor(Math.log(value) / Math.LN10)), best = power;
    [1, 2, 2.5, 5, 10].forEach(function (m) { if (m * power <= value * 1.0001) { best = m * power; } });
    return best;
  }

  function grouped(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function svgNode(name, attrs, text) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* A scale bar (km) of about `spec.px` CSS px for `map`, true at the map's centre latitude, and the
   * representative fraction of the page as printed at 100 %: spec = {px, km, fraction, note}. */
  function scaleBar(map, holder, spec) {
    var size = map.getSize(), y = size.y / 2;
    var west = map.containerPointToLatLng([size.x / 2 - 50, y]), east = map.containerPointToLatLng([size.x / 2 + 50, y]);
    var metresPerPx = west.distanceTo(east) / 100;
    var km = niceNumber(metresPerPx * (spec.px || 120) / 1000);
    var length = km * 1000 / metresPerPx;
    var parts = km % 4 === 0 || km === 10 || km === 100 || km === 1000 ? 4 : 2;
    var svg = svgNode("svg", { width: Math.ceil(length + 40), height: 30, "class": "atlas-scale-bar",
                               viewBox: "0 0 " + Math.ceil(length + 40) + " 30" });
    for (var i = 0; i < parts; i++) {
      svg.appendChild(svgNode("rect", { x: 6 + i * length / parts, y: 4, width: length / parts, height: 5,
                                        fill: i % 2 ? "#ffffff" : "#222222", stroke: "#222222", "stroke-width": 0.8 }));
    }
    for (var j = 0; j <= parts; j++) {
      var value = km * j / parts;
      svg.appendChild(svgNode("text", { x: 6 + j * length / parts, y: 20, "text-anchor": "middle", "font-size": 9 },
                              String(Math.round(value * 10) / 10)));
    }
    svg.appendChild(svgNode("text", { x: 6 + length + 14, y: 20, "text-anchor": "start", "font-size": 9 }, spec.km));
    holder.textContent = "";
    holder.appendChild(svg);
    var denominator = metresPerPx / (25.4 / 96 / 1000);
    var digits = Math.pow(10, Math.max(0, Math.floor(Math.log(denominator) / Math.LN10) - 1));
    var fraction = document.createElement("div");
    fraction.className = "atlas-scale-fraction";
    fraction.textContent = "1 : " + grouped(Math.round(denominator / digits) * digits);
    holder.appendChild(fraction);
    var note = document.createElement("div");
    note.className = "atlas-scale-note";
    note.textContent = spec.note.replace("{lat}", String(Math.round(map.getCenter().lat)));
    holder.appendChild(note);
    holder.setAttribute("data-km", String(km));
  }

  /* Shrink the text of `node` until it no longer overflows its box, down to `min` px; where that is
   * not enough, lay its rows out in two columns and shrink again, down to `last` px. */
  function fitText(node, min, last) {
    function over() { return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1; }
    var start = parseFloat(getComputedStyle(node).fontSize), size = start;
    while (over() && size > min) { size -= 0.25; node.style.fontSize = size + "px"; }
    if (over()) {
      node.classList.add("atlas-print-columns");
      size = start;
      node.style.fontSize = size + "px";
      while (over() && size > last) { size -= 0.25; node.style.fontSize = size + "px"; }
    }
    node.setAttribute("data-atlas-fits", over() ? "no" : "yes");
  }

  /* Lay out a print page: config = {maps: [{id, bounds, padding}], fit: [element ids], scale: {id, ...}},
   * once the fonts are loaded (labels and legend are measured in them). */
  function printPage(config) {
    if (document.fonts && document.fonts.status !== "loaded") {
      document.fonts.ready.then(function () { layOut(config); });
    } else {
      layOut(config);
    }
  }

  function layOut(config) {
    var maps = config.maps.map(function (m) {
      var map = global[m.id];
      map.invalidateSize(false);
      map.options.zoomSnap = 0;
      map.fitBounds(m.bounds, { padding: [m.padding, m.padding], animate: false });
      return map;
    });
    var holder = config.scale && document.getElementById(config.scale.id);
    if (holder && maps.length) { scaleBar(maps[0], holder, config.scale); }
    (config.fit || []).forEach(function (id) {  // once everything beside it has its size
      var node = document.getElementById(id);
      if (node) { fitText(node, config.minFont || 9.5, config.lastFont || 7.5); }
    });
    maps.forEach(placeLabels);
    setTimeout(function () {  // after the moves' own label passes
      maps.forEach(placeLabels);
      document.documentElement.setAttribute("data-atlas-print-ready", "1");
    }, 0);
  }

  global.Atlas = { features: features, layer: layer, points: points, hatch: hatch, labels: labels, outline: outline,
                   labelTip: labelTip,
                   placeLabels: placeLabels, watchLabels: watchLabels, printPage: printPage,
                   tooltipNode: tooltipNode, markDrawn: markDrawn, tileErrors: tileErrors, tileNotice: tileNotice, restyle: restyle, controlWords: controlWords,
                   styleFor: styleFor };
})(window);
