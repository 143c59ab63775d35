//! sea-orm entities of hromada: one module per table, nothing but the mapping.
//!
//! Money columns are `i64` kopiykas (`*_minor`); the domain's `Money` converts them. Times are
//! `DateTime<Utc>` bound from the application's clock.

pub mod budget_session;
pub mod category;
pub mod city;
pub mod city_role;
pub mod district;
pub mod project;
pub mod stage;
pub mod user;

pub mod prelude {
    pub use super::budget_session::Entity as BudgetSession;
    pub use super::category::Entity as Category;
    pub use super::city::Entity as City;
    pub use super::city_role::Entity as CityRole;
    pub use super::district::Entity as District;
    pub use super::project::Entity as Project;
    pub use super::stage::Entity as Stage;
    pub use super::user::Entity as User;
}
