//! What a scores import changes, worked out without I/O: each record is checked against what
//! the database holds (known model, benchmark and source, a value in the benchmark's range),
//! then compared with the stored score of the same model, benchmark and source. The result is
//! the report, which is also what [`apply`](super::apply) writes.

use std::collections::HashMap;

use super::super::{ImportError, rejected};
use super::csv_file::{Columns, Record, ScoresCsv};
use super::new_source::NewSource;
use super::read::{Known, ScoreKey};
use super::report::{ScoreRow, ScoreUpdate, ScoresReport};
use crate::domain::model::Date;
use crate::domain::plausible;

/// The report for `csv` against `known`: rows that add a score, rows that update one, rows
/// that match. The first row that fails a check rejects the whole file; `new_source` is refused
/// when a source of that id exists with other details, and reported only when something changes.
pub(super) fn plan(
    label: &str,
    file_name: String,
    csv: &ScoresCsv,
    known: &Known,
    new_source: Option<&NewSource>,
) -> Result<ScoresReport, ImportError> {
    let source_to_create = match new_source {
        None => None,
        Some(s) => match known.sources.get(&s.id) {
            None => Some(s.clone()),
            Some(k) if (&k.title, &k.url, &k.license) == (&s.title, &s.url, &s.license) => None,
            Some(_) => {
                return Err(ImportError::Refused(format!(
                    "{label}: source `{}` already exists with another title, URL or license; pick a new --source-id or leave the options out to cite it",
                    s.id
                )));
            }
        },
    };

    let mut report = ScoresReport {
        file: file_name,
        rows: csv.records.len(),
        new_source: None,
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
    };
    let mut seen: HashMap<ScoreKey, usize> = HashMap::new();
    for record in &csv.records {
        let row = score_row(&csv.columns, label, record, known, new_source)?;
        if let Some(first) = seen.insert((row.model.clone(), row.benchmark.clone(), row.source.clone()), row.line) {
            return Err(rejected(
                label,
                format!("line {}", row.line),
                "source",
                format!("line {first} already gives {} on {} from `{}`", row.model, row.benchmark, row.source),
            ));
        }
        match known.scores.get(&(row.model.clone(), row.benchmark.clone(), row.source.clone())) {
            None => report.added.push(row),
            Some(stored)
                if stored.value == row.value
                    && stored.independent == row.independent
                    && stored.as_of == row.date.iso()
                    && stored.note == row.note =>
            {
                report.unchanged += 1;
            }
            Some(stored) => report.updated.push(ScoreUpdate {
                value: stored.value,
                date: stored.as_of.clone(),
                independent: stored.independent,
                note: stored.note.clone(),
                row,
            }),
        }
    }
    if report.changes_anything() {
        report.new_source = source_to_create;
    }
    Ok(report)
}

/// Reads one record as a score, checking each field in column order of meaning: the model,
/// the benchmark, the value against the benchmark's scale, the source, the date, the
/// provenance and the note.
fn score_row(
    columns: &Columns,
    label: &str,
    record: &Record,
    known: &Known,
    new_source: Option<&NewSource>,
) -> Result<ScoreRow, ImportError> {
    let entry = format!("line {}", record.line);
    let bad = |field: &str, problem: String| rejected(label, &entry, field, problem);
    if record.fields.len() != columns.count {
        return Err(bad("(row)", format!("has {} fields, the header has {}", record.fields.len(), columns.count)));
    }
    let get = |i: usize| record.fields[i].trim();
    let model = get(columns.model);
    if !known.models.contains(model) {
        return Err(bad("model", format!("unknown model `{model}`")));
    }
    let benchmark = get(columns.benchmark);
    let Some(scale) = known.benchmarks.get(benchmark) else {
        return Err(bad("benchmark", format!("unknown benchmark `{benchmark}`")));
    };
    let text = get(columns.value);
    let value: f64 = text.parse().map_err(|_| bad("value", format!("`{text}` is not a number")))?;
    if !value.is_finite() {
        return Err(bad("value", format!("`{text}` is not a finite number")));
    }
    let (lo, hi, rule) = plausible::score_range(*scale);
    if !(lo..=hi).contains(&value) {
        return Err(bad("value", format!("{value} is out of range: {rule}")));
    }
    let source = get(columns.source);
    if !known.sources.contains_key(source) && new_source.is_none_or(|s| s.id != source) {
        return Err(bad(
            "source",
            format!("unknown source `{source}`; declare a new one with --source-id and friends"),
        ));
    }
    let date_text = get(columns.date);
    let date = Date::parse(date_text).ok_or_else(|| bad("date", format!("`{date_text}` is not a YYYY-MM-DD date")))?;
    let independent = match get(columns.independent) {
        "true" | "independent" => true,
        "false" | "vendor" | "vendor-reported" => false,
        other => return Err(bad("independent", format!("`{other}` is not true/false or independent/vendor"))),
    };
    let note = columns.note.map(|i| record.fields[i].clone()).filter(|n| !n.trim().is_empty());
    if let Some(problem) = note.as_deref().and_then(plausible::text_problem) {
        return Err(bad("note", problem));
    }
    Ok(ScoreRow {
        line: record.line,
        model: model.to_owned(),
        benchmark: benchmark.to_owned(),
        value,
        source: source.to_owned(),
        date,
        independent,
        note,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::db::import::scores::read::{KnownSource, StoredScore};
    use crate::domain::model::Scale;

    /// One model `m`, one percent benchmark `b`, one source `s`, and a stored independent
    /// score of 50 on 2026-01-10 with no note.
    fn known() -> Known {
        let source =
            KnownSource { title: "S".to_owned(), url: "https://s.example".to_owned(), license: "CC-BY-4.0".to_owned() };
        Known {
            models: HashSet::from(["m".to_owned()]),
            benchmarks: HashMap::from([("b".to_owned(), Scale::Percent)]),
            sources: HashMap::from([("s".to_owned(), source)]),
            scores: HashMap::from([(
                ("m".to_owned(), "b".to_owned(), "s".to_owned()),
                StoredScore { value: 50.0, independent: true, as_of: "2026-01-10".to_owned(), note: None },
            )]),
        }
    }

    fn plan_of(rows: &str, new_source: Option<&NewSource>) -> Result<ScoresReport, ImportError> {
        let text = format!("model,benchmark,value,source,date,independent\n{rows}");
        let csv = super::super::csv_file::parse("t.csv", &text).unwrap();
        plan("t.csv", "t.csv".to_owned(), &csv, &known(), new_source)
    }

    fn declared(id: &str) -> NewSource {
        NewSource {
            id: id.to_owned(),
            title: "New".to_owned(),
            url: "https://new.example".to_owned(),
            license: "MIT".to_owned(),
        }
    }

    #[test]
    fn a_row_matching_the_stored_score_changes_nothing() {
        let report = plan_of("m,b,50,s,2026-01-10,true\n", None).unwrap();
        assert_eq!((report.rows, report.unchanged), (1, 1));
        assert!(report.added.is_empty() && report.updated.is_empty());
        assert!(!report.changes_anything());
        assert!(report.to_string().ends_with("Unchanged scores: 1\nNothing changes.\n"));
    }

    #[test]
    fn a_changed_value_updates_the_stored_score_and_reports_old_and_new() {
        let report = plan_of("m,b,55.5,s,2026-01-10,independent\n", None).unwrap();
        assert_eq!((report.added.len(), report.updated.len(), report.unchanged), (0, 1, 0));
        let update = &report.updated[0];
        assert_eq!((update.value, update.row.value, update.row.line), (50.0, 55.5, 2));
        assert!(report.changes_anything());
        assert!(report.to_string().contains("Updated scores: 1\n  line 2: m / b (s): value 50 → 55.5\n"));
    }

    #[test]
    fn a_declared_source_is_reported_only_when_a_row_changes_something() {
        let source = declared("n");
        let adds = plan_of("m,b,60,n,2026-02-01,vendor\n", Some(&source)).unwrap();
        assert_eq!(adds.added.len(), 1);
        assert_eq!(adds.new_source, Some(source.clone()));
        let matches = plan_of("m,b,50,s,2026-01-10,true\n", Some(&source)).unwrap();
        assert_eq!(matches.new_source, None);
    }

    #[test]
    fn the_first_failing_row_rejects_the_file() {
        // Line 2 names an unknown model and line 3 is out of range: line 2 is reported.
        let rows = "x,b,50,s,2026-01-10,true\nm,b,101,s,2026-01-10,true\n";
        let error = plan_of(rows, None).unwrap_err();
        assert_eq!(error.to_string(), "t.csv: entry `line 2`, field `model`: unknown model `x`");
    }
}
