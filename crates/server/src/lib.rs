//! `dossier-server`: the HTTP API and web UI of dossier (`dossier serve`).
//!
//! One binary, every asset embedded, no network at run time. [`app`] builds
//! the router from an [`AppState`] (tests call it with `tower`'s `oneshot`,
//! no socket); [`serve`] binds it to an address for the CLI.
//!
//! - Pages: home, search, entity (aliases with merge evidence, claims by
//!   predicate with verdicts, events), conflict view, document view with
//!   highlights, timeline, graph, ingest, and events as pages of their own
//!   (`/events/{id}`, and `/events` filtered by GET parameters). Stored
//!   forms are written as words ([`words`]); documents are named by one
//!   label, and the file a document was read from is never shown.
//! - API under `/api/v1`, described by `/api/v1/openapi.json`.
//! - Reads come from the stored reconciliation, per request (the API and
//!   most pages); a few pages still build a [`state::Snapshot`] of the
//!   reconciled corpus on first use. Writes (upload, remove, merge) need
//!   the server's token.
//! - The server follows the database: other processes' commits
//!   (`dossier ingest`, `dossier remove`) are noticed by polling
//!   ([`AppState::follow_database`]).
//! - Hostile clients: [`listen::run`] bounds connections per server and per
//!   address and times out slow heads, idle connections and slow requests.
//! - Security: every value from the data is escaped ([`html`]); a Content
//!   Security Policy allows only this server's own scripts and styles; a
//!   loopback server refuses foreign `Host` headers (DNS rebinding); bodies
//!   are size-limited with a clear 413; assets are looked up by exact name.
//!
//! ```no_run
//! use dossier_server::{app, AppState};
//! let state = AppState::open(std::path::Path::new("dossier.db"), "secret-token")?;
//! let router = app(state);
//! # let _ = router;
//! Ok::<(), anyhow::Error>(())
//! ```
#![deny(missing_docs)]

pub mod answers;
pub mod api;
mod assets;
pub mod error;
pub mod html;
pub mod listen;
mod pages;
mod read;
pub mod state;
pub mod textindex;

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use dossier_store::Location;

pub use error::AppError;
pub use listen::ServerLimits;
pub use pages::words;
pub use state::AppState;

/// The Content Security Policy of every response: scripts and styles only
/// from this server, no plugins, no framing, forms only to this server.
pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The router: pages at `/`, the API at `/api/v1`.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/entities", get(api::entities))
        .route("/entities/{id}", get(api::entity))
        .route("/claims", get(api::claims))
        .route("/events", get(api::events))
        .route("/events/{id}", get(api::event))
        .route("/findings", get(api::findings))
        .route("/documents", get(api::documents).post(api::upload))
        .route("/documents/{id}", get(api::document).delete(api::remove))
        .route("/search", get(api::search))
        .route("/decisions", get(api::decisions).post(api::decide))
        .route("/decisions/{id}/undo", post(api::undo))
        .route("/stats", get(api::stats))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/entities", get(pages::entities))
        .route("/entity/{id}", get(pages::entity))
        .route("/entity/{id}/timeline", get(pages::timeline))
        .route("/entity/{id}/graph", get(pages::entity_graph))
        .route("/compare/{id}/{predicate}", get(pages::compare))
        .route("/documents", get(pages::documents))
        .route("/doc/{id}", get(pages::document))
        .route("/claims", get(pages::claims))
        .route("/events", get(pages::events))
        .route("/events/{id}", get(pages::event))
        .route("/export/{name}", get(pages::export))
        .route("/map", get(pages::map))
        .route("/findings", get(pages::findings))
        .route("/graph", get(pages::graph))
        .route("/ingest", get(pages::ingest))
        .route("/decisions", get(pages::decisions))
        .route("/assets/{name}", get(pages::asset))
        .route("/favicon.ico", get(pages::favicon))
        .fallback(pages::not_found)
        .layer(middleware::from_fn(pages::error_pages))
        .nest("/api/v1", api)
        // Uploads read their own body with their own limit (and 413).
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Refuses foreign `Host` headers when configured, and sets the security
/// headers on every response.
async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    if !st.allowed_hosts.is_empty() {
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
        if let Some(h) = host {
            if !st.allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h)) {
                return secure(
                    AppError::forbidden(format!(
                        "unexpected Host header `{h}`: this server answers only to {}",
                        st.allowed_hosts.join(", ")
                    ))
                    .into_response(),
                );
            }
        }
    }
    secure(next.run(req).await)
}

fn secure(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// What `dossier serve` was asked for.
#[derive(Clone, Debug, Default)]
pub struct ServeOptions {
    /// The database: a SQLite file (created when missing) or a PostgreSQL
    /// URL.
    pub db: Location,
    /// Where to listen; loopback unless a token is given.
    pub addr: String,
    /// The token writes must carry; required to bind a non-loopback address.
    /// When absent a random one is made and printed.
    pub token: Option<String>,
    /// Timeouts and connection caps.
    pub limits: ServerLimits,
    /// How often to check whether another process changed the database
    /// (default [`DEFAULT_FOLLOW`]).
    pub follow: Option<Duration>,
}

/// How often `dossier serve` checks for other processes' writes.
pub const DEFAULT_FOLLOW: Duration = Duration::from_secs(1);

/// A random token from the OS (hex), for when none was given.
fn random_token() -> String {
    use std::io::Read;
    let mut buf = [0u8; 16];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if !ok {
        // No /dev/urandom: std's randomly seeded hasher, twice.
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in buf.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs the server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let addr = resolve(&opts.addr)?;
    let loopback = addr.ip().is_loopback();
    if !loopback && opts.token.as_deref().is_none_or(str::is_empty) {
        anyhow::bail!(
            "refusing to bind {addr}, which other machines can reach, without a token: pass \
             --token SECRET (uploads, removals and merges will need it), or bind 127.0.0.1"
        );
    }
    let token = opts.token.clone().filter(|t| !t.is_empty()).unwrap_or_else(random_token);
    eprintln!("dossier serve: opening {} and bringing its stored results up to date…", opts.db);
    let mut state = AppState::open(&opts.db, &token)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            anyhow::anyhow!("cannot listen on {addr}: {e}: pick another --addr port")
        })?;
        let bound = listener.local_addr()?;
        if loopback {
            let port = bound.port();
            state = state.with_allowed_hosts(vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
                bound.to_string(),
            ]);
        }
        let counts = state.read(|store| Ok((store.counts()?, store.recon_counts()?))).await;
        if let Ok((c, r)) = counts {
            eprintln!(
                "dossier serve: {} documents, {} entities, {} claims (stored results brought up \
                 to date in {} ms)",
                c.documents,
                r.entities,
                r.claims,
                state.reconciled_in_ms()
            );
        }
        let l = &opts.limits;
        eprintln!(
            "dossier serve: at most {} connections, {} per client address; request heads \
             within {} s, answers within {} s",
            l.max_connections,
            l.max_connections_per_ip,
            l.header_read_timeout.as_secs_f64(),
            l.request_timeout.as_secs_f64()
        );
        eprintln!("dossier serve: open http://{bound}/");
        if opts.token.is_some() {
            eprintln!("dossier serve: uploads and other writes need the token you gave (--token)");
        } else {
            eprintln!(
                "dossier serve: uploads need this token: open http://{bound}/ingest#token={token}"
            );
        }
        state.follow_database(opts.follow.unwrap_or(DEFAULT_FOLLOW));
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        listen::run(listener, app(state), opts.limits, stop)
            .await
            .map_err(|e| anyhow::anyhow!("server stopped: {e}"))
    })
}

/// The socket address of `IP:PORT` or `HOST:PORT` (the first address the
/// host name resolves to, IPv4 first).
pub fn resolve(addr: &str) -> anyhow::Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    if let Ok(a) = addr.parse() {
        return Ok(a);
    }
    let usage = "use HOST:PORT or IP:PORT, e.g. 127.0.0.1:8080 or localhost:8080";
    if addr.rsplit_once(':').is_none_or(|(h, p)| h.is_empty() || p.parse::<u16>().is_err()) {
        anyhow::bail!("`{addr}` is not an address: {usage}");
    }
    let found: Vec<SocketAddr> = addr
        .to_socket_addrs()
        .map_err(|e| anyhow::anyhow!("cannot resolve `{addr}`: {e}: {usage}"))?
        .collect();
    found
        .iter()
        .find(|a| a.is_ipv4())
        .or(found.first())
        .copied()
        .ok_or_else(|| anyhow::anyhow!("`{addr}` resolves to no address: {usage}"))
}
