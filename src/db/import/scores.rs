//! Importing benchmark scores from a CSV file with the header
//! `model,benchmark,value,source,date,independent` and an optional `note` column (any order).
//! `independent` is `true`/`independent` for a third party's own run and `false`/`vendor` for a
//! vendor's claim. `source` names an existing source, or the one new source declared on the
//! command line ([`NewSource`]). A row with the same model, benchmark and source as a stored
//! score updates it; any other row adds one.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use sqlx::{SqliteConnection, SqlitePool};

use super::{ImportError, ImportOptions, Outcome, begin, finish, read_text, rejected};
use crate::domain::model::{Date, Scale};
use crate::domain::plausible;

/// A source declared on the command line (`--source-id` and friends) for the rows that cite
/// it; created with the import's date when it does not exist yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// Id the rows cite.
    pub id: String,
    /// Title shown in citations.
    pub title: String,
    /// Where a reader can check it.
    pub url: String,
    /// The license the figures are used under.
    pub license: String,
}

/// One score as a row gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// The CSV line the row starts on.
    pub line: usize,
    /// Model id.
    pub model: String,
    /// Benchmark id.
    pub benchmark: String,
    /// Value in the benchmark's scale.
    pub value: f64,
    /// Source id.
    pub source: String,
    /// Date the figure holds for.
    pub date: Date,
    /// Third-party run (`true`) or vendor claim.
    pub independent: bool,
    /// Method notes.
    pub note: Option<String>,
}

/// A stored score a row changes: what it held before.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreUpdate {
    /// The row.
    pub row: ScoreRow,
    /// Old value.
    pub value: f64,
    /// Old date.
    pub date: String,
    /// Old provenance.
    pub independent: bool,
    /// Old note.
    pub note: Option<String>,
}

/// What a scores import changes; the same for a dry run and a real run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoresReport {
    /// The file's name.
    pub file: String,
    /// Data rows in the file.
    pub rows: usize,
    /// The declared source, when the import creates it.
    pub new_source: Option<NewSource>,
    /// Rows that add a score.
    pub added: Vec<ScoreRow>,
    /// Rows that change a stored score.
    pub updated: Vec<ScoreUpdate>,
    /// Rows identical to a stored score.
    pub unchanged: usize,
}

impl ScoresReport {
    /// Whether applying the import writes anything.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

fn provenance(independent: bool) -> &'static str {
    if independent { "independent" } else { "vendor-reported" }
}

fn note_text(note: &Option<String>) -> String {
    note.as_ref().map_or_else(|| "none".to_owned(), |n| format!("{n:?}"))
}

impl fmt::Display for ScoresReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Scores file {}: {} rows", self.file, self.rows)?;
        if let Some(s) = &self.new_source {
            writeln!(f, "New source: {} ({}, {}, {})", s.id, s.title, s.url, s.license)?;
        }
        writeln!(f, "New scores: {}", self.added.len())?;
        for r in &self.added {
            writeln!(
                f,
                "  line {}: {} / {} = {} ({}, {}, {})",
                r.line,
                r.model,
                r.benchmark,
                r.value,
                r.source,
                r.date.iso(),
                provenance(r.independent)
            )?;
        }
        writeln!(f, "Updated scores: {}", self.updated.len())?;
        for u in &self.updated {
            let r = &u.row;
            let mut parts = Vec::new();
            if u.value != r.value {
                parts.push(format!("value {} → {}", u.value, r.value));
            }
            if u.date != r.date.iso() {
                parts.push(format!("date {} → {}", u.date, r.date.iso()));
            }
            if u.independent != r.independent {
                parts.push(format!("{} → {}", provenance(u.independent), provenance(r.independent)));
            }
            if u.note != r.note {
                parts.push(format!("note {} → {}", note_text(&u.note), note_text(&r.note)));
            }
            writeln!(f, "  line {}: {} / {} ({}): {}", r.line, r.model, r.benchmark, r.source, parts.join("; "))?;
        }
        writeln!(f, "Unchanged scores: {}", self.unchanged)?;
        if !self.changes_anything() {
            writeln!(f, "Nothing changes.")?;
        }
        Ok(())
    }
}

/// Imports the scores CSV at `path`, checking every row before writing any.
pub async fn import_scores(
    pool: &SqlitePool,
    path: &Path,
    options: &ImportOptions,
    new_source: Option<&NewSource>,
) -> Result<Outcome<ScoresReport>, ImportError> {
    let label = path.display().to_string();
    let file_name = path.file_name().map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
    if let Some(s) = new_source {
        let bad = |field: &str, problem: String| rejected(&label, "(command line)", field, problem);
        if !plausible::is_web_url(&s.url) {
            return Err(bad("--source-url", "must be an http:// or https:// address".into()));
        }
        for (field, text) in [("--source-id", &s.id), ("--source-title", &s.title), ("--source-license", &s.license)] {
            if let Some(problem) = plausible::text_problem(text) {
                return Err(bad(field, problem));
            }
        }
    }
    let text = read_text(path)?;
    let records = parse_csv(text.strip_prefix('\u{feff}').unwrap_or(&text))
        .map_err(|(line, problem)| rejected(&label, format!("line {line}"), "(csv)", problem))?;
    let columns = Columns::from_header(&label, records.first())?;

    let mut tx = begin(pool).await?;
    let known = Known::read(&mut tx).await?;
    let source_to_create = match new_source {
        None => None,
        Some(s) => match known.sources.get(&s.id) {
            None => Some(s.clone()),
            Some((title, url, license)) if (title, url, license) == (&s.title, &s.url, &s.license) => None,
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
        rows: records.len().saturating_sub(1),
        new_source: None,
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
    };
    let mut seen: HashMap<ScoreKey, usize> = HashMap::new();
    for record in records.iter().skip(1) {
        let row = columns.row(&label, record, &known, new_source)?;
        if let Some(first) = seen.insert((row.model.clone(), row.benchmark.clone(), row.source.clone()), row.line) {
            return Err(rejected(
                &label,
                format!("line {}", row.line),
                "source",
                format!("line {first} already gives {} on {} from `{}`", row.model, row.benchmark, row.source),
            ));
        }
        match known.scores.get(&(row.model.clone(), row.benchmark.clone(), row.source.clone())) {
            None => report.added.push(row),
            Some((value, independent, date, note))
                if *value == row.value
                    && *independent == row.independent
                    && date == row.date.iso()
                    && *note == row.note =>
            {
                report.unchanged += 1;
            }
            Some((value, independent, date, note)) => report.updated.push(ScoreUpdate {
                value: *value,
                date: date.clone(),
                independent: *independent,
                note: note.clone(),
                row,
            }),
        }
    }
    let changes = report.changes_anything();
    if changes {
        report.new_source = source_to_create;
    }
    // A dry run writes too, inside the transaction `finish` rolls back: the same path up to the commit.
    if changes {
        apply(&mut tx, &report, &options.as_of).await?;
    }
    finish(tx, report, changes, options.dry_run).await
}

/// A score's identity: model, benchmark, source.
type ScoreKey = (String, String, String);

/// What the rows may cite, and the stored scores.
struct Known {
    models: std::collections::HashSet<String>,
    benchmarks: HashMap<String, Scale>,
    /// id -> (title, url, license).
    sources: HashMap<String, (String, String, String)>,
    /// (model, benchmark, source) -> (value, independent, as_of, note).
    scores: HashMap<ScoreKey, (f64, bool, String, Option<String>)>,
}

impl Known {
    async fn read(conn: &mut SqliteConnection) -> Result<Self, ImportError> {
        let models: Vec<String> = sqlx::query_scalar("SELECT slug FROM models").fetch_all(&mut *conn).await?;
        let benchmarks: Vec<(String, String)> =
            sqlx::query_as("SELECT slug, scale FROM benchmarks").fetch_all(&mut *conn).await?;
        let sources: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT id, title, url, license FROM sources").fetch_all(&mut *conn).await?;
        #[allow(clippy::type_complexity)]
        let scores: Vec<(String, String, String, f64, bool, String, Option<String>)> =
            sqlx::query_as("SELECT model, benchmark, source, value, independent, as_of, note FROM scores")
                .fetch_all(&mut *conn)
                .await?;
        Ok(Self {
            models: models.into_iter().collect(),
            benchmarks: benchmarks
                .into_iter()
                .filter_map(|(slug, scale)| Some((slug, Scale::parse(&scale)?)))
                .collect(),
            sources: sources.into_iter().map(|(id, t, u, l)| (id, (t, u, l))).collect(),
            scores: scores
                .into_iter()
                .map(|(m, b, s, value, independent, as_of, note)| ((m, b, s), (value, independent, as_of, note)))
                .collect(),
        })
    }
}

/// Where each column is.
struct Columns {
    model: usize,
    benchmark: usize,
    value: usize,
    source: usize,
    date: usize,
    independent: usize,
    note: Option<usize>,
    count: usize,
}

const REQUIRED: [&str; 6] = ["model", "benchmark", "value", "source", "date", "independent"];

impl Columns {
    fn from_header(label: &str, header: Option<&Record>) -> Result<Self, ImportError> {
        let Some(header) = header else {
            return Err(rejected(
                label,
                "line 1",
                "(header)",
                format!("the file is empty; it needs the header {},note", REQUIRED.join(",")),
            ));
        };
        let entry = format!("line {}", header.line);
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, name) in header.fields.iter().enumerate() {
            let name = name.trim();
            if !REQUIRED.contains(&name) && name != "note" {
                return Err(rejected(
                    label,
                    &entry,
                    name,
                    format!("unknown column; the columns are {},note", REQUIRED.join(",")),
                ));
            }
            if index.insert(name, i).is_some() {
                return Err(rejected(label, &entry, name, "column given twice"));
            }
        }
        let find = |name: &str| index.get(name).copied().ok_or_else(|| rejected(label, &entry, name, "missing column"));
        Ok(Self {
            model: find("model")?,
            benchmark: find("benchmark")?,
            value: find("value")?,
            source: find("source")?,
            date: find("date")?,
            independent: find("independent")?,
            note: index.get("note").copied(),
            count: header.fields.len(),
        })
    }

    fn row(
        &self,
        label: &str,
        record: &Record,
        known: &Known,
        new_source: Option<&NewSource>,
    ) -> Result<ScoreRow, ImportError> {
        let entry = format!("line {}", record.line);
        let bad = |field: &str, problem: String| rejected(label, &entry, field, problem);
        if record.fields.len() != self.count {
            return Err(bad("(row)", format!("has {} fields, the header has {}", record.fields.len(), self.count)));
        }
        let get = |i: usize| record.fields[i].trim();
        let model = get(self.model);
        if !known.models.contains(model) {
            return Err(bad("model", format!("unknown model `{model}`")));
        }
        let benchmark = get(self.benchmark);
        let Some(scale) = known.benchmarks.get(benchmark) else {
            return Err(bad("benchmark", format!("unknown benchmark `{benchmark}`")));
        };
        let text = get(self.value);
        let value: f64 = text.parse().map_err(|_| bad("value", format!("`{text}` is not a number")))?;
        if !value.is_finite() {
            return Err(bad("value", format!("`{text}` is not a finite number")));
        }
        let (lo, hi, rule) = plausible::score_range(*scale);
        if !(lo..=hi).contains(&value) {
            return Err(bad("value", format!("{value} is out of range: {rule}")));
        }
        let source = get(self.source);
        if !known.sources.contains_key(source) && new_source.is_none_or(|s| s.id != source) {
            return Err(bad(
                "source",
                format!("unknown source `{source}`; declare a new one with --source-id and friends"),
            ));
        }
        let date_text = get(self.date);
        let date =
            Date::parse(date_text).ok_or_else(|| bad("date", format!("`{date_text}` is not a YYYY-MM-DD date")))?;
        let independent = match get(self.independent) {
            "true" | "independent" => true,
            "false" | "vendor" | "vendor-reported" => false,
            other => return Err(bad("independent", format!("`{other}` is not true/false or independent/vendor"))),
        };
        let note = self.note.map(|i| record.fields[i].clone()).filter(|n| !n.trim().is_empty());
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
}

async fn apply(conn: &mut SqliteConnection, report: &ScoresReport, as_of: &Date) -> Result<(), ImportError> {
    if let Some(s) = &report.new_source {
        sqlx::query("INSERT INTO sources (id, title, url, license, as_of) VALUES (?, ?, ?, ?, ?)")
            .bind(&s.id)
            .bind(&s.title)
            .bind(&s.url)
            .bind(&s.license)
            .bind(as_of.iso())
            .execute(&mut *conn)
            .await?;
    }
    for r in &report.added {
        sqlx::query(
            "INSERT INTO scores (model, benchmark, value, independent, source, as_of, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&r.model)
        .bind(&r.benchmark)
        .bind(r.value)
        .bind(r.independent)
        .bind(&r.source)
        .bind(r.date.iso())
        .bind(&r.note)
        .execute(&mut *conn)
        .await?;
    }
    for u in &report.updated {
        let r = &u.row;
        sqlx::query(
            "UPDATE scores SET value = ?, independent = ?, as_of = ?, note = ? WHERE model = ? AND benchmark = ? AND source = ?",
        )
        .bind(r.value)
        .bind(r.independent)
        .bind(r.date.iso())
        .bind(&r.note)
        .bind(&r.model)
        .bind(&r.benchmark)
        .bind(&r.source)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A CSV record: the line it starts on and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits CSV text (RFC 4180: fields separated by commas, records by newlines; a field in
/// double quotes may hold commas, newlines and doubled quotes) into records. Blank lines are
/// skipped. The error gives the line and the problem.
fn parse_csv(text: &str) -> Result<Vec<Record>, (usize, String)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false; // inside quotes
    let mut closed = false; // just after a closing quote
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    closed = true;
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !closed => quoted = true,
            '"' => return Err((line, "a quote inside a field: quote the whole field and double the quote".into())),
            ',' => {
                fields.push(std::mem::take(&mut field));
                closed = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                let blank = fields.len() == 1 && fields[0].is_empty() && !closed;
                let done = std::mem::take(&mut fields);
                if !blank {
                    records.push(Record { line: start, fields: done });
                }
                closed = false;
                line += 1;
                start = line;
            }
            _ if closed => return Err((line, "text after a closing quote".into())),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err((start, "a quoted field is never closed".into()));
    }
    if !fields.is_empty() || !field.is_empty() || closed {
        fields.push(field);
        records.push(Record { line: start, fields });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Vec<String>)> {
        parse_csv(text).unwrap().into_iter().map(|r| (r.line, r.fields)).collect()
    }

    fn record(line: usize, fields: &[&str]) -> (usize, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn csv_fields_may_quote_commas_quotes_and_newlines() {
        assert_eq!(
            records("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\n2,\"two\nlines\",\n3,,\"\""),
            vec![
                record(1, &["a", "b", "c"]),
                record(2, &["1", "x, y", "say \"hi\""]),
                record(4, &["2", "two\nlines", ""]),
                record(6, &["3", "", ""]),
            ]
        );
    }

    #[test]
    fn csv_errors_give_the_line() {
        assert_eq!(parse_csv("a,b\n1,x\"y\n").unwrap_err().0, 2);
        assert_eq!(parse_csv("a,b\n1,\"x\"y\n").unwrap_err().0, 2);
        assert_eq!(parse_csv("a,b\n\n1,\"open\n").unwrap_err(), (3, "a quoted field is never closed".into()));
    }
}
