//! Hostile clients against a real socket (issue 12 §3): slow and silent
//! connections, too many connections, slow bodies. Every client is on
//! loopback; the trickling ones come from 127.0.0.2 so that the normal
//! requests from 127.0.0.1 have their own per-address cap.
//!
//! Each loop is bounded in count and in time; the figures are printed
//! (`cargo test -p dossier-server clients -- --nocapture`).

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use dossier_server::listen::{self, ServerLimits};
use dossier_server::{app, AppState};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::oneshot;

use crate::common::{self, TOKEN};

/// A server on an ephemeral loopback port; stops when the sender drops.
pub async fn start(state: AppState, limits: ServerLimits) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(listen::run(listener, app(state), limits, async {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// Connects from the loopback address `from` (127.0.0.X).
async fn connect_from(from: [u8; 4], to: SocketAddr) -> io::Result<TcpStream> {
    let s = TcpSocket::new_v4()?;
    s.bind(SocketAddr::from((from, 0)))?;
    s.connect(to).await
}

async fn write_all(s: &TcpStream, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        s.writable().await?;
        match s.try_write(data) {
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads until the server closes (or resets) the connection, for at most
/// `limit`; `None` if it was still open then.
async fn read_until_closed(s: &TcpStream, limit: Duration) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let read = async {
        loop {
            if s.readable().await.is_err() {
                return;
            }
            match s.try_read(&mut buf) {
                Ok(0) => return,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(_) => return,
            }
        }
    };
    tokio::time::timeout(limit, read).await.ok().map(|()| out)
}

/// A complete `GET` from `from`: (status line, whole answer, time taken).
async fn get(from: [u8; 4], to: SocketAddr, path: &str) -> (String, String, Duration) {
    let t = Instant::now();
    let s = connect_from(from, to).await.expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {to}\r\nConnection: close\r\n\r\n");
    write_all(&s, req.as_bytes()).await.expect("write");
    let got = read_until_closed(&s, Duration::from_secs(5)).await.expect("answered in 5 s");
    let took = t.elapsed();
    let text = String::from_utf8_lossy(&got).into_owned();
    (text.lines().next().unwrap_or("").to_string(), text, took)
}

fn limits() -> ServerLimits {
    ServerLimits {
        header_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(2),
        max_connections: 1000,
        max_connections_per_ip: 300,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_starve_the_others() {
    const SLOW: usize = 300; // = the per-address cap
    let dir = tempfile::tempdir().unwrap();
    // Long enough that the first slow connection is still open when the
    // last one is (opening 300 takes 0.1 to 0.8 s here); the idle timeout,
    // which also ends silent connections, later.
    let limits = ServerLimits {
        header_read_timeout: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(10),
        ..limits()
    };
    let header = limits.header_read_timeout;
    let (addr, _stop) = start(common::state(dir.path()), limits).await;

    // 300 connections from 127.0.0.2: half silent, half sending a request
    // line one byte every 100 ms and never finishing it.
    let opened = Instant::now();
    let mut slow = Vec::new();
    for i in 0..SLOW {
        let s = connect_from([127, 0, 0, 2], addr).await.expect("connect");
        slow.push(tokio::spawn(async move {
            let t = Instant::now();
            if i % 2 == 1 {
                let line =
                    b"GET /api/v1/stats?slow=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
                for b in line.chunks(1) {
                    if write_all(&s, b).await.is_err() {
                        break; // closed by the server
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    if t.elapsed() > Duration::from_secs(8) {
                        break;
                    }
                }
            }
            let left = Duration::from_secs(10).saturating_sub(t.elapsed());
            let answer = read_until_closed(&s, left).await;
            (t.elapsed(), answer)
        }));
    }
    let opening = opened.elapsed();

    // One more from the same address is over its cap.
    let (status, body, _) = get([127, 0, 0, 2], addr, "/api/v1/stats").await;
    assert!(status.starts_with("HTTP/1.1 503"), "over the per-address cap: {body}");
    assert!(body.contains("too many connections from your address"), "{body}");

    // Normal requests still answer at once.
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        let (status, body, took) = get([127, 0, 0, 1], addr, "/api/v1/stats").await;
        assert!(status.starts_with("HTTP/1.1 200"), "{body}");
        assert!(body.contains("\"documents\""), "{body}");
        worst = worst.max(took);
    }
    assert!(worst < Duration::from_millis(100), "a normal request took {worst:?}");

    // Every slow connection is closed by the header timeout.
    let mut closed_after = Vec::new();
    for h in slow {
        let (took, answer) = h.await.unwrap();
        assert!(answer.is_some(), "a slow connection was still open after {took:?}");
        closed_after.push(took);
    }
    closed_after.sort();
    let (first, last) = (closed_after[0], closed_after[closed_after.len() - 1]);
    assert!(first >= header - Duration::from_millis(200), "closed before the timeout: {first:?}");
    assert!(last < header + Duration::from_millis(1500), "closed late: {last:?}");

    // Their slots are given back: the address is served again.
    let (status, body, _) = get([127, 0, 0, 2], addr, "/api/v1/stats").await;
    assert!(status.starts_with("HTTP/1.1 200"), "after the slow ones closed: {body}");

    println!(
        "slow clients: {SLOW} connections opened in {opening:?} (plus 1 refused with 503); \
         normal request: worst of 5 {worst:?}; slow connections closed after {first:?} to \
         {last:?} (header timeout {header:?})"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_cap_answers_503_and_frees_slots() {
    let dir = tempfile::tempdir().unwrap();
    let limits = ServerLimits { max_connections: 20, ..limits() };
    let (addr, _stop) = start(common::state(dir.path()), limits).await;
    let mut held = Vec::new();
    for i in 0..20u8 {
        // From 20 addresses: the server's cap, not an address's.
        held.push(connect_from([127, 0, 1, i + 1], addr).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(100)).await; // all accepted
    let (status, body, _) = get([127, 0, 0, 1], addr, "/api/v1/stats").await;
    assert!(status.starts_with("HTTP/1.1 503"), "over the server's cap: {body}");
    assert!(body.contains("Connection: close") && body.contains("too many connections"), "{body}");
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, body, _) = get([127, 0, 0, 1], addr, "/api/v1/stats").await;
    assert!(status.starts_with("HTTP/1.1 200"), "after the others closed: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_keep_alive_and_slow_bodies_time_out() {
    let dir = tempfile::tempdir().unwrap();
    let limits = limits();
    let (header, request) = (limits.header_read_timeout, limits.request_timeout);
    let (addr, _stop) = start(common::state(dir.path()), limits).await;

    // A kept-alive connection that asks nothing more is closed.
    let s = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let req = format!("GET /api/v1/stats HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    write_all(&s, req.as_bytes()).await.unwrap();
    let t = Instant::now();
    let got = read_until_closed(&s, Duration::from_secs(5)).await.expect("closed when idle");
    let idle = t.elapsed();
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));
    assert!(idle < header + Duration::from_secs(1), "idle connection closed after {idle:?}");

    // A body that never arrives: 503 after the request timeout.
    let s = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let head = format!(
        "POST /api/v1/documents?name=slow.txt HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\nTitle: slow\r\n"
    );
    write_all(&s, head.as_bytes()).await.unwrap();
    let t = Instant::now();
    let got = read_until_closed(&s, Duration::from_secs(6)).await.expect("answered");
    let took = t.elapsed();
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("took longer than"), "{text}");
    assert!(took >= request - Duration::from_millis(50) && took < request * 2, "{took:?}");
    println!("idle keep-alive closed after {idle:?}; slow body answered 503 after {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_cut_off() {
    // One document of 8 MiB: its answer outgrows the socket buffers (at most
    // 4 MiB for sending, by default, and 8 KiB for this client's receiving).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    let mut big = dossier_core::Annotated::default();
    big.doc.id = "b16b16b16b16b16b".into();
    big.doc.text = "word ".repeat((8 << 20) / 5);
    dossier_store::Store::open(&db).unwrap().insert_batch(std::slice::from_ref(&big)).unwrap();
    let limits = ServerLimits { request_timeout: Duration::from_secs(30), ..limits() };
    let idle = limits.idle_timeout;
    let (addr, _stop) = start(AppState::open(&db, TOKEN).unwrap(), limits).await;

    let s = TcpSocket::new_v4().unwrap();
    s.set_recv_buffer_size(4096).unwrap();
    let s = s.connect(addr).await.unwrap();
    let req = format!("GET /api/v1/documents/{} HTTP/1.1\r\nHost: {addr}\r\n\r\n", big.doc.id);
    write_all(&s, req.as_bytes()).await.unwrap();
    // Once the answer starts (building it is not idle time), read nothing.
    tokio::time::timeout(Duration::from_secs(30), s.readable()).await.unwrap().unwrap();
    tokio::time::sleep(idle + Duration::from_millis(1500)).await;
    let got = read_until_closed(&s, Duration::from_secs(10)).await.expect("closed");
    assert!(String::from_utf8_lossy(&got[..got.len().min(20)]).starts_with("HTTP/1.1 200"));
    assert!(got.len() < big.doc.text.len(), "the whole answer was sent: {} bytes", got.len());
    println!("a client that stopped reading got {} of {} bytes", got.len(), big.doc.text.len());
}
