// Loads the server's own OpenAPI document into Swagger UI (kept out of index.html so the
// Content-Security-Policy can forbid inline scripts).
window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
  });
};
