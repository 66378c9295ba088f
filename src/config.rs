//! Settings from the environment, each with a working default. A bad value stops start-up
//! with a message naming the variable.

use std::net::IpAddr;

/// Where the database defaults to: a file under `data/` in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/llm-compare.db";

/// The server's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// SQLite URL (`DATABASE_URL`).
    pub database_url: String,
    /// Address to listen on (`HOST`).
    pub host: IpAddr,
    /// Port to listen on (`PORT`).
    pub port: u16,
    /// Public address of the site, for canonical links (`BASE_URL`), without a trailing slash.
    pub base_url: String,
    /// Megabytes of rendered responses kept in memory (`PAGE_CACHE_MB`); 0 turns the cache off.
    pub page_cache_mb: usize,
}

/// A setting that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}={value:?} is not valid: {expected}")]
pub struct ConfigError {
    /// The environment variable.
    pub variable: &'static str,
    /// Its value.
    pub value: String,
    /// What it should look like.
    pub expected: &'static str,
}

impl Config {
    /// Reads the settings through `get` (the process environment in `main`, a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = match get("DATABASE_URL") {
            None => DEFAULT_DATABASE_URL.to_owned(),
            Some(v) if v.starts_with("sqlite:") && v.len() > "sqlite:".len() => v,
            Some(value) => {
                return Err(ConfigError {
                    variable: "DATABASE_URL",
                    value,
                    expected: "a SQLite URL such as sqlite://data/llm-compare.db",
                });
            }
        };
        let host = match get("HOST") {
            None => IpAddr::from([127, 0, 0, 1]),
            Some(value) => value.parse().map_err(|_| ConfigError {
                variable: "HOST",
                value,
                expected: "an IP address such as 127.0.0.1 or 0.0.0.0",
            })?,
        };
        let port = match get("PORT") {
            None => 3000,
            Some(value) => match value.parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => {
                    return Err(ConfigError { variable: "PORT", value, expected: "a port number from 1 to 65535" });
                }
            },
        };
        let base_url = match get("BASE_URL") {
            None => format!("http://{host}:{port}"),
            Some(value) => {
                let trimmed = value.trim_end_matches('/');
                let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
                match rest {
                    Some(host_part) if !host_part.is_empty() && !host_part.contains(['/', ' ', '?', '#']) => {
                        trimmed.to_owned()
                    }
                    _ => {
                        return Err(ConfigError {
                            variable: "BASE_URL",
                            value,
                            expected: "an http:// or https:// origin such as https://llm-compare.example, without a path",
                        });
                    }
                }
            }
        };
        let page_cache_mb = match get("PAGE_CACHE_MB") {
            None => crate::web::DEFAULT_PAGE_CACHE_MB,
            Some(value) => value.parse::<usize>().ok().filter(|&mb| mb <= 1 << 20).ok_or(ConfigError {
                variable: "PAGE_CACHE_MB",
                value,
                expected: "a whole number of megabytes, such as 128 (0 turns the page cache off)",
            })?,
        };
        Ok(Config { database_url, host, port, base_url, page_cache_mb })
    }

    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults_work_with_an_empty_environment() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!((c.host.to_string(), c.port), ("127.0.0.1".into(), 3000));
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert_eq!(c.page_cache_mb, 128);
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert_eq!(config(&[("PORT", "http")]).unwrap_err().variable, "PORT");
        assert_eq!(config(&[("PORT", "0")]).unwrap_err().variable, "PORT");
        assert_eq!(config(&[("PORT", "70000")]).unwrap_err().variable, "PORT");
        assert_eq!(config(&[("HOST", "localhost:1")]).unwrap_err().variable, "HOST");
        assert_eq!(config(&[("BASE_URL", "example.com")]).unwrap_err().variable, "BASE_URL");
        assert_eq!(config(&[("BASE_URL", "https://example.com/path")]).unwrap_err().variable, "BASE_URL");
        assert_eq!(config(&[("BASE_URL", "https://example.com/")]).unwrap().base_url, "https://example.com");
        assert_eq!(config(&[("PAGE_CACHE_MB", "lots")]).unwrap_err().variable, "PAGE_CACHE_MB");
        assert_eq!(config(&[("PAGE_CACHE_MB", "-1")]).unwrap_err().variable, "PAGE_CACHE_MB");
        assert_eq!(config(&[("PAGE_CACHE_MB", "0")]).unwrap().page_cache_mb, 0);
        let err = config(&[("DATABASE_URL", "postgres://x")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
        assert!(err.to_string().starts_with("DATABASE_URL=\"postgres://x\" is not valid"));
    }

    #[test]
    fn explicit_values_are_used() {
        let c = config(&[("DATABASE_URL", "sqlite::memory:"), ("HOST", "0.0.0.0"), ("PORT", "8080")]).unwrap();
        assert_eq!((c.database_url.as_str(), c.host.to_string(), c.port), ("sqlite::memory:", "0.0.0.0".into(), 8080));
    }
}
