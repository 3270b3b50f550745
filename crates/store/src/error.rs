//! The store's error type: opaque, with a [`kind`](StoreError::kind) for
//! callers that react differently, and a message that names the database and
//! says what to do.

/// What sort of failure a [`StoreError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file exists but is not a SQLite database.
    NotADatabase,
    /// The database was written by a newer dossier (its schema version is
    /// higher than this build knows).
    NewerSchema,
    /// Another process held the database lock longer than the busy timeout.
    Locked,
    /// A document id prefix matched several documents or was too short.
    AmbiguousId,
    /// A document's annotations are inconsistent (an entity index points
    /// nowhere, a span lies outside the text).
    InvalidDocument,
    /// Stored data could not be decoded (damaged or hand-edited database).
    Corrupt,
    /// The database server cannot be reached (PostgreSQL down, wrong host
    /// or credentials, connection lost).
    Unreachable,
    /// Another process wrote reconciliation results meanwhile: compute
    /// them again from the new state.
    Conflict,
    /// Any other database or file-system failure.
    Database,
}

/// The next error in a chain.
fn cause_of<'a>(
    e: Option<&'a (dyn std::error::Error + 'static)>,
) -> Option<&'a (dyn std::error::Error + 'static)> {
    e.and_then(std::error::Error::source)
}

/// An error of the store. Its message names the database file and the reason,
/// and says what to do.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct StoreError {
    kind: ErrorKind,
    message: String,
}

impl StoreError {
    pub(crate) fn new(kind: ErrorKind, message: String) -> StoreError {
        StoreError { kind, message }
    }

    /// What sort of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Wraps a SQLite error met while doing `what` on database `db`.
    pub(crate) fn sqlite(db: &str, what: &str, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
            _ => None,
        };
        match code {
            Some(ErrorCode::NotADatabase) => StoreError::new(
                ErrorKind::NotADatabase,
                format!(
                    "{db} is not a dossier database (SQLite: {e}): pass the path of a \
                     dossier database, or a new path to create one"
                ),
            ),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::new(
                ErrorKind::Locked,
                format!(
                    "database {db} is locked by another process ({what}): wait for the \
                     other dossier process to finish, then retry"
                ),
            ),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::new(
                ErrorKind::Corrupt,
                format!(
                    "database {db} is damaged ({what}: {e}): restore it from a backup \
                     or re-ingest into a new database"
                ),
            ),
            Some(ErrorCode::CannotOpen) | Some(ErrorCode::ReadOnly) => StoreError::new(
                ErrorKind::Database,
                format!(
                    "cannot open or write database {db} ({what}: {e}): check that its \
                     directory exists and is writable"
                ),
            ),
            _ => StoreError::new(ErrorKind::Database, format!("database {db}: {what}: {e}")),
        }
    }

    /// Wraps a PostgreSQL error met while doing `what` on database `db`.
    pub(crate) fn pg(db: &str, what: &str, e: postgres::Error) -> StoreError {
        use postgres::error::SqlState;
        let code = e.code().cloned();
        // The server's own message and detail, not just "db error".
        let reason = match e.as_db_error() {
            Some(d) => match d.detail() {
                Some(detail) => format!("{}: {detail}", d.message()),
                None => d.message().to_string(),
            },
            None => {
                // "error connecting to server" alone does not say why.
                let mut reason = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(cause) = source {
                    let cause = cause.to_string();
                    if !reason.contains(&cause) {
                        reason = format!("{reason}: {cause}");
                    }
                    source = cause_of(source);
                }
                reason
            }
        };
        let text = e.to_string();
        let lost = e.is_closed()
            || text.starts_with("error connecting")
            || text.starts_with("error communicating")
            || text.starts_with("timeout");
        match code {
            None if lost => StoreError::new(
                ErrorKind::Unreachable,
                format!(
                    "cannot reach PostgreSQL at {db} ({what}: {reason}): check that the \
                     server runs and that the URL's host, port, user and database are right"
                ),
            ),
            Some(c)
                if c == SqlState::LOCK_NOT_AVAILABLE
                    || c == SqlState::T_R_DEADLOCK_DETECTED
                    || c == SqlState::T_R_SERIALIZATION_FAILURE =>
            {
                StoreError::new(
                    ErrorKind::Locked,
                    format!(
                        "database {db} is locked by another process ({what}: {reason}): \
                         wait for the other dossier process to finish, then retry"
                    ),
                )
            }
            Some(c)
                if c == SqlState::INVALID_PASSWORD
                    || c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                    || c == SqlState::INVALID_CATALOG_NAME
                    || c == SqlState::ADMIN_SHUTDOWN
                    || c == SqlState::CANNOT_CONNECT_NOW =>
            {
                StoreError::new(
                    ErrorKind::Unreachable,
                    format!(
                        "cannot use PostgreSQL at {db} ({what}: {reason}): check the URL's \
                         user, password and database, and that the server accepts connections"
                    ),
                )
            }
            Some(c) if c == SqlState::INSUFFICIENT_PRIVILEGE => StoreError::new(
                ErrorKind::Database,
                format!(
                    "database {db}: permission denied ({what}: {reason}): connect as a user \
                     that may create tables in the schema"
                ),
            ),
            _ => StoreError::new(ErrorKind::Database, format!("database {db}: {what}: {reason}")),
        }
    }

    /// A connection could not be taken from the pool.
    pub(crate) fn pool(db: &str, what: &str, e: r2d2::Error) -> StoreError {
        StoreError::new(
            ErrorKind::Unreachable,
            format!(
                "cannot reach PostgreSQL at {db} ({what}: {e}): check that the server runs \
                 and accepts connections"
            ),
        )
    }

    /// Stored JSON that does not decode.
    pub(crate) fn corrupt(db: &str, what: &str, e: impl std::fmt::Display) -> StoreError {
        StoreError::new(
            ErrorKind::Corrupt,
            format!(
                "database {db}: {what}: {e}: the stored data is damaged or was written by \
                 an incompatible dossier; re-ingest the document"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_maps_to_locked_and_names_the_file() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let e = StoreError::sqlite("/tmp/x.db", "inserting a batch", e);
        assert_eq!(e.kind(), ErrorKind::Locked);
        assert!(e.to_string().contains("/tmp/x.db"), "{e}");
        assert!(e.to_string().contains("retry"), "{e}");
    }
}
