//! What every request handler and background task shares. Cheap to clone.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::kyiv_id::KyivId;
use crate::auth::password::Passwords;
use crate::config::Settings;
use crate::domain::Clock;
use crate::i18n::Localizer;
use crate::storage::Storage;
use crate::telemetry::Metrics;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub localizer: Arc<Localizer>,
    pub metrics: Arc<Metrics>,
    pub passwords: Passwords,
    pub storage: Storage,
    /// `None` unless Kyiv ID sign-in is enabled.
    pub kyiv_id: Option<Arc<KyivId>>,
    /// Statistics computed a moment ago.
    pub stats: crate::app::statistics::StatsCache,
    /// Geocoding provider clients, their answers cache and rate limiters.
    pub geocoder: Arc<crate::geocoding::Geocoder>,
    /// Pages of the public project catalogue answered a moment ago.
    pub list_cache: crate::app::catalog::ListCache,
}

impl AppState {
    /// Everything but the database connection is built here; migrations are the caller's.
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            db,
            clock,
            localizer: Arc::new(Localizer::load()?),
            metrics: Arc::new(Metrics::new()),
            passwords: Passwords::new(&settings.auth)?,
            storage: Storage::from_settings(&settings.storage)?,
            kyiv_id: KyivId::new(&settings.kyiv_id, &settings.server.public_url)?.map(Arc::new),
            stats: Default::default(),
            geocoder: Arc::new(crate::geocoding::Geocoder::new(&settings.geocoding)?),
            list_cache: crate::app::catalog::ListCache::new(&settings.projects),
            settings: Arc::new(settings),
        })
    }
}
