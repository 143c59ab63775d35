//! Supporter applications and their history.

use chrono::{DateTime, Utc};
use entities::{supporter_application as application, supporter_history as history};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::domain::supporters::Status;

/// The value of `open` for a status: 1 while the application is open, NULL once closed.
fn open(status: Status) -> Option<i16> {
    status.is_open().then_some(1)
}

/// A new pending application. Fails with a unique violation when the resident already has an
/// open application to the project.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    user_id: i64,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<application::Model, DbErr> {
    application::ActiveModel {
        project_id: Set(project_id),
        user_id: Set(user_id),
        status: Set(Status::Pending.code().to_owned()),
        open: Set(open(Status::Pending)),
        comment: Set(comment),
        decision_comment: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id)
        .filter(application::Column::ProjectId.eq(project_id))
        .one(db)
        .await
}

/// The resident's open (pending or accepted) application to the project.
pub async fn open_of<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    user_id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::ProjectId.eq(project_id))
        .filter(application::Column::UserId.eq(user_id))
        .filter(application::Column::Open.is_not_null())
        .one(db)
        .await
}

/// The resident's latest application to the project, open or not.
pub async fn latest_of<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    user_id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::ProjectId.eq(project_id))
        .filter(application::Column::UserId.eq(user_id))
        .order_by_desc(application::Column::Id)
        .one(db)
        .await
}

/// Moves an application from `from` to `to`; `false` when it is no longer in `from`.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    id: i64,
    from: Status,
    to: Status,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(application::Column::Open, Expr::value(open(to)))
        .col_expr(application::Column::DecisionComment, Expr::value(comment))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(from.code()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A project's applications, oldest first; with `statuses`, only those in them.
pub async fn of_project<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    statuses: Option<&[Status]>,
) -> Result<Vec<application::Model>, DbErr> {
    let mut query =
        application::Entity::find().filter(application::Column::ProjectId.eq(project_id));
    if let Some(statuses) = statuses {
        query = query.filter(application::Column::Status.is_in(statuses.iter().map(|s| s.code())));
    }
    query.order_by_asc(application::Column::Id).all(db).await
}

pub struct Step {
    pub application_id: i64,
    pub actor_id: i64,
    pub from: Option<Status>,
    pub to: Status,
    pub comment: Option<String>,
}

pub async fn add_history<C: ConnectionTrait>(
    db: &C,
    step: Step,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    history::ActiveModel {
        application_id: Set(step.application_id),
        actor_id: Set(Some(step.actor_id)),
        from_status: Set(step.from.map(|s| s.code().to_owned())),
        to_status: Set(step.to.code().to_owned()),
        comment: Set(step.comment),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn history<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
) -> Result<Vec<history::Model>, DbErr> {
    history::Entity::find()
        .filter(history::Column::ApplicationId.eq(application_id))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await
}
