//! Tests of the server: the API and pages through `oneshot` (no socket), the
//! security rules, and a real browser (skipped without chromium).

#[path = "e2e/api.rs"]
mod api;
#[path = "e2e/browser.rs"]
mod browser;
mod common;
#[path = "e2e/pages.rs"]
mod pages;
#[path = "e2e/security.rs"]
mod security;
#[path = "e2e/util.rs"]
mod util;
#[path = "e2e/webdriver.rs"]
mod webdriver;
