//! The accept loop: connection limits and timeouts in front of the router.
//!
//! `axum::serve` accepts every connection and waits for it forever, so a few
//! thousand clients that open a connection and then send nothing, or one
//! byte a second, hold every file descriptor and the server stops answering
//! (issue 12 §3). [`run`] drives hyper's HTTP/1.1 connections itself and
//! bounds each resource a client can hold (the figures are
//! [`ServerLimits`]'s defaults):
//!
//! | what a client does | what bounds it |
//! |---|---|
//! | sends nothing, or a request head slowly | `header_read_timeout` (10 s): the head must be complete that long after the server starts waiting for it |
//! | stays connected between requests | the same clock: hyper starts it as soon as a response is sent, so it is also the keep-alive idle time |
//! | sends a body slowly, or asks for a slow answer | `request_timeout` (60 s): then 503 |
//! | stops reading an answer (or goes silent) | `idle_timeout` (30 s) without a byte moving either way while no request is being handled |
//! | opens many connections | `max_connections_per_ip` (128) and `max_connections` (1024): beyond them a new connection gets a `503` and is closed |
//!
//! A refused connection costs a few hundred bytes for at most a second; an
//! accepted one at most `MAX_BUF` of buffer plus hyper's state, given back
//! when it closes.

use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::error::AppError;

/// The most a connection buffers of a request head (hyper's read buffer);
/// a longer head gets `431`.
const MAX_BUF: usize = 64 << 10;
/// How many refused connections may be waiting at once for their `503` to
/// be read; beyond that a refused connection is closed without an answer.
const MAX_REFUSING: usize = 64;
/// How long a refused connection waits for the client to read its `503`.
const REFUSE_LINGER: Duration = Duration::from_secs(1);
/// How long a stopping server lets the requests in flight finish.
const DRAIN: Duration = Duration::from_secs(5);

/// What one client, and all of them together, may hold of the server.
///
/// `dossier serve` uses the defaults; see the module documentation for what
/// each limit stops.
#[derive(Clone, Debug)]
pub struct ServerLimits {
    /// How long a request head may take, counted from when the server starts
    /// waiting for it (a new connection, or the end of the previous answer).
    pub header_read_timeout: Duration,
    /// How long a connection may stay without a byte read or written while
    /// none of its requests is being handled.
    pub idle_timeout: Duration,
    /// How long a request may take from its head to its answer's head.
    pub request_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Connections served at once from one client address.
    pub max_connections_per_ip: usize,
}

impl Default for ServerLimits {
    fn default() -> ServerLimits {
        ServerLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_connections_per_ip: 128,
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes,
/// then lets the requests in flight finish (for a few seconds at most).
pub async fn run<F>(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()>,
{
    let app = app.layer(middleware::from_fn_with_state(limits.request_timeout, time_limit));
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let shared = Arc::new(Shared {
        connections: Arc::new(Semaphore::new(max)),
        per_ip: Mutex::new(HashMap::new()),
        refusing: Arc::new(Semaphore::new(MAX_REFUSING)),
        limits,
        epoch: Instant::now(),
    });
    let (stop, stopped) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) if is_per_connection(&e) => continue,
                Err(_) => {
                    // Out of file descriptors or memory: give the open
                    // connections time to close instead of spinning.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = shared.connections.clone().try_acquire_owned() else {
            refuse(stream, &shared, BUSY_SERVER);
            continue;
        };
        let Some(slot) = IpSlot::take(&shared, peer.ip()) else {
            refuse(stream, &shared, BUSY_CLIENT);
            continue;
        };
        let conn = serve_connection(stream, app.clone(), shared.clone(), stopped.clone());
        tokio::spawn(async move {
            conn.await;
            drop((permit, slot));
        });
    }
    drop(listener);
    let _ = stop.send(());
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN, shared.connections.acquire_many(all)).await;
    Ok(())
}

/// Accept errors that concern one connection only (the client gave up
/// before it was accepted): the next accept may succeed at once.
fn is_per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// What the accept loop and the connections share.
struct Shared {
    connections: Arc<Semaphore>,
    per_ip: Mutex<HashMap<IpAddr, usize>>,
    refusing: Arc<Semaphore>,
    limits: ServerLimits,
    /// The zero of [`Activity::last`].
    epoch: Instant,
}

/// One of a client address's connection slots, given back on drop.
struct IpSlot {
    shared: Arc<Shared>,
    ip: IpAddr,
}

impl IpSlot {
    fn take(shared: &Arc<Shared>, ip: IpAddr) -> Option<IpSlot> {
        // An IPv4 client of a dual-stack socket is the same client either way.
        let ip = ip.to_canonical();
        let mut map = shared.per_ip.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= shared.limits.max_connections_per_ip {
            if *n == 0 {
                map.remove(&ip);
            }
            return None;
        }
        *n += 1;
        Some(IpSlot { shared: shared.clone(), ip })
    }
}

impl Drop for IpSlot {
    fn drop(&mut self) {
        let mut map = self.shared.per_ip.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// The answer to a connection over the server's cap.
const BUSY_SERVER: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\
Content-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nContent-Length: 56\r\n\r\n\
the server has too many connections open: retry shortly\n";

/// The answer to a connection over its client address's cap.
const BUSY_CLIENT: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\
Content-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nContent-Length: 61\r\n\r\n\
too many connections from your address: close some and retry\n";

/// Answers `503` and closes, without ever waiting on the client for long.
fn refuse(mut stream: TcpStream, shared: &Shared, answer: &'static [u8]) {
    let Ok(permit) = shared.refusing.clone().try_acquire_owned() else {
        return; // a flood of refusals: close at once
    };
    tokio::spawn(async move {
        // A new socket's send buffer takes the whole answer.
        let _ = stream.try_write(answer);
        let _ = poll_fn(|cx| Pin::new(&mut stream).poll_shutdown(cx)).await;
        // Closing with unread request bytes would reset the connection,
        // and a reset can discard the answer before the client reads it:
        // read (and drop) what the client sends, for a moment.
        let _ = tokio::time::timeout(REFUSE_LINGER, drain(&stream)).await;
        drop(permit);
    });
}

async fn drain(stream: &TcpStream) {
    let mut buf = [0u8; 4096];
    let mut total = 0;
    while total < MAX_BUF {
        if stream.readable().await.is_err() {
            return;
        }
        match stream.try_read(&mut buf) {
            Ok(0) => return,
            Ok(n) => total += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(_) => return,
        }
    }
}

/// Serves one connection until it closes, times out, or the server stops.
async fn serve_connection(
    stream: TcpStream,
    app: Router,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<()>,
) {
    let activity = Arc::new(Activity::new(shared.epoch));
    let io = TokioIo::new(Watched { inner: stream, activity: activity.clone() });
    let handling = activity.clone();
    let service = service_fn(move |req: Request<Incoming>| {
        let busy = Busy::enter(&handling);
        let answer = app.clone().oneshot(req.map(Body::new));
        async move {
            let res = answer.await;
            drop(busy);
            res
        }
    });
    let limits = &shared.limits;
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        .max_buf_size(MAX_BUF);
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    let idle = tokio::time::sleep(limits.idle_timeout);
    tokio::pin!(idle);
    let mut stopping = false;
    loop {
        tokio::select! {
            _ = conn.as_mut() => return,
            () = &mut idle => {
                let quiet = activity.quiet_for();
                let busy = activity.busy.load(Ordering::SeqCst) > 0;
                if !busy && quiet >= limits.idle_timeout {
                    return; // dropping the connection closes it
                }
                // While a request is handled the request timeout rules, and
                // the end of the request restarts the idle clock.
                let left = if busy {
                    limits.idle_timeout
                } else {
                    limits.idle_timeout.saturating_sub(quiet).max(Duration::from_millis(10))
                };
                idle.as_mut().reset(tokio::time::Instant::now() + left);
            }
            _ = stopped.changed(), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// When a connection last moved a byte, and how many of its requests are
/// being handled.
struct Activity {
    epoch: Instant,
    /// Milliseconds from `epoch`.
    last: AtomicU64,
    busy: AtomicUsize,
}

impl Activity {
    fn new(epoch: Instant) -> Activity {
        let a = Activity { epoch, last: AtomicU64::new(0), busy: AtomicUsize::new(0) };
        a.touch();
        a
    }

    fn now(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    fn touch(&self) {
        self.last.store(self.now(), Ordering::Relaxed);
    }

    fn quiet_for(&self) -> Duration {
        Duration::from_millis(self.now().saturating_sub(self.last.load(Ordering::Relaxed)))
    }
}

/// Counts a request as being handled while it lives.
struct Busy(Arc<Activity>);

impl Busy {
    fn enter(a: &Arc<Activity>) -> Busy {
        a.busy.fetch_add(1, Ordering::SeqCst);
        Busy(a.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A socket that records when bytes move.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Answers `503` to a request not answered within the limit.
async fn time_limit(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => AppError::unavailable(format!(
            "the request took longer than {} s and was stopped: retry, or ask for less \
             (a smaller page, a smaller upload)",
            limit.as_secs_f64()
        ))
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_well_formed_http() {
        for answer in [BUSY_SERVER, BUSY_CLIENT] {
            let text = std::str::from_utf8(answer).unwrap();
            let (head, body) = text.split_once("\r\n\r\n").unwrap();
            assert!(head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"), "{head}");
            assert!(head.contains("\r\nConnection: close\r\n"), "{head}");
            let len = format!("\r\nContent-Length: {}\r\n", body.len());
            assert!(head.contains(&len) || head.ends_with(len.trim_end()), "{head} / {len:?}");
        }
    }

    #[test]
    fn an_address_gets_its_slots_back() {
        let limits = ServerLimits { max_connections_per_ip: 2, ..ServerLimits::default() };
        let shared = Arc::new(Shared {
            connections: Arc::new(Semaphore::new(10)),
            per_ip: Mutex::new(HashMap::new()),
            refusing: Arc::new(Semaphore::new(1)),
            limits,
            epoch: Instant::now(),
        });
        let v4: IpAddr = "127.0.0.3".parse().unwrap();
        let mapped: IpAddr = "::ffff:127.0.0.3".parse().unwrap();
        let a = IpSlot::take(&shared, v4).unwrap();
        let b = IpSlot::take(&shared, mapped).unwrap();
        assert!(IpSlot::take(&shared, v4).is_none(), "IPv4 and IPv4-mapped are one client");
        assert!(IpSlot::take(&shared, "127.0.0.4".parse().unwrap()).is_some());
        drop((a, b));
        assert!(shared.per_ip.lock().unwrap().is_empty(), "no entry left for a gone client");
        assert!(IpSlot::take(&shared, v4).is_some());
    }
}
