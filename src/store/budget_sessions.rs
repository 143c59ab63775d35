//! Budget sessions, their stages and pots.

use chrono_tz::Tz;
use entities::prelude::*;
use entities::{budget_pot, budget_session, stage};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use entities::budget_pot::PotScope;
use entities::stage::StageKind as DbStageKind;

use crate::domain::Money;
use crate::domain::timeline::{StageDates, StageKind, window};

/// A validated pot, ready to store.
#[derive(Debug, Clone)]
pub struct NewPot {
    pub name_uk: String,
    pub name_en: String,
    pub scope: PotScope,
    pub total: Money,
    pub max_project_cost: Money,
    pub max_votes_per_voter: Option<i32>,
    /// Endorsements a project needs to be admitted (0: none).
    pub min_endorsements: i32,
}

pub fn db_kind(kind: StageKind) -> DbStageKind {
    match kind {
        StageKind::Submission => DbStageKind::Submission,
        StageKind::Endorsement => DbStageKind::Endorsement,
        StageKind::Review => DbStageKind::Review,
        StageKind::Voting => DbStageKind::Voting,
        StageKind::Results => DbStageKind::Results,
        StageKind::Implementation => DbStageKind::Implementation,
    }
}

pub fn domain_kind(kind: DbStageKind) -> StageKind {
    match kind {
        DbStageKind::Submission => StageKind::Submission,
        DbStageKind::Endorsement => StageKind::Endorsement,
        DbStageKind::Review => StageKind::Review,
        DbStageKind::Voting => StageKind::Voting,
        DbStageKind::Results => StageKind::Results,
        DbStageKind::Implementation => StageKind::Implementation,
    }
}

pub async fn of_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<budget_session::Model>, DbErr> {
    BudgetSession::find()
        .filter(budget_session::Column::CityId.eq(city_id))
        .order_by_asc(budget_session::Column::Id)
        .all(db)
        .await
}

/// Sessions by id.
pub async fn find_many<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<Vec<budget_session::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    BudgetSession::find()
        .filter(budget_session::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

pub async fn find_in_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<budget_session::Model>, DbErr> {
    BudgetSession::find_by_id(id)
        .filter(budget_session::Column::CityId.eq(city_id))
        .one(db)
        .await
}

pub async fn stages<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<stage::Model>, DbErr> {
    Stage::find()
        .filter(stage::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(stage::Column::StartsAt)
        .all(db)
        .await
}

pub async fn pots<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<budget_pot::Model>, DbErr> {
    BudgetPot::find()
        .filter(budget_pot::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(budget_pot::Column::Position)
        .all(db)
        .await
}

/// Writes the timeline: each stage's local dates become instants in the city's time zone.
/// Hints of stages that stay are kept.
pub async fn replace_stages<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    dates: &[StageDates],
    tz: Tz,
) -> Result<(), DbErr> {
    let existing = stages(db, session_id).await?;
    for old in &existing {
        if !dates.iter().any(|d| db_kind(d.kind) == old.kind) {
            Stage::delete_by_id(old.id).exec(db).await?;
        }
    }
    for d in dates {
        let (starts_at, ends_at) = window(d, tz);
        match existing.iter().find(|s| s.kind == db_kind(d.kind)) {
            Some(old) => {
                let mut model: stage::ActiveModel = old.clone().into();
                model.starts_at = Set(starts_at);
                model.ends_at = Set(ends_at);
                model.update(db).await?;
            }
            None => {
                stage::ActiveModel {
                    budget_session_id: Set(session_id),
                    kind: Set(db_kind(d.kind)),
                    starts_at: Set(starts_at),
                    ends_at: Set(ends_at),
                    hint_uk: Set(None),
                    hint_en: Set(None),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

pub async fn replace_pots<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    pots: &[NewPot],
) -> Result<(), DbErr> {
    BudgetPot::delete_many()
        .filter(budget_pot::Column::BudgetSessionId.eq(session_id))
        .exec(db)
        .await?;
    for (position, pot) in pots.iter().enumerate() {
        budget_pot::ActiveModel {
            budget_session_id: Set(session_id),
            name_uk: Set(pot.name_uk.clone()),
            name_en: Set(pot.name_en.clone()),
            scope: Set(pot.scope),
            total_minor: Set(pot.total.minor_units()),
            max_project_cost_minor: Set(pot.max_project_cost.minor_units()),
            position: Set(position as i32),
            max_votes_per_voter: Set(pot.max_votes_per_voter),
            min_endorsements: Set(pot.min_endorsements),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
