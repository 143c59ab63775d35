//! One person, one ballot across channels, whichever of their numbers they give.
//!
//! A ballot is filed under its voter's login (`ballots.voter_key`), but a person is known by
//! more than one number: a resident who signs in with a passport may give their phone at a
//! service centre. Every number a ballot's voter is known by is claimed here, and (session,
//! key) is unique, so a second ballot under any of those numbers fails in the database. The
//! ballots already cast claim their own login. Accounts are indexed by profile phone, by which a
//! service centre finds a voter's account.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Ballots {
    Table,
    Id,
    BudgetSessionId,
    VoterKey,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Phone,
}

#[derive(DeriveIden)]
enum BallotKeys {
    Table,
    Id,
    BudgetSessionId,
    VoterKey,
    BallotId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BallotKeys::Table)
                    .col(big_pk_auto(BallotKeys::Id))
                    .col(big_integer(BallotKeys::BudgetSessionId))
                    .col(string_len(BallotKeys::VoterKey, 64))
                    .col(big_integer(BallotKeys::BallotId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ballot_keys_ballot")
                            .from(BallotKeys::Table, BallotKeys::BallotId)
                            .to(Ballots::Table, Ballots::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ballot_keys_key")
                    .table(BallotKeys::Table)
                    .col(BallotKeys::BudgetSessionId)
                    .col(BallotKeys::VoterKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ballot_keys_ballot")
                    .table(BallotKeys::Table)
                    .col(BallotKeys::BallotId)
                    .to_owned(),
            )
            .await?;
        // A service centre finds a voter's account by the phone in their profile too.
        manager
            .create_index(
                Index::create()
                    .name("ix_users_phone")
                    .table(Users::Table)
                    .col(Users::Phone)
                    .to_owned(),
            )
            .await?;
        let existing = Query::select()
            .columns([Ballots::BudgetSessionId, Ballots::VoterKey, Ballots::Id])
            .from(Ballots::Table)
            .to_owned();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(BallotKeys::Table)
                    .columns([
                        BallotKeys::BudgetSessionId,
                        BallotKeys::VoterKey,
                        BallotKeys::BallotId,
                    ])
                    .select_from(existing)
                    .map_err(|e| DbErr::Custom(e.to_string()))?
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_users_phone")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(BallotKeys::Table).to_owned())
            .await
    }
}
