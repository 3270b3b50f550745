//! Embedded assets: looked up by exact name, so no request reaches the file
//! system.

/// The OpenAPI description of `/api/v1`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

const FILES: &[(&str, &str, &str)] = &[
    ("style.css", include_str!("../assets/style.css"), "text/css; charset=utf-8"),
    ("app.js", include_str!("../assets/app.js"), "text/javascript; charset=utf-8"),
    ("openapi.json", OPENAPI, "application/json"),
    ("favicon.svg", include_str!("../assets/favicon.svg"), "image/svg+xml"),
];

/// The asset called `name` and its content type.
pub fn get(name: &str) -> Option<(&'static str, &'static str)> {
    FILES.iter().find(|(n, _, _)| *n == name).map(|(_, body, ty)| (*body, *ty))
}
