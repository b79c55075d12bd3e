// quotegraph: the graph pages. A person's ties loaded into their page; the network drawn as SVG
// (a small force layout, no library), an edge's quotes on click. Text goes in as textContent only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  // --- a person's ties, into the person page's side column ---------------------------------
  var ties = document.getElementById("person-graph");
  if (ties && ties.getAttribute("data-src")) {
    fetch(ties.getAttribute("data-src")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      // our own server's fragment, escaped by its templates
      ties.innerHTML = html;
      ties.setAttribute("data-loaded", "1");
    }).catch(function () {
      ties.setAttribute("data-loaded", "error");
    });
  }

  // --- the network ---------------------------------------------------------------------------
  var svg = document.getElementById("network");
  if (!svg || !svg.getAttribute("data-src")) return;
  var W = 900, H = 560;
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function layout(nodes, edges) {
    var n = nodes.length, i, j, k;
    var index = {};
    nodes.forEach(function (d, i) {  // start on a circle, heaviest first: the same picture every time
      index[d.id] = i;
      var a = 2 * Math.PI * i / Math.max(n, 1);
      d.x = W / 2 + (W / 3) * Math.cos(a);
      d.y = H / 2 + (H / 3) * Math.sin(a);
    });
    var links = edges.map(function (e) { return [index[e.source], index[e.target], e.weight]; });
    var area = W * H, kk = Math.sqrt(area / Math.max(n, 1)) * 0.75;
    var temp = W / 8, rounds = n > 150 ? 120 : 250;
    for (k = 0; k < rounds; k++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
          var x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          var d2 = x * x + y * y + 0.01, f = kk * kk / d2;
          dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
        }
      }
      links.forEach(function (l) {
        var a = nodes[l[0]], b = nodes[l[1]];
        var x = a.x - b.x, y = a.y - b.y, d = Math.sqrt(x * x + y * y) + 0.01;
        var f = d / kk * (1 + Math.log(1 + l[2]) / 4);
        dx[l[0]] -= x * f; dy[l[0]] -= y * f; dx[l[1]] += x * f; dy[l[1]] += y * f;
      });
      for (i = 0; i < n; i++) {  // a pull to the middle keeps loose parts on the page
        dx[i] += (W / 2 - nodes[i].x) * 0.02 * kk / 10;
        dy[i] += (H / 2 - nodes[i].y) * 0.02 * kk / 10;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, step = Math.min(len, temp);
        nodes[i].x = Math.min(W - 30, Math.max(30, nodes[i].x + dx[i] / len * step));
        nodes[i].y = Math.min(H - 20, Math.max(20, nodes[i].y + dy[i] / len * step));
      }
      temp *= 0.97;
    }
    return index;
  }

  var panel = document.getElementById("edge-details");
  var title = document.getElementById("edge-title");
  var list = document.getElementById("edge-quotes");

  function item(text, byline, href) {
    var li = document.createElement("li");
    var bq = document.createElement("blockquote");
    bq.textContent = text || "";
    li.appendChild(bq);
    var p = document.createElement("p");
    p.className = "byline";
    var a = document.createElement("a");
    a.href = href;
    a.textContent = byline;
    p.appendChild(a);
    li.appendChild(p);
    list.appendChild(li);
  }

  function showEdge(e, labels) {
    var q = "kind=" + encodeURIComponent(e.kind) + "&source=" + encodeURIComponent(e.source) +
            "&target=" + encodeURIComponent(e.target);
    svg.querySelectorAll(".edge.active").forEach(function (x) { x.classList.remove("active"); });
    title.textContent = labels[e.source] + " " + e.kind.replace("_", " ") + " " + labels[e.target] +
                        " (" + e.weight + (e.weight === 1 ? " article)" : " articles)");
    list.textContent = "";
    panel.hidden = false;
    fetch("/api/network/edge?" + q).then(function (r) { return r.json(); }).then(function (data) {
      (data.quotes || []).forEach(function (x) {
        item(x.content, (x.speaker || "?") + " · " + (x.date || "undated") + " · " + (x.title || x.article_id),
             "/articles/" + encodeURIComponent(x.article_id));
      });
      (data.events || []).forEach(function (x) {
        item(x.evidence, x.type + " · " + (x.date || "undated") + " · " + (x.title || x.article_id),
             "/articles/" + encodeURIComponent(x.article_id));
      });
      panel.setAttribute("data-loaded", "1");
    });
  }

  fetch(svg.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (net) {
    var nodes = net.nodes, edges = net.edges, labels = {};
    nodes.forEach(function (d) { labels[d.id] = d.label; });
    var index = layout(nodes, edges);
    var maxw = Math.max.apply(null, nodes.map(function (d) { return d.weight; }).concat([1]));
    var gEdges = el("g", {"class": "edges"}, svg), gNodes = el("g", {"class": "nodes"}, svg);
    var pairs = {}, seen = {};  // parallel edges of one pair side by side, not on top of each other
    edges.forEach(function (e) {
      var key = e.source < e.target ? e.source + " " + e.target : e.target + " " + e.source;
      pairs[key] = (pairs[key] || 0) + 1;
    });
    edges.forEach(function (e, i) {
      var a0 = nodes[index[e.source]], b0 = nodes[index[e.target]];
      var key = e.source < e.target ? e.source + " " + e.target : e.target + " " + e.source;
      var k = seen[key] = (seen[key] || 0) + 1, off = (k - 1 - (pairs[key] - 1) / 2) * 5;
      var len = Math.sqrt(Math.pow(b0.x - a0.x, 2) + Math.pow(b0.y - a0.y, 2)) || 1;
      var ox = -(b0.y - a0.y) / len * off, oy = (b0.x - a0.x) / len * off;
      if (e.source > e.target) { ox = -ox; oy = -oy; }
      var a = {x: a0.x + ox, y: a0.y + oy}, b = {x: b0.x + ox, y: b0.y + oy};
      var line = el("line", {"class": "edge " + e.kind, x1: a.x, y1: a.y, x2: b.x, y2: b.y,
                             "stroke-width": 1 + Math.log(1 + e.weight) * 1.5, "data-edge": i}, gEdges);
      var t = el("title", {}, line);
      t.textContent = labels[e.source] + " " + e.kind.replace("_", " ") + " " + labels[e.target] +
                      ": " + e.weight;
      // a wide, invisible line over it: easy to click
      var hit = el("line", {"class": "edge-hit", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-edge": i}, gEdges);
      hit.addEventListener("click", function () { line.classList.add("active"); showEdge(e, labels); });
      line.addEventListener("click", function () { line.classList.add("active"); showEdge(e, labels); });
    });
    nodes.forEach(function (d) {
      var g = el("g", {"class": "node " + (d.kind || "name"), transform: "translate(" + d.x + "," + d.y + ")",
                       "data-node": d.id}, gNodes);
      el("circle", {r: 4 + 10 * Math.sqrt(d.weight / maxw)}, g);
      var label = el("text", {x: 8, y: 4}, g);
      label.textContent = d.label;
      if (d.person_id !== null && d.person_id !== undefined) {
        g.addEventListener("click", function () { window.location.href = "/people/" + d.person_id; });
      }
    });
    svg.setAttribute("data-drawn", String(nodes.length));
  });
})();
