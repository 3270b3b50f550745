//! Where a database lives: a SQLite file path or a PostgreSQL URL.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a database lives, as `--db` and `DOSSIER_DB` give it: a
/// `postgres://` or `postgresql://` URL names a PostgreSQL database;
/// anything else is the path of a SQLite file.
///
/// ```
/// use dossier_store::Location;
///
/// assert!(Location::from("postgres://me@db.example/news?schema=desk").is_postgres());
/// assert_eq!(Location::from("my.db"), Location::Sqlite("my.db".into()));
/// // Messages never show a password.
/// let l = Location::from("postgres://me:secret@db.example/news");
/// assert_eq!(l.to_string(), "postgres://me:***@db.example/news");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file (created when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL; see [`pg::PgTarget`](crate::pg::PgTarget)
    /// for its parameters.
    Postgres(String),
}

impl Location {
    /// True for a PostgreSQL URL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }
}

/// True when `s` is a PostgreSQL URL.
fn is_pg_url(s: &str) -> bool {
    let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl From<&str> for Location {
    fn from(s: &str) -> Location {
        if is_pg_url(s) {
            Location::Postgres(s.to_string())
        } else {
            Location::Sqlite(PathBuf::from(s))
        }
    }
}

impl From<String> for Location {
    fn from(s: String) -> Location {
        Location::from(s.as_str())
    }
}

impl From<&OsStr> for Location {
    fn from(s: &OsStr) -> Location {
        match s.to_str() {
            Some(s) => Location::from(s),
            None => Location::Sqlite(PathBuf::from(s)),
        }
    }
}

impl From<OsString> for Location {
    fn from(s: OsString) -> Location {
        Location::from(s.as_os_str())
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::from(p.as_os_str())
    }
}

impl From<PathBuf> for Location {
    fn from(p: PathBuf) -> Location {
        Location::from(p.as_os_str())
    }
}

impl From<&PathBuf> for Location {
    fn from(p: &PathBuf) -> Location {
        Location::from(p.as_os_str())
    }
}

impl From<&Location> for Location {
    fn from(l: &Location) -> Location {
        l.clone()
    }
}

impl std::str::FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Location, Self::Err> {
        Ok(Location::from(s))
    }
}

impl Default for Location {
    /// `dossier.db` in the current directory.
    fn default() -> Location {
        Location::Sqlite(PathBuf::from("dossier.db"))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// `url` with the password of its user-info replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else { return url.to_string() };
    let userinfo = &authority[..at];
    let Some(colon) = userinfo.find(':') else { return url.to_string() };
    format!("{}{}:***{}", &url[..scheme_end], &userinfo[..colon], &rest[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_urls_from_paths() {
        assert!(Location::from("postgresql://h/db").is_postgres());
        assert!(Location::from("POSTGRES://h/db").is_postgres());
        assert!(!Location::from("postgres.db").is_postgres());
        assert!(!Location::from("./postgres://x").is_postgres());
        assert_eq!(Location::from(PathBuf::from("a/b.db")), Location::Sqlite("a/b.db".into()));
    }

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(redact("postgres://u:p@h:5432/d?x=1"), "postgres://u:***@h:5432/d?x=1");
        assert_eq!(redact("postgres://u@h/d"), "postgres://u@h/d");
        assert_eq!(redact("postgres://h/d?user=a"), "postgres://h/d?user=a");
        assert_eq!(redact("postgres://u:p:q@h"), "postgres://u:***@h");
    }
}
