//! Which passwords a resident may choose: long enough, not absurdly long, not a well-known or
//! trivially guessable password, and not built around the resident's own login.
//!
//! The length bounds come first; the other rules look at the password trimmed and lowercased.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Fewest characters (Unicode scalar values, not bytes) a password may have.
pub const MIN_LENGTH: usize = 10;

/// Most bytes of UTF-8 a password may have; longer ones are refused before any hashing, so a
/// huge input cannot make the password hash expensive.
pub const MAX_LENGTH: usize = 256;

/// Fewest digits of the login that count as the login appearing in a password.
const MIN_LOGIN_CORE: usize = 6;

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    /// Fewer than `min` characters.
    #[error("too short")]
    TooShort { min: usize },
    /// More than `max` bytes of UTF-8.
    #[error("too long")]
    TooLong { max: usize },
    /// A listed common password, a repeated block, or a keyboard or alphabet run.
    #[error("too common")]
    TooCommon,
    /// The resident's login, or its digits, appear in the password.
    #[error("contains the login")]
    ContainsLogin,
}

/// Common passwords of at least [`MIN_LENGTH`] characters, lowercase; see the file's header.
static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Runs typed along a row of the keyboard or through an alphabet; a password that is a piece of
/// one of these, forwards or backwards, is too common. Keyboard rows are joined row after row.
const SEQUENCES: &[&str] = &[
    // Digits: "0123456789", "1234567890" (the keyboard's digit row), and both reversed.
    "01234567890",
    // Latin QWERTY rows.
    "qwertyuiopasdfghjklzxcvbnm",
    // Ukrainian ЙЦУКЕН rows.
    "йцукенгшщзхїфівапролджєячсмитьбю",
    // Russian ЙЦУКЕН rows.
    "йцукенгшщзхъфывапролджэячсмитьбю",
    // Alphabets: Latin, Ukrainian, Russian.
    "abcdefghijklmnopqrstuvwxyz",
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
];

/// Longest block whose repetition counts as too common ("aaaaaaaaaa", "1212121212",
/// "abcabcabca").
const MAX_REPEATED_BLOCK: usize = 3;

/// Checks a new password against the policy; `login` is the resident's normalized login (e.g.
/// `+380501234567` or `МЕ123456`), if known.
///
/// Refuses, in this order:
/// - more than [`MAX_LENGTH`] bytes: [`TooLong`](PasswordPolicyError::TooLong);
/// - fewer than [`MIN_LENGTH`] characters: [`TooShort`](PasswordPolicyError::TooShort);
/// - trimmed and lowercased, a password from the bundled list of common passwords, a block of
///   at most three characters repeated, or a piece of a keyboard row or alphabet, forwards or
///   backwards ("1234567890", "0987654321", "qwertyuiop", "йцукенгшщз"):
///   [`TooCommon`](PasswordPolicyError::TooCommon);
/// - the login inside the password, case-insensitively, either whole or as the last nine of
///   its digits when it has at least six (so `0501234567` and `501234567` count for
///   `+380501234567`, and `123456` for `МЕ123456`), also when the password spaces out those
///   digits with spaces, dashes, dots or brackets: [`ContainsLogin`](PasswordPolicyError::ContainsLogin).
pub fn check(password: &str, login: Option<&str>) -> Result<(), PasswordPolicyError> {
    if password.len() > MAX_LENGTH {
        return Err(PasswordPolicyError::TooLong { max: MAX_LENGTH });
    }
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordPolicyError::TooShort { min: MIN_LENGTH });
    }
    let normalized = password.trim().to_lowercase();
    if is_too_common(&normalized) {
        return Err(PasswordPolicyError::TooCommon);
    }
    if let Some(login) = login
        && contains_login(&normalized, login)
    {
        return Err(PasswordPolicyError::ContainsLogin);
    }
    Ok(())
}

/// Whether a trimmed, lowercased password is listed, a repeated block, or a run.
fn is_too_common(normalized: &str) -> bool {
    COMMON_PASSWORDS.contains(normalized) || is_repeated_block(normalized) || is_run(normalized)
}

/// Whether the text is one block of at most [`MAX_REPEATED_BLOCK`] characters repeated (the
/// last repetition may be cut short). Empty text counts too.
fn is_repeated_block(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=MAX_REPEATED_BLOCK)
        .any(|block| chars.len() <= block || chars.iter().zip(&chars[block..]).all(|(a, b)| a == b))
}

/// Whether the text is a piece of one of the [`SEQUENCES`], forwards or backwards.
fn is_run(text: &str) -> bool {
    let reversed: String = text.chars().rev().collect();
    SEQUENCES
        .iter()
        .any(|sequence| sequence.contains(text) || sequence.contains(reversed.as_str()))
}

/// Whether a trimmed, lowercased password contains the login; see [`check`].
fn contains_login(normalized_password: &str, login: &str) -> bool {
    let login = login.trim().to_lowercase();
    if login.chars().count() >= MIN_LOGIN_CORE && normalized_password.contains(&login) {
        return true;
    }
    let digits: String = login.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < MIN_LOGIN_CORE {
        return false;
    }
    // The subscriber part of a phone: the same whether written with +380, 380, 80 or 0.
    let core = &digits[digits.len().saturating_sub(9)..];
    let without_separators: String = normalized_password
        .chars()
        .filter(|&c| !(c.is_whitespace() || matches!(c, '-' | '–' | '—' | '.' | '(' | ')')))
        .collect();
    normalized_password.contains(core) || without_separators.contains(core)
}

#[cfg(test)]
mod tests {
    use super::*;

    use PasswordPolicyError::{ContainsLogin, TooCommon, TooLong, TooShort};

    const SHORT: PasswordPolicyError = TooShort { min: MIN_LENGTH };
    const LONG: PasswordPolicyError = TooLong { max: MAX_LENGTH };

    #[test]
    fn good_passphrases_are_accepted() {
        for password in [
            "Київ каштани цвітуть 2027",
            "correct horse battery staple",
            "Ж0вто-блакитний прапор!",
            "my bike is green 42",
            "Київ2027!!",
        ] {
            assert_eq!(check(password, None), Ok(()), "{password:?}");
            assert_eq!(
                check(password, Some("+380501234567")),
                Ok(()),
                "{password:?}"
            );
            assert_eq!(check(password, Some("МЕ123456")), Ok(()), "{password:?}");
        }
    }

    #[test]
    fn length_is_counted_in_characters_at_the_lower_bound() {
        // Nine characters but thirteen bytes: too short.
        let nine = "Київ2027!";
        assert_eq!((nine.chars().count(), nine.len()), (9, 13));
        assert_eq!(check(nine, None), Err(SHORT));
        // Ten characters.
        let ten = "Київ2027!!";
        assert_eq!(ten.chars().count(), 10);
        assert_eq!(check(ten, None), Ok(()));
        // Nine ASCII characters; an empty password.
        assert_eq!(check("horse42!x", None), Err(SHORT));
        assert_eq!(check("", None), Err(SHORT));
        // Ten ASCII characters.
        assert_eq!(check("horse42!xy", None), Ok(()));
    }

    #[test]
    fn length_is_counted_in_bytes_at_the_upper_bound() {
        let phrase = "correct horse battery staple ".repeat(10);
        let bytes_256 = &phrase[..256];
        assert_eq!(check(bytes_256, None), Ok(()));
        let bytes_257 = &phrase[..257];
        assert_eq!(check(bytes_257, None), Err(LONG));
        // 129 Cyrillic characters are 258 bytes: too long, though few characters.
        let cyrillic = "київкаштанцвіте".repeat(9);
        let cyrillic: String = cyrillic.chars().take(129).collect();
        assert_eq!(cyrillic.len(), 258);
        assert_eq!(check(&cyrillic, None), Err(LONG));
        // Too long is reported even for what would also be too common.
        assert_eq!(check(&"a".repeat(257), None), Err(LONG));
    }

    #[test]
    fn listed_passwords_are_refused_in_any_letter_case() {
        for password in [
            "password123",
            "Password123",
            "PASSWORD123",
            "  password123  ",
            "QwErTy1234",
            "IloveYou12",
            "1Q2W3E4R5T",
            "ZXCVBNM123",
            "Пароль12345",
            "ПАРОЛЬ12345",
            "СлаваУкраїні",
            "Gfhjkm123456",
        ] {
            assert_eq!(check(password, None), Err(TooCommon), "{password:?}");
        }
    }

    #[test]
    fn repeated_blocks_are_refused() {
        for password in [
            "aaaaaaaaaa",
            "AAAAAAAAAAAA",
            "ЖЖЖЖЖЖЖЖЖЖ",
            "0000000000",
            "!!!!!!!!!!",
            "          ",
            "1212121212",
            "abababababab",
            "abcabcabca",
            "кiткiткiткiт",
        ] {
            assert_eq!(check(password, None), Err(TooCommon), "{password:?}");
        }
        // Four-character blocks are left to the list.
        assert_eq!(check("abcdabcdab", None), Ok(()));
    }

    #[test]
    fn keyboard_and_alphabet_runs_are_refused() {
        for password in [
            "1234567890",
            "0123456789",
            "0987654321",
            "9876543210",
            "qwertyuiop",
            "QWERTYUIOP",
            "poiuytrewq",
            "asdfghjklz",
            "yuiopasdfgh",
            "йцукенгшщз",
            "ЙЦУКЕНГШЩЗХЇ",
            "зщшгнекуцй",
            "фівапролджє",
            "фывапролджэ",
            "abcdefghij",
            "zyxwvutsrq",
            "абвгґдеєжз",
        ] {
            assert_eq!(check(password, None), Err(TooCommon), "{password:?}");
        }
        // Not a run: a gap or a turn.
        assert_eq!(check("1234567891x", None), Ok(()));
        assert_eq!(check("qwertyuiopq", None), Ok(()));
    }

    #[test]
    fn the_login_inside_the_password_is_refused() {
        let cases: &[(&str, &str)] = &[
            ("+380501234567", "мій +380501234567 номер"),
            ("+380501234567", "кава380501234567"),
            ("+380501234567", "дзвони 0501234567!"),
            ("+380501234567", "x501234567x"),
            ("+380501234567", "тел. 050-123-45-67 ok"),
            ("+380501234567", "(050) 123 45 67 дім"),
            ("МЕ123456", "паспорт МЕ123456 мій"),
            ("МЕ123456", "паспорт ме123456 мій"),
            ("МЕ123456", "passport me123456"),
            ("МЕ123456", "весна 123456 квітне"),
            ("001234567", "картка 001234567 тут"),
            ("ivan@example.com", "Ivan@Example.com forever"),
        ];
        for &(login, password) in cases {
            assert_eq!(
                check(password, Some(login)),
                Err(ContainsLogin),
                "{login:?} in {password:?}"
            );
        }
    }

    #[test]
    fn unrelated_digits_and_short_logins_do_not_count() {
        // Only part of the phone's nine significant digits.
        assert_eq!(
            check("дзвони 1234567 ввечері", Some("+380501234567")),
            Ok(())
        );
        // Digits of a different passport.
        assert_eq!(check("весна 654321 квітне", Some("МЕ123456")), Ok(()));
        // A login with fewer than six digits and fewer than six characters.
        assert_eq!(check("весна ab12 квітне", Some("ab12")), Ok(()));
        // No login given.
        assert_eq!(check("паспорт МЕ123456 мій", None), Ok(()));
    }

    #[test]
    fn rules_apply_in_the_documented_order() {
        // Too short wins over containing the login.
        assert_eq!(check("МЕ123456", Some("МЕ123456")), Err(SHORT));
        // Too common wins over containing the login.
        assert_eq!(check("1234567890", Some("МЕ123456")), Err(TooCommon));
    }

    #[test]
    fn bundled_list_is_well_formed() {
        let text = include_str!("common_passwords.txt");
        let entries: Vec<&str> = text
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .collect();
        assert!(
            (400..=700).contains(&entries.len()),
            "{} entries",
            entries.len()
        );
        assert_eq!(COMMON_PASSWORDS.len(), entries.len(), "duplicate entries");
        for entry in &entries {
            assert_eq!(entry.trim(), *entry, "surrounding whitespace in {entry:?}");
            assert_eq!(entry.to_lowercase(), *entry, "not lowercase: {entry:?}");
            assert!(entry.chars().count() >= MIN_LENGTH, "too short: {entry:?}");
            assert!(entry.len() <= MAX_LENGTH, "too long: {entry:?}");
        }
        for expected in [
            "1234567890",
            "qwertyuiop",
            "password123",
            "iloveyou12",
            "1q2w3e4r5t",
            "qwerty1234",
            "zxcvbnm123",
            "йцукенгшщз",
            "пароль12345",
        ] {
            assert!(COMMON_PASSWORDS.contains(expected), "{expected:?} missing");
        }
    }

    #[test]
    fn errors_have_messages() {
        assert_eq!(SHORT.to_string(), "too short");
        assert_eq!(LONG.to_string(), "too long");
        assert_eq!(TooCommon.to_string(), "too common");
        assert_eq!(ContainsLogin.to_string(), "contains the login");
    }
}
