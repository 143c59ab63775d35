//! Schema migrations of hromada, one file per migration, applied in order.
//!
//! Migrations describe the schema with sea-query only and never import the `entities` crate:
//! entities change with the code, migrations must stay as they were when released.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_accounts;
mod m20261123_000003_city_directory;
mod m20261123_000004_kyiv_id;
mod m20261123_000005_projects;
mod m20261123_000006_supporters;
mod m20261123_000007_voting;
mod m20261123_000008_ballot_keys;
mod m20261123_000009_commission;
mod m20261123_000010_geocoding;
mod m20261206_000011_cost_reserve;
mod m20261206_000012_vote_per_category;
mod m20261206_000013_results_approval;
mod m20261206_000014_endorsements;
mod m20261206_000015_expert_review;
mod m20261206_000016_appeals;
mod m20261206_000017_eligibility;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_accounts::Migration),
            Box::new(m20261123_000003_city_directory::Migration),
            Box::new(m20261123_000004_kyiv_id::Migration),
            Box::new(m20261123_000005_projects::Migration),
            Box::new(m20261123_000006_supporters::Migration),
            Box::new(m20261123_000007_voting::Migration),
            Box::new(m20261123_000008_ballot_keys::Migration),
            Box::new(m20261123_000009_commission::Migration),
            Box::new(m20261123_000010_geocoding::Migration),
            Box::new(m20261206_000011_cost_reserve::Migration),
            Box::new(m20261206_000012_vote_per_category::Migration),
            Box::new(m20261206_000013_results_approval::Migration),
            Box::new(m20261206_000014_endorsements::Migration),
            Box::new(m20261206_000015_expert_review::Migration),
            Box::new(m20261206_000016_appeals::Migration),
            Box::new(m20261206_000017_eligibility::Migration),
        ]
    }
}
