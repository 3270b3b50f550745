//! The one error type of the server and how it maps to HTTP.
//!
//! Bad requests get a 4xx status with a message that says what to change;
//! unknown ids a 404; anything else a 500 with a plain message, the details
//! going to the log (standard error) once. API routes answer with JSON
//! (`{"error": {"status", "message"}}`); the page router turns the same
//! error into an HTML page (see [`crate::pages::error_pages`]).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error a handler returns.
#[derive(Debug, Clone)]
pub struct AppError {
    status: StatusCode,
    message: String,
}

/// Attached to error responses so the page router can render them as HTML.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The HTTP status.
    pub status: StatusCode,
    /// The message shown to the user.
    pub message: String,
}

impl AppError {
    /// 400: the request is malformed; `message` says what to change.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// 404: nothing has this id or path.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    /// 401: a write without the right token.
    pub fn unauthorized(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::UNAUTHORIZED, message: message.into() }
    }

    /// 403: a request the server refuses whatever its token (a foreign Host).
    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::FORBIDDEN, message: message.into() }
    }

    /// 413: the body is over `limit` bytes.
    pub fn too_large(what: &str, limit: usize) -> AppError {
        AppError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: format!(
                "{what} is too large: the limit is {} bytes ({:.1} MiB); split it into smaller files",
                limit,
                limit as f64 / (1024.0 * 1024.0)
            ),
        }
    }

    /// 409: the request conflicts with the stored state.
    pub fn conflict(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::CONFLICT, message: message.into() }
    }

    /// 503: the server cannot answer now (busy, or the request took too
    /// long); `message` says what to do.
    pub fn unavailable(message: impl Into<String>) -> AppError {
        AppError { status: StatusCode::SERVICE_UNAVAILABLE, message: message.into() }
    }

    /// 500: logs `detail` (with `context`) and answers with a plain message.
    pub fn internal(context: &str, detail: impl std::fmt::Display) -> AppError {
        eprintln!("dossier serve: error: {context}: {detail}");
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error: the server log has the details".into(),
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message shown to the client.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl From<dossier_store::StoreError> for AppError {
    fn from(e: dossier_store::StoreError) -> AppError {
        match e.kind() {
            dossier_store::ErrorKind::AmbiguousId => AppError::bad_request(e.to_string()),
            _ => AppError::internal("store", e),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> AppError {
        AppError::internal("background task", e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        let mut res = (self.status, axum::Json(body)).into_response();
        res.extensions_mut().insert(ErrorInfo { status: self.status, message: self.message });
        res
    }
}

/// The result type of handlers.
pub type AppResult<T> = Result<T, AppError>;

/// `Query` whose rejection is an [`AppError`] (a 400 naming the bad parameter).
pub struct Q<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Q<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(t)) => Ok(Q(t)),
            Err(e) => Err(AppError::bad_request(format!("bad query string: {}", e.body_text()))),
        }
    }
}

/// `Path` whose rejection is an [`AppError`].
pub struct P<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for P<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(t)) => Ok(P(t)),
            Err(e) => Err(AppError::bad_request(format!("bad path: {}", e.body_text()))),
        }
    }
}
