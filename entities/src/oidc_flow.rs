use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// A Kyiv ID sign-in in progress: found by the hash of its `state`, used once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_flows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_hash: String,
    /// The hash of the browser cookie set when the flow started.
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// `login` or `link`.
    pub purpose: String,
    /// For `link`: the signed-in user.
    pub user_id: Option<i64>,
    /// The city whose current session decides the required fields.
    pub city_slug: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
