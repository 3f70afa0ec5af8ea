// graphkit page script: draws the network from the JSON block and wires the controls.
// Every text from the graph is put on the page with textContent (shown as text, never parsed as HTML).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var FADED = "rgba(190,198,208,0.25)";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Tooltip element built from {head, sub, rows}; rows are [kind, text...].
  function tooltip(tip) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-head", tip.head));
    if (tip.sub) box.appendChild(el("div", "tip-sub", tip.sub));
    var list = null;
    (tip.rows || []).forEach(function (row) {
      var kind = row[0];
      if (kind === "li") {
        if (!list) { list = el("ul", "tip-list"); box.appendChild(list); }
        list.appendChild(el("li", null, typeof row[1] === "number" ? data.texts[row[1]] : row[1]));
        return;
      }
      list = null;
      if (kind === "ev") {
        var quote = el("blockquote", "tip-evidence");
        quote.appendChild(document.createTextNode(row[1]));
        if (row[2]) quote.appendChild(el("mark", null, row[2]));
        quote.appendChild(document.createTextNode(row[3] || ""));
        box.appendChild(quote);
      } else {
        box.appendChild(el("div", "tip-" + (kind === "h" ? "h" : kind === "more" ? "more" : "p"), row[1]));
      }
    });
    return box;
  }

  // vis gets lean items (every extra field costs time per item); tooltips stay aside by id.
  var groups = data.options.groups || {};
  var tips = { nodes: {}, edges: {} };
  function lean(item, store) {
    var out = {};
    for (var key in item) {
      if (key === "tip") store[item.id] = item.tip;
      else if (key !== "arrows") out[key] = item[key];
    }
    return out;
  }
  var nodeItems = data.nodes.map(function (n) {
    var item = lean(n, tips.nodes);
    item.baseColor = n.color || (groups[n.group] || {}).color;
    item.baseLabel = n.label;
    return item;
  });
  var edgeItems = data.edges.map(function (e, i) {
    e.id = i;
    var item = lean(e, tips.edges);
    item.baseColor = e.color || data.options.edges.color;
    return item;
  });

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;

  // Tooltips are built when first hovered (thousands of them up front would slow the start).
  function withTooltip(set, store, id) {
    var item = set.get(id);
    if (item && !item.title && store[id]) set.update({ id: id, title: tooltip(store[id]) });
  }
  network.on("hoverNode", function (params) { withTooltip(nodes, tips.nodes, params.node); });
  network.on("hoverEdge", function (params) { withTooltip(edges, tips.edges, params.edge); });
  window.graphkit = { network: network, nodes: nodes, edges: edges, tips: tips, tooltip: tooltip, ready: false };

  function ready() {
    if (window.graphkit.ready) return;
    network.setOptions({ physics: { enabled: false } });
    window.graphkit.ready = true;
    window.graphkit.readyAt = performance.now();  // ms since navigation start
    document.body.classList.add("ready");
    var loading = document.getElementById("loading");
    if (loading) loading.remove();
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  // Pinned names (the subject, the biggest nodes) stay readable when zoomed out, where vis-network
  // hides small labels: drawn on the canvas as text, at a constant screen size.
  // the subject's name first: no other name covers it
  var pinned = nodeItems.filter(function (n) { return n.pin; })
    .sort(function (a, b) { return (b.center ? 1 : 0) - (a.center ? 1 : 0); })
    .map(function (n) { return n.id; });
  var SUBJECT_READABLE_PX = 9;  // below this the name inside the circle is too small to read
  network.on("afterDrawing", function (ctx) {
    var scale = ctx.getTransform().a / (window.devicePixelRatio || 1);  // the scale this frame is drawn at
    var positions = network.getPositions(pinned);
    ctx.save();
    ctx.font = "600 " + (13 / scale) + "px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var drawn = [];
    pinned.forEach(function (id) {
      var node = nodes.get(id);
      var body = network.body.nodes[id];
      if (!node || node.hidden || typeof node.color === "string" || !positions[id] || !body) return;
      var size = body.labelModule && body.labelModule.fontOptions ? body.labelModule.fontOptions.size : 0;
      // vis draws the label itself from its threshold on; the subject's (inside its circle) only
      // counts once readable
      var shown = node.center ? SUBJECT_READABLE_PX : data.options.nodes.scaling.label.drawThreshold;
      if (size * scale >= shown) return;
      var y = positions[id].y + (body.shape && body.shape.height ? body.shape.height / 2 : 10) + 3 / scale;
      var half = ctx.measureText(node.baseLabel).width / 2, tall = 16 / scale, x = positions[id].x;
      var clash = drawn.some(function (r) {  // biggest first: a smaller name never covers a bigger one
        return x - half < r[2] && x + half > r[0] && y < r[3] && y + tall > r[1];
      });
      if (clash) return;
      drawn.push([x - half, y, x + half, y + tall]);
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(node.baseLabel, x, y);
      ctx.fillStyle = "#1f2933";
      ctx.fillText(node.baseLabel, x, y);
    });
    ctx.restore();
  });

  // --- neighbourhood highlight -------------------------------------------------------------
  var highlighted = false;
  function highlight(nodeId) {
    var near = {};
    near[nodeId] = true;
    network.getConnectedNodes(nodeId).forEach(function (id) { near[id] = true; });
    var nearEdges = {};
    network.getConnectedEdges(nodeId).forEach(function (id) { nearEdges[id] = true; });
    nodes.update(nodes.get().map(function (n) {
      return near[n.id]
        ? { id: n.id, color: n.baseColor, label: n.baseLabel }
        : { id: n.id, color: FADED, label: " " };
    }));
    edges.update(edges.get().map(function (e) {
      return { id: e.id, color: nearEdges[e.id] ? e.baseColor : { color: FADED } };
    }));
    highlighted = true;
  }
  function unhighlight() {
    if (!highlighted) return;
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.baseColor, label: n.baseLabel }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, color: e.baseColor }; }));
    highlighted = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) highlight(params.nodes[0]);
    else unhighlight();
  });

  // --- search box: pick a name, the view flies to it and highlights its neighbours ----------
  var names = document.getElementById("names");
  var byName = {};
  data.nodes.slice().sort(function (a, b) { return a.full.localeCompare(b.full); }).forEach(function (n) {
    if (byName[n.full] !== undefined) return;
    byName[n.full] = n.id;
    var option = document.createElement("option");
    option.value = n.full;
    names.appendChild(option);
  });
  var search = document.getElementById("search");
  function find() {
    var id = byName[search.value];
    if (id === undefined) {
      var wanted = search.value.trim().toLowerCase();
      if (!wanted) return;
      var hit = data.nodes.find(function (n) { return n.full.toLowerCase().indexOf(wanted) >= 0; });
      if (!hit) { search.classList.add("missing"); return; }
      id = hit.id;
    }
    search.classList.remove("missing");
    var node = nodes.get(id);
    if (node && node.hidden) return;
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(); });

  // --- type filter (the legend) --------------------------------------------------------------
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#legend input[data-kind]"));
  function applyFilter() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute("data-kind")] = box.checked; });
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, hidden: !(n.center || shown[n.kind] !== false) };
    }));
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilter); });

  document.getElementById("reset").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; });
    applyFilter();
    unhighlight();
    search.value = "";
    network.unselectAll();
    network.fit({ animation: { duration: 300 } });
  });
})();
