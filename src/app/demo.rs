//! The demo city: Kyiv with its districts, categories, a budget session in its voting stage,
//! projects, a commission election in its first round and a user of every role. Seeded only into an empty database; the passwords are
//! random, returned once to be printed, and never stored in plain text.

use chrono::Duration;
use entities::budget_pot::PotScope;
use entities::city;
use entities::city_role::Role;
use entities::project::ProjectStatus;
use entities::{budget_session, category, district, page};
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};

use crate::auth::password;
use crate::domain::Money;
use crate::domain::timeline::{StageDates, StageKind};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;
use crate::store::budget_sessions::NewPot;

/// A demo account, with the password shown once.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: &'static str,
    pub login: String,
    pub password: String,
}

const DISTRICTS: [(&str, &str); 10] = [
    ("Голосіївський", "Holosiivskyi"),
    ("Дарницький", "Darnytskyi"),
    ("Деснянський", "Desnianskyi"),
    ("Дніпровський", "Dniprovskyi"),
    ("Оболонський", "Obolonskyi"),
    ("Печерський", "Pecherskyi"),
    ("Подільський", "Podilskyi"),
    ("Святошинський", "Sviatoshynskyi"),
    ("Солом’янський", "Solomianskyi"),
    ("Шевченківський", "Shevchenkivskyi"),
];

const CATEGORIES: [(&str, &str); 8] = [
    ("Освіта", "Education"),
    ("Охорона здоров’я", "Health care"),
    ("Культура і туризм", "Culture and tourism"),
    ("Спорт", "Sport"),
    ("Благоустрій", "Public spaces"),
    ("Транспорт і дороги", "Transport and roads"),
    ("Екологія", "Environment"),
    ("Безпека", "Safety"),
];

/// (title, category index, district index or None for citywide, cost)
const PROJECTS: [(&str, usize, Option<usize>, &str); 8] = [
    (
        "Інклюзивний майданчик у парку Наталка",
        4,
        Some(4),
        "1999999.99",
    ),
    (
        "Велодоріжка вздовж Русанівської набережної",
        5,
        Some(3),
        "4850000.00",
    ),
    (
        "Сучасна бібліотека-хаб на Троєщині",
        2,
        Some(2),
        "1250000.50",
    ),
    ("Шкільний STEM-клас у ліцеї №142", 0, Some(0), "890000.00"),
    (
        "Сортування відходів у дворах Подолу",
        6,
        Some(6),
        "345000.75",
    ),
    ("Дефібрилятори на станціях метро", 1, None, "2400000.00"),
    ("Освітлення пішохідних переходів", 7, None, "3100000.00"),
    ("Воркаут-майданчик на Борщагівці", 3, Some(7), "420000.00"),
];

/// Where each of `PROJECTS` is, for the map (latitude, longitude).
const POINTS: [(f64, f64); 8] = [
    (50.5106, 30.4180),
    (50.4421, 30.5880),
    (50.5134, 30.6037),
    (50.4547, 30.4496),
    (50.4660, 30.5160),
    (50.4501, 30.5234),
    (50.4358, 30.5163),
    (50.4270, 30.3580),
];

/// Seeds the demo when the database has no city yet. Returns the accounts created, or `None`
/// when the database already had data (then nothing is changed).
pub async fn seed_if_empty(state: &AppState) -> AppResult<Option<Vec<DemoAccount>>> {
    if store::catalog::has_any_city(&state.db).await? {
        return Ok(None);
    }
    let accounts = [
        (
            "platform admin",
            "+380500000001",
            "Адміністраторка",
            "Платформи",
            true,
            None,
        ),
        (
            "city admin",
            "+380500000002",
            "Адміністратор",
            "Київ",
            false,
            Some(Role::Admin),
        ),
        (
            "moderator",
            "+380500000003",
            "Модераторка",
            "Київ",
            false,
            Some(Role::Moderator),
        ),
        (
            "observer",
            "+380500000004",
            "Спостерігач",
            "Київ",
            false,
            Some(Role::Observer),
        ),
        (
            "resident",
            "+380500000005",
            "Олена",
            "Коваленко",
            false,
            None,
        ),
        ("resident", "+380500000006", "Тарас", "Шевчук", false, None),
    ];
    // Hash before the transaction: argon2 is slow and must not hold database locks.
    let mut hashed = Vec::with_capacity(accounts.len());
    for account in &accounts {
        let password = password::generate(16);
        let hash = state
            .passwords
            .hash(password.clone())
            .await
            .map_err(AppError::internal)?;
        hashed.push((account, password, hash));
    }

    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let kyiv = city::ActiveModel {
        slug: Set("kyiv".into()),
        name_uk: Set("Київ".into()),
        name_en: Set("Kyiv".into()),
        time_zone: Set("Europe/Kyiv".into()),
        created_at: Set(now),
        contacts: Set(Some("Київ, вул. Хрещатик, 36. gb@kyiv.example".into())),
        allow_commission: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let mut districts = vec![];
    for (uk, en) in DISTRICTS {
        let d = district::ActiveModel {
            city_id: Set(kyiv.id),
            name_uk: Set(uk.into()),
            name_en: Set(en.into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        districts.push(d.id);
    }
    let mut categories = vec![];
    for (position, (uk, en)) in CATEGORIES.into_iter().enumerate() {
        let c = category::ActiveModel {
            city_id: Set(kyiv.id),
            name_uk: Set(uk.into()),
            name_en: Set(en.into()),
            position: Set(position as i32),
            active: Set(true),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        categories.push(c.id);
    }

    let session = budget_session::ActiveModel {
        city_id: Set(kyiv.id),
        name_uk: Set("Громадський бюджет 2027".into()),
        name_en: Set("Participatory budget 2027".into()),
        votes_per_voter: Set(5),
        results_rule: Set(crate::domain::tally::Rule::Greedy.pabulib_name().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Stages in Kyiv dates around today: the demo is always in its voting stage.
    let tz = chrono_tz::Europe::Kyiv;
    let today = now.with_timezone(&tz).date_naive();
    let day = |offset: i64| today + Duration::days(offset);
    let stages = [
        (StageKind::Submission, -70, -41),
        (StageKind::Review, -40, -11),
        (StageKind::Voting, -10, 19),
        (StageKind::Results, 20, 34),
        (StageKind::Implementation, 35, 300),
    ]
    .map(|(kind, from, to)| StageDates {
        kind,
        start: day(from),
        end: day(to),
    });
    store::budget_sessions::replace_stages(&txn, session.id, &stages, tz).await?;
    let money = |s: &str| s.parse::<Money>().map_err(AppError::from);
    store::budget_sessions::replace_pots(
        &txn,
        session.id,
        &[
            NewPot {
                name_uk: "Малі проєкти".into(),
                name_en: "Small projects".into(),
                scope: PotScope::Citywide,
                total: money("50000000.00")?,
                max_project_cost: money("1999999.99")?,
                max_votes_per_voter: None,
                min_endorsements: 0,
            },
            NewPot {
                name_uk: "Великі проєкти".into(),
                name_en: "Large projects".into(),
                scope: PotScope::Citywide,
                total: money("100000000.00")?,
                max_project_cost: money("20000000.00")?,
                max_votes_per_voter: None,
                min_endorsements: 0,
            },
        ],
    )
    .await?;
    page::ActiveModel {
        city_id: Set(kyiv.id),
        slug: Set("about".into()),
        title_uk: Set("Про проект".into()),
        title_en: Set("About".into()),
        body_uk: Set("## Громадський бюджет Києва\n\nКияни пропонують проєкти, **голосують** за них, а переможців місто втілює.\n\nЦе демонстраційні дані платформи «Громада».".into()),
        body_en: Set("## Kyiv participatory budget\n\nResidents propose projects, **vote** for them, and the city builds the winners.\n\nThese are demo data of the Hromada platform.".into()),
        position: Set(0),
        published: Set(true),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let mut created = vec![];
    let mut residents = vec![];
    for ((role, login, first, last, platform_admin, city_role), password, hash) in hashed {
        let user = store::users::insert(
            &txn,
            store::users::NewUser {
                login: (*login).into(),
                password_hash: Some(hash),
                last_name: (*last).into(),
                first_name: (*first).into(),
                patronymic: None,
                email: None,
                phone: Some((*login).into()),
                birth_date: chrono::NaiveDate::from_ymd_opt(1990, 5, 12),
                lang: "uk".into(),
                is_platform_admin: *platform_admin,
                registration_address: None,
                residence_address: None,
            },
            now,
        )
        .await?;
        if let Some(city_role) = city_role {
            store::users::grant_role(&txn, user.id, kyiv.id, *city_role, now).await?;
        }
        if *role == "resident" {
            residents.push(user.id);
        }
        created.push(DemoAccount {
            role,
            login: (*login).into(),
            password,
        });
    }

    let pots = store::budget_sessions::pots(&txn, session.id).await?;
    for (index, ((title, category, district, cost), (lat, lon))) in
        PROJECTS.into_iter().zip(POINTS).enumerate()
    {
        let cost: Money = cost.parse().map_err(AppError::from)?;
        let pot = pots
            .iter()
            .find(|p| cost.minor_units() <= p.max_project_cost_minor)
            .map(|p| p.id);
        let estimate = crate::domain::estimate::compute(
            vec![crate::domain::estimate::CostLine {
                name: "Роботи та матеріали".into(),
                quantity: 1,
                unit_price: cost,
            }],
            crate::domain::estimate::Reserve::NONE,
        )
        .map_err(|e| AppError::internal(anyhow::anyhow!(e)))?;
        let project = store::projects::insert(
            &txn,
            store::projects::NewProject {
                budget_session_id: session.id,
                author_id: residents[index % residents.len()],
                status: ProjectStatus::Admitted,
                content: store::projects::Content {
                    pot_id: pot,
                    category_id: categories[category],
                    district_id: district.map(|d| districts[d]),
                    title: title.into(),
                    description: format!("{title}: опис проєкту для демонстрації платформи."),
                    address: None,
                    lat: Some(lat),
                    lon: Some(lon),
                    beneficiaries: None,
                    implementation_notes: None,
                    cost: estimate.total,
                    reserve: estimate.reserve,
                    reserve_amount: estimate.reserve_amount,
                },
            },
            now,
        )
        .await?;
        store::projects::replace_cost_lines(&txn, project.id, &estimate).await?;
    }
    seed_election(&txn, kyiv.id, session.id, &residents, day, now).await?;
    txn.commit().await?;
    Ok(Some(created))
}

/// A commission election in its first round, the demo residents its candidates.
async fn seed_election(
    txn: &sea_orm::DatabaseTransaction,
    city_id: i64,
    session_id: i64,
    candidates: &[i64],
    day: impl Fn(i64) -> chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    use crate::domain::election::{self, Stage, StageDates as ElectionStage, Status};
    let election = store::elections::insert(
        txn,
        city_id,
        session_id,
        &store::elections::Parameters {
            min_votes_round2: 1,
            votes_round1: 3,
            votes_round2: 2,
            seats: 1,
            tie_break: election::DEFAULT_TIE_BREAK.map(|t| t.code()).join(","),
        },
        now,
    )
    .await?;
    let stages = [
        (Stage::Applications, -60, -41),
        (Stage::Review, -40, -21),
        (Stage::Round1, -20, 19),
        (Stage::Round2, 20, 29),
        (Stage::Results, 30, 60),
    ]
    .map(|(stage, from, to)| ElectionStage {
        stage,
        start: day(from),
        end: day(to),
    });
    store::elections::set_stages(txn, election.id, &stages).await?;
    for user_id in candidates {
        let application =
            store::elections::insert_application(txn, election.id, *user_id, now).await?;
        store::elections::save_pages(
            txn,
            application.id,
            Status::Draft,
            store::elections::Pages {
                page: 3,
                motivation: Some(Some(
                    "Хочу, щоб громадський бюджет працював відкрито.".into(),
                )),
                experience: Some(Some("Голова ОСББ, волонтерство.".into())),
                organization: Some(None),
                consent_personal_data: Some(true),
                consent_rules: Some(true),
            },
            now,
        )
        .await?;
        for (from, to) in [
            (Status::Draft, Status::OnModeration),
            (Status::OnModeration, Status::Round1),
        ] {
            store::elections::set_status(txn, application.id, from, to, None, now).await?;
            store::elections::add_history(txn, application.id, None, Some(from), to, None, now)
                .await?;
        }
    }
    Ok(())
}
