//! Finding what an address names: a model's closest matches, and the one pair resolver behind
//! the comparison page, its images and the API. The resolver says what went wrong as a value;
//! the page and the API each word it for their reader.

use crate::domain::slug::{PairError, PairSpec, parse_pair};
use crate::domain::{Catalog, Model, ModelId};

use super::error::{AppError, Link};
use super::paths;

/// Links to the models whose ids are closest to `wanted`.
pub fn suggestions(catalog: &Catalog, wanted: &str) -> Vec<Link> {
    catalog.closest(wanted, 5).into_iter().map(|m| Link { href: paths::model(&m.id), text: m.name.clone() }).collect()
}

/// A `{a}-vs-{b}` path segment read against the catalog.
pub struct ResolvedPair<'a> {
    /// The first model in canonical order.
    pub a: &'a Model,
    /// The second model in canonical order.
    pub b: &'a Model,
    /// The pair's canonical page path, `/compare/{a}-vs-{b}`.
    pub canonical: String,
    /// The segment had to be normalized (`GPT-4.1-mini`): answer with a redirect whatever
    /// the path looks like.
    pub loose: bool,
}

/// Why a pair segment names no pair.
pub enum Unresolved<'a> {
    /// Not two model ids joined by `-vs-`, or the same model twice.
    Malformed(PairError),
    /// One side is in the catalog, the other is not.
    OneUnknown {
        /// The model that is.
        known: &'a Model,
        /// The id that is not.
        missing: ModelId,
    },
    /// Neither id is in the catalog.
    BothUnknown(ModelId, ModelId),
}

/// Reads a pair segment and finds both models, in canonical order. The caller redirects
/// when `loose` or when its path is not the canonical one.
pub fn resolve_pair<'a>(catalog: &'a Catalog, segment: &str) -> Result<ResolvedPair<'a>, Unresolved<'a>> {
    let (ida, idb, loose) = match parse_pair(segment).map_err(Unresolved::Malformed)? {
        PairSpec::Exact(a, b) => (a, b, false),
        PairSpec::Loose(a, b) => (a, b, true),
    };
    let (a, b) = match (catalog.model(&ida), catalog.model(&idb)) {
        (Some(a), Some(b)) => catalog.canonical_order(a, b),
        (Some(known), None) => return Err(Unresolved::OneUnknown { known, missing: idb }),
        (None, Some(known)) => return Err(Unresolved::OneUnknown { known, missing: ida }),
        (None, None) => return Err(Unresolved::BothUnknown(ida, idb)),
    };
    Ok(ResolvedPair { a, b, canonical: catalog.canonical_path(a, b), loose })
}

impl Unresolved<'_> {
    /// The error page's wording: malformed is a 400, an unknown model a 404 that suggests
    /// comparisons of the known side with the models closest to the other.
    pub fn for_page(self, catalog: &Catalog) -> AppError {
        match self {
            Unresolved::Malformed(e) => pair_error(catalog, e),
            Unresolved::OneUnknown { known, missing } => {
                let suggestions = catalog
                    .closest(missing.as_str(), 5)
                    .into_iter()
                    .filter(|m| m.id != known.id)
                    .map(|m| Link {
                        href: catalog.canonical_path(known, m),
                        text: format!("{} vs {}", known.name, m.name),
                    })
                    .collect();
                AppError::NotFound { what: format!("model called “{missing}”"), suggestions }
            }
            Unresolved::BothUnknown(a, b) => AppError::NotFound {
                what: format!("models called “{a}” or “{b}”"),
                suggestions: suggestions(catalog, a.as_str()),
            },
        }
    }

    /// The API's wording: shorter, and an unknown model suggests the closest ids' entries in
    /// the model list.
    pub fn for_api(self, catalog: &Catalog) -> AppError {
        match self {
            Unresolved::Malformed(e) => {
                let (title, detail) = match e {
                    PairError::NoSeparator => {
                        ("Not a comparison", "Name two model ids joined by “-vs-”, e.g. gpt-4o-mini-vs-gpt-4-1-mini.")
                    }
                    PairError::BadId => ("Not a model id", "Model ids use lowercase letters, digits and hyphens."),
                    PairError::SameModel(_) => ("The same model twice", "A comparison needs two different models."),
                };
                AppError::BadRequest { title: title.into(), detail: detail.into(), suggestions: Vec::new() }
            }
            Unresolved::OneUnknown { missing, .. } => AppError::NotFound {
                what: format!("model called “{missing}”"),
                suggestions: catalog
                    .closest(missing.as_str(), 5)
                    .into_iter()
                    .map(|m| Link { href: paths::api_model(&m.id), text: m.id.to_string() })
                    .collect(),
            },
            Unresolved::BothUnknown(a, b) => {
                AppError::NotFound { what: format!("models called “{a}” or “{b}”"), suggestions: Vec::new() }
            }
        }
    }
}

/// The error page for a malformed pair (also what the picker says of a bad id).
pub fn pair_error(catalog: &Catalog, error: PairError) -> AppError {
    match error {
        PairError::NoSeparator => AppError::BadRequest {
            title: "Not a comparison address".into(),
            detail: "A comparison address names two models joined by “-vs-”, for example /compare/gpt-4o-mini-vs-gpt-4-1-mini.".into(),
            suggestions: Vec::new(),
        },
        PairError::BadId => AppError::BadRequest {
            title: "Not a model id".into(),
            detail: "Model ids use lowercase letters, digits and hyphens, for example gpt-4-1-mini.".into(),
            suggestions: Vec::new(),
        },
        PairError::SameModel(id) => {
            let links = catalog
                .model(&id)
                .map(|m| vec![Link { href: paths::model(&m.id), text: format!("{} on its own", m.name) }])
                .unwrap_or_default();
            AppError::BadRequest {
                title: "The same model twice".into(),
                detail: "A comparison needs two different models. The model's own page lists every comparison with it.".into(),
                suggestions: links,
            }
        }
    }
}
