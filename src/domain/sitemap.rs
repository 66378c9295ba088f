//! The sitemap's arithmetic: which comparison pairs go in which sitemap file, and the date
//! each URL last changed. No XML and no I/O here; the web layer writes the files.
//!
//! Pairs are numbered rather than listed: with `n` models, pair `k` is found from `k` alone,
//! so a sitemap file can be written pair by pair without a list of all `n(n-1)/2` pairs.

use std::ops::Range;

use super::ids::SourceId;
use super::model::{Dataset, Date, Model};

/// The sitemaps.org limit on URLs in one sitemap file.
pub const MAX_URLS_PER_FILE: usize = 50_000;

/// How many unordered pairs `models` models make.
pub const fn pair_count(models: usize) -> usize {
    models * models.saturating_sub(1) / 2
}

/// Number of the first pair whose first position is `row`: rows hold `n-1`, `n-2`, … pairs.
const fn row_start(models: usize, row: usize) -> usize {
    row * (2 * models - row - 1) / 2
}

/// The `k`-th unordered pair of model positions `(i, j)`, `i < j`, in row order:
/// `(0,1), (0,2), …, (0,n-1), (1,2), …`. `None` when `k` is past the last pair.
pub fn pair_at(models: usize, k: usize) -> Option<(usize, usize)> {
    if k >= pair_count(models) {
        return None;
    }
    // The last row whose start is at or before `k`: row starts grow with the row.
    let (mut lo, mut hi) = (0, models - 1);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if row_start(models, mid) <= k { lo = mid } else { hi = mid }
    }
    Some((lo, lo + 1 + (k - row_start(models, lo))))
}

/// The pairs numbered `range` in order, walked one step at a time from the first.
pub fn pairs(models: usize, range: Range<usize>) -> Pairs {
    let end = range.end.min(pair_count(models));
    let next = if range.start < end { pair_at(models, range.start) } else { None };
    Pairs { models, next, remaining: end.saturating_sub(range.start) }
}

/// Iterator over a run of numbered pairs; see [`pairs`].
#[derive(Debug, Clone)]
pub struct Pairs {
    models: usize,
    next: Option<(usize, usize)>,
    remaining: usize,
}

impl Iterator for Pairs {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.remaining == 0 {
            return None;
        }
        let (i, j) = self.next?;
        self.remaining -= 1;
        self.next = if j + 1 < self.models { Some((i, j + 1)) } else { Some((i + 1, i + 2)) };
        Some((i, j))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Pairs {}

/// How the comparison URLs of a dataset are split into numbered sitemap files
/// (`compare-1.xml`, `compare-2.xml`, …), each holding a run of consecutive pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareFiles {
    models: usize,
    per_file: usize,
}

impl CompareFiles {
    /// The split for `models` models with at most `per_file` URLs a file (at least one).
    pub fn new(models: usize, per_file: usize) -> Self {
        Self { models, per_file: per_file.max(1) }
    }

    /// The split at the sitemaps.org limit, [`MAX_URLS_PER_FILE`].
    pub fn standard(models: usize) -> Self {
        Self::new(models, MAX_URLS_PER_FILE)
    }

    /// Number of models the split is for.
    pub fn models(&self) -> usize {
        self.models
    }

    /// How many files there are; none when there are fewer than two models.
    pub fn file_count(&self) -> usize {
        pair_count(self.models).div_ceil(self.per_file)
    }

    /// The pair numbers in file `file` (numbered from 1), or `None` for a file that does not exist.
    pub fn pairs_in(&self, file: usize) -> Option<Range<usize>> {
        if file == 0 || file > self.file_count() {
            return None;
        }
        let start = (file - 1) * self.per_file;
        Some(start..(start + self.per_file).min(pair_count(self.models)))
    }
}

/// The date a model's page last changed: the newest date among the sources of its figures
/// (each price period's newest snapshot, scores, speeds, limits, release date, open weights).
/// `None` when no figure has a dated source.
pub fn model_lastmod<'a>(dataset: &'a Dataset, model: &'a Model) -> Option<&'a Date> {
    let source_date = |id: &SourceId| dataset.source(id).map(|s| &s.as_of);
    let prices = model.prices.iter().filter_map(|p| source_date(&p.last_seen_in));
    let scores = model.scores.iter().map(|s| &s.as_of);
    let speeds = model.speeds.iter().map(|s| &s.as_of);
    let sourced = [
        model.context_window.as_ref().map(|c| &c.source),
        model.max_output.as_ref().map(|c| &c.source),
        model.release_date.as_ref().map(|d| &d.source),
        model.open_weights.as_ref().map(|o| &o.source),
    ];
    let sourced = sourced.into_iter().flatten().filter_map(source_date);
    prices.chain(scores).chain(speeds).chain(sourced).max()
}

/// The date a comparison page last changed: the newer of its two models' dates.
pub fn pair_lastmod<'a>(a: Option<&'a Date>, b: Option<&'a Date>) -> Option<&'a Date> {
    a.max(b)
}

/// The newest date in a run of pairs, given each model's date by position: the `lastmod` of
/// the sitemap file holding those pairs.
pub fn newest_in<'a>(model_dates: &[Option<&'a Date>], range: Range<usize>) -> Option<&'a Date> {
    pairs(model_dates.len(), range).filter_map(|(i, j)| pair_lastmod(model_dates[i], model_dates[j])).max()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::testing::{ModelBuilder, date, source};

    #[test]
    fn pair_numbers_walk_each_row_in_order() {
        let all: Vec<_> = (0..pair_count(4)).map(|k| pair_at(4, k).unwrap()).collect();
        assert_eq!(all, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(pair_at(4, 6), None);
        assert_eq!(pair_at(1, 0), None);
        assert_eq!(pair_at(0, 0), None);
        assert_eq!(pairs(4, 0..6).collect::<Vec<_>>(), all);
        assert_eq!(pairs(4, 2..5).collect::<Vec<_>>(), all[2..5]);
        assert_eq!(pairs(4, 5..99).collect::<Vec<_>>(), [(2, 3)]);
        assert_eq!(pairs(4, 6..7).count(), 0);
    }

    #[test]
    fn every_pair_is_numbered_once_and_lookup_agrees_with_the_walk() {
        for n in [2, 3, 7, 50] {
            let walked: Vec<_> = pairs(n, 0..pair_count(n)).collect();
            let distinct: HashSet<_> = walked.iter().copied().collect();
            assert_eq!(walked.len(), n * (n - 1) / 2, "n={n}");
            assert_eq!(distinct.len(), walked.len(), "n={n}");
            assert!(walked.iter().all(|&(i, j)| i < j && j < n), "n={n}");
            for (k, &p) in walked.iter().enumerate() {
                assert_eq!(pair_at(n, k), Some(p), "n={n} k={k}");
            }
        }
        assert_eq!(pair_at(500, 124_749), Some((498, 499)));
        assert_eq!(pair_at(500, 498), Some((0, 499)));
        assert_eq!(pair_at(500, 499), Some((1, 2)));
    }

    #[test]
    fn a_small_file_limit_splits_pairs_into_consecutive_runs() {
        // 8 models: 28 pairs, so files of 7, 7, 7, 7.
        let files = CompareFiles::new(8, 7);
        assert_eq!(files.file_count(), 4);
        assert_eq!(files.pairs_in(1), Some(0..7));
        assert_eq!(files.pairs_in(4), Some(21..28));
        assert_eq!(files.pairs_in(0), None);
        assert_eq!(files.pairs_in(5), None);
        // 9 models: 36 pairs, so the sixth file holds the last one.
        let files = CompareFiles::new(9, 7);
        assert_eq!(files.file_count(), 6);
        assert_eq!(files.pairs_in(5), Some(28..35));
        assert_eq!(files.pairs_in(6), Some(35..36));
        assert_eq!(pairs(9, 35..36).collect::<Vec<_>>(), [(7, 8)]);
        // The boundary between files falls inside a row and nothing is lost or repeated.
        let joined: Vec<_> = (1..=6).flat_map(|f| pairs(9, files.pairs_in(f).unwrap())).collect();
        assert_eq!(joined, pairs(9, 0..36).collect::<Vec<_>>());
        assert_eq!(pairs(9, 0..7).last(), Some((0, 7)));
        assert_eq!(pairs(9, 7..14).next(), Some((0, 8)));
    }

    #[test]
    fn the_standard_split_of_500_models_is_three_files() {
        let files = CompareFiles::standard(500);
        assert_eq!(pair_count(500), 124_750);
        assert_eq!(files.file_count(), 3);
        assert_eq!(files.pairs_in(3), Some(100_000..124_750));
        assert_eq!(CompareFiles::standard(1).file_count(), 0);
        assert_eq!(CompareFiles::standard(0).file_count(), 0);
        assert_eq!(CompareFiles::new(3, 0).file_count(), 3, "a zero limit is read as one");
    }

    fn dataset_with_one_model() -> Dataset {
        let model = ModelBuilder::new("m")
            .name("M")
            .context_window(8_000, "limits")
            .independent_score("eci", 1.0, "epoch", date("2025-11-07"))
            .build();
        Dataset::new(
            vec![model],
            vec![],
            vec![],
            vec![source("limits", "2026-07-01"), source("epoch", "2025-12-31"), source("unused", "2027-01-01")],
        )
    }

    #[test]
    fn a_model_changed_when_its_newest_figure_was_dated() {
        let dataset = dataset_with_one_model();
        let m = &dataset.models[0];
        // The limits source is newer than the score's own date; the unused source counts for nothing.
        assert_eq!(model_lastmod(&dataset, m), Some(&date("2026-07-01")));
        let mut bare = m.clone();
        bare.context_window = None;
        assert_eq!(model_lastmod(&dataset, &bare), Some(&date("2025-11-07")));
        bare.scores.clear();
        assert_eq!(model_lastmod(&dataset, &bare), None);
    }

    #[test]
    fn a_pair_and_a_file_take_the_newest_date() {
        let (old, new) = (date("2025-01-01"), date("2026-01-01"));
        assert_eq!(pair_lastmod(Some(&old), Some(&new)), Some(&new));
        assert_eq!(pair_lastmod(None, Some(&old)), Some(&old));
        assert_eq!(pair_lastmod(None, None), None);
        // Model 3 is the newest, and it is only in pairs numbered 2, 4 and 5.
        let dates = [Some(&old), None, Some(&old), Some(&new)];
        assert_eq!(newest_in(&dates, 0..2), Some(&old));
        assert_eq!(newest_in(&dates, 0..3), Some(&new));
        assert_eq!(newest_in(&dates, 3..4), Some(&old));
        assert_eq!(newest_in(&[None, None], 0..1), None);
    }
}
