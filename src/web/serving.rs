//! Serving like a static site: the layer in front of every handler that answers from the page
//! cache, compresses by `Accept-Encoding`, sets the validators and `Cache-Control`, and
//! answers a matching `If-None-Match` with a 304.
//!
//! Only bare addresses (no query) are cached: a query is a reader's own workload, rarely asked
//! twice, and caching it would let anyone evict the pages that are read by walking through
//! parameter values. Such pages are rendered each time (about 0.2 ms) and still compressed and
//! tagged, so they revalidate too.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt as _;

use super::AppState;
use super::cache_policy::CachePolicy;
use super::encoding::{Accepted, Encoding, Level, MIN_COMPRESS_BYTES, compressible};
use super::handlers::assets::STYLESHEET_PATH;
use super::page_cache::{Epoch, Representation};
use super::validators::{content_hash, etag, http_date, none_match};

/// The headers a 304 repeats from the full response (RFC 9110 15.4.5).
const REVALIDATION_HEADERS: [HeaderName; 4] =
    [header::ETAG, header::CACHE_CONTROL, header::LAST_MODIFIED, header::VARY];

/// Bodies too big to keep in the cache pass through as they are, streamed, uncompressed and
/// untagged; they are held whole only up to this size (when the cache is off or small) or the
/// cache's entry limit, whichever is larger, and never above [`MAX_BUFFERED`].
const MIN_BUFFERED: usize = 256 << 10;
/// See [`MIN_BUFFERED`]: a 5.5 MB comparison sitemap of 500 models is held and compressed
/// once with the default cache.
const MAX_BUFFERED: usize = 8 << 20;

/// The layer's function (`axum::middleware::from_fn_with_state`).
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return next.run(request).await;
    }
    let (catalog, generation) = state.catalog_and_generation();
    let epoch = Epoch { generation, day: super::day_number() };
    let pages = state.pages();
    pages.enter(epoch);
    let accepted = Accepted::from_headers(request.headers());
    let cacheable = request.uri().query().is_none();
    let path = request.uri().path();

    if cacheable {
        if let Some(hit) = pages.get(epoch, path, accepted.preferred) {
            if hit.level == Level::Fast {
                upgrade(&state, epoch, path, accepted.preferred, &hit);
            }
            return answer(&hit, request.headers());
        }
        if let Some(other) = pages.any(epoch, path) {
            // Revalidation of this coding, answered from another coding of the same bytes.
            let tag = etag(other.hash, accepted.preferred, Level::Final);
            if none_match(request.headers(), &tag) {
                return not_modified(&other.headers, tag);
            }
            // Compressing the cached identity bytes saves rendering the page again.
            if other.coding == Encoding::Identity {
                let rep = Arc::new(encode(
                    &other.headers,
                    other.hash,
                    &other.body,
                    accepted.coding(Level::Fast),
                    Level::Fast,
                ));
                pages.insert(epoch, path, accepted.preferred, Arc::clone(&rep));
                return answer(&rep, request.headers());
            }
        }
    }

    let path = path.to_owned();
    let if_none_match: HeaderMap =
        request.headers().get_all(header::IF_NONE_MATCH).iter().map(|v| (header::IF_NONE_MATCH, v.clone())).collect();
    let response = next.run(request).await;

    let (mut parts, body) = response.into_parts();
    parts.headers.insert(header::CACHE_CONTROL, CachePolicy::of(&path, parts.status, STYLESHEET_PATH).header_value());
    if parts.status != StatusCode::OK || parts.headers.contains_key(header::CONTENT_ENCODING) {
        return Response::from_parts(parts, body);
    }
    let body = match buffer(body, pages.max_entry().clamp(MIN_BUFFERED, MAX_BUFFERED)).await {
        Ok(bytes) => bytes,
        Err(whole) => return Response::from_parts(parts, whole),
    };
    let text = compressible(parts.headers.get(header::CONTENT_TYPE));
    if text {
        parts.headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if !parts.headers.contains_key(header::LAST_MODIFIED)
        && let Some(date) = catalog.dataset.last_updated()
    {
        parts.headers.insert(header::LAST_MODIFIED, http_date(date));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let coding = if text { accepted.coding(Level::Fast) } else { Encoding::Identity };
    let rep = Arc::new(encode(&parts.headers, content_hash(&body), &body, coding, Level::Fast));
    // Images have their own cache (they are drawn once per catalog): keeping them here too
    // would hold them twice.
    if cacheable && text {
        pages.insert(epoch, &path, accepted.preferred, Arc::clone(&rep));
    }
    answer(&rep, &if_none_match)
}

/// The outermost service: answers a cached page (or its 304) before routing, the request span,
/// the panic guard and the timeout, which together cost more than the hit itself; anything
/// else goes on to `inner`. Hits are logged at debug only: a line per hit at info would be a
/// formatted write to stdout per request, a large share of a hit's few microseconds, while
/// misses and errors, which carry the information, keep their info line from the trace layer.
#[derive(Clone)]
pub struct CachedFirst<S> {
    state: AppState,
    /// For the security headers the router's outermost layer adds to every other response.
    transport: super::security::Transport,
    inner: S,
}

impl<S> CachedFirst<S> {
    /// Answers hits from `state`'s page cache and passes the rest to `inner`.
    pub fn new(state: AppState, transport: super::security::Transport, inner: S) -> Self {
        Self { state, transport, inner }
    }
}

impl<S> tower::Service<Request> for CachedFirst<S>
where
    S: tower::Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = futures_util::future::Either<std::future::Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match cached(&self.state, &request) {
            Some(mut response) => {
                // What the router's outer layers add to every response, so a hit is byte-identical
                // to the same page served through them.
                let path = request.uri().path();
                let api = path == "/api" || path.starts_with("/api/");
                super::security::apply(response.headers_mut(), self.transport, api);
                // What axum's routing does: the length of the body, which HEAD then drops.
                let length = axum::body::HttpBody::size_hint(response.body()).exact().unwrap_or_default();
                response.headers_mut().entry(header::CONTENT_LENGTH).or_insert(HeaderValue::from(length));
                if request.method() == Method::HEAD {
                    *response.body_mut() = Body::empty();
                }
                tracing::debug!(
                    path = request.uri().path(),
                    status = response.status().as_u16(),
                    "served from the page cache"
                );
                futures_util::future::Either::Left(std::future::ready(Ok(response)))
            }
            None => futures_util::future::Either::Right(self.inner.call(request)),
        }
    }
}

/// The cached representation of a bare GET or HEAD in the encoding the client prefers (200
/// or 304), if there is one; the full logic, with its fallbacks, stays in [`serve`].
fn cached(state: &AppState, request: &Request) -> Option<Response> {
    if (request.method() != Method::GET && request.method() != Method::HEAD) || request.uri().query().is_some() {
        return None;
    }
    let (_, generation) = state.catalog_and_generation();
    let epoch = Epoch { generation, day: super::day_number() };
    let pages = state.pages();
    pages.enter(epoch);
    let preferred = Accepted::from_headers(request.headers()).preferred;
    let path = request.uri().path();
    let hit = pages.get(epoch, path, preferred)?;
    if hit.level == Level::Fast {
        upgrade(state, epoch, path, preferred, &hit);
    }
    Some(answer(&hit, request.headers()))
}

/// Recompressions waiting for the recompressing thread; past this, a page stays at the fast
/// level until it is read again.
const UPGRADE_QUEUE: usize = 4_096;

/// One recompression: replace a fast representation with the final one.
struct Upgrade {
    state: AppState,
    epoch: Epoch,
    path: String,
    preferred: Encoding,
    fast: Arc<Representation>,
}

/// Replaces a page's fast-compressed representation with the final one, off the request
/// path: only pages asked for more than once pay for it. One thread does them all, so they
/// never take more than one core from requests, nor hold memory in many threads at once.
fn upgrade(state: &AppState, epoch: Epoch, path: &str, preferred: Encoding, fast: &Arc<Representation>) {
    static QUEUE: OnceLock<Option<SyncSender<Upgrade>>> = OnceLock::new();
    if fast.upgrading.swap(true, Ordering::AcqRel) {
        return;
    }
    let queue = QUEUE.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Upgrade>(UPGRADE_QUEUE);
        let spawned = std::thread::Builder::new().name("recompress".into()).spawn(move || {
            for job in receiver {
                recompress(job);
            }
        });
        match spawned {
            Ok(_) => Some(sender),
            Err(e) => {
                tracing::error!(error = %e, "cannot start the recompressing thread; pages stay at the fast level");
                None
            }
        }
    });
    let job = Upgrade { state: state.clone(), epoch, path: path.to_owned(), preferred, fast: Arc::clone(fast) };
    if let Some(Err(TrySendError::Full(job) | TrySendError::Disconnected(job))) =
        queue.as_ref().map(|q| q.try_send(job))
    {
        // Busy: let a later read try again.
        job.fast.upgrading.store(false, Ordering::Release);
    }
}

fn recompress(job: Upgrade) {
    let Upgrade { state, epoch, path, preferred, fast } = job;
    match fast.coding.decompress(&fast.body) {
        Ok(identity) => {
            let rep = encode(&fast.headers, fast.hash, &identity.into(), preferred, Level::Final);
            state.pages().insert(epoch, &path, preferred, Arc::new(rep));
        }
        Err(e) => tracing::error!(%path, error = %e, "cannot decode a cached page to recompress it"),
    }
}

/// The representation of `identity` (whose content hash is `hash`) in `coding` at `level`,
/// with the given headers plus its own `ETag` and `Content-Encoding`. Short bodies stay as
/// they are.
fn encode(headers: &HeaderMap, hash: u64, identity: &Bytes, coding: Encoding, level: Level) -> Representation {
    let (coding, level) = if identity.len() < MIN_COMPRESS_BYTES || coding == Encoding::Identity {
        (Encoding::Identity, Level::Final)
    } else {
        (coding, level)
    };
    let mut headers = headers.clone();
    headers.remove(header::CONTENT_ENCODING);
    headers.insert(header::ETAG, etag(hash, coding, level));
    // Exact-size copies: a buffer grown while rendering or compressing can have up to twice
    // the capacity it needs, which the cache's byte count would not see.
    let body = match coding.header_value() {
        Some(value) => {
            headers.insert(header::CONTENT_ENCODING, value);
            let mut compressed = coding.compress(identity, level);
            compressed.shrink_to_fit();
            Bytes::from(compressed)
        }
        None => Bytes::copy_from_slice(identity),
    };
    Representation { headers, body, hash, coding, level, upgrading: Default::default() }
}

/// A 200 with the representation, or a 304 when the request already holds it.
fn answer(rep: &Representation, request: &HeaderMap) -> Response {
    if let Some(tag) = rep.headers.get(header::ETAG)
        && none_match(request, tag)
    {
        return not_modified(&rep.headers, tag.clone());
    }
    let mut response = Response::new(Body::from(rep.body.clone()));
    *response.headers_mut() = rep.headers.clone();
    response
}

/// A 304 carrying `tag` and the other validators and caching headers of `full`.
fn not_modified(full: &HeaderMap, tag: HeaderValue) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    for name in REVALIDATION_HEADERS {
        if let Some(value) = full.get(&name) {
            headers.insert(name, value.clone());
        }
    }
    headers.insert(header::ETAG, tag);
    response
}

/// The whole body if it is at most `limit` bytes; otherwise a body that sends what was read
/// and then the rest as it comes (a failed stream stays failed).
async fn buffer(body: Body, limit: usize) -> Result<Bytes, Body> {
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Result<Bytes, axum::Error>> = Vec::new();
    let mut len = 0;
    while let Some(chunk) = stream.next().await {
        let failed = chunk.is_err();
        len += chunk.as_ref().map_or(0, Bytes::len);
        chunks.push(chunk);
        if failed || len > limit {
            return Err(Body::from_stream(futures_util::stream::iter(chunks).chain(stream)));
        }
    }
    let mut chunks: Vec<Bytes> = chunks.into_iter().flatten().collect();
    Ok(match chunks.len() {
        0 => Bytes::new(),
        1 => chunks.pop().expect("one chunk"),
        _ => chunks.concat().into(),
    })
}
