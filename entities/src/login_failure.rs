use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// Failed sign-ins in the current window, per account (`account:<login>`) and per client
/// address (`address:<ip>`). Shared by every instance through the database.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub failures: i32,
    pub window_started_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
