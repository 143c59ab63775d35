//! Expert review: which categories each expert reviews, the conclusions, the author's revision.

use chrono::{DateTime, Utc};
use entities::city_role::{self, Role};
use entities::project::{self, ProjectStatus};
use entities::{budget_session, expert_category, expert_conclusion, expert_revision, user};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::estimate::Estimate;

/// Every category assignment of a city's experts, by expert then category.
pub async fn assignments<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<expert_category::Model>, DbErr> {
    expert_category::Entity::find()
        .filter(expert_category::Column::CityId.eq(city_id))
        .order_by_asc(expert_category::Column::UserId)
        .order_by_asc(expert_category::Column::CategoryId)
        .all(db)
        .await
}

/// The categories an expert reviews in a city.
pub async fn categories_of<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    user_id: i64,
) -> Result<Vec<i64>, DbErr> {
    expert_category::Entity::find()
        .select_only()
        .column(expert_category::Column::CategoryId)
        .filter(expert_category::Column::CityId.eq(city_id))
        .filter(expert_category::Column::UserId.eq(user_id))
        .order_by_asc(expert_category::Column::CategoryId)
        .into_tuple()
        .all(db)
        .await
}

/// Assigns a category to an expert; a unique violation when already assigned.
pub async fn assign<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    user_id: i64,
    category_id: i64,
    now: DateTime<Utc>,
) -> Result<expert_category::Model, DbErr> {
    expert_category::ActiveModel {
        city_id: Set(city_id),
        user_id: Set(user_id),
        category_id: Set(category_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_assignment<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<expert_category::Model>, DbErr> {
    expert_category::Entity::find_by_id(id).one(db).await
}

/// Removes an assignment; whether there was one.
pub async fn unassign<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool, DbErr> {
    let result = expert_category::Entity::delete_by_id(id).exec(db).await?;
    Ok(result.rows_affected == 1)
}

/// Removes every assignment of a person in a city (when the expert role is revoked).
pub async fn unassign_all<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    user_id: i64,
) -> Result<u64, DbErr> {
    let result = expert_category::Entity::delete_many()
        .filter(expert_category::Column::CityId.eq(city_id))
        .filter(expert_category::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The people who hold the expert role in the city and review `category_id`.
pub async fn experts_of_category<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    category_id: i64,
) -> Result<Vec<user::Model>, DbErr> {
    let assigned = Query::select()
        .column(expert_category::Column::UserId)
        .from(expert_category::Entity)
        .and_where(expert_category::Column::CityId.eq(city_id))
        .and_where(expert_category::Column::CategoryId.eq(category_id))
        .to_owned();
    let experts = Query::select()
        .column(city_role::Column::UserId)
        .from(city_role::Entity)
        .and_where(city_role::Column::CityId.eq(city_id))
        .and_where(city_role::Column::Role.eq(Role::Expert))
        .to_owned();
    user::Entity::find()
        .filter(user::Column::Id.in_subquery(assigned))
        .filter(user::Column::Id.in_subquery(experts))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
}

/// Marks the project's negative conclusions overturned (the commission upheld the author's
/// appeal): they no longer keep it from the vote.
pub async fn overturn<C: ConnectionTrait>(db: &C, project_id: i64) -> Result<u64, DbErr> {
    Ok(expert_conclusion::Entity::update_many()
        .col_expr(
            expert_conclusion::Column::Overturned,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(expert_conclusion::Column::ProjectId.eq(project_id))
        .filter(expert_conclusion::Column::Feasible.eq(false))
        .exec(db)
        .await?
        .rows_affected)
}

/// A project's conclusions, round 1 first.
pub async fn conclusions<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> Result<Vec<expert_conclusion::Model>, DbErr> {
    expert_conclusion::Entity::find()
        .filter(expert_conclusion::Column::ProjectId.eq(project_id))
        .order_by_asc(expert_conclusion::Column::Round)
        .all(db)
        .await
}

pub async fn revision<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> Result<Option<expert_revision::Model>, DbErr> {
    expert_revision::Entity::find()
        .filter(expert_revision::Column::ProjectId.eq(project_id))
        .one(db)
        .await
}

pub struct NewConclusion {
    pub project_id: i64,
    pub expert_id: i64,
    pub round: i16,
    pub feasible: bool,
    pub reasons: Option<String>,
    /// Before and after, when the expert corrected the cost.
    pub cost: Option<(i64, i64)>,
}

/// Writes a conclusion; a unique violation when the round has one already.
pub async fn insert_conclusion<C: ConnectionTrait>(
    db: &C,
    new: NewConclusion,
    now: DateTime<Utc>,
) -> Result<expert_conclusion::Model, DbErr> {
    expert_conclusion::ActiveModel {
        project_id: Set(new.project_id),
        expert_id: Set(Some(new.expert_id)),
        round: Set(new.round),
        feasible: Set(new.feasible),
        reasons: Set(new.reasons),
        cost_before_minor: Set(new.cost.map(|c| c.0)),
        cost_after_minor: Set(new.cost.map(|c| c.1)),
        created_at: Set(now),
        overturned: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Writes the author's revision; a unique violation when the project has one already.
pub async fn insert_revision<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    author_id: i64,
    (before, after): (i64, i64),
    now: DateTime<Utc>,
) -> Result<expert_revision::Model, DbErr> {
    expert_revision::ActiveModel {
        project_id: Set(project_id),
        author_id: Set(Some(author_id)),
        cost_before_minor: Set(before),
        cost_after_minor: Set(after),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Sets a project's cost from `estimate` (and, given, its description) while it is still in
/// `expected` status; `false` when its status changed meanwhile (nothing is written then).
/// The caller replaces the cost lines in the same transaction.
pub async fn set_cost<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    expected: ProjectStatus,
    estimate: &Estimate,
    description: Option<(String, String)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = project::Entity::update_many()
        .col_expr(
            project::Column::CostMinor,
            Expr::value(estimate.total.minor_units()),
        )
        .col_expr(
            project::Column::CostReserveBp,
            Expr::value(estimate.reserve.basis_points()),
        )
        .col_expr(
            project::Column::CostReserveMinor,
            Expr::value(estimate.reserve_amount.minor_units()),
        )
        .col_expr(project::Column::UpdatedAt, Expr::value(now));
    if let Some((description, search_text)) = description {
        update = update
            .col_expr(project::Column::Description, Expr::value(description))
            .col_expr(project::Column::SearchText, Expr::value(search_text));
    }
    let result = update
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::Status.eq(expected))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The sessions of a city with expert review on.
pub async fn reviewed_sessions<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<i64>, DbErr> {
    budget_session::Entity::find()
        .select_only()
        .column(budget_session::Column::Id)
        .filter(budget_session::Column::CityId.eq(city_id))
        .filter(budget_session::Column::ExpertReview.eq(true))
        .into_tuple()
        .all(db)
        .await
}

/// The expert's queue: projects under moderation in `sessions`, of `categories`, not written
/// by `expert_id`, that await a conclusion (none yet, or a revision without its round 2),
/// longest waiting first.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    expert_id: i64,
    sessions: &[i64],
    categories: &[i64],
    limit: u64,
    offset: u64,
) -> Result<(Vec<project::Model>, u64), DbErr> {
    let conclusion_of_round = |round: i16| {
        Query::select()
            .expr(Expr::val(1))
            .from(expert_conclusion::Entity)
            .and_where(
                Expr::col((
                    expert_conclusion::Entity,
                    expert_conclusion::Column::ProjectId,
                ))
                .equals((project::Entity, project::Column::Id)),
            )
            .and_where(expert_conclusion::Column::Round.eq(round))
            .to_owned()
    };
    let revised = Query::select()
        .expr(Expr::val(1))
        .from(expert_revision::Entity)
        .and_where(
            Expr::col((expert_revision::Entity, expert_revision::Column::ProjectId))
                .equals((project::Entity, project::Column::Id)),
        )
        .to_owned();
    let query = project::Entity::find()
        .filter(project::Column::Status.eq(ProjectStatus::OnModeration))
        .filter(project::Column::BudgetSessionId.is_in(sessions.iter().copied()))
        .filter(project::Column::CategoryId.is_in(categories.iter().copied()))
        .filter(project::Column::AuthorId.ne(expert_id))
        .filter(
            Condition::any()
                .add(Expr::exists(conclusion_of_round(1)).not())
                .add(
                    Condition::all()
                        .add(Expr::exists(revised))
                        .add(Expr::exists(conclusion_of_round(2)).not()),
                ),
        );
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_asc(project::Column::StatusChangedAt)
        .order_by_asc(project::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Which of `ids` the author revised.
pub async fn revised_among<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<std::collections::HashSet<i64>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<i64> = expert_revision::Entity::find()
        .select_only()
        .column(expert_revision::Column::ProjectId)
        .filter(expert_revision::Column::ProjectId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}
