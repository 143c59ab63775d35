//! Who may vote online in a session (Kyiv issue 13): anyone with an account (`any`, the
//! default), residents whose registration («прописка», «зареєстроване місце проживання») is in
//! the city (`registered`), or those and the city's taxpayers (`registered_or_taxpayer`).
//!
//! Only facts the identity provider (Kyiv ID) verified count: the settlement of the
//! registration address and a taxpayer flag, recorded on the account at every Kyiv ID sign-in.
//! An address the resident typed themselves never does. Settlement names are compared loosely
//! ([`settlement_key`]): case, «м.»/«місто» and similar prefixes, apostrophes, and Ukrainian
//! against Latin spellings («Київ», «м. Київ», «KYIV», «Kiev», «Kyjiw»).

/// A session's rule of who may vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rule {
    /// Everyone with an account (hromada's behaviour before the rule existed).
    #[default]
    Any,
    /// Residents whose verified registration settlement is the city.
    Registered,
    /// Those, and residents the provider says pay taxes to the city.
    RegisteredOrTaxpayer,
}

impl Rule {
    pub const ALL: [Rule; 3] = [Rule::Any, Rule::Registered, Rule::RegisteredOrTaxpayer];

    pub fn code(self) -> &'static str {
        match self {
            Rule::Any => "any",
            Rule::Registered => "registered",
            Rule::RegisteredOrTaxpayer => "registered_or_taxpayer",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What the identity provider verified about the voter; `None` is "not known" (never signed
/// in with Kyiv ID, or the provider did not say).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerifiedClaims<'a> {
    /// The settlement of the registration address, as the provider names it.
    pub settlement: Option<&'a str>,
    /// Whether the provider says the person pays taxes to the city.
    pub taxpayer: Option<bool>,
}

/// Why a voter may not vote under the session's rule. Each has its own problem code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No verified registration (and, where it would do, no taxpayer confirmation either):
    /// the voter should sign in with Kyiv ID.
    Unverified,
    /// Registered in another settlement (named as the provider gave it).
    RegisteredElsewhere { settlement: String },
    /// Registered in another settlement, and the provider does not confirm they pay taxes to
    /// the city.
    ElsewhereNotTaxpayer { settlement: String },
    /// No verified registration, and the provider says they are not a taxpayer of the city.
    NotTaxpayer,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unverified => "vote-eligibility-unverified",
            Refusal::RegisteredElsewhere { .. } => "vote-eligibility-registered-elsewhere",
            Refusal::ElsewhereNotTaxpayer { .. } => "vote-eligibility-elsewhere-not-taxpayer",
            Refusal::NotTaxpayer => "vote-eligibility-not-taxpayer",
        }
    }

    /// The settlement the refusal names, if any.
    pub fn settlement(&self) -> Option<&str> {
        match self {
            Refusal::RegisteredElsewhere { settlement }
            | Refusal::ElsewhereNotTaxpayer { settlement } => Some(settlement),
            Refusal::Unverified | Refusal::NotTaxpayer => None,
        }
    }
}

/// Whether the voter may vote under `rule`, judged from the provider's verified claims against
/// the city's names (Ukrainian and English, as in the city directory).
pub fn check(rule: Rule, claims: VerifiedClaims<'_>, city_names: &[&str]) -> Result<(), Refusal> {
    if rule == Rule::Any {
        return Ok(());
    }
    let settlement = claims
        .settlement
        .map(str::trim)
        .filter(|s| !settlement_key(s).is_empty());
    let registered_here = settlement.is_some_and(|s| same_settlement(s, city_names));
    if registered_here {
        return Ok(());
    }
    match rule {
        Rule::Any => Ok(()),
        Rule::Registered => Err(match settlement {
            None => Refusal::Unverified,
            Some(s) => Refusal::RegisteredElsewhere {
                settlement: s.to_owned(),
            },
        }),
        Rule::RegisteredOrTaxpayer => match (settlement, claims.taxpayer) {
            (_, Some(true)) => Ok(()),
            (Some(s), _) => Err(Refusal::ElsewhereNotTaxpayer {
                settlement: s.to_owned(),
            }),
            (None, None) => Err(Refusal::Unverified),
            (None, Some(false)) => Err(Refusal::NotTaxpayer),
        },
    }
}

/// Whether `settlement` names the city under one of `city_names`.
pub fn same_settlement(settlement: &str, city_names: &[&str]) -> bool {
    let key = settlement_key(settlement);
    !key.is_empty()
        && city_names
            .iter()
            .map(|name| settlement_key(name))
            .any(|name| name == key)
}

/// Words that say "city" (or "town") around a settlement's name, in the spellings providers
/// and people use: dropped from either end.
const SETTLEMENT_WORDS: [&str; 12] = [
    "м",
    "місто",
    "міста",
    "г",
    "город",
    "city",
    "of",
    "the",
    "misto",
    "m",
    "мiсто",
    "смт",
];

/// A settlement's name reduced to what identifies it: lower case, the «м.»/«місто»/«city of»
/// words around it dropped, Cyrillic transliterated (the Ukrainian national system, with the
/// Russian letters too), apostrophes, dashes and spaces dropped, and the vowels that spellings
/// of one name swap folded together (`y`, `j`, `i` → `i`; `w` → `v`; a doubled letter once;
/// `ie` → `i`): «м. Київ», «KYIV», «Kiev», «Kyjiw» and «Киев» all give `kiv`.
pub fn settlement_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut start = 0;
    let mut end = words.len();
    while start < end && SETTLEMENT_WORDS.contains(&words[start]) {
        start += 1;
    }
    while start < end && SETTLEMENT_WORDS.contains(&words[end - 1]) {
        end -= 1;
    }
    let mut latin = String::new();
    for c in words[start..end].iter().flat_map(|w| w.chars()) {
        latin.push_str(transliterate(c));
    }
    let mut key = String::with_capacity(latin.len());
    for c in latin.chars() {
        let c = match c {
            'y' | 'j' => 'i',
            'w' => 'v',
            c => c,
        };
        if key.ends_with(c) {
            continue;
        }
        if c == 'e' && key.ends_with('i') {
            // `ie` → `i`: «Kiev», «Kiew» against «Kyiv».
            continue;
        }
        key.push(c);
    }
    key
}

/// One lower-case character in Latin letters; nothing for apostrophes, signs and punctuation.
fn transliterate(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'є' => "ie",
        'ё' => "io",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "y",
        'і' | 'ї' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        'a' => "a",
        'b' => "b",
        'c' => "c",
        'd' => "d",
        'e' => "e",
        'f' => "f",
        'g' => "g",
        'h' => "h",
        'i' => "i",
        'j' => "j",
        'k' => "k",
        'l' => "l",
        'm' => "m",
        'n' => "n",
        'o' => "o",
        'p' => "p",
        'q' => "q",
        'r' => "r",
        's' => "s",
        't' => "t",
        'u' => "u",
        'v' => "v",
        'w' => "w",
        'x' => "x",
        'y' => "y",
        'z' => "z",
        '0' => "0",
        '1' => "1",
        '2' => "2",
        '3' => "3",
        '4' => "4",
        '5' => "5",
        '6' => "6",
        '7' => "7",
        '8' => "8",
        '9' => "9",
        // ь, ъ, apostrophes (' ’ ʼ ‘ `), dashes and anything else.
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KYIV: [&str; 2] = ["Київ", "Kyiv"];

    fn claims(settlement: Option<&str>, taxpayer: Option<bool>) -> VerifiedClaims<'_> {
        VerifiedClaims {
            settlement,
            taxpayer,
        }
    }

    #[test]
    fn rules_round_trip_and_any_is_the_default() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_code(rule.code()), Some(rule));
        }
        assert_eq!(Rule::default(), Rule::Any);
        for bad in [
            "",
            "Any",
            "registered ",
            "taxpayer",
            "registered-or-taxpayer",
        ] {
            assert_eq!(Rule::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn any_admits_everyone_whatever_the_claims() {
        for c in [
            claims(None, None),
            claims(Some("Львів"), Some(false)),
            claims(Some(""), None),
        ] {
            assert_eq!(check(Rule::Any, c, &KYIV), Ok(()));
        }
    }

    /// Every rule against every kind of claims: the whole table.
    #[test]
    fn the_whole_table() {
        use Refusal::*;
        type Verdict = Result<(), Refusal>;
        let elsewhere = || RegisteredElsewhere {
            settlement: "Львів".into(),
        };
        let elsewhere_not_taxpayer = || ElsewhereNotTaxpayer {
            settlement: "Львів".into(),
        };
        type Row<'a> = (Option<&'a str>, Option<bool>, Verdict, Verdict);
        let rows: [Row<'_>; 9] = [
            // settlement, taxpayer, `registered`, `registered_or_taxpayer`
            (None, None, Err(Unverified), Err(Unverified)),
            (None, Some(true), Err(Unverified), Ok(())),
            (None, Some(false), Err(Unverified), Err(NotTaxpayer)),
            (Some("Київ"), None, Ok(()), Ok(())),
            (Some("Київ"), Some(false), Ok(()), Ok(())),
            (Some("Київ"), Some(true), Ok(()), Ok(())),
            (
                Some("Львів"),
                None,
                Err(elsewhere()),
                Err(elsewhere_not_taxpayer()),
            ),
            (
                Some("Львів"),
                Some(false),
                Err(elsewhere()),
                Err(elsewhere_not_taxpayer()),
            ),
            (Some("Львів"), Some(true), Err(elsewhere()), Ok(())),
        ];
        for (settlement, taxpayer, registered, or_taxpayer) in rows {
            let c = claims(settlement, taxpayer);
            assert_eq!(
                check(Rule::Registered, c, &KYIV),
                registered,
                "{settlement:?} {taxpayer:?}"
            );
            assert_eq!(
                check(Rule::RegisteredOrTaxpayer, c, &KYIV),
                or_taxpayer,
                "{settlement:?} {taxpayer:?}"
            );
        }
    }

    #[test]
    fn a_blank_settlement_is_no_settlement() {
        for blank in ["", "   ", "м.", " , "] {
            assert_eq!(
                check(Rule::Registered, claims(Some(blank), None), &KYIV),
                Err(Refusal::Unverified),
                "{blank:?}"
            );
        }
    }

    #[test]
    fn the_refusal_names_the_settlement_as_the_provider_gave_it() {
        let refused = check(
            Rule::Registered,
            claims(Some("  м. Біла Церква "), None),
            &KYIV,
        )
        .unwrap_err();
        assert_eq!(refused.settlement(), Some("м. Біла Церква"));
        assert_eq!(refused.code(), "vote-eligibility-registered-elsewhere");
    }

    #[test]
    fn every_refusal_has_its_own_code() {
        let all = [
            Refusal::Unverified,
            Refusal::RegisteredElsewhere {
                settlement: "Львів".into(),
            },
            Refusal::ElsewhereNotTaxpayer {
                settlement: "Львів".into(),
            },
            Refusal::NotTaxpayer,
        ];
        let mut codes: Vec<&str> = all.iter().map(Refusal::code).collect();
        assert!(codes.iter().all(|c| c.starts_with("vote-eligibility-")));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(all[0].settlement(), None);
        assert_eq!(all[3].settlement(), None);
        assert_eq!(all[2].settlement(), Some("Львів"));
    }

    #[test]
    fn spellings_of_kyiv_are_kyiv() {
        for spelling in [
            "Київ",
            "КИЇВ",
            "київ",
            "м. Київ",
            "м.Київ",
            "М. КИЇВ",
            "місто Київ",
            "Київ місто",
            "Київ, м.",
            "  Київ  ",
            "Kyiv",
            "KYIV",
            "Kiev",
            "Kiew",
            "Kyjiw",
            "Kyyiv",
            "city of Kyiv",
            "Kyiv city",
            "Misto Kyiv",
            "Киев",
            "г. Киев",
        ] {
            assert!(same_settlement(spelling, &KYIV), "{spelling:?}");
            assert_eq!(settlement_key(spelling), "kiv", "{spelling:?}");
        }
    }

    #[test]
    fn other_settlements_are_not_kyiv() {
        for other in [
            "Львів",
            "Lviv",
            "Київська область",
            "Kyiv Oblast",
            "Київ-Святошинський",
            "Бровари",
            "Ки",
            "Kyivska",
            "Вишгород",
            "Ківерці",
            "",
            "м.",
        ] {
            assert!(!same_settlement(other, &KYIV), "{other:?}");
        }
    }

    #[test]
    fn the_city_is_known_by_either_of_its_names() {
        // Only an English name matches a Latin spelling that transliteration would not give.
        assert!(same_settlement("Lemberg", &["Львів", "Lemberg"]));
        assert!(!same_settlement("Lemberg", &["Львів", "Lviv"]));
        // A city with a Latin name only still matches its Cyrillic spelling.
        assert!(same_settlement("Львів", &["Lviv"]));
        assert!(!same_settlement("Київ", &[]));
    }

    #[test]
    fn apostrophes_and_soft_signs_do_not_count() {
        let names = ["Кам'янське", "Kamianske"];
        for spelling in [
            "Кам'янське",
            "Кам’янське",
            "Камʼянське",
            "Кам‘янське",
            "Кам`янське",
            "Камянське",
            "м. Кам’янське",
            "KAMIANSKE",
        ] {
            assert!(same_settlement(spelling, &names), "{spelling:?}");
        }
        assert!(same_settlement("Мар’їнка", &["Мар'їнка"]));
        assert!(same_settlement("Ковель", &["Kovel"]));
        assert!(same_settlement("Біла Церква", &["Bila Tserkva"]));
        assert!(same_settlement("Івано-Франківськ", &["Ivano-Frankivsk"]));
        assert!(same_settlement("Ivano Frankivsk", &["Івано-Франківськ"]));
        assert!(!same_settlement("Біла Церква", &["Bila"]));
    }

    #[test]
    fn the_words_for_city_alone_name_nothing() {
        for words in ["м.", "місто", "м. місто", "City of", "г."] {
            assert_eq!(settlement_key(words), "", "{words:?}");
            assert!(!same_settlement(words, &KYIV), "{words:?}");
        }
        // Inside a name they stay: «Містки» is not «ки».
        assert_eq!(settlement_key("Містки"), "mistki");
    }
}
