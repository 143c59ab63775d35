//! Projects of a city's budget sessions.

use chrono::{DateTime, Utc};
use entities::budget_session;
use entities::prelude::*;
use entities::project::{self, ProjectStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};

use crate::domain::Money;

/// Everything needed to store a new project.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub budget_session_id: i64,
    pub author_id: i64,
    pub category_id: i64,
    pub district_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub cost: Money,
    pub status: ProjectStatus,
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewProject,
    now: DateTime<Utc>,
) -> Result<project::Model, DbErr> {
    project::ActiveModel {
        budget_session_id: Set(new.budget_session_id),
        author_id: Set(new.author_id),
        category_id: Set(new.category_id),
        district_id: Set(new.district_id),
        title: Set(new.title),
        description: Set(new.description),
        cost_minor: Set(new.cost.minor_units()),
        status: Set(new.status),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// One page of a city's projects (all sessions), newest first, and the total count.
pub async fn page_in_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    limit: u64,
    offset: u64,
) -> Result<(Vec<project::Model>, u64), DbErr> {
    let query = Project::find()
        .join(JoinType::InnerJoin, project::Relation::BudgetSession.def())
        .filter(budget_session::Column::CityId.eq(city_id))
        .filter(project::Column::Status.ne(ProjectStatus::Draft));
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(project::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// A published project of the city, by id.
pub async fn find_in_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<project::Model>, DbErr> {
    Project::find_by_id(id)
        .join(JoinType::InnerJoin, project::Relation::BudgetSession.def())
        .filter(budget_session::Column::CityId.eq(city_id))
        .filter(project::Column::Status.ne(ProjectStatus::Draft))
        .one(db)
        .await
}
