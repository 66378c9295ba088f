//! Settings from the environment, each with a working default. A bad value stops start-up
//! with a message naming the variable.

use std::net::IpAddr;
use std::time::Duration;

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
    /// How long a client has to send a complete request head (`HEADER_TIMEOUT_SECS`).
    pub header_timeout: Duration,
    /// How long a keep-alive connection may wait between requests (`IDLE_TIMEOUT_SECS`).
    pub idle_timeout: Duration,
    /// Connections served at once (`MAX_CONNECTIONS`); keep it well under the open-file limit.
    pub max_connections: usize,
    /// How long a stop waits for requests in progress before closing them (`SHUTDOWN_GRACE_SECS`).
    pub shutdown_grace: Duration,
}

/// Default size of the page cache in megabytes (`PAGE_CACHE_MB`).
pub const DEFAULT_PAGE_CACHE_MB: usize = 128;

/// Defaults for the connection settings: a request head takes milliseconds to send, so 10 s is
/// generous; 60 s of keep-alive covers a reader moving between pages; 4,096 connections hold
/// about 100 MB and stay far below a typical 1,048,576 hard open-file limit. At start the cap is
/// lowered to the open-file limit less a reserve if that is smaller.
pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 10;
/// See [`DEFAULT_HEADER_TIMEOUT_SECS`].
pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 60;
/// See [`DEFAULT_HEADER_TIMEOUT_SECS`].
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// See [`DEFAULT_HEADER_TIMEOUT_SECS`]: a stop never waits longer than this.
pub const DEFAULT_SHUTDOWN_GRACE_SECS: u64 = 10;

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
            None => DEFAULT_PAGE_CACHE_MB,
            Some(value) => value.parse::<usize>().ok().filter(|&mb| mb <= 1 << 20).ok_or(ConfigError {
                variable: "PAGE_CACHE_MB",
                value,
                expected: "a whole number of megabytes, such as 128 (0 turns the page cache off)",
            })?,
        };
        let seconds = |variable: &'static str, default: u64, max: u64| match get(variable) {
            None => Ok(Duration::from_secs(default)),
            Some(value) => match value.trim().parse::<u64>() {
                Ok(n) if (1..=max).contains(&n) => Ok(Duration::from_secs(n)),
                _ => Err(ConfigError { variable, value, expected: "a whole number of seconds from 1 to 3600" }),
            },
        };
        let header_timeout = seconds("HEADER_TIMEOUT_SECS", DEFAULT_HEADER_TIMEOUT_SECS, 3600)?;
        let idle_timeout = seconds("IDLE_TIMEOUT_SECS", DEFAULT_IDLE_TIMEOUT_SECS, 3600)?;
        let shutdown_grace = seconds("SHUTDOWN_GRACE_SECS", DEFAULT_SHUTDOWN_GRACE_SECS, 3600)?;
        let max_connections = match get("MAX_CONNECTIONS") {
            None => DEFAULT_MAX_CONNECTIONS,
            Some(value) => match value.trim().parse::<usize>() {
                Ok(n) if (1..=1_000_000).contains(&n) => n,
                _ => {
                    return Err(ConfigError {
                        variable: "MAX_CONNECTIONS",
                        value,
                        expected: "a whole number of connections from 1 to 1000000",
                    });
                }
            },
        };
        Ok(Config {
            database_url,
            host,
            port,
            base_url,
            page_cache_mb,
            header_timeout,
            idle_timeout,
            max_connections,
            shutdown_grace,
        })
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
        assert_eq!((c.header_timeout, c.idle_timeout), (Duration::from_secs(10), Duration::from_secs(60)));
        assert_eq!((c.max_connections, c.shutdown_grace), (4096, Duration::from_secs(10)));
    }

    #[test]
    fn connection_settings_are_read_and_checked() {
        let c = config(&[
            ("HEADER_TIMEOUT_SECS", "5"),
            ("IDLE_TIMEOUT_SECS", "30"),
            ("MAX_CONNECTIONS", "100"),
            ("SHUTDOWN_GRACE_SECS", "3"),
        ])
        .unwrap();
        assert_eq!((c.header_timeout, c.idle_timeout), (Duration::from_secs(5), Duration::from_secs(30)));
        assert_eq!((c.max_connections, c.shutdown_grace), (100, Duration::from_secs(3)));
        for (variable, value) in [
            ("HEADER_TIMEOUT_SECS", "0"),
            ("IDLE_TIMEOUT_SECS", "-1"),
            ("SHUTDOWN_GRACE_SECS", "1e3"),
            ("MAX_CONNECTIONS", "0"),
            ("MAX_CONNECTIONS", "lots"),
        ] {
            assert_eq!(config(&[(variable, value)]).unwrap_err().variable, variable, "{variable}={value}");
        }
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
