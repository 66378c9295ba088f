//! A comparison's images: the share image (`og.png`) and the chart alone (`chart.svg`).
//! Same address rules as the page; rendered once per catalog and kept in a bounded cache.
//! Validators and `Cache-Control` are added by the serving layer, as for every response.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::domain::cost::Workload;
use crate::domain::{Catalog, ModelId, compare as build_comparison};
use crate::web::chart::scatter_svg_document;
use crate::web::extract::PathSegment;
use crate::web::og_image;
use crate::web::{AppError, AppState, Result, day_of};

use crate::web::lookup::{ResolvedPair, resolve_pair};
use crate::web::paths;

/// Most images kept; a PNG is about 60 KB, so the cache stays around 15 MB.
const CAPACITY: usize = 256;

/// Which image of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    /// The 1200x630 share image.
    SharePng,
    /// The chart as a standalone SVG document.
    ChartSvg,
}

impl Kind {
    /// The last path segment, after the pair.
    fn file(self) -> &'static str {
        match self {
            Kind::SharePng => "og.png",
            Kind::ChartSvg => "chart.svg",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Kind::SharePng => "image/png",
            Kind::ChartSvg => "image/svg+xml; charset=utf-8",
        }
    }
}

/// A rendered image.
#[derive(Debug)]
struct Rendered {
    body: Bytes,
}

impl Rendered {
    fn new(body: Vec<u8>) -> Self {
        Self { body: Bytes::from(body) }
    }
}

/// Rendered images of one catalog generation, at most [`CAPACITY`], oldest dropped first.
/// Keyed by the generation too, so an image drawn from a replaced catalog is never served
/// or stored.
#[derive(Debug, Default)]
pub struct ImageCache {
    inner: Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    generation: u64,
    entries: HashMap<(Kind, String), Arc<Rendered>>,
    order: VecDeque<(Kind, String)>,
}

impl ImageCache {
    fn get(&self, generation: u64, key: &(Kind, String)) -> Option<Arc<Rendered>> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    fn insert(&self, generation: u64, key: (Kind, String), image: Arc<Rendered>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if generation < inner.generation {
            return; // drawn from a catalog that has since been replaced
        }
        if generation > inner.generation {
            *inner = CacheInner { generation, ..CacheInner::default() };
        }
        if inner.entries.contains_key(&key) {
            return;
        }
        while inner.entries.len() >= CAPACITY {
            let Some(oldest) = inner.order.pop_front() else { break };
            inner.entries.remove(&oldest);
        }
        inner.order.push_back(key.clone());
        inner.entries.insert(key, image);
    }

    /// How many images are held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).entries.len()
    }
}

/// `GET /compare/{a}-vs-{b}/og.png`: the pair's 1200x630 share image.
pub async fn og_png(State(state): State<AppState>, PathSegment(segment): PathSegment, uri: Uri) -> Result<Response> {
    serve(&state, &segment, &uri, Kind::SharePng).await
}

/// `GET /compare/{a}-vs-{b}/chart.svg`: the page's chart as a standalone SVG document.
pub async fn chart_svg(State(state): State<AppState>, PathSegment(segment): PathSegment, uri: Uri) -> Result<Response> {
    serve(&state, &segment, &uri, Kind::ChartSvg).await
}

/// The shared path of both images: resolve the pair as the page does, redirect to the
/// canonical image address (without any query: images take no parameters), then answer
/// from the cache or render.
async fn serve(state: &AppState, segment: &str, uri: &Uri, kind: Kind) -> Result<Response> {
    let (catalog, generation) = state.catalog_and_generation();
    let ResolvedPair { a, b, canonical, loose } = resolve_pair(&catalog, segment).map_err(|e| e.for_page(&catalog))?;
    let path = paths::pair_image(&canonical, kind.file());
    if loose || uri.path() != path {
        return Ok(paths::moved_permanently(&path, None));
    }
    let key = (kind, canonical);
    let image = match state.images().get(generation, &key) {
        Some(image) => image,
        None => {
            let (ida, idb) = (a.id.clone(), b.id.clone());
            let catalog = Arc::clone(&catalog);
            // Drawing a PNG takes tens of milliseconds of CPU: keep it off the async workers.
            let body = tokio::task::spawn_blocking(move || render(&catalog, &ida, &idb, kind))
                .await
                .map_err(|e| AppError::Internal(format!("image task: {e}")))??;
            let image = Arc::new(Rendered::new(body));
            state.images().insert(generation, key, Arc::clone(&image));
            image
        }
    };
    let mut response = Body::from(image.body.clone()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    if kind == Kind::ChartSvg {
        // Opened on its own, the SVG is a document: it may not run or load anything.
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
        );
    }
    Ok(response)
}

/// Draws one image of the pair (already in canonical order) for the typical request, the
/// workload of the page without parameters.
fn render(catalog: &Catalog, a: &ModelId, b: &ModelId, kind: Kind) -> Result<Vec<u8>> {
    let missing = || AppError::Internal("a resolved model left the catalog".into());
    let (a, b) = (catalog.model(a).ok_or_else(missing)?, catalog.model(b).ok_or_else(missing)?);
    let cmp = build_comparison(catalog, a, b, &Workload::TYPICAL, &day_of(catalog));
    match kind {
        Kind::SharePng => {
            let index_name = catalog.index.as_ref().map(|i| i.name.as_str());
            og_image::render_png(&cmp, index_name).map_err(AppError::Internal)
        }
        Kind::ChartSvg => {
            let svg = scatter_svg_document(&cmp.chart);
            if svg.is_empty() {
                return Err(AppError::NotFound {
                    what: "chart for this comparison: no model has both a price and an index score".into(),
                    suggestions: Vec::new(),
                });
            }
            Ok(svg.into_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(text: &str) -> Arc<Rendered> {
        Arc::new(Rendered::new(text.as_bytes().to_vec()))
    }

    fn key(n: usize) -> (Kind, String) {
        (Kind::SharePng, format!("/compare/a{n}-vs-b"))
    }

    #[test]
    fn cache_is_bounded_and_drops_the_oldest_first() {
        let cache = ImageCache::default();
        for n in 0..CAPACITY + 10 {
            cache.insert(0, key(n), image("x"));
        }
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(0, &key(0)).is_none(), "oldest dropped");
        assert!(cache.get(0, &key(CAPACITY + 9)).is_some(), "newest kept");
    }

    #[test]
    fn a_new_catalog_generation_never_sees_older_images() {
        let cache = ImageCache::default();
        cache.insert(1, key(1), image("old"));
        assert!(cache.get(2, &key(1)).is_none(), "generation 2 does not see generation 1's image");
        cache.insert(2, key(2), image("new"));
        assert_eq!(cache.len(), 1, "the older generation's images are dropped");
        // A slow request that drew from the replaced catalog does not store its image.
        cache.insert(1, key(1), image("late"));
        assert!(cache.get(1, &key(1)).is_none() && cache.get(2, &key(1)).is_none());
    }
}
