//! Localized messages from `locales/` (Fluent), embedded in the binary.
//!
//! Ukrainian is the default; English is the second language. A message missing in the chosen
//! language falls back to Ukrainian, then to its key, so a missing translation never fails a
//! request.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use rust_embed::Embed;
use unic_langid::LanguageIdentifier;

#[derive(Embed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct LocaleFiles;

/// Languages hromada speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// Picks the best language from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::default();
        };
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_tag(tag)
                && q > 0.0
                && best.is_none_or(|(best_q, _)| q > best_q)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

/// All bundles, loaded once at start.
pub struct Localizer {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    /// Every key with its source text, read once at start (`entries`).
    entries: HashMap<Lang, Vec<(String, String)>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").finish_non_exhaustive()
    }
}

/// The id of the message naming a value of some kind, e.g. `label("project-status",
/// "on_moderation")` is `project-status-on-moderation` (Fluent ids use hyphens).
pub fn label(kind: &str, code: &str) -> String {
    format!("{kind}-{}", code.replace('_', "-"))
}

/// A problem with the bundled translation files; found at start, never at request time.
#[derive(Debug, thiserror::Error)]
#[error("locales/{file}: {message}")]
pub struct LocaleError {
    file: String,
    message: String,
}

impl Localizer {
    pub fn load() -> Result<Self, LocaleError> {
        let mut bundles = HashMap::new();
        for lang in Lang::ALL {
            let langid: LanguageIdentifier = lang.code().parse().map_err(|_| LocaleError {
                file: lang.code().into(),
                message: "bad language tag".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Plain strings for JSON and e-mail; no Unicode isolation marks around arguments.
            bundle.set_use_isolating(false);
            let prefix = format!("{}/", lang.code());
            for path in LocaleFiles::iter().filter(|p| p.starts_with(&prefix)) {
                let file = LocaleFiles::get(&path).expect("listed by iter");
                let error = |message: String| LocaleError {
                    file: path.to_string(),
                    message,
                };
                let text = String::from_utf8(file.data.into_owned())
                    .map_err(|_| error("not UTF-8".into()))?;
                let resource = FluentResource::try_new(text)
                    .map_err(|(_, errors)| error(format!("syntax: {errors:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| error(format!("duplicate messages: {errors:?}")))?;
            }
            bundles.insert(lang, bundle);
        }
        let mut localizer = Self {
            bundles,
            entries: HashMap::new(),
        };
        for lang in Lang::ALL {
            let entries = localizer.read_entries(lang);
            localizer.entries.insert(lang, entries);
        }
        Ok(localizer)
    }

    /// The message `key` (or its attribute `key.attr`) in `lang`, falling back to Ukrainian.
    pub fn get(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fa = FluentArgs::new();
            for (name, value) in args {
                fa.set(*name, value.clone());
            }
            fa
        });
        [lang, Lang::Uk]
            .into_iter()
            .find_map(|lang| self.format(lang, key, fluent_args.as_ref()))
            .unwrap_or_else(|| key.to_owned())
    }

    /// Whether `key` exists in every language; used by tests to keep locales complete.
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.format(lang, key, None).is_some()
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.bundles.get(&lang)?;
        let (id, attr) = match key.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (key, None),
        };
        let message = bundle.get_message(id)?;
        let pattern = match attr {
            Some(attr) => message.get_attribute(attr)?.value(),
            None => message.value()?,
        };
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                key,
                lang = lang.code(),
                ?errors,
                "message formatted with errors"
            );
        }
        Some(text.into_owned())
    }

    /// Every key of a language, messages and their attributes (`id`, `id.attr`), with its
    /// text as written in `locales/` (arguments as `{ $name }`), sorted by key.
    pub fn entries(&self, lang: Lang) -> Vec<(String, String)> {
        self.entries.get(&lang).cloned().unwrap_or_default()
    }

    fn read_entries(&self, lang: Lang) -> Vec<(String, String)> {
        use fluent_syntax::ast;
        let prefix = format!("{}/", lang.code());
        let mut entries = vec![];
        for path in LocaleFiles::iter().filter(|p| p.starts_with(&prefix)) {
            let file = LocaleFiles::get(&path).expect("listed by iter");
            let text = String::from_utf8_lossy(&file.data).into_owned();
            let Ok(resource) = fluent_syntax::parser::parse(text.as_str()) else {
                continue;
            };
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    if let Some(value) = &message.value {
                        entries.push((message.id.name.to_owned(), pattern_source(value)));
                    }
                    for attribute in &message.attributes {
                        entries.push((
                            format!("{}.{}", message.id.name, attribute.id.name),
                            pattern_source(&attribute.value),
                        ));
                    }
                }
            }
        }
        entries.sort();
        entries
    }

    /// Formats an override text (Fluent syntax, e.g. `Вітаємо, { $name }!`) with `args`.
    /// `None` when the text is not valid Fluent.
    pub fn format_text(&self, lang: Lang, text: &str, args: &[(&str, String)]) -> Option<String> {
        let langid: LanguageIdentifier = lang.code().parse().ok()?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        let indented = text.trim_end().replace('\n', "\n    ");
        let resource = FluentResource::try_new(format!("override = {indented}\n")).ok()?;
        bundle.add_resource(resource).ok()?;
        let message = bundle.get_message("override")?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = vec![];
        let out = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        Some(out)
    }

    /// Every message id of a language, for completeness checks.
    pub fn message_ids(&self, lang: Lang) -> Vec<String> {
        let prefix = format!("{}/", lang.code());
        let mut ids = vec![];
        for path in LocaleFiles::iter().filter(|p| p.starts_with(&prefix)) {
            let file = LocaleFiles::get(&path).expect("listed by iter");
            let text = String::from_utf8_lossy(&file.data).into_owned();
            if let Ok(resource) = FluentResource::try_new(text) {
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(message) = entry {
                        ids.push(message.id.name.to_owned());
                    }
                }
            }
        }
        ids.sort();
        ids
    }
}

/// A pattern as a translator writes it: text, and `{ $name }` for arguments.
fn pattern_source(pattern: &fluent_syntax::ast::Pattern<&str>) -> String {
    use fluent_syntax::ast::{Entry, Identifier, Message, Resource};
    // Serialized as the only message of a resource, then the `x = ` taken off: selectors and
    // literals come back as written (the web app formats them itself).
    let resource = Resource {
        body: vec![Entry::Message(Message {
            id: Identifier { name: "x" },
            value: Some(pattern.clone()),
            attributes: vec![],
            comment: None,
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    let text = text.strip_prefix("x =").unwrap_or(&text);
    // A multi-line pattern starts on its own line, indented: written back unindented.
    text.trim_start_matches([' ', '\n'])
        .trim_end_matches('\n')
        .replace("\n    ", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_accept_language() {
        assert_eq!(Lang::negotiate(None), Lang::Uk);
        assert_eq!(Lang::negotiate(Some("en")), Lang::En);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("uk-UA,uk;q=0.9,en;q=0.8")), Lang::Uk);
        assert_eq!(Lang::negotiate(Some("de,en;q=0.5,uk;q=0.7")), Lang::Uk);
        assert_eq!(Lang::negotiate(Some("de,fr")), Lang::Uk);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Uk);
        assert_eq!(Lang::negotiate(Some("garbage;;;q=x,,")), Lang::Uk);
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let l = Localizer::load().unwrap();
        let keys = |lang| {
            l.entries(lang)
                .into_iter()
                .map(|(key, _)| key)
                .collect::<Vec<_>>()
        };
        let (uk, en) = (keys(Lang::Uk), keys(Lang::En));
        assert!(uk.len() > 100);
        let only_uk: Vec<_> = uk.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !uk.contains(k)).collect();
        assert!(
            only_uk.is_empty() && only_en.is_empty(),
            "only in uk: {only_uk:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn entries_and_override_texts() {
        let l = Localizer::load().unwrap();
        let entries = l.entries(Lang::En);
        let find = |key: &str| {
            entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(find("problem-not-found").as_deref(), Some("Not found"));
        assert_eq!(
            find("problem-not-found.detail").as_deref(),
            Some("There is nothing at { $path }.")
        );
        assert_eq!(
            l.format_text(Lang::Uk, "Нічого за { $path }", &[("path", "/x".into())])
                .as_deref(),
            Some("Нічого за /x")
        );
        assert_eq!(
            l.format_text(Lang::Uk, "два\nрядки", &[]).as_deref(),
            Some("два\nрядки")
        );
        assert_eq!(l.format_text(Lang::Uk, "{ unclosed", &[]), None);
        // Selectors come back as Fluent source, which formats again to the same text.
        let votes = find("home-votes-per-voter").expect("a message with a selector");
        assert!(votes.contains("$count ->"), "{votes}");
        assert_eq!(
            l.format_text(Lang::En, &votes, &[("count", "7".into())])
                .as_deref(),
            Some("Every resident has 7 votes.")
        );
    }

    #[test]
    fn formats_with_arguments_and_falls_back() {
        let l = Localizer::load().unwrap();
        assert_eq!(l.get(Lang::En, "problem-not-found", &[]), "Not found");
        assert_eq!(
            l.get(
                Lang::En,
                "problem-not-found.detail",
                &[("path", "/x".into())]
            ),
            "There is nothing at /x."
        );
        assert_eq!(l.get(Lang::Uk, "problem-not-found", &[]), "Не знайдено");
        assert_eq!(l.get(Lang::En, "no-such-message", &[]), "no-such-message");
        assert!(l.has(Lang::Uk, "problem-internal.detail"));
    }
}
