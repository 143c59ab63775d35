//! Voting and results: each resident's ballot in a session (one per person, across the
//! internet and paper channels), its votes, the per-pot counts that hold the session's limits,
//! paper-vote imports with their reports, and the computed and published results per pot.
//!
//! Also: session parameters for withdrawing votes and for showing counts, per-pot vote limits,
//! district populations (turnout), each project's vote count, and the results rules renamed to
//! the pabulib names (`kyiv` was greedy by votes; `equal_shares` is Equal Shares completed by
//! `add1`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    VoteCount,
}

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    Id,
    ResultsRule,
    VoteWithdrawal,
    ShowCounts,
}

#[derive(DeriveIden)]
enum BudgetPots {
    Table,
    Id,
    MaxVotesPerVoter,
}

#[derive(DeriveIden)]
enum Districts {
    Table,
    Population,
}

#[derive(DeriveIden)]
enum Ballots {
    Table,
    Id,
    BudgetSessionId,
    VoterKey,
    UserId,
    Channel,
    VotesCast,
    BirthDate,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BallotPots {
    Table,
    Id,
    BallotId,
    PotId,
    VotesCast,
}

#[derive(DeriveIden)]
enum Votes {
    Table,
    Id,
    BallotId,
    BudgetSessionId,
    ProjectId,
    PotId,
    Channel,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VoteImports {
    Table,
    Id,
    BudgetSessionId,
    CreatedBy,
    FileName,
    Accepted,
    Refused,
    Report,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Results {
    Table,
    Id,
    BudgetSessionId,
    PotId,
    Rule,
    Outcome,
    ComputedAt,
    ComputedBy,
    PublishedAt,
    PublishedBy,
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

/// SQLite alters one column per statement.
async fn add_column(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            manager,
            BudgetSessions::Table,
            boolean(BudgetSessions::VoteWithdrawal)
                .default(false)
                .to_owned(),
        )
        .await?;
        add_column(
            manager,
            BudgetSessions::Table,
            string_len(BudgetSessions::ShowCounts, 16)
                .default("live")
                .to_owned(),
        )
        .await?;
        add_column(
            manager,
            BudgetPots::Table,
            integer_null(BudgetPots::MaxVotesPerVoter),
        )
        .await?;
        add_column(
            manager,
            Districts::Table,
            big_integer_null(Districts::Population),
        )
        .await?;
        add_column(
            manager,
            Projects::Table,
            big_integer(Projects::VoteCount).default(0).to_owned(),
        )
        .await?;
        for (old, new) in [("kyiv", "greedy"), ("equal_shares", "equalshares/add1")] {
            manager
                .exec_stmt(
                    Query::update()
                        .table(BudgetSessions::Table)
                        .value(BudgetSessions::ResultsRule, new)
                        .and_where(Expr::col(BudgetSessions::ResultsRule).eq(old))
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Ballots::Table)
                    .col(big_pk_auto(Ballots::Id))
                    .col(big_integer(Ballots::BudgetSessionId))
                    .col(string_len(Ballots::VoterKey, 64))
                    .col(big_integer_null(Ballots::UserId))
                    .col(string_len(Ballots::Channel, 16))
                    .col(integer(Ballots::VotesCast).default(0))
                    .col(date_null(Ballots::BirthDate))
                    .col(at(Ballots::CreatedAt))
                    .col(at(Ballots::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_ballots_session",
                        (Ballots::Table, Ballots::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_ballots_user",
                        (Ballots::Table, Ballots::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ballots_voter")
                    .table(Ballots::Table)
                    .col(Ballots::BudgetSessionId)
                    .col(Ballots::VoterKey)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BallotPots::Table)
                    .col(big_pk_auto(BallotPots::Id))
                    .col(big_integer(BallotPots::BallotId))
                    .col(big_integer(BallotPots::PotId))
                    .col(integer(BallotPots::VotesCast).default(0))
                    .foreign_key(&mut fk(
                        "fk_ballot_pots_ballot",
                        (BallotPots::Table, BallotPots::BallotId),
                        (Ballots::Table, Ballots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_ballot_pots_pot",
                        (BallotPots::Table, BallotPots::PotId),
                        (BudgetPots::Table, BudgetPots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ballot_pots")
                    .table(BallotPots::Table)
                    .col(BallotPots::BallotId)
                    .col(BallotPots::PotId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Votes::Table)
                    .col(big_pk_auto(Votes::Id))
                    .col(big_integer(Votes::BallotId))
                    .col(big_integer(Votes::BudgetSessionId))
                    .col(big_integer(Votes::ProjectId))
                    .col(big_integer(Votes::PotId))
                    .col(string_len(Votes::Channel, 16))
                    .col(at(Votes::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_votes_ballot",
                        (Votes::Table, Votes::BallotId),
                        (Ballots::Table, Ballots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_votes_session",
                        (Votes::Table, Votes::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_votes_project",
                        (Votes::Table, Votes::ProjectId),
                        (Projects::Table, Projects::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One vote per voter and project: the ballot is the voter's in the session.
        manager
            .create_index(
                Index::create()
                    .name("ux_votes_ballot_project")
                    .table(Votes::Table)
                    .col(Votes::BallotId)
                    .col(Votes::ProjectId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_votes_project")
                    .table(Votes::Table)
                    .col(Votes::ProjectId)
                    .to_owned(),
            )
            .await?;
        // The session's votes, and its votes per day (statistics).
        manager
            .create_index(
                Index::create()
                    .name("ix_votes_session_time")
                    .table(Votes::Table)
                    .col(Votes::BudgetSessionId)
                    .col(Votes::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(VoteImports::Table)
                    .col(big_pk_auto(VoteImports::Id))
                    .col(big_integer(VoteImports::BudgetSessionId))
                    .col(big_integer_null(VoteImports::CreatedBy))
                    .col(string_len(VoteImports::FileName, 200))
                    .col(integer(VoteImports::Accepted))
                    .col(integer(VoteImports::Refused))
                    .col(text(VoteImports::Report))
                    .col(at(VoteImports::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_vote_imports_session",
                        (VoteImports::Table, VoteImports::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_vote_imports_user",
                        (VoteImports::Table, VoteImports::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Results::Table)
                    .col(big_pk_auto(Results::Id))
                    .col(big_integer(Results::BudgetSessionId))
                    .col(big_integer(Results::PotId))
                    .col(string_len(Results::Rule, 32))
                    .col(text(Results::Outcome))
                    .col(at(Results::ComputedAt))
                    .col(big_integer_null(Results::ComputedBy))
                    .col(at_null(Results::PublishedAt))
                    .col(big_integer_null(Results::PublishedBy))
                    .foreign_key(&mut fk(
                        "fk_results_session",
                        (Results::Table, Results::BudgetSessionId),
                        (BudgetSessions::Table, BudgetSessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_results_pot",
                        (Results::Table, Results::PotId),
                        (BudgetPots::Table, BudgetPots::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_results_pot")
                    .table(Results::Table)
                    .col(Results::PotId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Results::Table.into_iden(),
            VoteImports::Table.into_iden(),
            Votes::Table.into_iden(),
            BallotPots::Table.into_iden(),
            Ballots::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
