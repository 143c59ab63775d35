//! Connecting to the database (embedded SQLite or PostgreSQL) and applying migrations.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    SqlxSqliteConnector, TransactionTrait,
};

use crate::config::DatabaseSettings;

/// Any number; all instances of hromada agree on it so that only one migrates at a time.
const MIGRATION_LOCK_KEY: i64 = 0x68_72_6f_6d_61_64_61; // "hromada"

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("unsupported database URL {0} (expected sqlite:… or postgres://…)")]
    UnsupportedUrl(String),
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    CreateFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid SQLite URL: {0}")]
    SqliteUrl(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Opens the pool. SQLite gets WAL, a busy timeout and enforced foreign keys; its folder is
/// created when missing. An in-memory SQLite database lives on exactly one connection that
/// is never recycled (else the data would vanish with it).
pub async fn connect(settings: &DatabaseSettings) -> Result<DatabaseConnection, DbSetupError> {
    let url = settings.url.as_str();
    if url.starts_with("sqlite:") {
        connect_sqlite(settings).await
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(settings.max_connections)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(settings.connect_timeout_secs))
            .acquire_timeout(Duration::from_secs(settings.connect_timeout_secs))
            .sqlx_logging(false);
        Ok(Database::connect(options).await?)
    } else {
        Err(DbSetupError::UnsupportedUrl(settings.redacted_url()))
    }
}

async fn connect_sqlite(settings: &DatabaseSettings) -> Result<DatabaseConnection, DbSetupError> {
    let url = settings.url.as_str();
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    if !in_memory {
        create_parent_folder(url)?;
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| DbSetupError::SqliteUrl(e.to_string()))?
        .foreign_keys(true)
        .busy_timeout(Duration::from_millis(settings.busy_timeout_ms));
    let options = if in_memory {
        options
    } else {
        options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
    };
    let pool_options = SqlitePoolOptions::new()
        .acquire_timeout(Duration::from_secs(settings.connect_timeout_secs))
        .idle_timeout(None)
        .max_lifetime(None);
    let pool_options = if in_memory {
        pool_options.min_connections(1).max_connections(1)
    } else {
        pool_options.max_connections(settings.max_connections)
    };
    let pool = pool_options
        .connect_with(options)
        .await
        .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

fn create_parent_folder(url: &str) -> Result<(), DbSetupError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or(path);
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|source| DbSetupError::CreateFolder {
            path: parent.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

/// Applies pending migrations in one transaction, so a failure leaves the schema as it was and
/// every statement sees the ones before it (one connection). On PostgreSQL an advisory lock
/// makes instances starting together apply the schema exactly once while the others wait.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!(
            "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
        ))
        .await?;
    }
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// Connection counts for the metrics endpoint.
#[derive(Debug, Clone, Copy, Default)]
pub struct PoolStats {
    pub open: u32,
    pub idle: usize,
    pub max: u32,
}

pub fn pool_stats(db: &DatabaseConnection) -> PoolStats {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            PoolStats {
                open: pool.size(),
                idle: pool.num_idle(),
                max: pool.options().get_max_connections(),
            }
        }
        DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            PoolStats {
                open: pool.size(),
                idle: pool.num_idle(),
                max: pool.options().get_max_connections(),
            }
        }
        _ => PoolStats::default(),
    }
}
