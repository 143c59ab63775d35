//! Money in hryvnias: exact decimal arithmetic, at most two decimal places (kopiykas), and a
//! range that fits the database representation (BIGINT minor units).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Why a value is not money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("money has at most 2 decimal places")]
    TooManyDecimals,
    #[error("amount is out of range")]
    Overflow,
    #[error("not a decimal number")]
    Invalid,
}

/// An amount of money, exact to the kopiyka.
///
/// Invariant: the amount has at most two decimal places and, counted in kopiykas, fits an
/// `i64`. Every constructor and operation keeps it, so conversion to minor units never fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From an exact decimal; refuses fractions of a kopiyka and amounts beyond the range.
    pub fn new(amount: Decimal) -> Result<Self, MoneyError> {
        let amount = amount.normalize();
        if amount.scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let minor = amount
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::Overflow)?;
        i64::try_from(minor).map_err(|_| MoneyError::Overflow)?;
        Ok(Money(amount))
    }

    /// From kopiykas, as stored in the database.
    pub fn from_minor_units(kopiykas: i64) -> Self {
        Money(Decimal::new(kopiykas, 2).normalize())
    }

    /// In kopiykas, as stored in the database.
    pub fn minor_units(self) -> i64 {
        let minor = self.0 * Decimal::ONE_HUNDRED;
        i64::try_from(minor).expect("Money invariant: the amount fits i64 kopiykas")
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.minor_units()
            .checked_add(other.minor_units())
            .map(Money::from_minor_units)
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.minor_units()
            .checked_sub(other.minor_units())
            .map(Money::from_minor_units)
            .ok_or(MoneyError::Overflow)
    }

    /// Unit price times a whole quantity, e.g. one line of a cost estimate.
    pub fn checked_mul(self, quantity: i64) -> Result<Money, MoneyError> {
        self.minor_units()
            .checked_mul(quantity)
            .map(Money::from_minor_units)
            .ok_or(MoneyError::Overflow)
    }

    /// The sum of many amounts, failing on overflow rather than wrapping.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::ZERO, |acc, item| acc.checked_add(item))
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        // Decimal::from_str also accepts forms like "1_000"; money input is plain digits.
        let plain = !s.is_empty()
            && s.strip_prefix('-')
                .unwrap_or(s)
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && s.matches('.').count() <= 1
            && s.chars().any(|c| c.is_ascii_digit());
        if !plain {
            return Err(MoneyError::Invalid);
        }
        match Decimal::from_str_exact(s) {
            Ok(amount) => Money::new(amount),
            // The integer part alone is too large for a Decimal, or too many digits follow the point.
            Err(rust_decimal::Error::Underflow) => Err(MoneyError::TooManyDecimals),
            Err(_) if s.split('.').nth(1).is_some_and(|frac| frac.len() > 2) => {
                Err(MoneyError::TooManyDecimals)
            }
            Err(_) => Err(MoneyError::Overflow),
        }
    }
}

impl fmt::Display for Money {
    /// Always two decimal places: "1999999.99", "0.10", "5.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = self.0;
        amount.rescale(2);
        write!(f, "{amount}")
    }
}

/// As a decimal string with two places, like the API: `"1999999.99"`.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Decimal> for Money {
    type Error = MoneyError;

    fn try_from(amount: Decimal) -> Result<Self, Self::Error> {
        Money::new(amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_with_two_decimals() {
        assert_eq!(m("0.01").to_string(), "0.01");
        assert_eq!(m("1999999.99").to_string(), "1999999.99");
        assert_eq!(m("5").to_string(), "5.00");
        assert_eq!(m("0.1").to_string(), "0.10");
        assert_eq!(m("1.000").to_string(), "1.00");
        assert_eq!(m("-3.5").to_string(), "-3.50");
        assert_eq!(m(" 7.25 ").to_string(), "7.25");
    }

    #[test]
    fn minor_units_round_trip_at_the_edges() {
        for s in [
            "0.01",
            "0",
            "1999999.99",
            "92233720368547758.07",
            "-92233720368547758.08",
        ] {
            let money = m(s);
            assert_eq!(Money::from_minor_units(money.minor_units()), money, "{s}");
        }
        assert_eq!(m("92233720368547758.07").minor_units(), i64::MAX);
        assert_eq!(m("-92233720368547758.08").minor_units(), i64::MIN);
        assert_eq!(m("1999999.99").minor_units(), 199_999_999);
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(
            "92233720368547758.08".parse::<Money>(),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            "-92233720368547758.09".parse::<Money>(),
            Err(MoneyError::Overflow)
        );
        assert_eq!("1.001".parse::<Money>(), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            "0.123456789012345678901234567890".parse::<Money>(),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            "99999999999999999999999999999999".parse::<Money>(),
            Err(MoneyError::Overflow)
        );
        for bad in [
            "", "abc", "1,5", "1e3", "1_000", ".", "-", "1.2.3", "NaN", "+-1",
        ] {
            assert_eq!(bad.parse::<Money>(), Err(MoneyError::Invalid), "{bad:?}");
        }
    }

    #[test]
    fn arithmetic_is_exact_and_checked() {
        assert_eq!(m("0.1").checked_add(m("0.2")).unwrap(), m("0.3"));
        assert_eq!(m("10.00").checked_sub(m("0.01")).unwrap(), m("9.99"));
        assert_eq!(m("19.99").checked_mul(3).unwrap(), m("59.97"));
        let max = Money::from_minor_units(i64::MAX);
        assert_eq!(max.checked_add(m("0.01")), Err(MoneyError::Overflow));
        assert_eq!(
            Money::from_minor_units(i64::MIN).checked_sub(m("0.01")),
            Err(MoneyError::Overflow)
        );
        assert_eq!(max.checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(
            Money::checked_sum([m("1.10"), m("2.20"), m("3.30")]).unwrap(),
            m("6.60")
        );
        assert_eq!(
            Money::checked_sum([max, m("0.01")]),
            Err(MoneyError::Overflow)
        );
        assert!(m("-0.01").is_negative());
        assert!(!Money::ZERO.is_negative());
    }

    #[test]
    fn from_decimal_checks_scale_and_range() {
        assert_eq!(
            Money::new(Decimal::new(1001, 3)),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(Money::new(Decimal::new(1000, 3)).unwrap(), m("1"));
        assert_eq!(Money::new(Decimal::MAX), Err(MoneyError::Overflow));
        assert_eq!(
            Money::try_from(Decimal::new(12345, 2)).unwrap().to_string(),
            "123.45"
        );
    }

    #[test]
    fn money_is_a_decimal_string_in_json() {
        let m: Money = "1999999.99".parse().unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"1999999.99\"");
        assert_eq!(
            serde_json::from_str::<Money>("\"0.1\"")
                .unwrap()
                .to_string(),
            "0.10"
        );
        assert!(serde_json::from_str::<Money>("\"0.001\"").is_err());
    }
}
