//! Request helpers over `oneshot`.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use dossier_server::{app, AppState};
use tower::ServiceExt;

/// A response's status, headers and body.
pub struct Got {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Got {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

/// Sends one request to a fresh router.
pub async fn send(state: &AppState, req: Request<Body>) -> Got {
    let res = app(state.clone()).oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20).await.expect("body");
    Got { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// GET `uri`.
pub async fn get(state: &AppState, uri: &str) -> Got {
    send(state, Request::get(uri).body(Body::empty()).expect("request")).await
}

/// A request with a method, optional token and body.
pub async fn call(
    state: &AppState,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Vec<u8>,
) -> Got {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    send(state, b.body(Body::from(body)).expect("request")).await
}

/// Percent-encodes a path segment the way the pages do.
pub fn seg(s: &str) -> String {
    dossier_server::html::seg(s).to_string()
}
