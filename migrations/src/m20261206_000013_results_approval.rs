//! The commission's approval of results: each member's recorded vote on the computed winners
//! list of a session, one per member (a new computation clears them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

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
enum ResultApprovals {
    Table,
    Id,
    BudgetSessionId,
    MemberId,
    Approve,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ResultApprovals::Table)
                    .col(big_pk_auto(ResultApprovals::Id))
                    .col(big_integer(ResultApprovals::BudgetSessionId))
                    .col(big_integer(ResultApprovals::MemberId))
                    .col(boolean(ResultApprovals::Approve))
                    .col(text_null(ResultApprovals::Comment))
                    .col(
                        ColumnDef::new(ResultApprovals::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ResultApprovals::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_result_approvals_session")
                            .from(ResultApprovals::Table, ResultApprovals::BudgetSessionId)
                            .to(BudgetSessions::Table, BudgetSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_result_approvals_member")
                            .from(ResultApprovals::Table, ResultApprovals::MemberId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_result_approvals")
                    .table(ResultApprovals::Table)
                    .col(ResultApprovals::BudgetSessionId)
                    .col(ResultApprovals::MemberId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ResultApprovals::Table).to_owned())
            .await
    }
}
