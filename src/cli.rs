//! The binary's commands: with no arguments it serves the site (reloading the dataset when an
//! import changes it); `import litellm|scores|dataset PATH` and `export PATH` keep the data
//! current. Arguments are parsed by hand: there are five commands and four options.

use std::path::PathBuf;
use std::time::Duration;

use sqlx::SqlitePool;

use crate::config::ConfigError;
use crate::db::import::{ImportError, ImportOptions, NewSource, Outcome};
use crate::db::{self, DbError};
use crate::domain::Catalog;
use crate::domain::model::Date;
use crate::web::AppState;

/// `--help`.
pub const USAGE: &str = "\
llm-compare: LLM price and benchmark comparison site

Usage:
  llm-compare                                serve the site (HOST, PORT, DATABASE_URL)
  llm-compare import catalog PATH [--dry-run] [--create-database]
        add the models data/catalog.toml lists and set their source keys (figures come from
        the other imports); a new database (--create-database) is built without the seed
  llm-compare import modelsdev PATH [--dry-run] [--as-of YYYY-MM-DD] [--source-id ID]
        update names, release dates, limits, open weights, knowledge cutoff and status from
        models.dev's api.json, for the models whose catalog entry names a models.dev id
  llm-compare import litellm PATH [--dry-run] [--as-of YYYY-MM-DD] [--source-id ID] [--allow-price-jump]
        update our models' prices (and shutdown dates) from a LiteLLM price map (JSON, USD
        per token); lists unmapped chat keys with a catalog entry to paste; a price moving
        1,000x or more is refused unless --allow-price-jump says it is meant
  llm-compare import scores PATH [--dry-run] [--as-of YYYY-MM-DD]
        [--source-id ID --source-title TITLE --source-url URL --source-license LICENSE]
        add or update benchmark scores from a CSV file with the header
        model,benchmark,value,source,date,independent[,note]
  llm-compare import dataset PATH [--dry-run]
        load a dataset file (the format of data/seed.json and of export) into an empty database
  llm-compare export PATH
        write the whole dataset, with every past price, to a file import dataset reads back
  llm-compare --help                         this text

Every import checks the whole file first and applies it in one transaction: a bad file
changes nothing and the message names the file, the entry and the field. --dry-run prints
the same report and writes nothing. --as-of sets the date the figures hold for (default:
today, UTC). --source-id cites a source the catalog declares instead of creating one. The
commands use DATABASE_URL like the server; a running server picks up the change within
RELOAD_INTERVAL_SECS (default 5). A DATABASE_URL whose file does not exist is refused (a typo
would otherwise create and seed a new database); --create-database makes one.
scripts/build-seed.sh runs them all to build data/seed.json.
";

/// Default seconds between the server's checks for a new dataset revision.
pub const DEFAULT_RELOAD_INTERVAL_SECS: u64 = 5;

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Serve the site.
    Serve,
    /// Print [`USAGE`].
    Help,
    /// `import litellm PATH`.
    ImportLitellm {
        /// The price map.
        path: PathBuf,
        /// Report only.
        dry_run: bool,
        /// The date the prices hold for; today when `None`.
        as_of: Option<Date>,
        /// Accept a price moving 1,000x or more (`--allow-price-jump`).
        allow_price_jump: bool,
        /// Create the database if its file does not exist (`--create-database`).
        create_database: bool,
        /// An existing source to cite instead of a new one.
        source_id: Option<String>,
    },
    /// `import catalog PATH`.
    ImportCatalog {
        /// The catalog file.
        path: PathBuf,
        /// Report only.
        dry_run: bool,
        /// Create the database if its file does not exist (`--create-database`).
        create_database: bool,
    },
    /// `import modelsdev PATH`.
    ImportModelsDev {
        /// models.dev's api.json.
        path: PathBuf,
        /// Report only.
        dry_run: bool,
        /// The date the figures hold for; today when `None`.
        as_of: Option<Date>,
        /// An existing source to cite instead of a new one.
        source_id: Option<String>,
    },
    /// `import scores PATH`.
    ImportScores {
        /// The CSV file.
        path: PathBuf,
        /// Report only.
        dry_run: bool,
        /// The date of a source the import creates; today when `None`.
        as_of: Option<Date>,
        /// A source to create for the rows that cite it.
        new_source: Option<NewSource>,
        /// Create the database if its file does not exist (`--create-database`).
        create_database: bool,
    },
    /// `import dataset PATH`.
    ImportDataset {
        /// The dataset file.
        path: PathBuf,
        /// Report only.
        dry_run: bool,
        /// Create the database if its file does not exist (`--create-database`).
        create_database: bool,
    },
    /// `export PATH`.
    Export {
        /// Where to write.
        path: PathBuf,
    },
}

/// A command line that cannot be run, with what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} (run `llm-compare --help` for usage)")]
pub struct UsageError(pub String);

fn usage(message: impl Into<String>) -> UsageError {
    UsageError(message.into())
}

/// Parses the arguments after the program name.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, UsageError> {
    let args: Vec<String> = args.into_iter().collect();
    if args.is_empty() {
        return Ok(Command::Serve);
    }
    if args.iter().any(|a| matches!(a.as_str(), "--help" | "-h" | "help")) {
        return Ok(Command::Help);
    }
    let (words, options) = split_options(&args)?;
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let allow = |allowed: &[&str]| -> Result<(), UsageError> {
        match options.iter().find(|(name, _)| !allowed.contains(&name.as_str())) {
            Some((name, _)) => Err(usage(format!("--{name} does not apply to `{}`", words.join(" ")))),
            None => Ok(()),
        }
    };
    let flag = |name: &str| options.iter().any(|(n, _)| n == name);
    let value = |name: &str| options.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.clone());
    let as_of = || -> Result<Option<Date>, UsageError> {
        value("as-of")
            .map(|v| Date::parse(&v).ok_or_else(|| usage(format!("--as-of {v}: expected a date such as 2026-11-25"))))
            .transpose()
    };
    match words.as_slice() {
        ["import", "litellm", path] => {
            allow(&["dry-run", "as-of", "allow-price-jump", "create-database", "source-id"])?;
            Ok(Command::ImportLitellm {
                path: PathBuf::from(path),
                dry_run: flag("dry-run"),
                as_of: as_of()?,
                source_id: value("source-id"),
                allow_price_jump: flag("allow-price-jump"),
                create_database: flag("create-database"),
            })
        }
        ["import", "modelsdev", path] => {
            allow(&["dry-run", "as-of", "source-id"])?;
            Ok(Command::ImportModelsDev {
                path: PathBuf::from(path),
                dry_run: flag("dry-run"),
                as_of: as_of()?,
                source_id: value("source-id"),
            })
        }
        ["import", "catalog", path] => {
            allow(&["dry-run", "create-database"])?;
            Ok(Command::ImportCatalog {
                path: PathBuf::from(path),
                dry_run: flag("dry-run"),
                create_database: flag("create-database"),
            })
        }
        ["import", "scores", path] => {
            allow(&[
                "dry-run",
                "as-of",
                "source-id",
                "source-title",
                "source-url",
                "source-license",
                "create-database",
            ])?;
            let parts = ["source-id", "source-title", "source-url", "source-license"].map(value);
            let new_source = match parts {
                [None, None, None, None] => None,
                [Some(id), Some(title), Some(url), Some(license)] => Some(NewSource { id, title, url, license }),
                _ => {
                    return Err(usage(
                        "a new source needs all four of --source-id, --source-title, --source-url and --source-license",
                    ));
                }
            };
            Ok(Command::ImportScores {
                path: PathBuf::from(path),
                dry_run: flag("dry-run"),
                as_of: as_of()?,
                new_source,
                create_database: flag("create-database"),
            })
        }
        ["import", "dataset", path] => {
            allow(&["dry-run", "create-database"])?;
            Ok(Command::ImportDataset {
                path: PathBuf::from(path),
                dry_run: flag("dry-run"),
                create_database: flag("create-database"),
            })
        }
        ["export", path] => {
            allow(&[])?;
            Ok(Command::Export { path: PathBuf::from(path) })
        }
        ["import", kind, ..] if !matches!(*kind, "catalog" | "modelsdev" | "litellm" | "scores" | "dataset") => {
            Err(usage(format!("cannot import `{kind}`: the kinds are catalog, modelsdev, litellm, scores and dataset")))
        }
        ["import", ..] => {
            Err(usage("import takes a kind (catalog, modelsdev, litellm, scores or dataset) and one PATH"))
        }
        ["export", ..] => Err(usage("export takes one PATH")),
        [other, ..] => Err(usage(format!("unknown command `{other}`"))),
        [] => Err(usage("no command given, only options")),
    }
}

/// Splits `args` into positional words and `--name [value]` options. Options that take a
/// value accept `--name value` and `--name=value`.
#[allow(clippy::type_complexity)]
fn split_options(args: &[String]) -> Result<(Vec<String>, Vec<(String, Option<String>)>), UsageError> {
    const WITH_VALUE: [&str; 5] = ["as-of", "source-id", "source-title", "source-url", "source-license"];
    const FLAGS: [&str; 3] = ["dry-run", "allow-price-jump", "create-database"];
    let mut words = Vec::new();
    let mut options: Vec<(String, Option<String>)> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let Some(option) = arg.strip_prefix("--") else {
            words.push(arg.clone());
            continue;
        };
        let (name, inline) = match option.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (option, None),
        };
        if options.iter().any(|(n, _)| n == name) {
            return Err(usage(format!("--{name} given twice")));
        }
        if FLAGS.contains(&name) {
            if inline.is_some() {
                return Err(usage(format!("--{name} takes no value")));
            }
            options.push((name.to_owned(), None));
        } else if WITH_VALUE.contains(&name) {
            let v = match inline {
                Some(v) => v,
                None => it.next().cloned().ok_or_else(|| usage(format!("--{name} needs a value")))?,
            };
            options.push((name.to_owned(), Some(v)));
        } else {
            return Err(usage(format!("unknown option --{name}")));
        }
    }
    Ok((words, options))
}

/// `RELOAD_INTERVAL_SECS`: seconds between the server's checks for new data; `None` (0)
/// turns live reload off.
pub fn reload_interval(get: impl Fn(&str) -> Option<String>) -> Result<Option<Duration>, ConfigError> {
    let Some(value) = get("RELOAD_INTERVAL_SECS") else {
        return Ok(Some(Duration::from_secs(DEFAULT_RELOAD_INTERVAL_SECS)));
    };
    match value.parse::<u64>() {
        Ok(0) => Ok(None),
        Ok(secs) if secs <= 86_400 => Ok(Some(Duration::from_secs(secs))),
        _ => Err(ConfigError {
            variable: "RELOAD_INTERVAL_SECS",
            value,
            expected: "a whole number of seconds from 0 (off) to 86400",
        }),
    }
}

/// What an import command prints: its report and what was written, or why nothing was.
fn printed<R: std::fmt::Display>(result: Result<Outcome<R>, ImportError>, dry_run: bool) -> Result<String, String> {
    let outcome = result.map_err(|e| format!("{e}\nnothing was written"))?;
    Ok(format!("{}{}\n", outcome.report, status(&outcome, dry_run)))
}

fn status<R>(outcome: &Outcome<R>, dry_run: bool) -> String {
    match (dry_run, outcome.revision) {
        (true, _) => "Dry run: nothing was written.".to_owned(),
        (false, Some(r)) => format!(
            "Applied: the dataset is now at revision {r}; a running server picks it up within RELOAD_INTERVAL_SECS."
        ),
        (false, None) => "Nothing was written.".to_owned(),
    }
}

/// Runs an import or export command against the database at `database_url` and returns the
/// report to print. The error is the message to print; nothing was written.
pub async fn run(command: Command, database_url: &str) -> Result<String, String> {
    let today = crate::web::today;
    match command {
        Command::Serve | Command::Help => Err("serve and help are handled by main".to_owned()),
        Command::ImportLitellm { path, dry_run, as_of, source_id, allow_price_jump, create_database } => {
            database_must_exist(database_url, create_database)?;
            let pool = open(database_url).await?;
            let options = ImportOptions { dry_run, as_of: as_of.unwrap_or_else(today), allow_price_jump };
            let result = db::import::import_litellm_citing(&pool, &path, &options, source_id.as_deref()).await;
            pool.close().await;
            printed(result, dry_run)
        }
        Command::ImportModelsDev { path, dry_run, as_of, source_id } => {
            database_must_exist(database_url, false)?;
            let pool = open(database_url).await?;
            let options = ImportOptions { dry_run, as_of: as_of.unwrap_or_else(today), allow_price_jump: false };
            let result = db::import::import_modelsdev(&pool, &path, &options, source_id.as_deref()).await;
            pool.close().await;
            printed(result, dry_run)
        }
        Command::ImportCatalog { path, dry_run, create_database } => {
            database_must_exist(database_url, create_database)?;
            if !path.is_file() {
                return Err(format!("{}: no such file\nnothing was written", path.display()));
            }
            // Not `db::open`: a new database is built from the catalog, not from the seed.
            let pool = db::open_empty(database_url).await.map_err(|e| e.to_string())?;
            let result = db::import::import_catalog(&pool, &path, dry_run).await;
            pool.close().await;
            printed(result, dry_run)
        }
        Command::ImportScores { path, dry_run, as_of, new_source, create_database } => {
            database_must_exist(database_url, create_database)?;
            let pool = open(database_url).await?;
            let options = ImportOptions { dry_run, as_of: as_of.unwrap_or_else(today), allow_price_jump: false };
            let result = db::import::import_scores(&pool, &path, &options, new_source.as_ref()).await;
            pool.close().await;
            printed(result, dry_run)
        }
        Command::ImportDataset { path, dry_run, create_database } => {
            // Read the file first, so a wrong path creates no database at all.
            if !path.is_file() {
                return Err(format!("{}: no such file\nnothing was written", path.display()));
            }
            database_must_exist(database_url, create_database)?;
            // Not `db::open`: that would seed the empty database this command is meant to fill.
            let pool = db::open_empty(database_url).await.map_err(|e| e.to_string())?;
            let result = db::import::import_dataset(&pool, &path, dry_run).await;
            pool.close().await;
            printed(result, dry_run)
        }
        Command::Export { path } => {
            database_must_exist(database_url, false)?;
            let pool = open(database_url).await?;
            let result = db::export_to_file(&pool, &path).await;
            pool.close().await;
            Ok(result.map_err(|e| e.to_string())?.to_string())
        }
    }
}

/// `text` safe to print on a terminal or into a log: control characters (ESC, NUL...) and
/// bidirectional overrides from an imported file are shown escaped (`\u{1b}`), newlines kept.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        if c != '\n' && (c.is_control() || bidi) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Refuses a `DATABASE_URL` naming a file that does not exist, unless `create` says to make
/// it: a mistyped path would otherwise create and seed a new database and report success.
fn database_must_exist(database_url: &str, create: bool) -> Result<(), String> {
    use std::str::FromStr;
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(database_url).map_err(|e| e.to_string())?;
    let file = options.get_filename();
    let in_memory = file.as_os_str().is_empty() || file.as_os_str() == ":memory:";
    if create || in_memory || file.exists() {
        return Ok(());
    }
    Err(format!(
        "DATABASE_URL={database_url}: no database at {}; check the path, or pass --create-database to make one\nnothing was written",
        file.display()
    ))
}

async fn open(database_url: &str) -> Result<SqlitePool, String> {
    db::open(database_url).await.map_err(|e| e.to_string())
}

/// Keeps a server's catalog in step with the database: remembers the dataset revision the
/// catalog was built from and swaps in a new catalog when the revision moves.
pub struct Reloader {
    pool: SqlitePool,
    state: AppState,
    revision: i64,
}

impl Reloader {
    /// A reloader for `state`, whose catalog was built at `revision`.
    pub fn new(pool: SqlitePool, state: AppState, revision: i64) -> Self {
        Self { pool, state, revision }
    }

    /// The revision the served catalog was built from.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// One check: when the revision changed, loads the dataset (revision and rows in one read
    /// transaction) and swaps the catalog. `Ok(true)` when it swapped. On an error the old
    /// catalog stays and the next check tries again.
    pub async fn check(&mut self) -> Result<bool, DbError> {
        if db::revision(&self.pool).await? == self.revision {
            return Ok(false);
        }
        let (revision, dataset) = db::load_snapshot(&self.pool).await?;
        let models = dataset.models.len();
        self.state.replace_catalog(Catalog::new(dataset));
        tracing::info!(revision, models, "dataset reloaded");
        self.revision = revision;
        Ok(true)
    }

    /// Checks every `interval`, forever; failures are logged and the old catalog kept.
    pub async fn run(mut self, interval: Duration) {
        loop {
            tokio::time::sleep(interval).await;
            if let Err(e) = self.check().await {
                tracing::error!(error = %e, revision = self.revision, "dataset reload failed; still serving the previous dataset");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_text_shows_control_and_bidi_characters_escaped() {
        assert_eq!(printable("key \u{1b}[31mred\u{0}\n"), "key \\u{1b}[31mred\\u{0}\n");
        assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(printable("GPT-4o mini → $0.15"), "GPT-4o mini → $0.15");
        // The request log writes paths with `escape_debug`, which escapes the same.
        assert_eq!("/a\u{202e}b\u{1b}".escape_debug().to_string(), "/a\\u{202e}b\\u{1b}");
    }

    fn parse(line: &str) -> Result<Command, UsageError> {
        parse_args(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn no_arguments_serve_and_help_wins() {
        assert_eq!(parse(""), Ok(Command::Serve));
        assert_eq!(parse("--help"), Ok(Command::Help));
        assert_eq!(parse("import litellm x.json -h"), Ok(Command::Help));
    }

    #[test]
    fn commands_and_options_parse() {
        assert_eq!(
            parse("import litellm prices.json --dry-run --as-of 2026-11-25"),
            Ok(Command::ImportLitellm {
                path: "prices.json".into(),
                dry_run: true,
                as_of: Date::parse("2026-11-25"),
                source_id: None,
                allow_price_jump: false,
                create_database: false
            })
        );
        assert_eq!(
            parse("import litellm --as-of=2026-03-05 prices.json"),
            Ok(Command::ImportLitellm {
                path: "prices.json".into(),
                dry_run: false,
                as_of: Date::parse("2026-03-05"),
                source_id: None,
                allow_price_jump: false,
                create_database: false
            })
        );
        assert_eq!(parse("export out.json"), Ok(Command::Export { path: "out.json".into() }));
        assert_eq!(
            parse("import catalog data/catalog.toml --dry-run"),
            Ok(Command::ImportCatalog { path: "data/catalog.toml".into(), dry_run: true, create_database: false })
        );
        assert_eq!(
            parse("import modelsdev api.json --as-of 2026-07-02 --source-id modelsdev-2026-07-02"),
            Ok(Command::ImportModelsDev {
                path: "api.json".into(),
                dry_run: false,
                as_of: Date::parse("2026-07-02"),
                source_id: Some("modelsdev-2026-07-02".into())
            })
        );
        assert_eq!(
            parse("import dataset d.json --dry-run"),
            Ok(Command::ImportDataset { path: "d.json".into(), dry_run: true, create_database: false })
        );
        let Ok(Command::ImportScores { new_source: Some(s), .. }) =
            parse("import scores s.csv --source-id x --source-title T --source-url U --source-license L")
        else {
            panic!("scores with a new source")
        };
        assert_eq!((s.id.as_str(), s.license.as_str()), ("x", "L"));
    }

    #[test]
    fn bad_command_lines_say_what_is_wrong() {
        for (line, needle) in [
            ("serve", "unknown command `serve`"),
            ("import csv x", "cannot import `csv`"),
            ("import catalog", "one PATH"),
            ("import modelsdev a --source-id", "--source-id needs a value"),
            ("import catalog a --as-of 2026-01-01", "--as-of does not apply"),
            ("import litellm", "one PATH"),
            ("import litellm a b", "one PATH"),
            ("import litellm a --as-of 2026-13-01", "--as-of 2026-13-01"),
            ("import litellm a --as-of", "--as-of needs a value"),
            ("import litellm a --force", "unknown option --force"),
            ("export a --dry-run", "--dry-run does not apply"),
            ("import litellm a --dry-run --dry-run", "twice"),
            ("import scores a --source-id x", "all four"),
        ] {
            let err = parse(line).unwrap_err().to_string();
            assert!(err.contains(needle), "{line}: {err}");
        }
    }

    #[test]
    fn reload_interval_defaults_to_five_seconds_and_zero_turns_it_off() {
        let with = |v: Option<&str>| reload_interval(|_| v.map(str::to_owned));
        assert_eq!(with(None), Ok(Some(Duration::from_secs(5))));
        assert_eq!(with(Some("30")), Ok(Some(Duration::from_secs(30))));
        assert_eq!(with(Some("0")), Ok(None));
        assert_eq!(with(Some("soon")).unwrap_err().variable, "RELOAD_INTERVAL_SECS");
    }
}
