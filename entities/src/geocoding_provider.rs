use sea_orm::entity::prelude::*;

/// One geocoding provider's settings in a city. `api_key` is a secret: the application never
/// logs it nor shows it back in full, so this model has no `Debug`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "geocoding_providers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub city_id: i64,
    /// `nominatim`, `visicom` or `google`.
    pub provider: String,
    pub enabled: bool,
    /// 1..=3, 3 asked first.
    pub priority: i32,
    pub base_url: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub api_key: Option<String>,
    pub timeout_ms: i32,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("geocoding_provider::Model")
            .field("id", &self.id)
            .field("city_id", &self.city_id)
            .field("provider", &self.provider)
            .field("enabled", &self.enabled)
            .field("priority", &self.priority)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
