// Starts Swagger UI on the API's OpenAPI document (its URL is on this script's tag).
(function () {
  var url = document.currentScript.getAttribute("data-openapi-url");
  window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle({
      url: url,
      dom_id: "#swagger-ui",
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout",
      validatorUrl: null,
    });
  });
})();
