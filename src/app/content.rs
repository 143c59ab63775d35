//! Site content a city keeps current: translation overrides («Переклади») and static pages
//! («Статичні сторінки»).

use std::collections::BTreeMap;

use entities::page;
use poem::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::auth::profile_error;
use crate::domain::access::{Action, Actor, authorize};
use crate::domain::content;
use crate::domain::profile;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store;

fn lang(code: &str) -> AppResult<Lang> {
    super::auth::parse_lang(Some(code))
}

/// One UI string: its default from `locales/` and the city's override, if any.
#[derive(Debug, Clone)]
pub struct Translation {
    pub key: String,
    pub default: String,
    pub value: Option<String>,
}

/// Every string of a language for the city, overrides applied (what the web app shows).
pub async fn translations(
    state: &AppState,
    slug: &str,
    lang_code: &str,
) -> AppResult<Vec<Translation>> {
    let city = super::find_city(state, slug).await?;
    let lang = lang(lang_code)?;
    let overrides = store::content::overrides(&state.db, city.id, lang.code()).await?;
    Ok(state
        .localizer
        .entries(lang)
        .into_iter()
        .map(|(key, default)| {
            let value = overrides
                .iter()
                .find(|o| o.key == key)
                .map(|o| o.value.clone());
            Translation {
                key,
                default,
                value,
            }
        })
        .collect())
}

/// Whether the web app shows a message: everything but problems (the API localizes those
/// itself) and e-mails.
fn for_web(key: &str) -> bool {
    !key.starts_with("problem-") && !key.starts_with("email-")
}

/// The web app's messages in a language, as Fluent source (`{ $name }` arguments), with the
/// city's overrides applied when a city is named.
pub async fn messages(
    state: &AppState,
    slug: Option<&str>,
    lang_code: &str,
) -> AppResult<BTreeMap<String, String>> {
    let lang = lang(lang_code)?;
    let mut messages: BTreeMap<String, String> = state
        .localizer
        .entries(lang)
        .into_iter()
        .filter(|(key, _)| for_web(key))
        .collect();
    if let Some(slug) = slug {
        let city = super::find_city(state, slug).await?;
        for o in store::content::overrides(&state.db, city.id, lang.code()).await? {
            if let Some(text) = messages.get_mut(&o.key) {
                *text = o.value;
            }
        }
    }
    Ok(messages)
}

/// Overrides a string for the city (moderators, admins). The text is Fluent: it may use the
/// same `{ $name }` arguments as the default.
pub async fn set_translation(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    lang_code: &str,
    key: &str,
    value: &str,
) -> AppResult<()> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor), Action::EditContent, Some(city.id))?;
    let lang = lang(lang_code)?;
    if !content::validate_message_key(key) || !state.localizer.has(lang, key) {
        return Err(
            AppError::new(StatusCode::NOT_FOUND, "translation-key-unknown").arg("key", key),
        );
    }
    let value = value.trim();
    if value.is_empty()
        || value.len() > 5000
        || state.localizer.format_text(lang, value, &[]).is_none()
    {
        return Err(AppError::invalid("translation-invalid", "value"));
    }
    let now = state.clock.now();
    let before = store::content::find(&state.db, city.id, lang.code(), key)
        .await?
        .map(|o| o.value);
    let txn = state.db.begin().await?;
    store::content::set_override(&txn, city.id, lang.code(), key, value, now).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "translation.set",
        format!("translation:{}:{key}", lang.code()),
        json!({ "before": before, "after": value }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes an override: the default shows again.
pub async fn reset_translation(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    lang_code: &str,
    key: &str,
) -> AppResult<()> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor), Action::EditContent, Some(city.id))?;
    let lang = lang(lang_code)?;
    let Some(before) = store::content::find(&state.db, city.id, lang.code(), key).await? else {
        return Err(
            AppError::new(StatusCode::NOT_FOUND, "translation-not-overridden").arg("key", key),
        );
    };
    let txn = state.db.begin().await?;
    store::content::delete_override(&txn, before.id).await?;
    let before = before.value;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "translation.reset",
        format!("translation:{}:{key}", lang.code()),
        json!({ "before": before, "after": null }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A page as shown: Markdown rendered to sanitized HTML.
#[derive(Debug, Clone)]
pub struct PageView {
    pub page: page::Model,
    pub html_uk: String,
    pub html_en: String,
}

fn view(page: page::Model) -> PageView {
    PageView {
        html_uk: content::render_markdown(&page.body_uk),
        html_en: content::render_markdown(&page.body_en),
        page,
    }
}

/// Published pages in order; staff (moderators, admins, observers) may ask for drafts too.
pub async fn pages(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    include_drafts: bool,
) -> AppResult<Vec<PageView>> {
    let city = super::find_city(state, slug).await?;
    if include_drafts {
        authorize(actor, Action::ViewContentDrafts, Some(city.id))?;
    }
    let mut query = page::Entity::find().filter(page::Column::CityId.eq(city.id));
    if !include_drafts {
        query = query.filter(page::Column::Published.eq(true));
    }
    let pages = query
        .order_by_asc(page::Column::Position)
        .order_by_asc(page::Column::Id)
        .all(&state.db)
        .await?;
    Ok(pages.into_iter().map(view).collect())
}

/// One page; a draft only for staff.
pub async fn page(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    page_slug: &str,
) -> AppResult<PageView> {
    let city = super::find_city(state, slug).await?;
    let not_found =
        || AppError::new(StatusCode::NOT_FOUND, "page-not-found").arg("slug", page_slug);
    let page = page::Entity::find()
        .filter(page::Column::CityId.eq(city.id))
        .filter(page::Column::Slug.eq(page_slug))
        .one(&state.db)
        .await?
        .ok_or_else(not_found)?;
    if !page.published && authorize(actor, Action::ViewContentDrafts, Some(city.id)).is_err() {
        return Err(not_found());
    }
    Ok(view(page))
}

#[derive(Debug, Clone, Default)]
pub struct PageInput {
    pub slug: Option<String>,
    pub title_uk: Option<String>,
    pub title_en: Option<String>,
    pub body_uk: Option<String>,
    pub body_en: Option<String>,
    pub position: Option<i32>,
    pub published: Option<bool>,
}

/// Creates (`existing = None`) or changes a page (moderators, admins).
pub async fn save_page(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    existing: Option<&str>,
    input: PageInput,
) -> AppResult<PageView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor), Action::EditContent, Some(city.id))?;
    let now = state.clock.now();
    let mut model = match existing {
        Some(page_slug) => page::Entity::find()
            .filter(page::Column::CityId.eq(city.id))
            .filter(page::Column::Slug.eq(page_slug))
            .one(&state.db)
            .await?
            .ok_or_else(|| {
                AppError::new(StatusCode::NOT_FOUND, "page-not-found").arg("slug", page_slug)
            })?
            .into_active_model(),
        None => {
            for (value, field) in [
                (&input.slug, "slug"),
                (&input.title_uk, "title.uk"),
                (&input.title_en, "title.en"),
            ] {
                if value.is_none() {
                    return Err(AppError::invalid("field-required", field));
                }
            }
            page::ActiveModel {
                city_id: Set(city.id),
                body_uk: Set(String::new()),
                body_en: Set(String::new()),
                position: Set(0),
                published: Set(false),
                ..Default::default()
            }
        }
    };
    if let Some(v) = &input.slug {
        model.slug =
            Set(content::validate_slug(v).map_err(|_| AppError::invalid("slug-invalid", "slug"))?);
    }
    if let Some(v) = &input.title_uk {
        model.title_uk = Set(profile::text(v, 200)
            .map_err(|e| profile_error(e, "title.uk"))?
            .ok_or_else(|| AppError::invalid("field-required", "title.uk"))?);
    }
    if let Some(v) = &input.title_en {
        model.title_en = Set(profile::text(v, 200)
            .map_err(|e| profile_error(e, "title.en"))?
            .ok_or_else(|| AppError::invalid("field-required", "title.en"))?);
    }
    for (value, field) in [(&input.body_uk, "body.uk"), (&input.body_en, "body.en")] {
        if let Some(body) = value {
            content::check_markdown(body).map_err(|_| {
                AppError::invalid("field-too-long", field).arg("max", content::MAX_MARKDOWN_BYTES)
            })?;
        }
    }
    if let Some(v) = input.body_uk {
        model.body_uk = Set(v);
    }
    if let Some(v) = input.body_en {
        model.body_en = Set(v);
    }
    if let Some(v) = input.position {
        model.position = Set(v);
    }
    if let Some(v) = input.published {
        model.published = Set(v);
    }
    model.updated_at = Set(now);
    let txn = state.db.begin().await?;
    let saved = model
        .save(&txn)
        .await
        .map_err(AppError::on_unique("page-exists", Some("slug")))?;
    let saved: page::Model =
        sea_orm::TryIntoModel::try_into_model(saved).map_err(AppError::internal)?;
    super::audit(&txn, state, Some(city.id), Some(actor), "page.save", format!("page:{}", saved.id), json!({ "after": { "slug": saved.slug, "title_uk": saved.title_uk, "published": saved.published } })).await?;
    txn.commit().await?;
    Ok(view(saved))
}

pub async fn delete_page(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    page_slug: &str,
) -> AppResult<()> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor), Action::EditContent, Some(city.id))?;
    let page = page::Entity::find()
        .filter(page::Column::CityId.eq(city.id))
        .filter(page::Column::Slug.eq(page_slug))
        .one(&state.db)
        .await?
        .ok_or_else(|| {
            AppError::new(StatusCode::NOT_FOUND, "page-not-found").arg("slug", page_slug)
        })?;
    let txn = state.db.begin().await?;
    page::Entity::delete_by_id(page.id).exec(&txn).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "page.delete",
        format!("page:{}", page.id),
        json!({ "before": { "slug": page.slug, "title_uk": page.title_uk } }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The city's overrides of some messages, in the order of `keys`, for the error renderer;
/// `None` for a key without one or on any failure (the default text is always a correct answer).
pub async fn override_texts<const N: usize>(
    state: &AppState,
    city_slug: &str,
    lang: Lang,
    keys: [&str; N],
) -> [Option<String>; N] {
    let found = async {
        let city = store::catalog::find_city(&state.db, city_slug)
            .await
            .ok()??;
        store::content::find_keys(&state.db, city.id, lang.code(), &keys)
            .await
            .ok()
    }
    .await
    .unwrap_or_default();
    keys.map(|key| found.iter().find(|o| o.key == key).map(|o| o.value.clone()))
}
