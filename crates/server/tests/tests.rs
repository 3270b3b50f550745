//! Tests of the server: the API and pages through `oneshot` (no socket), the
//! security rules, hostile clients on a real socket, following another
//! process's writes, and a real browser (skipped without chromium).

#[path = "e2e/api.rs"]
mod api;
#[path = "e2e/browser.rs"]
mod browser;
#[path = "e2e/cache.rs"]
mod cache;
#[path = "e2e/clients.rs"]
mod clients;
mod common;
#[path = "e2e/follow.rs"]
mod follow;
#[path = "e2e/issue14.rs"]
mod issue14;
#[path = "e2e/pages.rs"]
mod pages;
#[path = "e2e/pdf.rs"]
mod pdf;
#[path = "e2e/postgres.rs"]
mod postgres;
#[path = "e2e/security.rs"]
mod security;
#[path = "e2e/stored.rs"]
mod stored;
#[path = "e2e/util.rs"]
mod util;
#[path = "e2e/views.rs"]
mod views;
#[path = "e2e/webdriver.rs"]
mod webdriver;
