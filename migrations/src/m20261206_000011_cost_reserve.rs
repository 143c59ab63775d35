//! The cost reserve («резерв»): a session's compulsory contingency share of every cost estimate
//! (Kyiv 2019: 20 %), in hundredths of a percent, and on each project the share it was priced
//! with and the reserve's amount in kopiykas, shown as a line of its own.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BudgetSessions {
    Table,
    CostReserveBp,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    CostReserveBp,
    CostReserveMinor,
}

/// SQLite adds one column per ALTER TABLE.
fn add(table: impl IntoIden, column: ColumnDef) -> TableAlterStatement {
    Table::alter().table(table).add_column(column).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add(
                BudgetSessions::Table,
                ColumnDef::new(BudgetSessions::CostReserveBp)
                    .integer()
                    .not_null()
                    .default(0)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Projects::Table,
                ColumnDef::new(Projects::CostReserveBp)
                    .integer()
                    .not_null()
                    .default(0)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add(
                Projects::Table,
                ColumnDef::new(Projects::CostReserveMinor)
                    .big_integer()
                    .not_null()
                    .default(0)
                    .to_owned(),
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (
                BudgetSessions::Table.into_iden(),
                BudgetSessions::CostReserveBp.into_iden(),
            ),
            (
                Projects::Table.into_iden(),
                Projects::CostReserveBp.into_iden(),
            ),
            (
                Projects::Table.into_iden(),
                Projects::CostReserveMinor.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
