//! Public budget commission (ГБК) elections: an election per budget session, its stages, the
//! candidates' applications with their documents and history, and the two rounds' ballots.
//!
//! Integrity in the schema: one election per session; one application per resident and
//! election; one ballot per voter and round, raised only under its cap; one vote per ballot
//! and candidate.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CommissionElections {
    Table,
    Id,
    CityId,
    BudgetSessionId,
    MinVotesRound2,
    VotesRound1,
    VotesRound2,
    Seats,
    TieBreak,
    Round1ClosedAt,
    Round2ClosedAt,
    Tie,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ElectionStages {
    Table,
    Id,
    ElectionId,
    Stage,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum CandidateApplications {
    Table,
    Id,
    ElectionId,
    UserId,
    Status,
    Page,
    Motivation,
    Experience,
    Organization,
    ConsentPersonalData,
    ConsentRules,
    ModeratorComment,
    SubmittedAt,
    Round1Votes,
    Round2Votes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CandidateDocuments {
    Table,
    Id,
    ApplicationId,
    StorageKey,
    FileName,
    ContentType,
    SizeBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CandidateHistory {
    Table,
    Id,
    ApplicationId,
    ActorId,
    FromStatus,
    ToStatus,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ElectionBallots {
    Table,
    Id,
    ElectionId,
    Round,
    VoterId,
    VotesCast,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ElectionVotes {
    Table,
    Id,
    BallotId,
    ElectionId,
    Round,
    CandidateId,
    CreatedAt,
}

fn at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

async fn unique(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for col in cols {
        index.col(col);
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommissionElections::Table)
                    .col(big_pk_auto(CommissionElections::Id))
                    .col(big_integer(CommissionElections::CityId))
                    .col(big_integer(CommissionElections::BudgetSessionId))
                    .col(integer(CommissionElections::MinVotesRound2))
                    .col(integer(CommissionElections::VotesRound1))
                    .col(integer(CommissionElections::VotesRound2))
                    .col(integer(CommissionElections::Seats))
                    .col(string_len(CommissionElections::TieBreak, 128))
                    .col(at_null(CommissionElections::Round1ClosedAt))
                    .col(at_null(CommissionElections::Round2ClosedAt))
                    .col(text_null(CommissionElections::Tie))
                    .col(at(CommissionElections::CreatedAt))
                    .col(at(CommissionElections::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_commission_elections_city",
                        (CommissionElections::Table, CommissionElections::CityId),
                        (Cities::Table, Cities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_commission_elections_session",
                        (
                            CommissionElections::Table,
                            CommissionElections::BudgetSessionId,
                        ),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_commission_elections_session",
            CommissionElections::Table,
            vec![CommissionElections::BudgetSessionId.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ElectionStages::Table)
                    .col(big_pk_auto(ElectionStages::Id))
                    .col(big_integer(ElectionStages::ElectionId))
                    .col(string_len(ElectionStages::Stage, 16))
                    .col(date(ElectionStages::StartsOn))
                    .col(date(ElectionStages::EndsOn))
                    .foreign_key(&mut fk(
                        "fk_election_stages_election",
                        (ElectionStages::Table, ElectionStages::ElectionId),
                        (CommissionElections::Table, CommissionElections::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_election_stages_stage",
            ElectionStages::Table,
            vec![
                ElectionStages::ElectionId.into_iden(),
                ElectionStages::Stage.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidateApplications::Table)
                    .col(big_pk_auto(CandidateApplications::Id))
                    .col(big_integer(CandidateApplications::ElectionId))
                    .col(big_integer(CandidateApplications::UserId))
                    .col(string_len(CandidateApplications::Status, 16))
                    .col(integer(CandidateApplications::Page).default(0))
                    .col(text_null(CandidateApplications::Motivation))
                    .col(text_null(CandidateApplications::Experience))
                    .col(string_len_null(CandidateApplications::Organization, 300))
                    .col(boolean(CandidateApplications::ConsentPersonalData).default(false))
                    .col(boolean(CandidateApplications::ConsentRules).default(false))
                    .col(text_null(CandidateApplications::ModeratorComment))
                    .col(at_null(CandidateApplications::SubmittedAt))
                    .col(big_integer(CandidateApplications::Round1Votes).default(0))
                    .col(big_integer(CandidateApplications::Round2Votes).default(0))
                    .col(at(CandidateApplications::CreatedAt))
                    .col(at(CandidateApplications::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_candidate_applications_election",
                        (
                            CandidateApplications::Table,
                            CandidateApplications::ElectionId,
                        ),
                        (CommissionElections::Table, CommissionElections::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_candidate_applications_user",
                        (CandidateApplications::Table, CandidateApplications::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_candidate_applications_user",
            CandidateApplications::Table,
            vec![
                CandidateApplications::ElectionId.into_iden(),
                CandidateApplications::UserId.into_iden(),
            ],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_candidate_applications_status")
                    .table(CandidateApplications::Table)
                    .col(CandidateApplications::ElectionId)
                    .col(CandidateApplications::Status)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidateDocuments::Table)
                    .col(big_pk_auto(CandidateDocuments::Id))
                    .col(big_integer(CandidateDocuments::ApplicationId))
                    .col(string_len(CandidateDocuments::StorageKey, 200))
                    .col(string_len(CandidateDocuments::FileName, 200))
                    .col(string_len(CandidateDocuments::ContentType, 64))
                    .col(big_integer(CandidateDocuments::SizeBytes))
                    .col(at(CandidateDocuments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_candidate_documents_application",
                        (CandidateDocuments::Table, CandidateDocuments::ApplicationId),
                        (CandidateApplications::Table, CandidateApplications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_candidate_documents_application")
                    .table(CandidateDocuments::Table)
                    .col(CandidateDocuments::ApplicationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidateHistory::Table)
                    .col(big_pk_auto(CandidateHistory::Id))
                    .col(big_integer(CandidateHistory::ApplicationId))
                    .col(big_integer_null(CandidateHistory::ActorId))
                    .col(string_len_null(CandidateHistory::FromStatus, 16))
                    .col(string_len(CandidateHistory::ToStatus, 16))
                    .col(text_null(CandidateHistory::Comment))
                    .col(at(CandidateHistory::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_candidate_history_application",
                        (CandidateHistory::Table, CandidateHistory::ApplicationId),
                        (CandidateApplications::Table, CandidateApplications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_candidate_history_actor",
                        (CandidateHistory::Table, CandidateHistory::ActorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_candidate_history_application")
                    .table(CandidateHistory::Table)
                    .col(CandidateHistory::ApplicationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ElectionBallots::Table)
                    .col(big_pk_auto(ElectionBallots::Id))
                    .col(big_integer(ElectionBallots::ElectionId))
                    .col(small_integer(ElectionBallots::Round))
                    .col(big_integer(ElectionBallots::VoterId))
                    .col(integer(ElectionBallots::VotesCast).default(0))
                    .col(at(ElectionBallots::CreatedAt))
                    .col(at(ElectionBallots::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_election_ballots_election",
                        (ElectionBallots::Table, ElectionBallots::ElectionId),
                        (CommissionElections::Table, CommissionElections::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_election_ballots_voter",
                        (ElectionBallots::Table, ElectionBallots::VoterId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_election_ballots_voter",
            ElectionBallots::Table,
            vec![
                ElectionBallots::ElectionId.into_iden(),
                ElectionBallots::Round.into_iden(),
                ElectionBallots::VoterId.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ElectionVotes::Table)
                    .col(big_pk_auto(ElectionVotes::Id))
                    .col(big_integer(ElectionVotes::BallotId))
                    .col(big_integer(ElectionVotes::ElectionId))
                    .col(small_integer(ElectionVotes::Round))
                    .col(big_integer(ElectionVotes::CandidateId))
                    .col(at(ElectionVotes::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_election_votes_ballot",
                        (ElectionVotes::Table, ElectionVotes::BallotId),
                        (ElectionBallots::Table, ElectionBallots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_election_votes_candidate",
                        (ElectionVotes::Table, ElectionVotes::CandidateId),
                        (CandidateApplications::Table, CandidateApplications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_election_votes_candidate",
            ElectionVotes::Table,
            vec![
                ElectionVotes::BallotId.into_iden(),
                ElectionVotes::CandidateId.into_iden(),
            ],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_election_votes_round_candidate")
                    .table(ElectionVotes::Table)
                    .col(ElectionVotes::ElectionId)
                    .col(ElectionVotes::Round)
                    .col(ElectionVotes::CandidateId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ElectionVotes::Table.into_iden(),
            ElectionBallots::Table.into_iden(),
            CandidateHistory::Table.into_iden(),
            CandidateDocuments::Table.into_iden(),
            CandidateApplications::Table.into_iden(),
            ElectionStages::Table.into_iden(),
            CommissionElections::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
