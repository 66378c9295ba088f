//! The scores CSV read as a pure function over its text: split into records (RFC 4180) and the
//! header mapped to column positions. What a row's values mean, and whether they cite what the
//! database holds, is the plan's concern.
//!
//! The split is by hand, not the `csv` crate (which writes `models.csv`): the crate has no
//! strict mode and reads `"0.5"1` as `0.51`, and an imported number must be refused, naming its
//! line, rather than guessed.

use std::collections::HashMap;

use super::super::{ImportError, rejected};

/// The file split, its header checked: where each column is, and the data records.
pub(super) struct ScoresCsv {
    /// Where each column is.
    pub(super) columns: Columns,
    /// The records after the header, in file order.
    pub(super) records: Vec<Record>,
}

/// Splits the text (a leading byte-order mark is skipped) and maps its header; `label` is the
/// file as given, named in the error.
pub(super) fn parse(label: &str, text: &str) -> Result<ScoresCsv, ImportError> {
    let records = parse_csv(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|(line, problem)| rejected(label, format!("line {line}"), "(csv)", problem))?;
    let columns = Columns::from_header(label, records.first())?;
    Ok(ScoresCsv { columns, records: records.into_iter().skip(1).collect() })
}

/// Where each column is.
pub(super) struct Columns {
    pub(super) model: usize,
    pub(super) benchmark: usize,
    pub(super) value: usize,
    pub(super) source: usize,
    pub(super) date: usize,
    pub(super) independent: usize,
    pub(super) note: Option<usize>,
    pub(super) count: usize,
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
}

/// A CSV record: the line it starts on and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub(super) line: usize,
    pub(super) fields: Vec<String>,
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
