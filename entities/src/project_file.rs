use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// An image (`image`) or document (`document`) of a project, kept in the file storage.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub kind: String,
    pub storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub file_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
