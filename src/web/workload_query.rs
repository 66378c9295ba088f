//! The reader's workload from the query string: `input`, `output`, `cached`, `requests`,
//! `tier` (`standard`, `batch`, `flex`, `priority`; `batch=1` is the older spelling of
//! `tier=batch`), `window` (`off-peak`) and `cache_write` (`5m`, `1h`, `12h`). Every parameter is optional, and an empty one (`requests=`, what a form sends for a
//! field left blank) counts as not set; a bad one is refused with its name, what was wrong and
//! the allowed range. Unknown parameters are ignored.

use serde::Deserialize;

use crate::domain::Catalog;
use crate::domain::cost::Workload;
use crate::domain::pricing::PayAs;
use crate::domain::rate_card::{CacheTtl, ServiceTier, TimeWindow};

/// Most requests a month the calculator accepts: far beyond any real bill, small enough that a
/// year of them times any price stays exact.
pub const MAX_REQUESTS_PER_MONTH: u64 = 100_000_000_000;

/// The raw query, kept as text so a bad value can be named and shown back in the form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WorkloadQuery {
    /// Input tokens per request.
    pub input: Option<String>,
    /// Output tokens per request.
    pub output: Option<String>,
    /// Percent of input served from cache.
    pub cached: Option<String>,
    /// Requests per month.
    pub requests: Option<String>,
    /// `1` for the batch API, `0` for standard (the spelling before `tier`).
    pub batch: Option<String>,
    /// The service tier.
    pub tier: Option<String>,
    /// The time window the requests are sent in.
    pub window: Option<String>,
    /// How long the uncached input is written to the cache.
    pub cache_write: Option<String>,
}

/// A parameter that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParameter {
    /// The parameter's name.
    pub param: &'static str,
    /// What is wrong, without echoing the value.
    pub problem: String,
    /// The allowed values.
    pub allowed: String,
}

/// The parameters the calculator reads.
const PARAMETERS: [&str; 8] = ["input", "output", "cached", "requests", "batch", "tier", "window", "cache_write"];

/// A query string that did not parse (a parameter given twice, say), named where possible.
pub fn unreadable(message: &str) -> BadParameter {
    let param = PARAMETERS.iter().find(|p| message.contains(&format!("`{p}`"))).copied();
    BadParameter {
        param: param.unwrap_or("query"),
        problem: if message.contains("duplicate") { "is given more than once".into() } else { "cannot be read".into() },
        allowed: "each parameter at most once, as name=value pairs".into(),
    }
}

impl WorkloadQuery {
    /// Whether the reader set anything at all (blank fields set nothing).
    pub fn is_empty(&self) -> bool {
        [
            &self.input,
            &self.output,
            &self.cached,
            &self.requests,
            &self.batch,
            &self.tier,
            &self.window,
            &self.cache_write,
        ]
        .into_iter()
        .all(|v| given(v).is_none())
    }

    /// The workload, with defaults for what is missing, or the first bad parameter.
    pub fn parse(&self, catalog: &Catalog) -> Result<Workload, BadParameter> {
        let max_input = catalog.largest_context_window().unwrap_or(10_000_000);
        let max_output = catalog.largest_max_output().unwrap_or(1_000_000);
        let input = whole("input", &self.input, 1, max_input, "input tokens per request")?
            .unwrap_or(Workload::TYPICAL.input_tokens);
        let output = whole("output", &self.output, 0, max_output, "output tokens per request")?
            .unwrap_or(Workload::TYPICAL.output_tokens);
        let cached =
            whole("cached", &self.cached, 0, 100, "percent of input tokens served from the cache")?.unwrap_or(0);
        let requests = whole("requests", &self.requests, 1, MAX_REQUESTS_PER_MONTH, "requests per month")?;
        let tier = match given(&self.batch) {
            None | Some("0") => ServiceTier::Standard,
            Some("1") => ServiceTier::Batch,
            Some(_) => {
                return Err(BadParameter {
                    param: "batch",
                    problem: "is not 1 or 0".into(),
                    allowed: "1 to price the batch API, 0 (or leave it out) for the standard API".into(),
                });
            }
        };
        let tier = match (given(&self.tier), tier) {
            (None, tier) => tier,
            (Some(text), from_batch) => {
                let tier = ServiceTier::parse(text).ok_or_else(|| BadParameter {
                    param: "tier",
                    problem: "is not a service tier".into(),
                    allowed: one_of(&ServiceTier::ALL.map(ServiceTier::as_str)),
                })?;
                if from_batch == ServiceTier::Batch && tier != ServiceTier::Batch {
                    return Err(BadParameter {
                        param: "batch",
                        problem: "contradicts the tier parameter".into(),
                        allowed: "tier alone (batch=1 is the older spelling of tier=batch)".into(),
                    });
                }
                tier
            }
        };
        let window = match given(&self.window) {
            None | Some("any") => None,
            Some(text) => Some(TimeWindow::parse(text).ok_or_else(|| BadParameter {
                param: "window",
                problem: "is not a time window".into(),
                allowed: format!("{}, or leave it out for any hour", one_of(&TimeWindow::ALL.map(TimeWindow::as_str))),
            })?),
        };
        let cache_write = match given(&self.cache_write) {
            None | Some("none") => None,
            Some(text) => Some(CacheTtl::parse(text).ok_or_else(|| BadParameter {
                param: "cache_write",
                problem: "is not a cache duration".into(),
                allowed: format!(
                    "{}, or leave it out for no cache writes",
                    one_of(&CacheTtl::ALL.map(CacheTtl::as_str))
                ),
            })?),
        };
        Ok(Workload {
            input_tokens: input,
            output_tokens: output,
            cached_percent: cached as u8,
            pay: PayAs { tier, window },
            cache_write,
            requests_per_month: requests,
        })
    }
}

/// The parameter's text when the reader typed something: absent and blank are both "not set".
pub fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A whole number within `min..=max`. Digits only (thousands separators `,` `_` and spaces are
/// allowed); no sign, decimals, exponent or NaN.
fn whole(
    param: &'static str,
    raw: &Option<String>,
    min: u64,
    max: u64,
    what: &str,
) -> Result<Option<u64>, BadParameter> {
    let Some(raw) = given(raw) else { return Ok(None) };
    let allowed = format!(
        "a whole number of {what} from {} to {}",
        crate::domain::format::count(min),
        crate::domain::format::count(max)
    );
    let bad = |problem: &str| BadParameter { param, problem: problem.to_owned(), allowed: allowed.clone() };
    let digits: String = raw.chars().filter(|c| !matches!(c, ',' | '_' | ' ')).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("is not a whole number"));
    }
    let value: u64 = digits.parse().map_err(|_| bad("is too large"))?;
    if value < min {
        return Err(bad("is too small"));
    }
    if value > max {
        return Err(bad("is too large"));
    }
    Ok(Some(value))
}

/// The workload form on a comparison page, filled with what the reader sent.
#[derive(Debug, Clone)]
pub struct WorkloadForm {
    /// The pair's canonical path.
    pub action: String,
    /// The number fields, in the order shown.
    pub fields: Vec<FormField>,
    /// The choice fields (service tier, cache writes, and the window where a model has one).
    pub selects: Vec<FormSelect>,
}

/// One choice field of the workload form.
#[derive(Debug, Clone)]
pub struct FormSelect {
    /// The query parameter.
    pub name: &'static str,
    /// Visible label.
    pub label: &'static str,
    /// (value, label, selected), in the order shown.
    pub options: Vec<(&'static str, String, bool)>,
    /// Why the value was refused, shown next to the field.
    pub error: Option<String>,
}

impl FormSelect {
    fn new(name: &'static str, label: &'static str, options: Vec<(&'static str, String)>, raw: Option<&str>) -> Self {
        let chosen = raw.unwrap_or(options[0].0);
        let options = options.into_iter().map(|(v, l)| (v, l, v == chosen)).collect();
        Self { name, label, options, error: None }
    }
}

/// One number field of the workload form.
#[derive(Debug, Clone)]
pub struct FormField {
    /// The query parameter.
    pub name: &'static str,
    /// Visible label.
    pub label: &'static str,
    /// As the reader typed it, or the default.
    pub value: String,
    /// Width in characters.
    pub size: u8,
    /// Shown when the field is blank.
    pub placeholder: Option<&'static str>,
    /// Why the value was refused, shown next to the field (which is marked `aria-invalid`).
    pub error: Option<String>,
}

impl WorkloadForm {
    /// The form for `action`, showing the raw query where given and the defaults elsewhere.
    pub fn new(action: String, query: &WorkloadQuery) -> Self {
        let typical = Workload::TYPICAL;
        let typed = |raw: &Option<String>, default: String| given(raw).map_or(default, str::to_owned);
        let field =
            |name, label, value, size, placeholder| FormField { name, label, value, size, placeholder, error: None };
        Self {
            action,
            fields: vec![
                field(
                    "input",
                    "Input tokens per request",
                    typed(&query.input, typical.input_tokens.to_string()),
                    9,
                    None,
                ),
                field(
                    "output",
                    "Output tokens per request",
                    typed(&query.output, typical.output_tokens.to_string()),
                    9,
                    None,
                ),
                field("cached", "Input served from cache (%)", typed(&query.cached, "0".into()), 4, None),
                field("requests", "Requests per month", typed(&query.requests, String::new()), 12, Some("optional")),
            ],
            selects: {
                let tier = given(&query.tier).or((given(&query.batch) == Some("1")).then_some("batch"));
                let tiers = ServiceTier::ALL.iter().map(|t| (t.as_str(), t.label().to_owned())).collect();
                let mut writes = vec![("none", "No cache writes".to_owned())];
                writes.extend(CacheTtl::ALL.iter().map(|t| (t.as_str(), format!("{} cache", t.label()))));
                let mut selects = vec![
                    FormSelect::new("tier", "Service tier", tiers, tier),
                    FormSelect::new(
                        "cache_write",
                        "Uncached input written to the cache",
                        writes,
                        given(&query.cache_write),
                    ),
                ];
                if given(&query.window).is_some() {
                    selects.push(window_select(given(&query.window)));
                }
                selects
            },
        }
    }

    /// The form with the window field, for a pair where either model publishes one.
    pub fn offering_window(mut self, raw: Option<&str>) -> Self {
        if !self.selects.iter().any(|s| s.name == "window") {
            self.selects.push(window_select(raw));
        }
        self
    }

    /// The same form with the refused parameter marked and its message beside it.
    pub fn with_error(mut self, bad: &BadParameter) -> Self {
        let message = format!("This value {}: enter {}.", bad.problem, bad.allowed);
        let param = if bad.param == "batch" { "tier" } else { bad.param };
        if let Some(s) = self.selects.iter_mut().find(|s| s.name == param) {
            s.error = Some(message);
        } else if let Some(f) = self.fields.iter_mut().find(|f| f.name == bad.param) {
            f.error = Some(message);
        }
        self
    }
}

fn window_select(raw: Option<&str>) -> FormSelect {
    let mut options = vec![("any", "Any hour".to_owned())];
    options.extend(
        TimeWindow::ALL
            .iter()
            .map(|w| (w.as_str(), format!("{} hours (where published)", crate::domain::format::capitalize(w.label())))),
    );
    FormSelect::new("window", "When requests are sent", options, raw)
}

/// The spellings a parameter takes, from the domain's list, so a new tier, window or cache
/// duration is named in the 400's answer without an edit here: `5m, 1h or 12h`.
fn one_of(spellings: &[&str]) -> String {
    match spellings {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(param: &'static str, raw: &str, min: u64, max: u64) -> Result<Option<u64>, String> {
        whole(param, &Some(raw.to_owned()), min, max, "tokens").map_err(|e| e.problem)
    }

    #[test]
    fn the_allowed_spellings_are_the_domains_lists_joined() {
        assert_eq!(one_of(&ServiceTier::ALL.map(ServiceTier::as_str)), "standard, batch, flex or priority");
        assert_eq!(one_of(&CacheTtl::ALL.map(CacheTtl::as_str)), "5m, 1h or 12h");
        assert_eq!(one_of(&["off-peak"]), "off-peak");
    }

    #[test]
    fn whole_numbers_within_range_are_accepted() {
        assert_eq!(check("input", "100000", 1, 200_000), Ok(Some(100_000)));
        assert_eq!(check("input", "100,000", 1, 200_000), Ok(Some(100_000)));
        assert_eq!(check("input", " 5_000 ", 1, 200_000), Ok(Some(5_000)));
        assert_eq!(whole("input", &None, 1, 10, "tokens"), Ok(None));
    }

    #[test]
    fn a_blank_field_means_not_set() {
        assert_eq!(check("requests", "", 1, 10), Ok(None));
        assert_eq!(check("requests", "  ", 1, 10), Ok(None));
        let blank = WorkloadQuery {
            input: Some(String::new()),
            output: Some(" ".into()),
            cached: Some(String::new()),
            requests: Some(String::new()),
            batch: Some(String::new()),
            ..WorkloadQuery::default()
        };
        assert!(blank.is_empty());
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        for (raw, problem) in [
            (",", "is not a whole number"),
            ("-5", "is not a whole number"),
            ("1.5", "is not a whole number"),
            ("1e5", "is not a whole number"),
            ("NaN", "is not a whole number"),
            ("abc", "is not a whole number"),
            ("0", "is too small"),
            ("200001", "is too large"),
            ("99999999999999999999999", "is too large"),
        ] {
            assert_eq!(check("input", raw, 1, 200_000), Err(problem.to_owned()), "{raw:?}");
        }
    }
}
