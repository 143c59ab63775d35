//! Commission elections: the election and its stages, candidate applications with documents
//! and history, and the rounds' ballots. Each round's cap is held by the ballot row (raised
//! only under the cap) and (ballot, candidate) is unique; closing a round is claimed once by a
//! conditional update of the election.
//!
//! Each function here that writes expects to run inside a transaction and, where it says so,
//! to be its first write, so SQLite takes its write lock before anything is read.

use chrono::{DateTime, Utc};
use entities::{
    candidate_application as application, candidate_document as document,
    candidate_history as history, commission_election as election, election_ballot as ballot,
    election_stage as stage, election_vote as vote,
};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::election::{Round, Stage, StageDates, Status, VoteRefusal};

/// An election's parameters, as stored.
#[derive(Debug, Clone)]
pub struct Parameters {
    pub min_votes_round2: i32,
    pub votes_round1: i32,
    pub votes_round2: i32,
    pub seats: i32,
    /// Comma-separated tie-break codes.
    pub tie_break: String,
}

/// A new election of a session; a unique violation when the session has one.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    session_id: i64,
    p: &Parameters,
    now: DateTime<Utc>,
) -> Result<election::Model, DbErr> {
    election::ActiveModel {
        city_id: Set(city_id),
        budget_session_id: Set(session_id),
        min_votes_round2: Set(p.min_votes_round2),
        votes_round1: Set(p.votes_round1),
        votes_round2: Set(p.votes_round2),
        seats: Set(p.seats),
        tie_break: Set(p.tie_break.clone()),
        round1_closed_at: Set(None),
        round2_closed_at: Set(None),
        tie: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Changes an election's parameters (the first write of its transaction).
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: i64,
    p: &Parameters,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    election::Entity::update_many()
        .col_expr(
            election::Column::MinVotesRound2,
            Expr::value(p.min_votes_round2),
        )
        .col_expr(election::Column::VotesRound1, Expr::value(p.votes_round1))
        .col_expr(election::Column::VotesRound2, Expr::value(p.votes_round2))
        .col_expr(election::Column::Seats, Expr::value(p.seats))
        .col_expr(election::Column::TieBreak, Expr::value(p.tie_break.clone()))
        .col_expr(election::Column::UpdatedAt, Expr::value(now))
        .filter(election::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces an election's stages.
pub async fn set_stages<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    stages: &[StageDates],
) -> Result<(), DbErr> {
    stage::Entity::delete_many()
        .filter(stage::Column::ElectionId.eq(election_id))
        .exec(db)
        .await?;
    let rows = stages.iter().map(|s| stage::ActiveModel {
        election_id: Set(election_id),
        stage: Set(s.stage.code().to_owned()),
        starts_on: Set(s.start),
        ends_on: Set(s.end),
        ..Default::default()
    });
    stage::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn of_session<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Option<election::Model>, DbErr> {
    election::Entity::find()
        .filter(election::Column::BudgetSessionId.eq(session_id))
        .one(db)
        .await
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<election::Model>, DbErr> {
    election::Entity::find_by_id(id)
        .filter(election::Column::CityId.eq(city_id))
        .one(db)
        .await
}

/// The city's elections whose second round has closed, newest results first.
pub async fn decided<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<election::Model>, DbErr> {
    election::Entity::find()
        .filter(election::Column::CityId.eq(city_id))
        .filter(election::Column::Round2ClosedAt.is_not_null())
        .order_by_desc(election::Column::Round2ClosedAt)
        .order_by_desc(election::Column::Id)
        .all(db)
        .await
}

/// The decided elections (round 2 closed) in which `user_id` was elected, newest first.
pub async fn elected_in<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
) -> Result<Vec<election::Model>, DbErr> {
    let elections: Vec<i64> = application::Entity::find()
        .filter(application::Column::UserId.eq(user_id))
        .filter(application::Column::Status.eq(Status::Elected.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.election_id)
        .collect();
    if elections.is_empty() {
        return Ok(vec![]);
    }
    election::Entity::find()
        .filter(election::Column::Id.is_in(elections))
        .filter(election::Column::Round2ClosedAt.is_not_null())
        .order_by_desc(election::Column::Round2ClosedAt)
        .all(db)
        .await
}

/// Elections with a round still to close (for the background job).
pub async fn open_rounds<C: ConnectionTrait>(db: &C) -> Result<Vec<election::Model>, DbErr> {
    election::Entity::find()
        .filter(election::Column::Round2ClosedAt.is_null())
        .all(db)
        .await
}

/// An election's stages, as dated values (unknown stage codes are skipped).
pub async fn stages<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
) -> Result<Vec<StageDates>, DbErr> {
    let rows = stage::Entity::find()
        .filter(stage::Column::ElectionId.eq(election_id))
        .order_by_asc(stage::Column::StartsOn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(StageDates {
                stage: Stage::from_code(&r.stage)?,
                start: r.starts_on,
                end: r.ends_on,
            })
        })
        .collect())
}

/// Claims closing a round: `true` for the one caller that sets its time (the first write of
/// its transaction); everyone after sees it closed.
pub async fn claim_close<C: ConnectionTrait>(
    db: &C,
    id: i64,
    round: Round,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let column = match round {
        Round::One => election::Column::Round1ClosedAt,
        Round::Two => election::Column::Round2ClosedAt,
    };
    let mut update = election::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .col_expr(election::Column::UpdatedAt, Expr::value(now))
        .filter(election::Column::Id.eq(id))
        .filter(column.is_null());
    if round == Round::Two {
        // Round 2 closes after round 1.
        update = update.filter(election::Column::Round1ClosedAt.is_not_null());
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Records (or clears) the tie left for moderators.
pub async fn set_tie<C: ConnectionTrait>(
    db: &C,
    id: i64,
    tie: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    election::Entity::update_many()
        .col_expr(election::Column::Tie, Expr::value(tie))
        .col_expr(election::Column::UpdatedAt, Expr::value(now))
        .filter(election::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Clears the tie if it is still `expected` (the first write of the moderator's decision):
/// `false` when someone else decided first.
pub async fn take_tie<C: ConnectionTrait>(
    db: &C,
    id: i64,
    expected: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(election::Entity::update_many()
        .col_expr(election::Column::Tie, Expr::value(Option::<String>::None))
        .col_expr(election::Column::UpdatedAt, Expr::value(now))
        .filter(election::Column::Id.eq(id))
        .filter(election::Column::Tie.eq(expected))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// A new draft application; a unique violation when the resident already has one.
pub async fn insert_application<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<application::Model, DbErr> {
    application::ActiveModel {
        election_id: Set(election_id),
        user_id: Set(user_id),
        status: Set(Status::Draft.code().to_owned()),
        page: Set(0),
        motivation: Set(None),
        experience: Set(None),
        organization: Set(None),
        consent_personal_data: Set(false),
        consent_rules: Set(false),
        moderator_comment: Set(None),
        submitted_at: Set(None),
        round1_votes: Set(0),
        round2_votes: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn application<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id)
        .filter(application::Column::ElectionId.eq(election_id))
        .one(db)
        .await
}

pub async fn application_of<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    user_id: i64,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::ElectionId.eq(election_id))
        .filter(application::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// The applications of an election in these statuses: oldest first (a queue), or by votes.
pub async fn applications<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    statuses: &[Status],
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::ElectionId.eq(election_id))
        .filter(application::Column::Status.is_in(statuses.iter().map(|s| s.code())))
        .order_by_asc(application::Column::UpdatedAt)
        .order_by_asc(application::Column::Id)
        .all(db)
        .await
}

/// What a candidate saves of the form's pages.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub page: i32,
    pub motivation: Option<Option<String>>,
    pub experience: Option<Option<String>>,
    pub organization: Option<Option<String>>,
    pub consent_personal_data: Option<bool>,
    pub consent_rules: Option<bool>,
}

/// Saves pages of an application still in `status` (the first write of its transaction):
/// `false` when its status changed meanwhile. The progress only grows.
pub async fn save_pages<C: ConnectionTrait>(
    db: &C,
    id: i64,
    status: Status,
    pages: Pages,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = application::Entity::update_many()
        .col_expr(
            application::Column::Page,
            Expr::case(
                Expr::col(application::Column::Page).lt(pages.page),
                pages.page,
            )
            .finally(Expr::col(application::Column::Page))
            .into(),
        )
        .col_expr(application::Column::UpdatedAt, Expr::value(now));
    if let Some(v) = pages.motivation {
        update = update.col_expr(application::Column::Motivation, Expr::value(v));
    }
    if let Some(v) = pages.experience {
        update = update.col_expr(application::Column::Experience, Expr::value(v));
    }
    if let Some(v) = pages.organization {
        update = update.col_expr(application::Column::Organization, Expr::value(v));
    }
    if let Some(v) = pages.consent_personal_data {
        update = update.col_expr(application::Column::ConsentPersonalData, Expr::value(v));
    }
    if let Some(v) = pages.consent_rules {
        update = update.col_expr(application::Column::ConsentRules, Expr::value(v));
    }
    Ok(update
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(status.code()))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Moves an application from `from` to `to` (the first write of its transaction): `false`
/// when it is no longer in `from`. A first submission records its time.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    id: i64,
    from: Status,
    to: Status,
    comment: Option<Option<String>>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(application::Column::UpdatedAt, Expr::value(now));
    if let Some(comment) = comment {
        update = update.col_expr(application::Column::ModeratorComment, Expr::value(comment));
    }
    if to == Status::OnModeration {
        update = update.col_expr(
            application::Column::SubmittedAt,
            Expr::col(application::Column::SubmittedAt).if_null(now),
        );
    }
    Ok(update
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(from.code()))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Stores a round's vote count on the candidate's application.
pub async fn set_votes<C: ConnectionTrait>(
    db: &C,
    id: i64,
    round: Round,
    votes: i64,
) -> Result<(), DbErr> {
    let column = match round {
        Round::One => application::Column::Round1Votes,
        Round::Two => application::Column::Round2Votes,
    };
    application::Entity::update_many()
        .col_expr(column, Expr::value(votes))
        .filter(application::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn add_history<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
    actor_id: Option<i64>,
    from: Option<Status>,
    to: Status,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    history::ActiveModel {
        application_id: Set(application_id),
        actor_id: Set(actor_id),
        from_status: Set(from.map(|s| s.code().to_owned())),
        to_status: Set(to.code().to_owned()),
        comment: Set(comment),
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

/// Bumps an application's `updated_at` if it is still in `status` (the first write of an
/// upload's transaction, which locks the row): `false` when it changed.
pub async fn touch<C: ConnectionTrait>(
    db: &C,
    id: i64,
    status: Status,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(application::Entity::update_many()
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(status.code()))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

pub async fn documents<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
) -> Result<Vec<document::Model>, DbErr> {
    document::Entity::find()
        .filter(document::Column::ApplicationId.eq(application_id))
        .order_by_asc(document::Column::Id)
        .all(db)
        .await
}

pub async fn count_documents<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
) -> Result<u64, DbErr> {
    document::Entity::find()
        .filter(document::Column::ApplicationId.eq(application_id))
        .count(db)
        .await
}

pub async fn insert_document<C: ConnectionTrait>(
    db: &C,
    new: document::ActiveModel,
) -> Result<document::Model, DbErr> {
    new.insert(db).await
}

pub async fn document<C: ConnectionTrait>(
    db: &C,
    application_id: i64,
    id: i64,
) -> Result<Option<document::Model>, DbErr> {
    document::Entity::find_by_id(id)
        .filter(document::Column::ApplicationId.eq(application_id))
        .one(db)
        .await
}

pub async fn delete_document<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    document::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

fn round_number(round: Round) -> i16 {
    match round {
        Round::One => 1,
        Round::Two => 2,
    }
}

/// Casts one vote in a round (the first write of its transaction): the voter's ballot count
/// rises only under `limit`, and (ballot, candidate) is unique. `Ok(Ok(n))`: the ballot now
/// has `n` votes; a refusal leaves the caller to roll back.
pub async fn cast<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    round: Round,
    voter_id: i64,
    candidate_id: i64,
    limit: i32,
    now: DateTime<Utc>,
) -> Result<Result<i32, VoteRefusal>, DbErr> {
    let number = round_number(round);
    ballot::Entity::insert(ballot::ActiveModel {
        election_id: Set(election_id),
        round: Set(number),
        voter_id: Set(voter_id),
        votes_cast: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            ballot::Column::ElectionId,
            ballot::Column::Round,
            ballot::Column::VoterId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let raised = ballot::Entity::update_many()
        .col_expr(
            ballot::Column::VotesCast,
            Expr::col(ballot::Column::VotesCast).add(1),
        )
        .col_expr(ballot::Column::UpdatedAt, Expr::value(now))
        .filter(ballot::Column::ElectionId.eq(election_id))
        .filter(ballot::Column::Round.eq(number))
        .filter(ballot::Column::VoterId.eq(voter_id))
        .filter(ballot::Column::VotesCast.lt(limit))
        .exec(db)
        .await?;
    let ballot = ballot_of(db, election_id, round, voter_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("election ballot".into()))?;
    if raised.rows_affected == 0 {
        // The ballot is full; a repeat vote is told so rather than that the votes ran out.
        let repeat = vote::Entity::find()
            .filter(vote::Column::BallotId.eq(ballot.id))
            .filter(vote::Column::CandidateId.eq(candidate_id))
            .count(db)
            .await?
            > 0;
        return Ok(Err(if repeat {
            VoteRefusal::AlreadyVoted
        } else {
            VoteRefusal::NoVotesLeft { limit }
        }));
    }
    let inserted = vote::Entity::insert(vote::ActiveModel {
        ballot_id: Set(ballot.id),
        election_id: Set(election_id),
        round: Set(number),
        candidate_id: Set(candidate_id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([vote::Column::BallotId, vote::Column::CandidateId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Ok(Err(VoteRefusal::AlreadyVoted));
    }
    Ok(Ok(ballot.votes_cast))
}

pub async fn ballot_of<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    round: Round,
    voter_id: i64,
) -> Result<Option<ballot::Model>, DbErr> {
    ballot::Entity::find()
        .filter(ballot::Column::ElectionId.eq(election_id))
        .filter(ballot::Column::Round.eq(round_number(round)))
        .filter(ballot::Column::VoterId.eq(voter_id))
        .one(db)
        .await
}

/// The candidates a ballot voted for, in the order voted.
pub async fn votes_of<C: ConnectionTrait>(db: &C, ballot_id: i64) -> Result<Vec<i64>, DbErr> {
    vote::Entity::find()
        .select_only()
        .column(vote::Column::CandidateId)
        .filter(vote::Column::BallotId.eq(ballot_id))
        .order_by_asc(vote::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Each candidate's votes in a round, counted from the votes themselves.
pub async fn tally<C: ConnectionTrait>(
    db: &C,
    election_id: i64,
    round: Round,
) -> Result<Vec<(i64, i64)>, DbErr> {
    vote::Entity::find()
        .select_only()
        .column(vote::Column::CandidateId)
        .column_as(vote::Column::Id.count(), "votes")
        .filter(vote::Column::ElectionId.eq(election_id))
        .filter(vote::Column::Round.eq(round_number(round)))
        .group_by(vote::Column::CandidateId)
        .into_tuple()
        .all(db)
        .await
}
