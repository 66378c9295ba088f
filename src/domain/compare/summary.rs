//! The comparison's summary: the few figures a reader decides on first (request cost, input and
//! output price, headline index, context window, speed, status), each with the difference. Its
//! rows are copies of the comparison's own table rows, so the summary, the tables below it and
//! the API can never disagree.

use super::side::Side;
use super::tables::{Citations, Figure, Row};
use crate::domain::Catalog;
use crate::domain::model::{Date, ModelStatus};

/// Label of the performance row the summary takes the context window from.
pub(crate) const CONTEXT_LABEL: &str = "Context window (tokens)";
/// Label of the performance row the summary takes output speed from.
pub(crate) const SPEED_LABEL: &str = "Output speed";

/// What a model without a headline index score shows in the summary.
pub const NO_INDEX: &str = "no index score yet";

/// The comparison's own rows the summary is built from.
pub(crate) struct Parts<'r> {
    /// Cost of the request the page is priced for (typical or the reader's).
    pub cost: &'r Row,
    /// The price table: input is its first row, output its second.
    pub prices: &'r [Row],
    /// The headline index row, when there is a headline index.
    pub index: Option<&'r Row>,
    /// The key performance rows (speed and limits among them).
    pub performance: &'r [Row],
}

/// The summary rows, in reading order. Figures keep their citations and drop their long
/// details (the tables below carry those); a row of speeds appears only where a source
/// measured either model.
pub(crate) fn rows(
    catalog: &Catalog,
    cites: &mut Citations,
    a: &Side,
    b: &Side,
    parts: Parts,
    today: &Date,
) -> Vec<Row> {
    let short = |row: &Row, label: &str| Row {
        label: label.to_owned(),
        hint: None,
        a: Figure { detail: None, ..row.a.clone() },
        b: Figure { detail: None, ..row.b.clone() },
        difference_usd: row.difference_usd,
        difference: row.difference.clone(),
    };
    let mut rows = vec![Row { hint: parts.cost.hint.clone(), ..short(parts.cost, &parts.cost.label) }];
    if let [input, output, ..] = parts.prices {
        rows.push(short(input, "Input / 1M tokens"));
        rows.push(short(output, "Output / 1M tokens"));
    }
    if let Some(index) = parts.index {
        let mut row = short(index, &index.label);
        for f in [&mut row.a, &mut row.b] {
            if f.missing {
                f.text = NO_INDEX.to_owned();
            }
        }
        rows.push(row);
    }
    let find = |label: &str| parts.performance.iter().find(|r| r.label == label);
    if let Some(context) = find(CONTEXT_LABEL) {
        rows.push(short(context, "Context window"));
    }
    if let Some(speed) = find(SPEED_LABEL).filter(|r| !r.a.missing || !r.b.missing) {
        rows.push(short(speed, "Output speed"));
    }
    rows.push(status_row(catalog, cites, a, b, today));
    rows
}

/// Whether each model can still be called today: a shutdown date in the past means retired on
/// the day the page is served, whatever the stored status says.
fn status_row(catalog: &Catalog, cites: &mut Citations, a: &Side, b: &Side, today: &Date) -> Row {
    let status = |s: &Side, cites: &mut Citations| {
        let m = s.model;
        let shut = m.deprecation_date.as_ref();
        // The one dated-status rule (domain/status.rs), not a second reading of the date here.
        let on_the_day = crate::domain::status::status_on(m.status, shut, today);
        let text = match (on_the_day, shut) {
            (ModelStatus::Retired, Some(d)) => format!("retired {}", d.iso()),
            (ModelStatus::Retired, None) => "retired".to_owned(),
            (_, Some(d)) => format!("shuts down {}", d.iso()),
            (_, None) => "available".to_owned(),
        };
        let cite = m.status_source.as_ref().and_then(|src| cites.cite(catalog, src));
        (Figure::known(text, cite), on_the_day != ModelStatus::Retired)
    };
    let ((fa, open_a), (fb, open_b)) = (status(a, cites), status(b, cites));
    let difference = match (open_a, open_b) {
        (true, true) if fa.text == fb.text => Some("both available".to_owned()),
        (true, false) => Some(format!("only {} can be called", a.name())),
        (false, true) => Some(format!("only {} can be called", b.name())),
        _ => None,
    };
    Row { label: "Status".into(), hint: None, a: fa, b: fb, difference, difference_usd: None }
}
