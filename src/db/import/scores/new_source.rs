//! The source a scores import may create, as the command line declares it (`--source-id` and
//! friends), and the checks on it that run before the file is read.

use super::super::{ImportError, rejected};
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

impl NewSource {
    /// Refuses a source whose URL is not a web address or whose id, title or license is
    /// implausible text; `label` is the file the import reads, named in the error.
    pub(super) fn check(&self, label: &str) -> Result<(), ImportError> {
        let bad = |field: &str, problem: String| rejected(label, "(command line)", field, problem);
        if !plausible::is_web_url(&self.url) {
            return Err(bad("--source-url", "must be an http:// or https:// address".into()));
        }
        for (field, text) in
            [("--source-id", &self.id), ("--source-title", &self.title), ("--source-license", &self.license)]
        {
            if let Some(problem) = plausible::text_problem(text) {
                return Err(bad(field, problem));
            }
        }
        Ok(())
    }
}
