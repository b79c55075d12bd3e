// quotegraph: an article's quote anchors (#q-N scrolls to the quote, outlines it and opens its
// details), the switches that dim indirect or low-confidence quotes, and the correction form
// that follows the quote shown.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) return;

  function parts(n) {
    return text.querySelectorAll('.quote[data-q="' + n + '"]');
  }

  var form = document.getElementById("correct-quote");
  function follow(n) {  // the correction form acts on quote n
    if (!form) return;
    form.elements.n.value = n;
    form.elements.back.value = location.pathname + "#q-" + n;
  }

  function target() {
    var m = /^#q-(\d+)$/.exec(location.hash);
    if (!m) return;
    var found = parts(m[1]);
    if (!found.length) return;
    text.querySelectorAll(".quote.target").forEach(function (el) { el.classList.remove("target"); });
    found.forEach(function (el) { el.classList.add("target"); });
    found[0].scrollIntoView({block: "center"});
    found[0].click();  // its details (app.js), and the correction form
  }

  text.addEventListener("click", function (e) {
    if (e.target.closest("a")) return;
    var el = e.target.closest(".quote, .cue");
    if (el) follow(el.getAttribute("data-q").split(" ")[0]);
  });
  text.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList.contains("quote")) follow(e.target.getAttribute("data-q"));
  });

  var filter = document.getElementById("quote-filter");
  function dim() {
    var min = parseFloat(filter.elements.min_confidence.value || "0");
    var indirect = filter.elements.hide_indirect.checked;
    text.querySelectorAll(".quote").forEach(function (el) {
      var low = parseFloat(el.getAttribute("data-confidence") || "1") < min;
      el.classList.toggle("dim", low || (indirect && el.classList.contains("indirect")));
    });
  }
  if (filter) {
    filter.addEventListener("change", dim);
    filter.addEventListener("submit", function (e) { e.preventDefault(); });
    dim();
  }

  window.addEventListener("hashchange", target);
  target();
})();
