/* The app's live map: a Streamlit component that owns one Leaflet map for the whole session.
 *
 * Why: a folium page sent again on every setting change makes the browser throw the map away,
 * show a blank frame, parse all the geometry again and forget the zoom. Here the topology is
 * fetched once per boundary source and datum (a file the app writes, `args.geometry`), and each
 * change brings only `args.spec` (layers.live: the same layer specs, panels and tiles the exported
 * page would get). A layer of the same object, kind and features is restyled in place (the same
 * SVG paths, new colours); anything else is built and added before the old is removed, in one
 * task, so the map is never empty. The extent is the user's: it is set once (from the link, or by
 * fitting the region) and then only moved when asked to bring a chosen county into view.
 *
 * What goes back to Python (setComponentValue): {at: [lat, lon, zoom]} after the user moves the map,
 * and {click: {lat, lon, n}} when they click it. Text is drawn with textContent (atlas.js); panel
 * HTML was escaped in Python (layers/_escape.py).
 *
 * The Streamlit component protocol is spoken directly (four message types), so no build step and
 * no npm package are needed.
 */
(function () {
  "use strict";

  var map = null;
  var topology = null, geometryUrl = null, fetching = null;
  var drawn = {};          // part key -> {part, layer, json}
  var panels = {};         // position|class -> {control, div, html}
  var tiles = { json: null, layers: [] };
  var control = null, selection = null, selectedKey = null, focusSeen = null;
  var hidden = {};         // overlay names the user switched off: kept off when the layer is rebuilt
  var tileMessage = "", tileNotice = null;
  var quiet = 0;           // > 0 while the code itself moves the map: no report
  var reportTimer = null, lastReported = null, clicks = 0;
  var latest = null;       // the newest args, applied once the topology is here
  var lastOrder = "", changedParts = 0, labelsFor = null;
  var asked = null;        // the view asked for, until the user or a focus moves the map

  function send(type, extra) {
    var message = { isStreamlitMessage: true, type: type };
    Object.keys(extra || {}).forEach(function (k) { message[k] = extra[k]; });
    window.parent.postMessage(message, "*");
  }

  function report(value) { send("streamlit:setComponentValue", { value: value, dataType: "json" }); }

  function extent() {
    var c = map.getCenter();
    if (!isFinite(c.lat) || !isFinite(c.lng)) { return lastReported; }  // no size yet: nothing to say
    return [Math.round(c.lat * 1e5) / 1e5, Math.round(c.lng * 1e5) / 1e5, Math.round(map.getZoom() * 100) / 100];
  }

  function quietly(move) { quiet++; try { move(); } finally { quiet--; } }

  /* ---- the map, made once -------------------------------------------------------------------- */

  function makeMap(args) {
    // trackResize off: the frame's resizes are handled below (quietly, keeping the view asked for)
    map = L.map("map", { zoomSnap: 0.25, zoomDelta: 0.5, keyboard: true, attributionControl: true,
                         fadeAnimation: false, trackResize: false });
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    window.atlasLiveMap = map;  // for people and tests inspecting the map from the console
    Atlas.watchLabels(map);
    map.on("moveend", function () {
      if (quiet) { return; }
      asked = null;  // the user moved the map: theirs from now on
      clearTimeout(reportTimer);
      reportTimer = setTimeout(function () {
        var at = extent();
        if (lastReported && at.join() === lastReported.join()) { return; }
        lastReported = at;
        report({ at: at });
      }, 300);
    });
    map.on("click", function (event) {
      clicks++;
      report({ at: extent(), click: { lat: event.latlng.lat, lon: event.latlng.lng, n: clicks } });
    });
    map.on("overlayremove", function (event) { hidden[event.name] = true; });
    map.on("overlayadd", function (event) { delete hidden[event.name]; });
    var label = document.getElementById("map");
    label.setAttribute("aria-label", args.label || "map");
    if (args.at) {
      lastReported = args.at;
      // a map made anew (the tab opened again, a reload) opens where it was: a county chosen
      // before is outlined, but its focus was spent then and must not move the map again
      if (args.focus) { focusSeen = args.focus.nonce; }
    }
    asked = { at: args.at, fit: (args.spec && args.spec.fit) || { bounds: args.bounds, options: {} } };
    showAsked();
  }

  /* Fit padding that keeps the region clear of the panels drawn over the map: below the title, and
   * either above everything at the bottom or left of the legend (whichever leaves the region larger).
   * Where neither leaves it within a zoom level of the plain fit, the plain fit (a panel may overlap). */
  function clearOfPanels(options, bounds) {
    var tl = options.paddingTopLeft || [0, 0], br = options.paddingBottomRight || [0, 0];
    var frame = map.getContainer().getBoundingClientRect();
    var top = tl[1], bottom = br[1], bottomLeft = br[1], right = br[0];
    Object.keys(panels).forEach(function (key) {
      var box = panels[key].div.getBoundingClientRect();  // where it ends counts (the title sits below the zoom buttons)
      if (!box.height) { return; }
      if (key.indexOf("top") === 0) { top = Math.max(top, box.bottom - frame.top + 12); return; }
      bottom = Math.max(bottom, frame.bottom - box.top + 12);
      if (box.left > frame.left + frame.width / 2) {
        right = Math.max(right, frame.right - box.left + 12);
      } else {
        bottomLeft = Math.max(bottomLeft, frame.bottom - box.top + 12);
      }
    });
    var candidates = [{ tl: [tl[0], top], br: [br[0], bottom] }, { tl: [tl[0], top], br: [right, bottomLeft] }];
    function zoom(c) { return map.getBoundsZoom(bounds, false, L.point(c.tl[0] + c.br[0], c.tl[1] + c.br[1])); }
    var best = zoom(candidates[0]) >= zoom(candidates[1]) ? candidates[0] : candidates[1];
    if (zoom(best) < zoom({ tl: tl, br: br }) - 1) { return {}; }
    return { paddingTopLeft: best.tl, paddingBottomRight: best.br };
  }

  /* The view the page asked for (the link's extent, or the region fitted), set again exactly each
   * time the frame changes size until the user moves the map: Streamlit sizes a new frame after its
   * first render (and a hidden tab has none), so a view set once would be a pixel off, or NaN. */
  function showAsked() {
    if (!asked) { return; }
    var size = map.getSize(), fit = asked.fit, at = asked.at;
    quietly(function () {
      // reset: a view set anew (not a pan by whole pixels), so the centre is the one asked for
      if (at) {
        map.setView([at[0], at[1]], at[2], { animate: false, reset: true });
      } else if (size.x > 0 && size.y > 0) {
        map.fitBounds(fit.bounds, Object.assign({}, fit.options, clearOfPanels(fit.options, L.latLngBounds(fit.bounds)),
                                                { animate: false, reset: true }));
      } else if (!map._loaded) {  // no size to fit in yet: a view to start from, fitted once there is one
        map.setView(L.latLngBounds(fit.bounds).getCenter(), 6, { animate: false });
      }
    });
  }

  /* ---- geometry: fetched once per source and datum --------------------------------------------- */

  function loadGeometry(url) {
    if (fetching === url) { return; }  // the newest args are drawn when it arrives
    fetching = url;
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      if (fetching !== url) { return; }
      var changed = geometryUrl !== null;
      topology = data; geometryUrl = url; fetching = null;
      if (changed) { clearParts(); }  // another source: every layer is built anew on it
      draw(latest);
    }).catch(function (error) {
      fetching = null;
      document.getElementById("map").setAttribute("data-atlas-error", String(error));
    });
  }

  /* ---- files: large parts of a spec, named by their content, fetched once ------------------------ */

  var files = {};  // url -> {promise, data}

  function need(url) {
    if (!files[url]) {
      var entry = files[url] = { data: null };
      entry.promise = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status + " " + url); }
        return response.json();
      }).then(function (data) { entry.data = data; return data; }, function (error) {
        delete files[url];  // try again next time
        throw error;
      });
    }
    return files[url].promise;
  }

  function isFile(value) { return value && typeof value === "object" && !Array.isArray(value) && value.$file; }

  /* The files a spec needs before it can be drawn (tooltips are not among them: see lazyTips). */
  function eagerFiles(parts) {
    var urls = [];
    parts.forEach(function (part) {
      var spec = part.spec || {};
      Object.keys(spec).forEach(function (key) { if (isFile(spec[key])) { urls.push(spec[key].$file); } });
    });
    return urls;
  }

  /* A part as drawn: files replaced by their data, styles expanded from their palette, lazy
   * tooltips left empty (remembered in `lazy`). */
  function resolve(part) {
    if (!part.spec) { return part; }
    var spec = {}, lazy = null;
    Object.keys(part.spec).forEach(function (key) {
      var value = part.spec[key];
      if (isFile(value)) { value = files[value.$file].data; }
      else if (value && value.$lazy) { lazy = value.$lazy; value = {}; }
      else if (key === "styles" && value && value.$palette) {
        var styles = {};
        Object.keys(value.$index).forEach(function (code) { styles[code] = value.$palette[value.$index[code]]; });
        value = styles;
      }
      spec[key] = value;
    });
    var out = {};
    Object.keys(part).forEach(function (key) { out[key] = part[key]; });
    out.spec = spec;
    out.lazy = lazy;
    return out;
  }

  /* Tooltips of a layer, fetched the first time the pointer rests on it, then shown at once. */
  function lazyTips(item) {
    var layer = item.layer;
    layer._atlasLazy = item.part.lazy;
    layer._atlasSpec = item.part.spec;
    if (layer._atlasLazyBound) { return; }
    layer._atlasLazyBound = true;
    layer.on("mouseover", function (event) {
      var url = layer._atlasLazy;
      if (!url || layer._atlasTipsFrom === url) { return; }
      need(url).then(function (tips) {
        if (layer._atlasLazy !== url) { return; }  // restyled for another view meanwhile
        layer._atlasTipsFrom = url;
        var spec = {};
        Object.keys(layer._atlasSpec).forEach(function (key) { spec[key] = layer._atlasSpec[key]; });
        spec.tooltips = tips;
        Atlas.restyle(layer, spec);
        if (event.layer && event.layer.getTooltip() && map.hasLayer(layer)) { event.layer.openTooltip(event.latlng); }
      });
    });
  }

  /* ---- parts: layers, points, labels, outlines ------------------------------------------------- */

  function partKey(part, counts) {
    var spec = part.spec || {};
    var id = part.type + "|" + (spec.object || "") + "|" + (spec.kind || "");
    counts[id] = (counts[id] || 0) + 1;
    return id + "|" + counts[id];
  }

  function sameFeatures(a, b) {
    return JSON.stringify(a.only || null) === JSON.stringify(b.only || null) && a.object === b.object &&
      !a.labels && !b.labels && a.interactive === b.interactive;
  }

  /* Names on the map, made only for the places in (or near) the view, most important first, at
   * most LABEL_CAP at a time: a whole country's 3,000 names, each measured by the browser as it is
   * added, would take seconds, and most could never be shown without overlapping anyway. */
  var LABEL_CAP = 400;

  function viewLabels(spec) {
    var group = L.layerGroup();
    var entries = spec.labels.map(function (item, order) {
      return { item: item, order: order, priority: item.priority === undefined ? 5 : item.priority, tip: null };
    });
    function sync() {
      if (!map.hasLayer(group)) { return; }
      var view = map.getBounds().pad(0.2);
      var wanted = entries.filter(function (e) { return view.contains([e.item.lat, e.item.lon]); });
      wanted.sort(function (a, b) { return (a.priority - b.priority) || (a.order - b.order); });
      var keep = new Set(wanted.slice(0, LABEL_CAP));
      entries.forEach(function (e) {
        if (keep.has(e) && !e.tip) {
          e.tip = Atlas.labelTip(e.item);
          e.tip._atlasLabel.group = group;
          group.addLayer(e.tip);
        } else if (!keep.has(e) && e.tip) {
          group.removeLayer(e.tip);
          e.tip = null;
        }
      });
    }
    group.on("add", function () { map.on("moveend", sync); sync(); });
    group.on("remove", function () { map.off("moveend", sync); });
    return group;
  }

  function build(part) {
    if (part.type === "layer") { return Atlas.layer(topology, part.spec); }
    if (part.type === "points") { return Atlas.points(part.spec); }
    if (part.type === "labels") { return viewLabels(part.spec); }
    if (part.type === "outline") { return Atlas.outline(topology, part.spec); }
    return null;
  }

  function clearParts() {
    Object.keys(drawn).forEach(function (key) { map.removeLayer(drawn[key].layer); });
    drawn = {};
  }

  function applyParts(parts) {
    var counts = {}, next = {}, order = [], added = [];
    parts.forEach(function (packed) {
      if (["layer", "points", "labels", "outline"].indexOf(packed.type) < 0) { return; }
      var json = JSON.stringify(packed), part = resolve(packed);
      var key = partKey(part, counts), old = drawn[key];
      order.push(key);
      if (old && old.json === json) { next[key] = old; delete drawn[key]; return; }
      if (old && part.type === "layer" && old.part.type === "layer" && sameFeatures(old.part.spec, part.spec)) {
        Atlas.restyle(old.layer, part.spec);
        old.layer._atlasTipsFrom = null;
        next[key] = { part: part, layer: old.layer, json: json };
        delete drawn[key];
      } else {
        next[key] = { part: part, layer: build(part), json: json, fresh: true };
      }
      if (part.lazy || next[key].layer._atlasLazy) { lazyTips(next[key]); }
    });
    // New layers go on before old ones come off, in the same task: no frame without polygons.
    order.forEach(function (key) {
      var item = next[key];
      if (!item.fresh) { return; }
      delete item.fresh;
      if (item.part.show !== false && !hidden[item.part.name]) { item.layer.addTo(map); added.push(item); }
    });
    var removed = Object.keys(drawn).length;
    Object.keys(drawn).forEach(function (key) { map.removeLayer(drawn[key].layer); });
    drawn = next;
    // Drawing order as the view lists it (neighbours below, outlines above), when anything was
    // added or the order changed: moving every path costs time on a large map.
    var signature = order.join("\n");
    if (added.length || signature !== lastOrder) {
      order.forEach(function (key) {
        var layer = drawn[key].layer;
        if (map.hasLayer(layer) && layer.bringToFront) { layer.bringToFront(); }
      });
    }
    lastOrder = signature;
    changedParts = added.length + removed;
    return order;
  }

  /* ---- panels (title, legend, sources): updated in place ---------------------------------------- */

  function applyPanels(parts) {
    var seen = {};
    parts.forEach(function (part) {
      if (part.type !== "panel") { return; }
      var key = part.position + "|" + part.css_class;
      seen[key] = true;
      var panel = panels[key];
      if (!panel) {
        var holder = L.control({ position: part.position });
        holder.onAdd = function () {
          var div = L.DomUtil.create("div", part.css_class);
          L.DomEvent.disableClickPropagation(div);
          L.DomEvent.disableScrollPropagation(div);
          return div;
        };
        holder.addTo(map);
        panel = panels[key] = { control: holder, div: holder.getContainer(), html: null };
      }
      if (panel.html !== part.html) {
        panel.div.innerHTML = part.html;  // escaped in Python (layers/_escape.py)
        panel.html = part.html;
      }
    });
    Object.keys(panels).forEach(function (key) {
      if (!seen[key]) { panels[key].control.remove(); delete panels[key]; }
    });
  }

  /* ---- basemap tiles and the layer control ----------------------------------------------------- */

  function applyTiles(parts) {
    var list = parts.filter(function (p) { return p.type === "tiles"; });
    var notice = parts.filter(function (p) { return p.type === "tile_errors"; })[0];
    tileMessage = notice ? notice.message : "";
    var json = JSON.stringify(list);
    if (json === tiles.json) { return; }
    tiles.layers.forEach(function (t) { map.removeLayer(t.layer); });
    if (tileNotice) { tileNotice.remove(); tileNotice = null; }
    tiles = { json: json, layers: list.map(function (part) {
      var options = { attribution: part.options.attribution, maxZoom: part.options.max_zoom || part.options.maxZoom };
      if (part.options.subdomains) { options.subdomains = part.options.subdomains; }
      var layer = L.tileLayer(part.url, options);
      layer.on("tileerror", showTileError);
      if (part.show) { layer.addTo(map); layer.bringToBack(); }
      return { part: part, layer: layer };
    }) };
  }

  function showTileError() {
    if (tileNotice || !tileMessage) { return; }
    tileNotice = Atlas.tileNotice(map, tileMessage);
  }

  function applyControl(order) {
    if (control) { control.remove(); }
    var bases = {}, overlays = {};
    tiles.layers.forEach(function (t) { bases[t.part.name] = t.layer; });
    order.forEach(function (key) {
      var item = drawn[key];
      if (item.part.control) { overlays[item.part.name] = item.layer; }
    });
    if (Object.keys(bases).length + Object.keys(overlays).length === 0) { control = null; return; }
    control = L.control.layers(bases, overlays, { collapsed: true }).addTo(map);
  }

  function applyWords(parts) {
    parts.forEach(function (part) { if (part.type === "control_words") { Atlas.controlWords(map, part.words); } });
  }

  /* ---- the selected county: outlined, and brought into view when asked ------------------------- */

  function applySelection(selected, focus) {
    var key = JSON.stringify(selected || null) + "|" + geometryUrl;
    if (key !== selectedKey) {
      selectedKey = key;
      if (selection) { map.removeLayer(selection); selection = null; }
      if (selected && selected.codes && selected.codes.length && topology.objects[selected.object]) {
        var keep = {};
        selected.codes.forEach(function (c) { keep[c] = true; });
        var list = Atlas.features(topology, selected.object).filter(function (f) { return keep[f.id]; });
        var data = { type: "FeatureCollection", features: list };
        selection = L.featureGroup([
          L.geoJSON(data, { interactive: false, style: function () {
            return { color: "#ffffff", weight: 7, opacity: 0.9, fill: false, className: "atlas-selected-halo" }; } }),
          L.geoJSON(data, { interactive: false, style: function () {
            return { color: "#111111", weight: 3, opacity: 1, fill: false, className: "atlas-selected" }; } })
        ]).addTo(map);
      }
    }
    if (selection) { selection.bringToFront(); }
    if (focus && focus.nonce !== focusSeen) {
      focusSeen = focus.nonce;
      if (selection) {
        var bounds = selection.getBounds();
        var zoom = Math.min(map.getBoundsZoom(bounds, false, L.point(60, 60)), focus.max_zoom || 10);
        if (!(map.getBounds().contains(bounds) && map.getZoom() >= zoom)) {
          asked = null;
          quietly(function () { map.setView(bounds.getCenter(), zoom, { animate: false }); });
          report({ at: extent() });  // asked for: the link should follow
          lastReported = extent();
        }
      }
    }
  }

  /* Keyboard users reach the map itself (arrow keys pan, + and - zoom), its buttons and the county
   * search above it; tabbing through every county's path (hundreds) would trap them. */
  function unfocusable() {
    var nodes = map.getContainer().querySelectorAll(".leaflet-overlay-pane path, .leaflet-marker-pane *");
    for (var i = 0; i < nodes.length; i++) { nodes[i].setAttribute("tabindex", "-1"); }
  }

  /* ---- one render --------------------------------------------------------------------------------- */

  function apply(args) {
    var parts = args.spec.parts;
    applyTiles(parts);
    var order = applyParts(parts);
    applyPanels(parts);
    if (asked && !asked.at && !asked.clear) {  // the panels are drawn now: fit the region clear of them, once
      asked.clear = true;
      showAsked();
    }
    applyControl(order);
    applyWords(parts);
    applySelection(args.selected, args.focus);
    unfocusable();
    Atlas.markDrawn(map);
    // Names are placed again only when what they avoid changed: parts added or removed, or panels.
    var panelsNow = Object.keys(panels).map(function (k) { return panels[k].html; }).join("\n");
    if (changedParts || panelsNow !== labelsFor) { Atlas.placeLabels(map); }
    labelsFor = panelsNow;
    document.getElementById("map").setAttribute("data-atlas-version", String(args.spec.version || ""));
  }

  /* Draw `args` once its geometry and files are here; a newer change arriving meanwhile wins. */
  function draw(args) {
    Promise.all(eagerFiles(args.spec.parts).map(need)).then(function () {
      if (latest !== args) { return; }
      if (!topology || geometryUrl !== args.geometry) { loadGeometry(args.geometry); return; }
      apply(args);
    }, function (error) {
      document.getElementById("map").setAttribute("data-atlas-error", String(error));
    });
  }

  function render(args) {
    latest = args;
    send("streamlit:setFrameHeight", { height: args.height });
    if (!map) { makeMap(args); }
    draw(args);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (data && data.type === "streamlit:render") { render(data.args); }
  });
  window.addEventListener("resize", function () {
    if (!map) { return; }
    quietly(function () { map.invalidateSize(false); });
    showAsked();
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
