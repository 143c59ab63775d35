//! sea-orm entities of hromada: one module per table, nothing but the mapping.
//!
//! Money columns are `i64` kopiykas (`*_minor`); the domain's `Money` converts them. Times are
//! `DateTime<Utc>` bound from the application's clock.
pub mod api_key;
pub mod appeal;
pub mod appeal_vote;
pub mod audit_log;
pub mod ballot;
pub mod ballot_category;
pub mod ballot_key;
pub mod ballot_pot;
pub mod budget_pot;
pub mod budget_session;
pub mod candidate_application;
pub mod candidate_document;
pub mod candidate_history;
pub mod category;
pub mod city;
pub mod city_role;
pub mod commission_election;
pub mod district;
pub mod election_ballot;
pub mod election_stage;
pub mod election_vote;
pub mod email_token;
pub mod endorsement;
pub mod expert_category;
pub mod expert_conclusion;
pub mod expert_revision;
pub mod geocoding_provider;
pub mod geocoding_setting;
pub mod login_failure;
pub mod oidc_flow;
pub mod outbox;
pub mod page;
pub mod project;
pub mod project_cost_line;
pub mod project_file;
pub mod project_history;
pub mod result;
pub mod result_approval;
pub mod session;
pub mod stage;
pub mod supporter_application;
pub mod supporter_history;
pub mod translation_override;
pub mod user;
pub mod user_identity;
pub mod user_photo;
pub mod vote;
pub mod vote_import;

pub mod prelude {
    pub use super::audit_log::Entity as AuditLog;
    pub use super::budget_pot::Entity as BudgetPot;
    pub use super::budget_session::Entity as BudgetSession;
    pub use super::category::Entity as Category;
    pub use super::city::Entity as City;
    pub use super::city_role::Entity as CityRole;
    pub use super::district::Entity as District;
    pub use super::email_token::Entity as EmailToken;
    pub use super::login_failure::Entity as LoginFailure;
    pub use super::outbox::Entity as Outbox;
    pub use super::page::Entity as Page;
    pub use super::project::Entity as Project;
    pub use super::session::Entity as Session;
    pub use super::stage::Entity as Stage;
    pub use super::translation_override::Entity as TranslationOverride;
    pub use super::user::Entity as User;
    pub use super::user_photo::Entity as UserPhoto;
}
