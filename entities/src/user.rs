use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Normalized passport number or phone; unique.
    #[sea_orm(unique)]
    pub login: String,
    /// argon2id PHC string; `None` for accounts that sign in only through Kyiv ID.
    pub password_hash: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub email: Option<String>,
    pub email_verified_at: Option<DateTime<Utc>>,
    /// Contact phone, normalized `+380…` (may differ from a phone login).
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    #[sea_orm(column_type = "Text", nullable)]
    pub registration_address: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub residence_address: Option<String>,
    pub facebook_url: Option<String>,
    /// Preferred language for e-mails: `uk` or `en`.
    pub lang: String,
    pub is_platform_admin: bool,
    /// The settlement of the registration address as Kyiv ID verified it (never what the
    /// resident typed); `None`: not known.
    pub verified_settlement: Option<String>,
    /// Whether Kyiv ID says the person pays taxes to the city; `None`: not known.
    pub verified_taxpayer: Option<bool>,
    /// When Kyiv ID last confirmed the two above (the last sign-in or linking).
    pub verified_claims_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::city_role::Entity")]
    CityRole,
}

impl Related<super::city_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CityRole.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
