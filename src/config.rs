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
    pub auth: AuthSettings,
    pub smtp: SmtpSettings,
    pub outbox: OutboxSettings,
    pub storage: StorageSettings,
    pub kyiv_id: KyivIdSettings,
    pub projects: ProjectSettings,
    pub geocoding: GeocodingSettings,
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
    /// Largest accepted upload (photo, logo, document) body, in bytes; each kind of upload
    /// has its own, smaller limit on top.
    pub upload_body_limit: usize,
    /// The address people reach the platform at; links in e-mails point here.
    pub public_url: String,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            shutdown_timeout_secs: 30,
            json_body_limit: 1024 * 1024,
            upload_body_limit: 12 * 1024 * 1024,
            public_url: "http://127.0.0.1:8080".to_owned(),
            trust_forwarded_for: false,
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
            .field("auth", &self.auth)
            .field("smtp", &self.smtp)
            .field("outbox", &self.outbox)
            .field("storage", &self.storage)
            .field("kyiv_id", &self.kyiv_id)
            .field("projects", &self.projects)
            .field("geocoding", &self.geocoding)
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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSettings {
    /// Mark the session cookie `Secure`. Browsers accept it on http://localhost too; turn it off
    /// only for plain-HTTP hosts other than localhost (and in tests).
    pub cookie_secure: bool,
    /// A session unused this long expires.
    pub session_idle_minutes: i64,
    /// A session expires this long after sign-in, used or not.
    pub session_absolute_hours: i64,
    /// argon2id cost; raising it rehashes each password at its owner's next sign-in.
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
    /// Failed sign-ins allowed per account, and per client address, within the window.
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub failure_window_secs: i64,
    /// Lifetime of e-mailed tokens (verification, password reset).
    pub token_ttl_minutes: i64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            cookie_secure: true,
            session_idle_minutes: 60,
            session_absolute_hours: 12,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            max_failures_per_account: 5,
            max_failures_per_address: 50,
            failure_window_secs: 15 * 60,
            token_ttl_minutes: 60,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection (a local relay or a test sink).
    None,
    /// Upgrade with STARTTLS (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpSettings {
    /// Empty: e-mails are written to the log instead of sent (the offline demo).
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: String,
    /// Never logged (see `Debug`).
    pub password: String,
    pub from: String,
    pub timeout_secs: u64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            tls: SmtpTls::Starttls,
            username: String::new(),
            password: String::new(),
            from: "Громада <noreply@hromada.local>".to_owned(),
            timeout_secs: 15,
        }
    }
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .field("from", &self.from)
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OutboxSettings {
    /// How often the delivery worker looks for due e-mails.
    pub poll_interval_ms: u64,
    /// Attempts before an e-mail is marked failed (admins can retry it).
    pub max_attempts: i32,
    /// First retry delay; it doubles per attempt, with jitter, up to the cap.
    pub backoff_base_ms: u64,
    pub backoff_cap_ms: u64,
    /// How long a claimed e-mail is reserved for one instance before another may take it.
    pub lease_secs: i64,
    /// E-mails claimed per round.
    pub batch_size: u64,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            poll_interval_ms: 2000,
            max_attempts: 8,
            backoff_base_ms: 30_000,
            backoff_cap_ms: 3_600_000,
            lease_secs: 300,
            batch_size: 20,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    /// A folder on this machine (or a shared volume mounted by every instance).
    #[default]
    Local,
    /// S3-compatible object storage (AWS S3, MinIO, Ceph, …), shared by every instance.
    S3,
}

/// Where uploaded files (logos, photos of projects, documents) are kept.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct StorageSettings {
    pub kind: StorageKind,
    /// `local`: the folder, created on first use.
    pub path: String,
    /// `s3`: bucket, region, endpoint (empty for AWS itself) and credentials.
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub access_key_id: String,
    /// Never logged (see `Debug`).
    pub secret_access_key: String,
    /// `s3`: allow a plain-http endpoint (a MinIO on the same host).
    pub allow_http: bool,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            kind: StorageKind::Local,
            path: "./data/files".to_owned(),
            bucket: String::new(),
            region: "us-east-1".to_owned(),
            endpoint: String::new(),
            access_key_id: String::new(),
            secret_access_key: String::new(),
            allow_http: false,
        }
    }
}

impl fmt::Debug for StorageSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StorageSettings")
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &if self.secret_access_key.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .field("allow_http", &self.allow_http)
            .finish()
    }
}

/// Limits on what an author attaches to a project. Each file must also fit
/// `server.upload_body_limit`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectSettings {
    /// Photos and pictures (JPEG or PNG) per project.
    pub max_images: u32,
    /// Largest image, in bytes.
    pub max_image_bytes: usize,
    /// Documents (PDF) per project.
    pub max_documents: u32,
    /// Largest document, in bytes.
    pub max_document_bytes: usize,
    /// How long, in milliseconds, this instance reuses a page of the public catalogue
    /// (`GET /api/v1/cities/{slug}/projects`) for the same query: under a spike each distinct
    /// query reaches the database at most once per this time. A change (a moderator's
    /// decision, a new vote count) shows in the catalogue within this time. `0` turns the cache
    /// off.
    pub list_cache_ttl_ms: u64,
    /// Pages of the public catalogue kept at most (least used ones go first).
    pub list_cache_capacity: u64,
}

impl Default for ProjectSettings {
    fn default() -> Self {
        Self {
            max_images: 10,
            max_image_bytes: 10 * 1024 * 1024,
            max_documents: 5,
            max_document_bytes: 10 * 1024 * 1024,
            list_cache_ttl_ms: 2_000,
            list_cache_capacity: 2_000,
        }
    }
}

/// Combined geocoding. Providers, their keys and priorities are per city (admins set them in
/// the city directory); these are the instance's own limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct GeocodingSettings {
    /// How long a city's answer to one query is reused (no provider is asked again).
    pub cache_ttl_secs: u64,
    /// Answers kept in the cache at most.
    pub cache_capacity: u64,
    /// Results shown under the address field at most.
    pub result_limit: u32,
    /// Sent to every provider; Nominatim's usage policy asks for one that identifies the
    /// application (and a contact).
    pub user_agent: String,
    /// Nominatim's usage policy: at most one request per this many milliseconds per instance.
    pub nominatim_interval_ms: u64,
    /// Lookups one person may make per minute (the address field's autocomplete).
    pub per_user_per_minute: u32,
}

impl Default for GeocodingSettings {
    fn default() -> Self {
        Self {
            cache_ttl_secs: 86_400,
            cache_capacity: 10_000,
            result_limit: 10,
            user_agent: "hromada/0.1 (participatory budgeting; https://example.invalid/hromada)"
                .to_owned(),
            nominatim_interval_ms: 1000,
            per_user_per_minute: 60,
        }
    }
}

/// Kyiv ID, the city's OpenID Connect provider.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct KyivIdSettings {
    pub enabled: bool,
    /// The issuer URL; its `/.well-known/openid-configuration` is discovered.
    pub issuer: String,
    pub client_id: String,
    /// Never logged (see `Debug`).
    pub client_secret: String,
    pub scopes: Vec<String>,
    /// How long one request to the provider (discovery, JWKS, token, userinfo, GraphQL) may
    /// take, seconds; when it is down, sign-in fails with a clear page after at most this long.
    pub timeout_secs: u64,
    /// Whether the issuer publishes `/.well-known/openid-configuration`; when `false`, the
    /// `endpoints` are used instead.
    pub discovery: bool,
    /// The provider's endpoints, when `discovery` is off.
    pub endpoints: KyivIdEndpoints,
    /// How the client authenticates at the token endpoint.
    pub client_auth: KyivIdClientAuth,
    /// Where the resident's profile comes from.
    pub profile: KyivIdProfile,
    /// The GraphQL profile API, when `profile = "graphql"`.
    pub graphql_url: String,
    /// Which claim carries which profile field.
    pub claims: crate::domain::kyiv_id::ClaimMap,
}

/// Kyiv ID's endpoints, given by hand when the provider publishes no discovery document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct KyivIdEndpoints {
    pub authorization: String,
    pub token: String,
    /// The provider's signing keys, or `"none"`: then the ID token's signature cannot be
    /// checked, so nothing in it is trusted and the identity comes from `userinfo`.
    pub jwks: String,
    /// Empty: none.
    pub userinfo: String,
}

/// Client authentication at the token endpoint: HTTP Basic (`client_secret_basic`) or the
/// form body (`client_secret_post`).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KyivIdClientAuth {
    #[default]
    Basic,
    Post,
}

/// The profile source: the ID token's and userinfo's claims, or a GraphQL profile query.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KyivIdProfile {
    #[default]
    Claims,
    Graphql,
}

impl Default for KyivIdSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            issuer: String::new(),
            client_id: String::new(),
            client_secret: String::new(),
            scopes: ["openid", "profile", "email", "phone", "address"]
                .map(String::from)
                .to_vec(),
            timeout_secs: 10,
            discovery: true,
            endpoints: KyivIdEndpoints::default(),
            client_auth: KyivIdClientAuth::Basic,
            profile: KyivIdProfile::Claims,
            graphql_url: String::new(),
            claims: Default::default(),
        }
    }
}

impl fmt::Debug for KyivIdSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KyivIdSettings")
            .field("enabled", &self.enabled)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &if self.client_secret.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .field("scopes", &self.scopes)
            .field("timeout_secs", &self.timeout_secs)
            .field("discovery", &self.discovery)
            .field("endpoints", &self.endpoints)
            .field("client_auth", &self.client_auth)
            .field("profile", &self.profile)
            .field("graphql_url", &self.graphql_url)
            .field("claims", &self.claims)
            .finish()
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
    fn the_example_configuration_is_complete_and_valid() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "hromada.toml",
                include_str!("../deploy/hromada.example.toml"),
            )?;
            let s = Settings::load(None, &Overrides::default()).map_err(|e| *e)?;
            assert_eq!(s, Settings::default(), "the example shows every default");
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
        let settings = Settings {
            smtp: SmtpSettings {
                password: "mailpass".into(),
                ..Default::default()
            },
            ..settings
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("mailpass"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://hromada:***@db:5432/hromada"));
        assert_eq!(
            redact_url("sqlite://./data/x.db?mode=rwc"),
            "sqlite://./data/x.db?mode=rwc"
        );
    }
}
