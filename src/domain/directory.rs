//! The index of all comparisons: every canonical pair once, grouped by the two providers,
//! one page at a time. Only the requested page's pairs are materialised, so the index stays
//! cheap with hundreds of models.

use super::catalog::Catalog;
use super::model::Model;

/// Pairs of one provider pairing (e.g. "OpenAI vs Anthropic").
#[derive(Debug)]
pub struct PairGroup<'a> {
    /// "OpenAI vs Anthropic", or "OpenAI" for pairs within one provider.
    pub title: String,
    /// The pairs on this page, each in canonical order.
    pub pairs: Vec<(&'a Model, &'a Model)>,
    /// How many pairs the whole group has (some may be on other pages).
    pub size: usize,
}

/// One page of the index.
#[derive(Debug)]
pub struct PairPage<'a> {
    /// Groups with pairs on this page.
    pub groups: Vec<PairGroup<'a>>,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// All pairs.
    pub total: usize,
}

/// Page `page` (from 1) of the index with `per_page` pairs a page; `None` past the last page.
pub fn pair_page(catalog: &Catalog, page: usize, per_page: usize) -> Option<PairPage<'_>> {
    let dataset = &catalog.dataset;
    let mut providers: Vec<(&str, Vec<&Model>)> = Vec::new();
    for m in &dataset.models {
        let name = dataset.provider_name(&m.provider);
        match providers.iter_mut().find(|(p, _)| *p == name) {
            Some((_, models)) => models.push(m),
            None => providers.push((name, vec![m])),
        }
    }
    providers.sort_by(|a, b| a.0.cmp(b.0));
    let per_page = per_page.max(1);
    let mut groups = Vec::new();
    let mut offset = 0;
    let total: usize = (0..providers.len())
        .flat_map(|i| (i..providers.len()).map(move |j| (i, j)))
        .map(|(i, j)| group_size(providers[i].1.len(), providers[j].1.len(), i == j))
        .sum();
    let pages = total.div_ceil(per_page).max(1);
    if page == 0 || page > pages {
        return None;
    }
    let (start, end) = ((page - 1) * per_page, (page * per_page).min(total));
    for i in 0..providers.len() {
        for j in i..providers.len() {
            let size = group_size(providers[i].1.len(), providers[j].1.len(), i == j);
            let (g_start, g_end) = (offset, offset + size);
            offset = g_end;
            if g_end <= start || g_start >= end || size == 0 {
                continue;
            }
            let (left, right) = (&providers[i].1, &providers[j].1);
            let all = (0..left.len()).flat_map(|x| {
                let from = if i == j { x + 1 } else { 0 };
                (from..right.len()).map(move |y| (x, y))
            });
            let pairs = all
                .skip(start.saturating_sub(g_start))
                .take(end.min(g_end) - start.max(g_start))
                .map(|(x, y)| catalog.canonical_order(left[x], right[y]))
                .collect();
            let title =
                if i == j { providers[i].0.to_owned() } else { format!("{} vs {}", providers[i].0, providers[j].0) };
            groups.push(PairGroup { title, pairs, size });
        }
    }
    Some(PairPage { groups, page, pages, total })
}

fn group_size(left: usize, right: usize, same: bool) -> usize {
    if same { left * left.saturating_sub(1) / 2 } else { left * right }
}
