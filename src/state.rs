//! What every request handler and background task shares. Cheap to clone.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::domain::Clock;
use crate::i18n::Localizer;
use crate::telemetry::Metrics;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub localizer: Arc<Localizer>,
    pub metrics: Arc<Metrics>,
}
