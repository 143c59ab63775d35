//! Ballots and votes. Every limit is held by the database inside the vote's transaction: the
//! ballot row is claimed and its count raised only while under the limit (an `UPDATE … WHERE
//! votes_cast < limit`, which locks the row on PostgreSQL and runs under SQLite's single
//! writer), and (ballot, project) is unique. Nothing is checked first and inserted after.
//!
//! Each function here that writes expects to run inside a transaction and to be its first
//! write, so SQLite takes its write lock before anything is read.

use chrono::{DateTime, NaiveDate, Utc};
use entities::{ballot, ballot_category, ballot_key, ballot_pot, project, vote};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::domain::voting::{self as rules, Channel, Refusal};

/// Who casts a vote, and where it goes.
#[derive(Debug, Clone)]
pub struct NewVote {
    pub session_id: i64,
    /// The voter's normalized login: one ballot per voter and session.
    pub voter_key: String,
    /// Every number the voter is known by, `voter_key` first (`domain::voting::voter_keys`).
    pub keys: Vec<String>,
    pub user_id: Option<i64>,
    pub birth_date: Option<NaiveDate>,
    pub channel: Channel,
    pub project_id: i64,
    pub pot_id: i64,
    /// The project's category, when the session allows one vote per category: the ballot
    /// claims it.
    pub claims_category: Option<i64>,
}

/// What a vote did, or why the database refused it (the caller rolls back then).
pub type Cast = Result<i32, Refusal>;

/// Casts one vote: the ballot's count and the pot's count rise within their limits, the vote
/// is inserted, the project's count rises. `Ok(Ok(n))`: the ballot now has `n` votes.
pub async fn cast<C: ConnectionTrait>(
    db: &C,
    new: &NewVote,
    limit: i32,
    pot_limit: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Cast, DbErr> {
    let created = ballot::Entity::insert(ballot::ActiveModel {
        budget_session_id: Set(new.session_id),
        voter_key: Set(new.voter_key.clone()),
        user_id: Set(new.user_id),
        channel: Set(new.channel.code().to_owned()),
        votes_cast: Set(0),
        birth_date: Set(new.birth_date),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([ballot::Column::BudgetSessionId, ballot::Column::VoterKey])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?
        == 1;
    if created {
        let ballot = find(db, new.session_id, &new.voter_key)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("ballot".into()))?;
        if let Err(refusal) =
            claim_keys(db, new.session_id, ballot.id, new.channel, &new.keys).await?
        {
            return Ok(Err(refusal));
        }
    }
    let raised = ballot::Entity::update_many()
        .col_expr(
            ballot::Column::VotesCast,
            Expr::col(ballot::Column::VotesCast).add(1),
        )
        .col_expr(ballot::Column::UpdatedAt, Expr::value(now))
        .filter(ballot::Column::BudgetSessionId.eq(new.session_id))
        .filter(ballot::Column::VoterKey.eq(new.voter_key.as_str()))
        .filter(ballot::Column::Channel.eq(new.channel.code()))
        .filter(ballot::Column::VotesCast.lt(limit))
        .exec(db)
        .await?;
    let ballot = find(db, new.session_id, &new.voter_key)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("ballot".into()))?;
    if raised.rows_affected == 0 {
        let voted = Channel::from_code(&ballot.channel).unwrap_or(Channel::Internet);
        // A full ballot: a repeat vote is told so rather than that the votes ran out.
        let repeat = || async {
            vote::Entity::find()
                .filter(vote::Column::BallotId.eq(ballot.id))
                .filter(vote::Column::ProjectId.eq(new.project_id))
                .count(db)
                .await
                .map(|n| n > 0)
        };
        return Ok(Err(if voted != new.channel {
            Refusal::OtherChannel { voted }
        } else if repeat().await? {
            Refusal::AlreadyVoted
        } else {
            Refusal::NoVotesLeft { limit }
        }));
    }
    if let Some(pot_limit) = pot_limit
        && !raise_pot(db, ballot.id, new.pot_id, 1, pot_limit).await?
    {
        return Ok(Err(Refusal::PotLimit { limit: pot_limit }));
    }
    if let Some(category) = new.claims_category
        && !claim_category(db, ballot.id, category, new.project_id).await?
    {
        // The same project again is a repeat, not a second vote in its category.
        let repeat = vote::Entity::find()
            .filter(vote::Column::BallotId.eq(ballot.id))
            .filter(vote::Column::ProjectId.eq(new.project_id))
            .count(db)
            .await?
            > 0;
        return Ok(Err(if repeat {
            Refusal::AlreadyVoted
        } else {
            Refusal::CategoryUsed
        }));
    }
    let inserted = vote::Entity::insert(vote::ActiveModel {
        ballot_id: Set(ballot.id),
        budget_session_id: Set(new.session_id),
        project_id: Set(new.project_id),
        pot_id: Set(new.pot_id),
        channel: Set(new.channel.code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if super::is_unique_violation(&err) => return Ok(Err(Refusal::AlreadyVoted)),
        Err(err) => return Err(err),
    }
    count_project(db, new.project_id, 1).await?;
    Ok(Ok(ballot.votes_cast))
}

/// Raises a ballot's count in a pot by `by`, within `limit`; `false` when that would pass it.
async fn raise_pot<C: ConnectionTrait>(
    db: &C,
    ballot_id: i64,
    pot_id: i64,
    by: i32,
    limit: i32,
) -> Result<bool, DbErr> {
    ballot_pot::Entity::insert(ballot_pot::ActiveModel {
        ballot_id: Set(ballot_id),
        pot_id: Set(pot_id),
        votes_cast: Set(0),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([ballot_pot::Column::BallotId, ballot_pot::Column::PotId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let raised = ballot_pot::Entity::update_many()
        .col_expr(
            ballot_pot::Column::VotesCast,
            Expr::col(ballot_pot::Column::VotesCast).add(by),
        )
        .filter(ballot_pot::Column::BallotId.eq(ballot_id))
        .filter(ballot_pot::Column::PotId.eq(pot_id))
        .filter(ballot_pot::Column::VotesCast.lte(limit - by))
        .exec(db)
        .await?;
    Ok(raised.rows_affected == 1)
}

/// Claims `category` for the ballot; `false` when it holds a vote in that category already.
/// A conflict must not fail the statement: PostgreSQL would abort the transaction.
async fn claim_category<C: ConnectionTrait>(
    db: &C,
    ballot_id: i64,
    category_id: i64,
    project_id: i64,
) -> Result<bool, DbErr> {
    let inserted = ballot_category::Entity::insert(ballot_category::ActiveModel {
        ballot_id: Set(ballot_id),
        category_id: Set(category_id),
        project_id: Set(project_id),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            ballot_category::Column::BallotId,
            ballot_category::Column::CategoryId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

async fn count_project<C: ConnectionTrait>(db: &C, project_id: i64, by: i64) -> Result<(), DbErr> {
    project::Entity::update_many()
        .col_expr(
            project::Column::VoteCount,
            Expr::col(project::Column::VoteCount).add(by),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes back an internet vote; `Ok(Err(NotVoted))` when there is none. `Ok(Ok(n))`: the
/// ballot has `n` votes left on it.
pub async fn withdraw<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    voter_key: &str,
    project_id: i64,
    now: DateTime<Utc>,
) -> Result<Cast, DbErr> {
    let ballots = Query::select()
        .column(ballot::Column::Id)
        .from(ballot::Entity)
        .and_where(Expr::col(ballot::Column::BudgetSessionId).eq(session_id))
        .and_where(Expr::col(ballot::Column::VoterKey).eq(voter_key))
        .and_where(Expr::col(ballot::Column::Channel).eq(Channel::Internet.code()))
        .to_owned();
    let deleted = vote::Entity::delete_many()
        .filter(vote::Column::ProjectId.eq(project_id))
        .filter(vote::Column::BallotId.in_subquery(ballots))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Ok(Err(Refusal::NotVoted));
    }
    let ballot = find(db, session_id, voter_key)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("ballot".into()))?;
    ballot::Entity::update_many()
        .col_expr(
            ballot::Column::VotesCast,
            Expr::col(ballot::Column::VotesCast).sub(1),
        )
        .col_expr(ballot::Column::UpdatedAt, Expr::value(now))
        .filter(ballot::Column::Id.eq(ballot.id))
        .exec(db)
        .await?;
    let pot_id = project::Entity::find_by_id(project_id)
        .one(db)
        .await?
        .and_then(|p| p.pot_id);
    // The category is free again (in a session with one vote per category).
    ballot_category::Entity::delete_many()
        .filter(ballot_category::Column::BallotId.eq(ballot.id))
        .filter(ballot_category::Column::ProjectId.eq(project_id))
        .exec(db)
        .await?;
    if let Some(pot_id) = pot_id {
        ballot_pot::Entity::update_many()
            .col_expr(
                ballot_pot::Column::VotesCast,
                Expr::col(ballot_pot::Column::VotesCast).sub(1),
            )
            .filter(ballot_pot::Column::BallotId.eq(ballot.id))
            .filter(ballot_pot::Column::PotId.eq(pot_id))
            .filter(ballot_pot::Column::VotesCast.gt(0))
            .exec(db)
            .await?;
    }
    count_project(db, project_id, -1).await?;
    Ok(Ok(ballot.votes_cast - 1))
}

/// A whole paper ballot: refused when the voter already has a ballot in the session, through
/// either channel. `projects`: (project, pot) pairs, checked by the caller.
pub async fn cast_paper<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    keys: &[String],
    user_id: Option<i64>,
    birth_date: Option<NaiveDate>,
    projects: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<Cast, DbErr> {
    let voter_key = keys
        .first()
        .ok_or_else(|| DbErr::Custom("a ballot needs its voter's key".into()))?;
    let count = i32::try_from(projects.len()).unwrap_or(i32::MAX);
    // Rows are locked in one order (by project), so two ballots at once cannot deadlock.
    let mut projects = projects.to_vec();
    projects.sort_unstable();
    // A conflict must not fail the statement: PostgreSQL would abort the transaction.
    let inserted = ballot::Entity::insert(ballot::ActiveModel {
        budget_session_id: Set(session_id),
        voter_key: Set(voter_key.to_owned()),
        user_id: Set(user_id),
        channel: Set(Channel::Paper.code().to_owned()),
        votes_cast: Set(count),
        birth_date: Set(birth_date),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([ballot::Column::BudgetSessionId, ballot::Column::VoterKey])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?
        == 1;
    let ballot = find(db, session_id, voter_key)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("ballot".into()))?;
    if !inserted {
        let voted = Channel::from_code(&ballot.channel).unwrap_or(Channel::Paper);
        return Ok(Err(rules::beside(voted, Channel::Paper)
            .err()
            .unwrap_or(Refusal::AlreadyVoted)));
    }
    let ballot_id = ballot.id;
    if let Err(refusal) = claim_keys(db, session_id, ballot_id, Channel::Paper, keys).await? {
        return Ok(Err(refusal));
    }
    let mut per_pot = std::collections::BTreeMap::<i64, i32>::new();
    for (_, pot) in &projects {
        *per_pot.entry(*pot).or_default() += 1;
    }
    let pots: Vec<_> = per_pot
        .into_iter()
        .map(|(pot_id, votes)| ballot_pot::ActiveModel {
            ballot_id: Set(ballot_id),
            pot_id: Set(pot_id),
            votes_cast: Set(votes),
            ..Default::default()
        })
        .collect();
    ballot_pot::Entity::insert_many(pots)
        .exec_without_returning(db)
        .await?;
    let votes: Vec<_> = projects
        .iter()
        .map(|(project_id, pot_id)| vote::ActiveModel {
            ballot_id: Set(ballot_id),
            budget_session_id: Set(session_id),
            project_id: Set(*project_id),
            pot_id: Set(*pot_id),
            channel: Set(Channel::Paper.code().to_owned()),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    vote::Entity::insert_many(votes)
        .exec_without_returning(db)
        .await?;
    for (project_id, _) in &projects {
        count_project(db, *project_id, 1).await?;
    }
    Ok(Ok(count))
}

/// Claims the numbers a ballot's voter is known by. When one already belongs to another ballot
/// of the session, `domain::voting::beside` decides whether the two may stand together; a
/// refusal leaves the caller to roll back.
async fn claim_keys<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    ballot_id: i64,
    channel: Channel,
    keys: &[String],
) -> Result<Result<(), Refusal>, DbErr> {
    let rows = keys.iter().map(|key| ballot_key::ActiveModel {
        budget_session_id: Set(session_id),
        voter_key: Set(key.clone()),
        ballot_id: Set(ballot_id),
        ..Default::default()
    });
    ballot_key::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                ballot_key::Column::BudgetSessionId,
                ballot_key::Column::VoterKey,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    let others = Query::select()
        .column(ballot_key::Column::BallotId)
        .from(ballot_key::Entity)
        .and_where(Expr::col(ballot_key::Column::BudgetSessionId).eq(session_id))
        .and_where(Expr::col(ballot_key::Column::VoterKey).is_in(keys.iter().map(String::as_str)))
        .and_where(Expr::col(ballot_key::Column::BallotId).ne(ballot_id))
        .to_owned();
    let channels: Vec<String> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Channel)
        .filter(ballot::Column::Id.in_subquery(others))
        .order_by_asc(ballot::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(channels
        .iter()
        .filter_map(|c| Channel::from_code(c))
        .try_for_each(|existing| rules::beside(existing, channel)))
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    voter_key: &str,
) -> Result<Option<ballot::Model>, DbErr> {
    ballot::Entity::find()
        .filter(ballot::Column::BudgetSessionId.eq(session_id))
        .filter(ballot::Column::VoterKey.eq(voter_key))
        .one(db)
        .await
}

/// The projects on a ballot, in the order voted.
pub async fn projects_of<C: ConnectionTrait>(db: &C, ballot_id: i64) -> Result<Vec<i64>, DbErr> {
    vote::Entity::find()
        .select_only()
        .column(vote::Column::ProjectId)
        .filter(vote::Column::BallotId.eq(ballot_id))
        .order_by_asc(vote::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Every ballot of a session as (ballot id, project id) pairs, ordered by ballot.
pub async fn pairs<C: ConnectionTrait>(db: &C, session_id: i64) -> Result<Vec<(i64, i64)>, DbErr> {
    vote::Entity::find()
        .select_only()
        .column(vote::Column::BallotId)
        .column(vote::Column::ProjectId)
        .filter(vote::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(vote::Column::BallotId)
        .order_by_asc(vote::Column::ProjectId)
        .into_tuple()
        .all(db)
        .await
}

/// How many votes the session's projects have, counted from the votes themselves.
pub async fn count<C: ConnectionTrait>(db: &C, session_id: i64) -> Result<u64, DbErr> {
    vote::Entity::find()
        .filter(vote::Column::BudgetSessionId.eq(session_id))
        .count(db)
        .await
}

/// Each ballot's channel in a session.
pub async fn channels<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    let rows: Vec<(i64, String)> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Id)
        .column(ballot::Column::Channel)
        .filter(ballot::Column::BudgetSessionId.eq(session_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The session's ballots grouped by channel and birth date: (channel, birth date, ballots,
/// votes).
pub async fn ballots_by_channel_and_birth<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<(String, Option<NaiveDate>, i64, i64)>, DbErr> {
    ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Channel)
        .column(ballot::Column::BirthDate)
        .column_as(Expr::cust("COUNT(*)"), "ballots")
        .column_as(Expr::cust("SUM(votes_cast)"), "votes")
        .filter(ballot::Column::BudgetSessionId.eq(session_id))
        .group_by(ballot::Column::Channel)
        .group_by(ballot::Column::BirthDate)
        .into_tuple()
        .all(db)
        .await
}

/// Votes cast in `[from, to)` by channel.
pub async fn between<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, DbErr> {
    vote::Entity::find()
        .select_only()
        .column(vote::Column::Channel)
        .column_as(Expr::cust("COUNT(*)"), "votes")
        .filter(vote::Column::BudgetSessionId.eq(session_id))
        .filter(vote::Column::CreatedAt.gte(from))
        .filter(vote::Column::CreatedAt.lt(to))
        .group_by(vote::Column::Channel)
        .into_tuple()
        .all(db)
        .await
}

/// Votes and distinct voters by the district of the project voted for (`None`: citywide).
pub async fn by_district<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<(Option<i64>, i64, i64)>, DbErr> {
    let to_project: sea_orm::RelationDef = vote::Entity::belongs_to(project::Entity)
        .from(vote::Column::ProjectId)
        .to(project::Column::Id)
        .into();
    vote::Entity::find()
        .select_only()
        .column(project::Column::DistrictId)
        .column_as(Expr::cust("COUNT(*)"), "votes")
        .column_as(Expr::cust("COUNT(DISTINCT votes.ballot_id)"), "voters")
        .join(sea_orm::JoinType::InnerJoin, to_project)
        .filter(vote::Column::BudgetSessionId.eq(session_id))
        .group_by(project::Column::DistrictId)
        .into_tuple()
        .all(db)
        .await
}
