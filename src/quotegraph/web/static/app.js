// quotegraph: a quote's details on click (or Enter or Space; Escape or × closes them), and a
// speaker's quotes outlined on hover.
(function () {
  "use strict";
  var data = document.getElementById("qg-quotes");
  var text = document.getElementById("article-text");
  if (!data || !text) return;
  var quotes = {};
  JSON.parse(data.textContent).forEach(function (q) { quotes[String(q.n)] = q; });
  var panel = document.getElementById("details");

  function parts(n) {
    return text.querySelectorAll('.quote[data-q="' + n + '"]');
  }
  function outline(ns, on) {
    ns.forEach(function (n) { parts(n).forEach(function (el) { el.classList.toggle("active", on); }); });
  }
  function field(name, value) {
    var dd = panel.querySelector('[data-field="' + name + '"]');
    dd.textContent = value === null || value === undefined || value === "" ? "—" : String(value);
    return dd;
  }
  var shown = [];
  function show(n) {
    var q = quotes[n];
    if (!q) return;
    outline(shown, false);
    shown = [n];
    outline(shown, true);
    field("n", "#" + (q.n + 1));
    field("type", q.type);
    field("kind", q.kind);
    field("speaker_text", q.speaker_text);
    var name = field("name", q.name);
    if (q.person_id !== null && q.person_id !== undefined && q.name) {
      var a = document.createElement("a");
      a.href = "/people/" + q.person_id;
      a.textContent = q.name;
      name.textContent = "";
      name.appendChild(a);
    }
    field("cue", q.cue);
    field("confidence", q.confidence.toFixed(2));
    panel.hidden = false;
    uncover(parts(n)[0]);
  }
  // On a small screen the panel lies over the bottom of the text: keep the quote above it.
  function uncover(el) {
    if (!el || getComputedStyle(panel).position !== "fixed") return;
    var r = el.getBoundingClientRect(), free = panel.getBoundingClientRect().top - 8;
    if (r.bottom > free || r.top < 0) window.scrollBy(0, r.top - Math.max(8, (free - r.height) / 2));
  }
  function hide() {
    if (panel.hidden) return;
    panel.hidden = true;
    var back = shown.length ? parts(shown[0])[0] : null;
    outline(shown, false);
    shown = [];
    if (back) back.focus({preventScroll: true});
  }
  var close = document.getElementById("details-close");
  if (close) close.addEventListener("click", hide);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  text.addEventListener("click", function (e) {
    if (e.target.closest("a")) return;  // a speaker: go to their page
    var el = e.target.closest(".quote, .cue");
    if (el) show(el.getAttribute("data-q").split(" ")[0]);
  });
  text.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList.contains("quote")) {
      e.preventDefault();  // a space: no scrolling
      show(e.target.getAttribute("data-q"));
    }
  });
  document.querySelectorAll("#speakers li").forEach(function (li) {
    var ns = (li.getAttribute("data-quotes") || "").split(" ").filter(Boolean);
    li.addEventListener("mouseenter", function () { outline(ns, true); });
    li.addEventListener("mouseleave", function () { outline(ns, false); outline(shown, true); });
  });
})();
