// quotegraph: start Swagger UI on the API's OpenAPI description (/api/docs).
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!el || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({url: el.getAttribute("data-spec"), dom_id: "#swagger-ui", deepLinking: true});
})();
