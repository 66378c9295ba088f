//! Template structs, one per page. Every value reaches HTML through askama's escaping; only
//! the chart SVG, which we draw ourselves, is marked safe.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::domain::compare::Comparison;
use crate::domain::model::{Date, ModelStatus};

use super::error::{AppError, Link};
use super::seo::Meta;
use super::workload_query::WorkloadForm;

/// Renders any template as an HTML response; a render failure becomes a logged 500.
pub struct HtmlTemplate<T>(pub T);

impl<T: Template> IntoResponse for HtmlTemplate<T> {
    fn into_response(self) -> Response {
        match self.0.render() {
            Ok(html) => Html(html).into_response(),
            Err(e) => AppError::from(e).into_response(),
        }
    }
}

/// An option of the model picker's type-to-filter list.
#[derive(Debug, Clone)]
pub struct PickerOption {
    /// Display name: what the field fills in and the picker accepts back.
    pub name: String,
    /// Shown beside the name: the provider, and "retired" where it is.
    pub label: String,
}

/// One row of the home page's model table.
#[derive(Debug, Clone)]
pub struct ModelRow {
    /// Model page path.
    pub href: String,
    /// Name.
    pub name: String,
    /// Provider name.
    pub provider: String,
    /// Input price per 1M tokens.
    pub input: String,
    /// Output price per 1M tokens.
    pub output: String,
    /// Typical request cost.
    pub typical: String,
    /// Context window.
    pub context: String,
    /// Headline index value or `n/a`.
    pub index: String,
    /// The model has no headline index score.
    pub index_missing: bool,
    /// Whether it is still offered; `as_str()` is the badge and the CSS class.
    pub status: ModelStatus,
}

/// The home page: every model and the picker.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Head.
    pub meta: Meta,
    /// Table rows: the models still offered.
    pub rows: Vec<ModelRow>,
    /// Retired models, listed apart.
    pub retired_rows: Vec<ModelRow>,
    /// Picker options.
    pub options: Vec<PickerOption>,
    /// The typical request in words.
    pub typical: String,
    /// Headline index name.
    pub index_name: String,
    /// Headline index source title.
    pub index_source: String,
    /// Dataset date.
    pub last_updated: String,
    /// A few comparisons to start from.
    pub featured: Vec<Link>,
}

/// The comparison page.
#[derive(Template)]
#[template(path = "compare.html")]
pub struct ComparePage<'a> {
    /// Head.
    pub meta: Meta,
    /// The workload form, pre-filled.
    pub form: WorkloadForm,
    /// Everything computed for the pair.
    pub cmp: Comparison<'a>,
    /// The chart, drawn by us.
    pub chart_svg: String,
    /// Link to each model page.
    pub href_a: String,
    /// See `href_a`.
    pub href_b: String,
}

/// A figure with its source, for the model page.
#[derive(Debug, Clone)]
pub struct FactRow {
    /// What it is.
    pub label: String,
    /// The figure.
    pub value: String,
    /// Source title.
    pub source: String,
    /// Date it holds for.
    pub as_of: String,
    /// A "possibly stale" badge, when the figure is too old.
    pub stale: Option<String>,
    /// The source lists no such figure (`value` says "not listed").
    pub missing: bool,
}

/// One price period on the model page.
#[derive(Debug, Clone)]
pub struct PriceHistoryRow {
    /// From.
    pub from: String,
    /// To, or `current`.
    pub to: String,
    /// The way to pay: `Standard`, `Batch API`, `Standard, off-peak`.
    pub tier: String,
    /// Input.
    pub input: String,
    /// Output.
    pub output: String,
    /// Cache read.
    pub cached: String,
    /// Source.
    pub source: String,
}

/// The model page.
#[derive(Template)]
#[template(path = "model.html")]
pub struct ModelPage {
    /// Head.
    pub meta: Meta,
    /// Model name.
    pub name: String,
    /// Provider name.
    pub provider: String,
    /// One-line summary.
    pub summary: String,
    /// `active`, `deprecated`, `retired`.
    pub status: &'static str,
    /// Status in words.
    pub status_text: String,
    /// Current prices and limits.
    pub facts: Vec<FactRow>,
    /// Where another source gives a different value for a figure shown, in words.
    pub source_notes: Vec<String>,
    /// Price history.
    pub history: Vec<PriceHistoryRow>,
    /// Scores.
    pub scores: Vec<FactRow>,
    /// Comparisons with this model.
    pub comparisons: Vec<Link>,
}

/// A group of the comparison index.
#[derive(Debug, Clone)]
pub struct IndexGroup {
    /// "OpenAI vs Anthropic".
    pub title: String,
    /// Pairs in the whole group.
    pub size: usize,
    /// This page's links.
    pub links: Vec<Link>,
}

/// `/compare`: the picker and one page of the index of every comparison.
#[derive(Template)]
#[template(path = "compare_index.html")]
pub struct PickerPage {
    /// Head.
    pub meta: Meta,
    /// Options.
    pub options: Vec<PickerOption>,
    /// Groups on this page.
    pub groups: Vec<IndexGroup>,
    /// This page, from 1.
    pub page: usize,
    /// Links to every page.
    pub pages: Vec<Link>,
    /// All comparisons.
    pub total: usize,
}

/// Models of one provider.
#[derive(Debug, Clone)]
pub struct ProviderGroup {
    /// Provider name.
    pub provider: String,
    /// Its models.
    pub rows: Vec<ModelRow>,
}

/// `/models`.
#[derive(Template)]
#[template(path = "models.html")]
pub struct ModelsPage {
    /// Head.
    pub meta: Meta,
    /// The typical request in words.
    pub typical: String,
    /// Headline index name.
    pub index_name: String,
    /// Providers with their models.
    pub groups: Vec<ProviderGroup>,
}

/// A source as listed on the methodology page.
#[derive(Debug, Clone)]
pub struct SourceRow {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// License.
    pub license: String,
    /// Snapshot date.
    pub as_of: String,
    /// How many figures cite it.
    pub figures: usize,
}

/// `/methodology`.
#[derive(Template)]
#[template(path = "methodology.html")]
pub struct MethodologyPage {
    /// Head.
    pub meta: Meta,
    /// Headline index, value and request paragraphs from the domain.
    pub index_paragraphs: Vec<String>,
    /// The typical request in words.
    pub typical: String,
    /// The three standard request sizes, in short.
    pub sizes: String,
    /// Staleness threshold for prices.
    pub price_stale_days: i64,
    /// Staleness threshold for speeds.
    pub speed_stale_days: i64,
    /// Model count.
    pub models: usize,
    /// Every source.
    pub sources: Vec<SourceRow>,
}

/// `/api`.
#[derive(Template)]
#[template(path = "api.html")]
pub struct ApiPage {
    /// Head.
    pub meta: Meta,
    /// Public origin for example URLs.
    pub base_url: String,
    /// A pair path for examples.
    pub sample_pair: String,
    /// The pair of the live example.
    pub example_path: String,
    /// Live example JSON, pretty-printed.
    pub example_json: String,
}

/// One `<sitemap>` or `<url>` entry: a site path (the template puts the base URL before it)
/// and the date it last changed, if known.
#[derive(Debug, Clone)]
pub struct SitemapEntry<'a> {
    /// Path from the site root.
    pub path: String,
    /// `<lastmod>`, left out when `None`.
    pub lastmod: Option<&'a Date>,
}

/// The sitemap index: the pages file and every comparison file.
#[derive(Template)]
#[template(path = "sitemaps/index.xml")]
pub struct SitemapIndex<'a> {
    /// The site's public origin.
    pub base: &'a str,
    /// One entry per child sitemap.
    pub files: Vec<SitemapEntry<'a>>,
}

/// A whole `<urlset>` sitemap.
#[derive(Template)]
#[template(path = "sitemaps/urlset.xml")]
pub struct Urlset<'a> {
    /// The site's public origin.
    pub base: &'a str,
    /// The URLs.
    pub urls: Vec<SitemapEntry<'a>>,
}

/// The start of a streamed `<urlset>`: XML declaration and opening tag.
#[derive(Template)]
#[template(path = "sitemaps/urlset.xml", block = "open")]
pub struct UrlsetOpen;

/// One streamed chunk of a `<urlset>`'s entries.
#[derive(Template)]
#[template(path = "sitemaps/urlset.xml", block = "urls")]
pub struct UrlsetChunk<'a> {
    /// The site's public origin.
    pub base: &'a str,
    /// The URLs in this chunk.
    pub urls: Vec<SitemapEntry<'a>>,
}

/// The end of a streamed `<urlset>`.
#[derive(Template)]
#[template(path = "sitemaps/urlset.xml", block = "close")]
pub struct UrlsetClose;
