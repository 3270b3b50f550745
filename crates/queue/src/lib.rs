//! `dossier-queue`: the ingest job queue, a table in PostgreSQL that any
//! number of `dossier worker` processes, on any number of machines, take
//! jobs from.
//!
//! A job is one input: a file, a byte range of a JSON Lines file (large
//! files are cut into ranges of whole lines so that several workers share
//! them), or a URL. [`Queue::enqueue`] adds jobs; [`Queue::claim`] hands the
//! oldest open job to one worker with `FOR UPDATE SKIP LOCKED`, so that two
//! workers never take the same job and never wait on each other, and gives
//! it a *lease*: the job is the worker's until `lease_until`. The worker
//! renews the lease as it goes ([`Queue::renew`]) and finishes the job as
//! done or failed ([`Queue::finish`]). A job whose worker died (its lease
//! ran out) is handed out again; after `max_attempts` it is failed with the
//! reason. Retrying is safe because the store keys documents by their
//! content id: a document stored before the crash is skipped the second
//! time.
//!
//! The table is `dossier_jobs`, beside the store's tables: in the schema
//! the URL's `schema=NAME` names (created when missing), else in the
//! connection's current one. It is created on first use. URLs are read as
//! the store reads them ([`dossier_store::pg::PgTarget`]), so one `--db`
//! serves both. No type of the PostgreSQL client appears in the public API.
//!
//! ```no_run
//! use std::time::Duration;
//! use dossier_queue::{Lease, NewJob, Outcome, Queue};
//!
//! let mut queue = Queue::connect("postgres://postgres@127.0.0.1:5432/test")?;
//! queue.enqueue(&[NewJob::file("/data/a.txt")])?;
//! let lease = Lease { worker: "host:1".into(), duration: Duration::from_secs(60), max_attempts: 3 };
//! if let Some(job) = queue.claim(&lease)? {
//!     // ... read and store job.input ...
//!     queue.finish(job.id, &lease.worker, &Outcome::Done { stored: 1, duplicates: 0 })?;
//! }
//! assert_eq!(queue.status(10)?.done, 1);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

use std::time::Duration;

use dossier_store::pg::PgTarget;
use postgres::error::SqlState;
use postgres::Client;

/// The table, its index, created on first use. Version 1.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS dossier_jobs (
    id           BIGSERIAL PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('file', 'url')),
    input        TEXT NOT NULL,
    range_start  BIGINT,
    range_end    BIGINT,
    first_line   BIGINT,
    date         TEXT,
    source       TEXT,
    state        TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_until  TIMESTAMPTZ,
    worker       TEXT,
    error        TEXT,
    stored       INTEGER,
    duplicates   INTEGER,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS dossier_jobs_open ON dossier_jobs (id)
    WHERE state IN ('queued', 'running');
";

/// Serializes the table's creation between workers starting together.
const SCHEMA_LOCK: i64 = 0x646f_7373_6a6f_6273; // "dossjobs"

/// What a job reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// A file (or a byte range of a JSON Lines file) on a path every worker sees.
    File,
    /// A web page or file to download.
    Url,
}

impl JobKind {
    fn as_str(self) -> &'static str {
        match self {
            JobKind::File => "file",
            JobKind::Url => "url",
        }
    }

    fn parse(s: &str) -> JobKind {
        if s == "url" {
            JobKind::Url
        } else {
            JobKind::File
        }
    }
}

/// Part of a JSON Lines file: whole lines from byte `start` up to `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    /// The first byte (the start of a line).
    pub start: u64,
    /// One past the last byte (the end of a line, or of the file).
    pub end: u64,
    /// The 1-based number of the range's first line, for error messages.
    pub first_line: u64,
}

/// A job to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewJob {
    /// What it reads.
    pub kind: JobKind,
    /// An absolute path, or a URL.
    pub input: String,
    /// For a part of a JSON Lines file.
    pub range: Option<LineRange>,
    /// `--date`, as given.
    pub date: Option<String>,
    /// `--source`, as given.
    pub source: Option<String>,
}

impl NewJob {
    /// A job that reads the whole file at `path`.
    pub fn file(path: impl Into<String>) -> NewJob {
        NewJob { kind: JobKind::File, input: path.into(), range: None, date: None, source: None }
    }

    /// A job that downloads `url`.
    pub fn url(url: impl Into<String>) -> NewJob {
        NewJob { kind: JobKind::Url, input: url.into(), range: None, date: None, source: None }
    }
}

/// A job handed to a worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// Its id.
    pub id: i64,
    /// What it reads.
    pub kind: JobKind,
    /// An absolute path, or a URL.
    pub input: String,
    /// For a part of a JSON Lines file.
    pub range: Option<LineRange>,
    /// `--date`, as given at enqueue.
    pub date: Option<String>,
    /// `--source`, as given at enqueue.
    pub source: Option<String>,
    /// 1 the first time the job is handed out, 2 the second, and so on.
    pub attempt: u32,
}

impl Job {
    /// How the job is named in messages: its input, and its lines for a range.
    pub fn label(&self) -> String {
        label(&self.input, self.range)
    }
}

fn label(input: &str, range: Option<LineRange>) -> String {
    match range {
        Some(r) => format!("{input} (from line {})", r.first_line),
        None => input.to_string(),
    }
}

/// The terms on which a worker takes jobs.
#[derive(Clone, Debug)]
pub struct Lease {
    /// The worker's name, unique across machines (`host:pid:nonce`).
    pub worker: String,
    /// How long a job stays the worker's without a renewal.
    pub duration: Duration,
    /// After this many attempts whose workers died, a job fails.
    pub max_attempts: u32,
}

/// How a job ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every document was read and stored (or was already stored).
    Done {
        /// Documents stored.
        stored: usize,
        /// Documents already in the store.
        duplicates: usize,
    },
    /// The input, or part of it, could not be read; what could was stored.
    Failed {
        /// The reasons, one line each, naming the input.
        error: String,
        /// Documents stored.
        stored: usize,
        /// Documents already in the store.
        duplicates: usize,
    },
}

/// One job as `dossier status` shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct JobView {
    /// Its id.
    pub id: i64,
    /// Its input (and lines, for a range).
    pub label: String,
    /// The worker that has (or last had) it.
    pub worker: Option<String>,
    /// How often it was handed out.
    pub attempts: u32,
    /// Seconds left on its lease (negative: expired), for a running job.
    pub lease_left: Option<f64>,
    /// Why it failed, or the last transient error.
    pub error: Option<String>,
}

/// The queue's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// Jobs waiting for a worker.
    pub queued: u64,
    /// Jobs a worker holds.
    pub running: u64,
    /// Jobs finished.
    pub done: u64,
    /// Jobs failed.
    pub failed: u64,
    /// Documents the done and failed jobs stored.
    pub stored: u64,
    /// Documents they found already stored.
    pub duplicates: u64,
    /// The running jobs, oldest first (at most the limit given).
    pub running_jobs: Vec<JobView>,
    /// The failed jobs, oldest first (at most the limit given).
    pub failed_jobs: Vec<JobView>,
}

/// What went wrong talking to the queue.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct QueueError {
    message: String,
    connection: bool,
}

impl QueueError {
    /// True when the connection to PostgreSQL was lost or could not be
    /// made: [`Queue::reconnect`] and try again.
    pub fn is_connection(&self) -> bool {
        self.connection
    }

    fn new(target: &str, doing: &str, e: postgres::Error) -> QueueError {
        let connection = e.is_closed()
            || e.code().is_some_and(|c| {
                c == &SqlState::ADMIN_SHUTDOWN
                    || c == &SqlState::CRASH_SHUTDOWN
                    || c == &SqlState::CANNOT_CONNECT_NOW
                    || c.code().starts_with("08")
            })
            || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>())
            || e.as_db_error().is_none() && e.code().is_none();
        let reason = match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => {
                let mut s = e.to_string();
                let mut src = std::error::Error::source(&e);
                while let Some(inner) = src {
                    s.push_str(&format!(": {inner}"));
                    src = inner.source();
                }
                s
            }
        };
        QueueError { message: format!("queue {target}: {doing}: {reason}"), connection }
    }
}

/// A connection to the job queue.
pub struct Queue {
    client: Client,
    pg: PgTarget,
    target: String,
}

impl Queue {
    /// Connects to the PostgreSQL database at `url` and creates the job
    /// table (and the `schema=` schema) when missing. The connection is
    /// named `dossier` in `pg_stat_activity` unless the URL sets
    /// `application_name`.
    pub fn connect(url: &str) -> Result<Queue, QueueError> {
        let pg = PgTarget::parse(url).map_err(store_error)?;
        let client = pg.connect().map_err(store_error)?;
        let mut queue = Queue { client, target: pg.name().to_string(), pg };
        queue.create_table()?;
        Ok(queue)
    }

    /// Connects to the job queue at `url` without creating anything; an
    /// error says so when no queue is there (for read-only commands).
    pub fn connect_existing(url: &str) -> Result<Queue, QueueError> {
        let pg = PgTarget::parse(url).map_err(store_error)?;
        let mut client = pg.connect().map_err(store_error)?;
        let target = pg.name().to_string();
        let found = client
            .query_one("SELECT to_regclass('dossier_jobs') IS NOT NULL", &[])
            .map_err(|e| QueueError::new(&target, "looking for the job table", e))?
            .get::<_, bool>(0);
        if !found {
            return Err(QueueError {
                message: format!(
                    "no job queue at {target}: add jobs with `dossier ingest --queue PATH... --db URL`"
                ),
                connection: false,
            });
        }
        Ok(Queue { client, target, pg })
    }

    /// The database, as named in messages (without a password).
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Opens a new connection in place of a lost one.
    pub fn reconnect(&mut self) -> Result<(), QueueError> {
        self.client = self.pg.connect().map_err(store_error)?;
        Ok(())
    }

    fn err<'a>(&'a self, doing: &'a str) -> impl FnOnce(postgres::Error) -> QueueError + 'a {
        move |e| QueueError::new(&self.target, doing, e)
    }

    fn create_table(&mut self) -> Result<(), QueueError> {
        let target = self.target.clone();
        let err = |e| QueueError::new(&target, "creating the job table", e);
        let mut tx = self.client.transaction().map_err(err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK]).map_err(err)?;
        if let Some(schema) = self.pg.schema() {
            // A plain name: `PgTarget::parse` checked it.
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).map_err(err)?;
        }
        tx.batch_execute(SCHEMA).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Adds jobs, all or none; returns how many.
    pub fn enqueue(&mut self, jobs: &[NewJob]) -> Result<usize, QueueError> {
        let target = self.target.clone();
        let err = |e| QueueError::new(&target, "adding jobs", e);
        let mut tx = self.client.transaction().map_err(err)?;
        // Column arrays, many jobs a statement: a million files queue in seconds.
        for chunk in jobs.chunks(10_000) {
            let kinds: Vec<&str> = chunk.iter().map(|j| j.kind.as_str()).collect();
            let inputs: Vec<&str> = chunk.iter().map(|j| j.input.as_str()).collect();
            let range = |f: fn(&LineRange) -> u64| -> Vec<Option<i64>> {
                chunk.iter().map(|j| j.range.as_ref().map(|r| f(r) as i64)).collect()
            };
            let (starts, ends, firsts) =
                (range(|r| r.start), range(|r| r.end), range(|r| r.first_line));
            let dates: Vec<Option<&str>> = chunk.iter().map(|j| j.date.as_deref()).collect();
            let sources: Vec<Option<&str>> = chunk.iter().map(|j| j.source.as_deref()).collect();
            tx.execute(
                "INSERT INTO dossier_jobs (kind, input, range_start, range_end, first_line, date, source)
                 SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[],
                                      $5::BIGINT[], $6::TEXT[], $7::TEXT[])",
                &[&kinds, &inputs, &starts, &ends, &firsts, &dates, &sources],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(jobs.len())
    }

    /// Hands the oldest open job to `lease.worker`: a queued one, or a
    /// running one whose lease ran out (its worker died). Jobs that ran out
    /// of attempts are failed first. `None` when no job is open.
    pub fn claim(&mut self, lease: &Lease) -> Result<Option<Job>, QueueError> {
        let max = i32::try_from(lease.max_attempts).unwrap_or(i32::MAX);
        self.client
            .execute(
                "UPDATE dossier_jobs SET state = 'failed', finished_at = now(), lease_until = NULL,
                    error = format('gave up after %s attempts: %s', attempts,
                        coalesce(error, format('the worker running it (%s) stopped before finishing',
                                               worker)))
                 WHERE attempts >= $1
                   AND (state = 'queued' OR (state = 'running' AND lease_until < now()))",
                &[&max],
            )
            .map_err(self.err("failing jobs out of attempts"))?;
        let row = self
            .client
            .query_opt(
                "UPDATE dossier_jobs j SET state = 'running', attempts = j.attempts + 1,
                    worker = $1, lease_until = now() + make_interval(secs => $2),
                    started_at = now()
                 FROM (SELECT id FROM dossier_jobs
                       WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) open
                 WHERE j.id = open.id
                 RETURNING j.id, j.kind, j.input, j.range_start, j.range_end, j.first_line,
                           j.date, j.source, j.attempts",
                &[&lease.worker, &lease.duration.as_secs_f64()],
            )
            .map_err(self.err("taking a job"))?;
        Ok(row.map(|r| {
            let (start, end, first): (Option<i64>, Option<i64>, Option<i64>) =
                (r.get(3), r.get(4), r.get(5));
            Job {
                id: r.get(0),
                kind: JobKind::parse(r.get(1)),
                input: r.get(2),
                range: match (start, end) {
                    (Some(s), Some(e)) => Some(LineRange {
                        start: s.max(0) as u64,
                        end: e.max(0) as u64,
                        first_line: first.unwrap_or(1).max(1) as u64,
                    }),
                    _ => None,
                },
                date: r.get(6),
                source: r.get(7),
                attempt: r.get::<_, i32>(8).max(0) as u32,
            }
        }))
    }

    /// Extends the lease on job `id`; false when the job is no longer the
    /// worker's (its lease ran out and another worker took it).
    pub fn renew(&mut self, id: i64, lease: &Lease) -> Result<bool, QueueError> {
        let n = self
            .client
            .execute(
                "UPDATE dossier_jobs SET lease_until = now() + make_interval(secs => $3)
                 WHERE id = $1 AND worker = $2 AND state = 'running'",
                &[&id, &lease.worker, &lease.duration.as_secs_f64()],
            )
            .map_err(self.err("renewing a lease"))?;
        Ok(n == 1)
    }

    /// Records how job `id` ended; false when the job was no longer the
    /// worker's (then nothing is recorded: the worker that has it will).
    pub fn finish(&mut self, id: i64, worker: &str, outcome: &Outcome) -> Result<bool, QueueError> {
        let (state, error, stored, duplicates) = match outcome {
            Outcome::Done { stored, duplicates } => ("done", None, *stored, *duplicates),
            Outcome::Failed { error, stored, duplicates } => {
                ("failed", Some(error.as_str()), *stored, *duplicates)
            }
        };
        let n = self
            .client
            .execute(
                "UPDATE dossier_jobs SET state = $3, error = $4, stored = $5, duplicates = $6,
                    lease_until = NULL, finished_at = now()
                 WHERE id = $1 AND worker = $2 AND state = 'running'",
                &[&id, &worker, &state, &error, &(stored as i32), &(duplicates as i32)],
            )
            .map_err(self.err("finishing a job"))?;
        Ok(n == 1)
    }

    /// Puts job `id` back in the queue after a transient error (kept as
    /// its last error), for any worker to retry.
    pub fn release(&mut self, id: i64, worker: &str, error: &str) -> Result<(), QueueError> {
        self.client
            .execute(
                "UPDATE dossier_jobs SET state = 'queued', lease_until = NULL, error = $3
                 WHERE id = $1 AND worker = $2 AND state = 'running'",
                &[&id, &worker, &error],
            )
            .map_err(self.err("releasing a job"))?;
        Ok(())
    }

    /// Jobs queued or running: zero when every job has ended.
    pub fn open_jobs(&mut self) -> Result<u64, QueueError> {
        let row = self
            .client
            .query_one(
                "SELECT count(*) FROM dossier_jobs WHERE state IN ('queued', 'running')",
                &[],
            )
            .map_err(self.err("counting jobs"))?;
        Ok(row.get::<_, i64>(0).max(0) as u64)
    }

    /// Counts by state, and the running and failed jobs (at most `limit` of each).
    pub fn status(&mut self, limit: usize) -> Result<Status, QueueError> {
        let mut s = Status::default();
        let rows = self
            .client
            .query(
                "SELECT state, count(*), coalesce(sum(stored), 0)::BIGINT,
                        coalesce(sum(duplicates), 0)::BIGINT
                 FROM dossier_jobs GROUP BY state",
                &[],
            )
            .map_err(self.err("counting jobs"))?;
        for r in rows {
            let n = r.get::<_, i64>(1).max(0) as u64;
            s.stored += r.get::<_, i64>(2).max(0) as u64;
            s.duplicates += r.get::<_, i64>(3).max(0) as u64;
            match r.get::<_, &str>(0) {
                "queued" => s.queued = n,
                "running" => s.running = n,
                "done" => s.done = n,
                _ => s.failed = n,
            }
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        for (state, list) in [("running", &mut s.running_jobs), ("failed", &mut s.failed_jobs)] {
            let rows = self
                .client
                .query(
                    "SELECT id, input, range_start, range_end, first_line, worker, attempts,
                            extract(epoch FROM lease_until - now())::FLOAT8, error
                     FROM dossier_jobs WHERE state = $1 ORDER BY id LIMIT $2",
                    &[&state, &limit],
                )
                .map_err(|e| QueueError::new(&self.target, "listing jobs", e))?;
            for r in rows {
                let range = match (r.get::<_, Option<i64>>(2), r.get::<_, Option<i64>>(3)) {
                    (Some(s), Some(e)) => Some(LineRange {
                        start: s as u64,
                        end: e as u64,
                        first_line: r.get::<_, Option<i64>>(4).unwrap_or(1) as u64,
                    }),
                    _ => None,
                };
                list.push(JobView {
                    id: r.get(0),
                    label: label(r.get(1), range),
                    worker: r.get(5),
                    attempts: r.get::<_, i32>(6).max(0) as u32,
                    lease_left: r.get(7),
                    error: r.get(8),
                });
            }
        }
        Ok(s)
    }
}

/// A store error met parsing a URL or connecting.
fn store_error(e: dossier_store::StoreError) -> QueueError {
    let connection = e.kind() == dossier_store::ErrorKind::Unreachable;
    QueueError { message: e.to_string(), connection }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else { return url.to_string() };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// True for a `postgres://` or `postgresql://` URL.
pub fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use postgres::NoTls;

    /// A schema of its own for one test, dropped at the end.
    struct TestDb {
        url: String,
        schema: String,
        base: String,
    }

    impl Drop for TestDb {
        fn drop(&mut self) {
            if let Ok(mut c) = Client::connect(&self.base, NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
            }
        }
    }

    /// PostgreSQL at `$DOSSIER_TEST_PG` (default: 127.0.0.1:5432, database
    /// `test`); `None`, with a notice, when it is unreachable, except in CI.
    fn test_db(name: &str) -> Option<TestDb> {
        let base = std::env::var("DOSSIER_TEST_PG")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let mut client = match Client::connect(&base, NoTls) {
            Ok(c) => c,
            Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
                eprintln!("SKIPPED {name}: no PostgreSQL at {} ({e})", redact(&base));
                return None;
            }
            Err(e) => panic!("CI needs PostgreSQL at {}: {e}", redact(&base)),
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let schema = format!("dossier_t_{}_{nanos}_{name}", std::process::id());
        client.batch_execute(&format!("CREATE SCHEMA {schema}")).expect("create schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}schema={schema}");
        Some(TestDb { url, schema, base })
    }

    fn lease(worker: &str, secs: f64) -> Lease {
        Lease { worker: worker.into(), duration: Duration::from_secs_f64(secs), max_attempts: 3 }
    }

    #[test]
    fn a_missing_queue_is_named_and_not_made() {
        let Some(db) = test_db("missing") else { return };
        let e = Queue::connect_existing(&db.url).err().expect("no queue yet");
        assert!(e.to_string().starts_with("no job queue at postgres://"), "{e}");
        Queue::connect(&db.url).unwrap();
        assert_eq!(Queue::connect_existing(&db.url).unwrap().status(1).unwrap().queued, 0);
    }

    #[test]
    fn two_workers_never_take_the_same_job() {
        let Some(db) = test_db("two_workers") else { return };
        let mut q = Queue::connect(&db.url).unwrap();
        let jobs: Vec<NewJob> = (0..40).map(|i| NewJob::file(format!("/in/{i}.txt"))).collect();
        assert_eq!(q.enqueue(&jobs).unwrap(), 40);
        let takers: Vec<_> = (0..4)
            .map(|w| {
                let url = db.url.clone();
                std::thread::spawn(move || {
                    let mut q = Queue::connect(&url).unwrap();
                    let l = lease(&format!("w{w}"), 60.0);
                    let mut got = Vec::new();
                    while let Some(job) = q.claim(&l).unwrap() {
                        got.push(job.input.clone());
                        let done = Outcome::Done { stored: 1, duplicates: 0 };
                        assert!(q.finish(job.id, &l.worker, &done).unwrap());
                    }
                    got
                })
            })
            .collect();
        let mut all: Vec<String> = takers.into_iter().flat_map(|t| t.join().unwrap()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 40, "every job taken exactly once");
        let s = q.status(10).unwrap();
        assert_eq!((s.queued, s.running, s.done, s.failed, s.stored), (0, 0, 40, 0, 40));
    }

    #[test]
    fn a_job_whose_lease_ran_out_goes_to_another_worker_once() {
        let Some(db) = test_db("lease") else { return };
        let mut q = Queue::connect(&db.url).unwrap();
        q.enqueue(&[NewJob::file("/in/a.txt")]).unwrap();
        let dead = lease("dead", 0.2);
        let job = q.claim(&dead).unwrap().expect("a job");
        assert_eq!(job.attempt, 1);
        let alive = lease("alive", 60.0);
        assert!(q.claim(&alive).unwrap().is_none(), "the lease holds");
        std::thread::sleep(Duration::from_millis(400));
        let again = q.claim(&alive).unwrap().expect("retried after the lease");
        assert_eq!((again.id, again.attempt), (job.id, 2));
        // The first worker's late renewal and result are refused.
        assert!(!q.renew(job.id, &dead).unwrap());
        let done = Outcome::Done { stored: 1, duplicates: 0 };
        assert!(!q.finish(job.id, "dead", &done).unwrap());
        assert!(q.finish(job.id, "alive", &done).unwrap());
        assert_eq!(q.status(10).unwrap().done, 1);
    }

    #[test]
    fn a_job_whose_workers_keep_dying_fails_with_the_reason() {
        let Some(db) = test_db("attempts") else { return };
        let mut q = Queue::connect(&db.url).unwrap();
        q.enqueue(&[NewJob::file("/in/poison.txt"), NewJob::file("/in/b.txt")]).unwrap();
        for _ in 0..3 {
            let job = q.claim(&lease("w", 0.05)).unwrap().expect("a job");
            assert_eq!(job.input, "/in/poison.txt");
            std::thread::sleep(Duration::from_millis(100));
        }
        let next = q.claim(&lease("w", 60.0)).unwrap().expect("the queue goes on");
        assert_eq!(next.input, "/in/b.txt");
        let s = q.status(10).unwrap();
        assert_eq!((s.failed, s.running), (1, 1));
        let err = s.failed_jobs[0].error.as_deref().unwrap();
        assert!(err.contains("gave up after 3 attempts") && err.contains("(w)"), "{err}");
    }

    #[test]
    fn a_released_job_keeps_its_error_until_done() {
        let Some(db) = test_db("release") else { return };
        let mut q = Queue::connect(&db.url).unwrap();
        let mut j = NewJob::file("/in/big.jsonl");
        j.range = Some(LineRange { start: 10, end: 20, first_line: 3 });
        j.date = Some("2021-08-30".into());
        q.enqueue(&[j]).unwrap();
        let l = lease("w", 60.0);
        let job = q.claim(&l).unwrap().unwrap();
        assert_eq!(job.range, Some(LineRange { start: 10, end: 20, first_line: 3 }));
        assert_eq!(job.date.as_deref(), Some("2021-08-30"));
        assert_eq!(job.label(), "/in/big.jsonl (from line 3)");
        q.release(job.id, "w", "store busy").unwrap();
        let s = q.status(10).unwrap();
        assert_eq!(s.queued, 1);
        let job = q.claim(&l).unwrap().unwrap();
        assert_eq!(job.attempt, 2);
        let failed = Outcome::Failed { error: "x: bad".into(), stored: 0, duplicates: 1 };
        assert!(q.finish(job.id, "w", &failed).unwrap());
        let s = q.status(10).unwrap();
        assert_eq!(s.failed_jobs[0].error.as_deref(), Some("x: bad"));
        assert_eq!(q.open_jobs().unwrap(), 0);
        assert_eq!(s.duplicates, 1);
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }

    #[test]
    fn a_bad_url_is_named_with_the_form_to_use() {
        let e = Queue::connect("postgres://h:notaport/db").err().expect("refused");
        assert!(!e.is_connection());
        assert!(e.to_string().contains("postgres://user@host:5432/database"), "{e}");
    }

    #[test]
    fn an_unreachable_server_is_a_connection_error() {
        // Port 1 on loopback refuses at once.
        let e = Queue::connect("postgres://postgres@127.0.0.1:1/test").err().expect("refused");
        assert!(e.is_connection(), "{e}");
        assert!(e.to_string().contains("127.0.0.1:1"), "{e}");
    }
}
