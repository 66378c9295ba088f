//! The dataset's ids other than [`ModelId`](super::slug::ModelId): a provider's slug, a
//! source's id and a benchmark's slug. Each is its own type so a source id cannot be passed
//! where a benchmark was meant; all three are written as they are stored (the importers check
//! their spelling), and serialize as plain strings.

use std::fmt;

/// Defines a string id type with the traits every one of them needs. A macro, not three copies:
/// the three must stay alike, and a fourth id is one line.
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
}

string_id! {
    /// A provider's lowercase ASCII id (`openai`).
    ProviderSlug
}

string_id! {
    /// A source's short stable id (`litellm-1.110.2`, `epoch-2026-11-20`).
    SourceId
}

string_id! {
    /// A benchmark's id (`gpqa-diamond`).
    BenchmarkSlug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_back_as_written_and_serializes_as_its_text() {
        let id = SourceId::from("litellm-1.110.2");
        assert_eq!(id.as_str(), "litellm-1.110.2");
        assert_eq!(id.to_string(), "litellm-1.110.2");
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""litellm-1.110.2""#);
        assert!(id == "litellm-1.110.2" && id != "litellm");
    }
}
