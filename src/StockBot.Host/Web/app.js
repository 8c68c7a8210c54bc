// The public stock page, live: one snapshot per monitoring cycle from /events (server-sent events), or
// /api/v1/public/monitors every 30 s when EventSource fails. Every value goes in as text, never as HTML.
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var list = document.getElementById("monitors");
  var empty = document.getElementById("empty");
  var live = document.getElementById("live");
  var polling = null;

  function stockText(m) {
    if (m.updated_at === null && m.sparkline.length === 0) return "Not checked yet";
    if (!m.in_stock) return "Out of stock";
    return m.quantity === null ? "In stock" : m.quantity + " in stock";
  }

  function checkedText(at) {
    if (!at) return "";
    var d = new Date(at);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return "Checked " + d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate()) +
      " " + two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) + " UTC";
  }

  function points(line) {
    if (line.length === 0) return "";
    var max = Math.max(1, Math.max.apply(null, line));
    var step = line.length > 1 ? 100 / (line.length - 1) : 0;
    return line.map(function (v, i) {
      return Math.round(i * step * 100) / 100 + "," + Math.round((22 - v * 20 / max) * 100) / 100;
    }).join(" ");
  }

  function text(tag, cls, value) {
    var el = document.createElement(tag);
    el.className = cls;
    el.textContent = value;
    return el;
  }

  function row(m) {
    var li = document.createElement("li");
    li.className = "monitor " + (m.in_stock ? "in" : "out");
    li.appendChild(text("h2", "product", m.product));
    var where = text("p", "where", "");
    where.appendChild(text("span", "website", m.website));
    where.appendChild(text("span", "region", m.region || ""));
    li.appendChild(where);
    li.appendChild(text("p", "stock", stockText(m)));
    li.appendChild(text("p", "price", m.price || ""));
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", "0 0 100 24");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "stock over 7 days");
    var line = document.createElementNS(SVG, "polyline");
    line.setAttribute("points", points(m.sparkline));
    svg.appendChild(line);
    li.appendChild(svg);
    if (/^https?:\/\//i.test(m.buy_url)) {
      var a = text("a", "buy", "Buy");
      a.rel = "nofollow noopener";
      a.href = m.buy_url;
      li.appendChild(a);
    }
    li.appendChild(text("p", "checked", checkedText(m.updated_at)));
    return li;
  }

  function show(monitors) {
    list.replaceChildren.apply(list, monitors.map(row));
    empty.hidden = monitors.length > 0;
    document.body.dataset.updates = String(Number(document.body.dataset.updates || "0") + 1);
  }

  function poll() {
    if (polling !== null) return;
    live.textContent = "Updated every 30 seconds";
    document.body.dataset.live = "polling";
    var load = function () {
      fetch("/api/v1/public/monitors", { cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(show)
        .catch(function () { live.textContent = "Updates paused: the server does not answer"; });
    };
    polling = setInterval(load, 30000);
    load();
  }

  if (!("EventSource" in window)) { poll(); return; }
  var events = new EventSource("/events");
  events.addEventListener("open", function () { document.body.dataset.live = "stream"; });
  events.addEventListener("monitors", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("error", function () {
    if (events.readyState === EventSource.CLOSED) poll();
  });
})();
