//! Typed settings: defaults < `hromada.toml` < `HROMADA__*` environment < command-line flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Default database: embedded SQLite in `./data`, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/hromada.db?mode=rwc";

#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub log: LogSettings,
    /// Seed a demo city with users of every role when the database is empty.
    pub demo: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: SocketAddr,
    /// How long in-flight requests may take to finish after SIGTERM.
    pub shutdown_timeout_secs: u64,
    /// Largest accepted JSON request body, in bytes.
    pub json_body_limit: usize,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            shutdown_timeout_secs: 30,
            json_body_limit: 1024 * 1024,
        }
    }
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`. May hold a password: never logged (see `Debug`).
    pub url: String,
    pub max_connections: u32,
    pub connect_timeout_secs: u64,
    /// SQLite only: how long a writer waits for the lock before failing.
    pub busy_timeout_ms: u64,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: DEFAULT_DATABASE_URL.to_owned(),
            max_connections: 10,
            connect_timeout_secs: 10,
            busy_timeout_ms: 5000,
        }
    }
}

impl DatabaseSettings {
    /// The URL with any password replaced, safe for logs.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &self.redacted_url())
            .field("max_connections", &self.max_connections)
            .field("connect_timeout_secs", &self.connect_timeout_secs)
            .field("busy_timeout_ms", &self.busy_timeout_ms)
            .finish()
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("server", &self.server)
            .field("database", &self.database)
            .field("log", &self.log)
            .field("demo", &self.demo)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A `tracing_subscriber::EnvFilter` directive, e.g. `info` or `hromada=debug,info`.
    pub level: String,
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: LogFormat::Text,
            level: "info".to_owned(),
        }
    }
}

/// Values given on the command line; only those present override the other sources.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<SocketAddr>,
    pub database_url: Option<String>,
    pub demo: bool,
}

impl Settings {
    /// Loads settings from every source. `config_file` defaults to `./hromada.toml` when it
    /// exists; a file named explicitly must exist.
    pub fn load(
        config_file: Option<&Path>,
        overrides: &Overrides,
    ) -> Result<Settings, Box<figment::Error>> {
        Ok(Self::figment(config_file, overrides)?.extract()?)
    }

    fn figment(
        config_file: Option<&Path>,
        overrides: &Overrides,
    ) -> Result<Figment, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match config_file {
            Some(path) if !path.exists() => {
                return Err(Box::new(figment::Error::from(format!(
                    "configuration file {} does not exist",
                    path.display()
                ))));
            }
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("hromada.toml")),
        }
        figment = figment.merge(Env::prefixed("HROMADA__").split("__"));
        if let Some(bind) = overrides.bind {
            figment = figment.merge(Serialized::default("server.bind", bind));
        }
        if let Some(url) = &overrides.database_url {
            figment = figment.merge(Serialized::default("database.url", url));
        }
        if overrides.demo {
            figment = figment.merge(Serialized::default("demo", true));
        }
        Ok(figment)
    }
}

fn redact_url(url: &str) -> String {
    // scheme://user:password@host → scheme://user:***@host
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
// figment's `Jail` fixes the closures' error type; its size does not matter in tests.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn layers_apply_in_order() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "hromada.toml",
                r#"
                demo = false
                [server]
                bind = "0.0.0.0:9000"
                shutdown_timeout_secs = 5
                [database]
                url = "postgres://file@db/hromada"
                max_connections = 3
                "#,
            )?;
            let s = Settings::load(None, &Overrides::default()).map_err(|e| *e)?;
            assert_eq!(s.server.bind.to_string(), "0.0.0.0:9000");
            assert_eq!(s.server.shutdown_timeout_secs, 5);
            assert_eq!(s.database.max_connections, 3);
            assert_eq!(s.server.json_body_limit, 1024 * 1024, "default kept");

            jail.set_env("HROMADA__DATABASE__URL", "postgres://env@db/hromada");
            jail.set_env("HROMADA__LOG__FORMAT", "json");
            let s = Settings::load(None, &Overrides::default()).map_err(|e| *e)?;
            assert_eq!(s.database.url, "postgres://env@db/hromada");
            assert_eq!(s.log.format, LogFormat::Json);
            assert_eq!(s.server.bind.to_string(), "0.0.0.0:9000", "file kept");

            let flags = Overrides {
                bind: Some("127.0.0.1:7000".parse().unwrap()),
                database_url: Some("sqlite::memory:".into()),
                demo: true,
            };
            let s = Settings::load(None, &flags).map_err(|e| *e)?;
            assert_eq!(s.server.bind.to_string(), "127.0.0.1:7000");
            assert_eq!(s.database.url, "sqlite::memory:");
            assert!(s.demo);
            Ok(())
        });
    }

    #[test]
    fn defaults_without_any_source() {
        Jail::expect_with(|_| {
            let s = Settings::load(None, &Overrides::default()).map_err(|e| *e)?;
            assert_eq!(s, Settings::default());
            assert_eq!(s.database.url, DEFAULT_DATABASE_URL);
            assert_eq!(s.server.bind.to_string(), "127.0.0.1:8080");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_and_missing_files_are_errors() {
        Jail::expect_with(|jail| {
            jail.create_file("hromada.toml", "[server]\nbnid = \"x\"\n")?;
            assert!(Settings::load(None, &Overrides::default()).is_err());
            assert!(Settings::load(Some(Path::new("nope.toml")), &Overrides::default()).is_err());
            Ok(())
        });
    }

    #[test]
    fn passwords_never_reach_debug_output() {
        let settings = Settings {
            database: DatabaseSettings {
                url: "postgres://hromada:s3cret@db:5432/hromada".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://hromada:***@db:5432/hromada"));
        assert_eq!(
            redact_url("sqlite://./data/x.db?mode=rwc"),
            "sqlite://./data/x.db?mode=rwc"
        );
    }
}
