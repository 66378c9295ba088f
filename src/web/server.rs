//! The HTTP server loop, built on hyper's HTTP/1 connection builder rather than `axum::serve`,
//! which exposes no timeouts or connection cap. What it adds:
//!
//! - a cap on open connections (a semaphore: past it, new connections wait in the kernel's
//!   backlog instead of each taking a file descriptor and memory);
//! - a header timeout: a connection must deliver a complete request head within it, counted
//!   from its first byte (or from the accept for a new connection), so slow-header clients are
//!   closed; and an idle timeout for keep-alive connections between requests, and for a
//!   response the client stops reading;
//! - size limits on the request head (hyper answers 431) and the URI (414);
//! - a request body on GET or HEAD is never read: the connection closes after the answer;
//! - a clean stop: on the shutdown signal the listener closes, requests already received are
//!   answered with `Connection: close`, connections with no request in flight are closed after
//!   a short drain window (a request already on the wire still gets its answer), and whatever
//!   is left is cut at the grace period so the process always exits.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower::ServiceExt;

use super::security;

/// Longest URI (path and query) answered normally; longer ones get 414. Real links are a few
/// hundred bytes; the workload calculator's longest query is under 200.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Largest request head (request line and headers); hyper answers 431 past it. Also bounds the
/// read buffer a slow client can make us hold.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// After the shutdown signal, how long a connection with no request in flight stays open for a
/// request already on its way: a keep-alive client sends its next request microseconds after
/// reading an answer, but a loaded machine may not run it for a while; a second is generous and
/// still far inside the grace period.
pub const DRAIN_WINDOW: Duration = Duration::from_secs(1);

/// The server's connection settings (from [`crate::config::Config`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request head must arrive within this, from its first byte.
    pub header_timeout: Duration,
    /// A keep-alive connection with no request (or a response nobody reads) is closed after this.
    pub idle_timeout: Duration,
    /// Connections open at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// After the shutdown signal, everything still open is cut after this.
    pub shutdown_grace: Duration,
    /// Whether `BASE_URL` is https (for the headers of the answers made here).
    pub transport: security::Transport,
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops as the module says.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = Arc::clone(&permits).acquire_owned() => permit.expect("the semaphore is never closed"),
        };
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, say: back off rather than spin; the connections
                    // we hold will time out and free some.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        connections.spawn(serve_connection(stream, app.clone(), limits, stop_rx.clone(), permit));
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let open = connections.len();
    tracing::info!(open, "shutting down: stopped accepting, answering what was received");
    let drained =
        tokio::time::timeout(limits.shutdown_grace, async { while connections.join_next().await.is_some() {} });
    if drained.await.is_err() {
        tracing::warn!(
            cut = connections.len(),
            grace_secs = limits.shutdown_grace.as_secs(),
            "grace period over: closing the rest"
        );
        connections.abort_all();
        while connections.join_next().await.is_some() {}
    }
}

/// What a connection's watchdog reads: times are milliseconds since the connection opened.
struct Activity {
    opened: Instant,
    /// Requests being answered (0 or 1 without pipelining).
    in_flight: AtomicUsize,
    /// When the connection last became quiet: accepted, or its last response finished.
    quiet_since: AtomicU64,
    /// When the first byte of the next request arrived while quiet, or [`NONE`].
    head_started: AtomicU64,
    /// Last successful read or write.
    last_io: AtomicU64,
    /// Whether a request has been answered (then the idle timeout applies, not the header one).
    answered: AtomicUsize,
}

const NONE: u64 = u64::MAX;

impl Activity {
    fn new() -> Self {
        Self {
            opened: Instant::now(),
            in_flight: AtomicUsize::new(0),
            quiet_since: AtomicU64::new(0),
            head_started: AtomicU64::new(NONE),
            last_io: AtomicU64::new(0),
            answered: AtomicUsize::new(0),
        }
    }

    fn now(&self) -> u64 {
        self.opened.elapsed().as_millis() as u64
    }

    fn at(&self, ms: u64) -> Instant {
        self.opened + Duration::from_millis(ms)
    }

    fn on_io(&self, read: bool) {
        let now = self.now();
        self.last_io.store(now, Ordering::Relaxed);
        if read && self.in_flight.load(Ordering::Relaxed) == 0 {
            let _ = self.head_started.compare_exchange(NONE, now, Ordering::Relaxed, Ordering::Relaxed);
        }
    }

    fn request_started(&self) {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        self.head_started.store(NONE, Ordering::Relaxed);
    }

    fn response_finished(&self) {
        self.answered.store(1, Ordering::Relaxed);
        self.quiet_since.store(self.now(), Ordering::Relaxed);
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
    }

    /// When the connection is to be closed, given the limits and when the stop began.
    fn deadline(&self, limits: &Limits, stopping_since: Option<Instant>) -> Instant {
        if self.in_flight.load(Ordering::Relaxed) > 0 {
            // A response in progress: only a client that stops reading it is cut.
            return self.at(self.last_io.load(Ordering::Relaxed)) + limits.idle_timeout;
        }
        let quiet = self.at(self.quiet_since.load(Ordering::Relaxed));
        let head = self.head_started.load(Ordering::Relaxed);
        let normal = if head != NONE {
            self.at(head) + limits.header_timeout
        } else if self.answered.load(Ordering::Relaxed) == 0 {
            quiet + limits.header_timeout
        } else {
            quiet + limits.idle_timeout
        };
        match stopping_since {
            Some(stop) => normal.min(stop.max(quiet) + DRAIN_WINDOW),
            None => normal,
        }
    }
}

async fn serve_connection(
    stream: TcpStream,
    app: Router,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
    _permit: tokio::sync::OwnedSemaphorePermit,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched { inner: stream, activity: Arc::clone(&activity) });
    let service = {
        let activity = Arc::clone(&activity);
        let stop = stop.clone();
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let (app, activity, stop) = (app.clone(), Arc::clone(&activity), stop.clone());
            async move { Ok::<_, Infallible>(answer(app, request, activity, &stop, limits).await) }
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        // Our own header timeout, since hyper's also runs while a keep-alive connection waits.
        .header_read_timeout(None)
        .max_buf_size(MAX_HEAD_BYTES.max(8192))
        .max_header_size(MAX_HEAD_BYTES)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut stopping_since = (*stop.borrow()).then(Instant::now);
    loop {
        let deadline = activity.deadline(&limits, stopping_since);
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            () = tokio::time::sleep_until(deadline) => {
                // Activity may have moved the deadline while we slept.
                if activity.deadline(&limits, stopping_since) <= Instant::now() {
                    return;
                }
            }
            changed = stop.changed(), if stopping_since.is_none() => {
                if changed.is_err() || *stop.borrow() {
                    stopping_since = Some(Instant::now());
                }
            }
        }
    }
}

/// Answers one request through the router, or with 414 for an overlong URI.
async fn answer(
    app: Router,
    request: Request<Incoming>,
    activity: Arc<Activity>,
    stop: &watch::Receiver<bool>,
    limits: Limits,
) -> Response<Tracked> {
    activity.request_started();
    let bodiless = matches!(*request.method(), Method::GET | Method::HEAD);
    let sent_body = bodiless
        && (request.headers().contains_key(header::TRANSFER_ENCODING)
            || request
                .headers()
                .get(header::CONTENT_LENGTH)
                .is_some_and(|v| v.to_str().map_or(true, |v| v.trim() != "0")));
    let uri_len = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut response = if uri_len > MAX_URI_BYTES {
        let api = request.uri().path().starts_with("/api");
        let mut response =
            Response::new(Body::from("414 URI Too Long: the address is longer than this site serves.\n"));
        *response.status_mut() = StatusCode::URI_TOO_LONG;
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        security::apply(response.headers_mut(), limits.transport, api);
        response
    } else {
        // GET and HEAD have no body: it is left unread, and the connection closes after the
        // answer so hyper never has to drain it.
        let request = if sent_body { request.map(|_| Body::empty()) } else { request.map(Body::new) };
        match app.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    };
    if sent_body || uri_len > MAX_URI_BYTES || *stop.borrow() {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response.map(|body| Tracked { inner: body, activity: Some(activity) })
}

/// A response body that tells the watchdog when it is done (sent or dropped).
struct Tracked {
    inner: Body,
    activity: Option<Arc<Activity>>,
}

impl Tracked {
    fn finish(&mut self) {
        if let Some(activity) = self.activity.take() {
            activity.response_finished();
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.finish();
    }
}

impl hyper::body::Body for Tracked {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None) | Poll::Ready(Some(Err(_)))) {
            self.finish();
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, noting every read and write for the watchdog.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.on_io(true);
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.on_io(false);
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.on_io(false);
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Raises the soft limit on open files to the hard limit, so the connection cap, not the
/// descriptor table, is what bounds connections. Returns (soft before, hard).
#[cfg(unix)]
pub fn raise_open_file_limit() -> std::io::Result<(u64, u64)> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit only read and write the struct we pass.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let before = limit.rlim_cur;
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok((before, limit.rlim_max))
    }
}
