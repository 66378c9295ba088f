//! Rendered responses kept in memory: each representation (a canonical URL in one content
//! coding) with its bytes and headers, bounded by bytes with eviction, and dropped whole when
//! the catalog generation or the day changes (a page says how many days old a price is, and a
//! shutdown date passes at midnight).

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use axum::body::Bytes;
use axum::http::HeaderMap;
use quick_cache::Equivalent;

use super::encoding::{Encoding, Level};

/// Default size of the cache (`PAGE_CACHE_MB`), which the configuration owns.
pub use crate::config::DEFAULT_PAGE_CACHE_MB as DEFAULT_MB;

/// Bytes an entry costs besides its body and path: the headers, the key, the index.
const ENTRY_OVERHEAD: u64 = 1_024;

/// What a cached page was rendered from: a catalog generation on a day (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Epoch {
    /// The catalog generation (`AppState::catalog_and_generation`).
    pub generation: u64,
    /// Days since 1970-01-01, UTC.
    pub day: i64,
}

/// One representation, ready to send.
#[derive(Debug)]
pub struct Representation {
    /// Content type, `Cache-Control`, `ETag`, `Last-Modified`, `Vary`, `Content-Encoding` and
    /// whatever else the handler set.
    pub headers: HeaderMap,
    /// The body in this representation's coding.
    pub body: Bytes,
    /// The content hash of the identity bytes, shared by all codings of the page, so a
    /// revalidation of any coding can be answered from any cached one.
    pub hash: u64,
    /// The body's coding (for a client preferring br, first gzip, then br; see `Accepted`).
    pub coding: Encoding,
    /// How hard the body was compressed.
    pub level: Level,
    /// Set once a better-compressed replacement is being made, so only one is.
    pub upgrading: std::sync::atomic::AtomicBool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    epoch: Epoch,
    encoding: Encoding,
    path: Box<str>,
}

/// A [`Key`] borrowed, for lookups without allocating. Fields in the same order as `Key`, so
/// the derived hashes agree.
#[derive(Hash)]
struct KeyRef<'a> {
    epoch: Epoch,
    encoding: Encoding,
    path: &'a str,
}

impl Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        self.epoch == key.epoch && self.encoding == key.encoding && self.path == &*key.path
    }
}

#[derive(Debug, Clone)]
struct Weight;

impl quick_cache::Weighter<Key, std::sync::Arc<Representation>> for Weight {
    fn weight(&self, key: &Key, value: &std::sync::Arc<Representation>) -> u64 {
        value.body.len() as u64 + key.path.len() as u64 + ENTRY_OVERHEAD
    }
}

/// The cache. Eviction is quick_cache's CLOCK-Pro by weight (bytes), so pages read often stay
/// while one-off reads (a crawler's pass over every pair) pass through.
pub struct PageCache {
    entries: quick_cache::sync::Cache<Key, std::sync::Arc<Representation>, Weight>,
    /// The newest epoch seen, packed for a lock-free check on every request.
    generation: AtomicU64,
    day: AtomicI64,
    /// Held while dropping an old epoch's entries.
    clearing: Mutex<()>,
    max_entry: usize,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("entries", &self.entries.len())
            .field("bytes", &self.entries.weight())
            .finish()
    }
}

impl PageCache {
    /// A cache of at most `megabytes` MB of responses (0 turns caching off).
    pub fn new(megabytes: usize) -> Self {
        let capacity = (megabytes as u64) << 20;
        // Sized for comparison pages of about 10 KB compressed; only the index depends on it.
        let estimated = usize::try_from(capacity / 16_384).unwrap_or(usize::MAX).max(16);
        Self {
            entries: quick_cache::sync::Cache::with_weighter(estimated, capacity.max(1), Weight),
            generation: AtomicU64::new(0),
            day: AtomicI64::new(i64::MIN),
            clearing: Mutex::new(()),
            // One page may take a sixteenth of the cache (a big sitemap file), no more: the
            // cache is split in shards by the CPU count, and an entry must fit in one.
            max_entry: (capacity / 16) as usize,
        }
    }

    /// Notes the epoch a request is served in; the first request of a new epoch drops every
    /// older entry, so the memory is freed at once rather than by eviction.
    pub fn enter(&self, epoch: Epoch) {
        if self.generation.load(Ordering::Acquire) == epoch.generation && self.day.load(Ordering::Acquire) == epoch.day
        {
            return;
        }
        let _guard = self.clearing.lock().unwrap_or_else(|e| e.into_inner());
        let (generation, day) = (self.generation.load(Ordering::Acquire), self.day.load(Ordering::Acquire));
        if (epoch.generation, epoch.day) > (generation, day) {
            self.entries.clear();
            self.generation.store(epoch.generation, Ordering::Release);
            self.day.store(epoch.day, Ordering::Release);
        }
    }

    /// The representation of `path` for clients preferring `encoding`, rendered in `epoch`.
    pub fn get(&self, epoch: Epoch, path: &str, encoding: Encoding) -> Option<std::sync::Arc<Representation>> {
        self.entries.get(&KeyRef { epoch, encoding, path })
    }

    /// Any cached representation of `path` from `epoch`, identity first (it can be compressed
    /// into the others without rendering).
    pub fn any(&self, epoch: Epoch, path: &str) -> Option<std::sync::Arc<Representation>> {
        [Encoding::Identity, Encoding::Br, Encoding::Gzip].into_iter().find_map(|e| self.get(epoch, path, e))
    }

    /// Keeps `representation`, unless it is too big or its epoch has been replaced (a slow
    /// request that rendered from the old catalog).
    pub fn insert(&self, epoch: Epoch, path: &str, encoding: Encoding, representation: std::sync::Arc<Representation>) {
        if representation.body.len() > self.max_entry
            || self.generation.load(Ordering::Acquire) != epoch.generation
            || self.day.load(Ordering::Acquire) != epoch.day
        {
            return;
        }
        self.entries.insert(Key { epoch, encoding, path: path.into() }, representation);
    }

    /// The largest body kept.
    pub fn max_entry(&self) -> usize {
        self.max_entry
    }

    /// Bytes held (bodies, paths and the per-entry allowance).
    #[cfg(test)]
    pub fn weight(&self) -> u64 {
        self.entries.weight()
    }

    /// Representations held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn page(bytes: usize) -> Arc<Representation> {
        Arc::new(Representation {
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
            hash: 1,
            coding: Encoding::Identity,
            level: Level::Final,
            upgrading: Default::default(),
        })
    }

    const E1: Epoch = Epoch { generation: 1, day: 20_000 };

    #[test]
    fn cache_stays_within_its_size_by_evicting() {
        let cache = PageCache::new(1);
        cache.enter(E1);
        for n in 0..200 {
            cache.insert(E1, &format!("/compare/m{n}-vs-x"), Encoding::Identity, page(20_000));
        }
        assert!(cache.weight() <= 1 << 20, "{} bytes held", cache.weight());
        assert!(cache.len() >= 20 && cache.len() < 200, "{} entries", cache.len());
    }

    #[test]
    fn a_new_generation_or_day_drops_everything_and_refuses_late_entries() {
        let cache = PageCache::new(4);
        cache.enter(E1);
        cache.insert(E1, "/", Encoding::Br, page(100));
        assert!(cache.get(E1, "/", Encoding::Br).is_some());
        assert!(cache.get(E1, "/", Encoding::Gzip).is_none(), "each coding is its own entry");
        assert!(cache.any(E1, "/").is_some());

        let next_day = Epoch { day: E1.day + 1, ..E1 };
        cache.enter(next_day);
        assert!(cache.is_empty(), "dropped on the new day");
        cache.insert(E1, "/", Encoding::Br, page(100));
        assert!(cache.is_empty(), "a page rendered in the old epoch is not kept");

        let reloaded = Epoch { generation: 2, ..next_day };
        cache.insert(next_day, "/", Encoding::Br, page(100));
        cache.enter(reloaded);
        assert!(cache.is_empty() && cache.get(reloaded, "/", Encoding::Br).is_none());
        cache.enter(next_day);
        cache.insert(reloaded, "/", Encoding::Br, page(100));
        assert_eq!(cache.len(), 1, "an older epoch seen late changes nothing");
    }

    #[test]
    fn an_oversized_page_or_a_zero_size_cache_keeps_nothing() {
        let cache = PageCache::new(1);
        cache.enter(E1);
        cache.insert(E1, "/sitemaps/compare-1.xml", Encoding::Identity, page(200_000));
        assert!(cache.is_empty(), "over a sixteenth of the cache");
        let off = PageCache::new(0);
        off.enter(E1);
        off.insert(E1, "/", Encoding::Identity, page(10));
        assert!(off.is_empty());
    }
}
