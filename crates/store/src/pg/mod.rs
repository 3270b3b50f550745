//! The PostgreSQL backend, and the connection code that other PostgreSQL
//! users of the project (the job queue) share.
//!
//! A URL names the database as libpq does
//! (`postgres://user:password@host:port/database?connect_timeout=5`), plus
//! one parameter of dossier's own: `schema=NAME` keeps dossier's tables in
//! the PostgreSQL schema `NAME` (created when missing), so that several
//! dossier databases, or test runs, share one PostgreSQL database without
//! meeting. Every pooled connection sets its `search_path` to it.
//!
//! ```no_run
//! let target = dossier_store::pg::PgTarget::parse("postgres://postgres@127.0.0.1/test?schema=desk")?;
//! let pool = target.pool(4)?;
//! let mut conn = pool.get()?;
//! let n: i64 = conn.query_one("SELECT count(*) FROM documents", &[])?.get(0);
//! # let _ = n;
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod schema;
mod search;
mod store;

use std::time::Duration;

pub use postgres;
use postgres::NoTls;
use r2d2_postgres::PostgresConnectionManager;

use crate::error::{ErrorKind, StoreError};
pub(crate) use store::PgStore;

/// A pool of PostgreSQL connections whose `search_path` is the target's
/// schema.
pub type PgPool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// A connection taken from a [`PgPool`]; it goes back when dropped.
pub type PgConnection = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// How long opening a connection may take unless the URL says
/// (`connect_timeout=`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long taking a connection from a busy pool may wait.
const POOL_WAIT: Duration = Duration::from_secs(30);

/// A parsed PostgreSQL URL: how to connect, and the schema to use.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    schema: Option<String>,
    name: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The config holds the password: show the redacted name only.
        f.debug_struct("PgTarget").field("name", &self.name).finish()
    }
}

impl PgTarget {
    /// Parses a `postgres://` URL with an optional `schema=NAME` parameter
    /// (lower-case letters, digits and `_`, not starting with a digit).
    pub fn parse(url: &str) -> Result<PgTarget, StoreError> {
        let name = redact(url);
        let bad = |why: String| {
            StoreError::new(
                ErrorKind::Database,
                format!(
                    "{why} in database URL {name}: give one like \
                     postgres://user@host:5432/database?schema=dossier"
                ),
            )
        };
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (url, None),
        };
        let mut schema = None;
        let mut kept = Vec::new();
        for param in query.into_iter().flat_map(|q| q.split('&')).filter(|p| !p.is_empty()) {
            match param.split_once('=') {
                Some(("schema", v)) => schema = Some(v.to_string()),
                _ => kept.push(param),
            }
        }
        if let Some(s) = &schema {
            let ok = s.len() <= 63
                && s.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(bad(format!(
                    "schema '{s}' is not a plain name (lower-case letters, digits and _, at \
                     most 63, not starting with a digit)"
                )));
            }
        }
        let rebuilt =
            if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        let mut config: postgres::Config =
            rebuilt.parse().map_err(|e: postgres::Error| bad(format!("{e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("dossier");
        }
        if let Some(s) = &schema {
            let options = match config.get_options() {
                Some(o) if !o.is_empty() => format!("{o} -c search_path={s}"),
                _ => format!("-c search_path={s}"),
            };
            config.options(&options);
        }
        Ok(PgTarget { config, schema, name })
    }

    /// The URL as shown in messages (no password).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schema named by `schema=`, if any.
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    /// Opens one connection (outside any pool). The sync client blocks: in
    /// async code, call it (and use and drop the client) in
    /// `spawn_blocking`.
    pub fn connect(&self) -> Result<postgres::Client, StoreError> {
        self.config.connect(NoTls).map_err(|e| StoreError::pg(&self.name, "connecting", e))
    }

    /// Whether a dossier store is there (its tables exist in the schema the
    /// URL names); creates nothing.
    pub fn has_store(&self) -> Result<bool, StoreError> {
        let mut conn = self.connect()?;
        Ok(schema::version(&mut conn, &self.name)? > 0)
    }

    /// A pool of at most `max_size` connections. Connections open on first
    /// use, each checked before it is handed out, so a pool outlives a
    /// server restart: the next use reconnects. Its connections block as
    /// [`connect`](PgTarget::connect)'s do.
    pub fn pool(&self, max_size: u32) -> Result<PgPool, StoreError> {
        let manager = PostgresConnectionManager::new(self.config.clone(), NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(max_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(POOL_WAIT)
            .test_on_check_out(true)
            .thread_pool(housekeeping())
            .build_unchecked(manager);
        Ok(pool)
    }
}

/// The thread that closes idle connections, one for every pool of the
/// process (r2d2 would start three per pool).
fn housekeeping() -> std::sync::Arc<scheduled_thread_pool::ScheduledThreadPool> {
    static POOL: std::sync::OnceLock<std::sync::Arc<scheduled_thread_pool::ScheduledThreadPool>> =
        std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        std::sync::Arc::new(
            scheduled_thread_pool::ScheduledThreadPool::builder()
                .num_threads(1)
                .thread_name_pattern("dossier-pg-pool")
                .build(),
        )
    })
    .clone()
}

/// Opens a pool of at most `max_size` connections to `url` (see
/// [`PgTarget::parse`] for its parameters) after checking that one
/// connection can be made, so a wrong URL fails here, at once, by name.
pub fn pool(url: &str, max_size: u32) -> Result<PgPool, StoreError> {
    let target = PgTarget::parse(url)?;
    drop(target.connect()?);
    target.pool(max_size)
}

/// `url` with its password (in the user-info or a `password=` parameter)
/// replaced by `***`.
fn redact(url: &str) -> String {
    let url = crate::location::redact(url);
    let Some((base, query)) = url.split_once('?') else { return url };
    let params: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some(("password", _)) => "password=***".to_string(),
            _ => p.to_string(),
        })
        .collect();
    format!("{base}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_taken_out_and_checked() {
        let t =
            PgTarget::parse("postgres://u:pw@h:5433/d?schema=desk_1&connect_timeout=3").unwrap();
        assert_eq!(t.schema(), Some("desk_1"));
        assert_eq!(t.name(), "postgres://u:***@h:5433/d?schema=desk_1&connect_timeout=3");
        assert_eq!(t.config.get_options(), Some("-c search_path=desk_1"));
        assert_eq!(t.config.get_connect_timeout(), Some(&Duration::from_secs(3)));
        for bad in ["Desk", "1desk", "a;b", "a b", ""] {
            let e = PgTarget::parse(&format!("postgres://h/d?schema={bad}")).unwrap_err();
            assert!(e.to_string().contains("is not a plain name"), "{e}");
        }
    }

    #[test]
    fn a_bad_url_is_named_without_its_password() {
        let e = PgTarget::parse("postgres://u@h/d?password=secret&nonsense=1").unwrap_err();
        assert!(e.to_string().contains("password=***"), "{e}");
        assert!(!e.to_string().contains("secret"), "{e}");
    }
}
