//! Shared DTO pieces: money as text, localized names, pages.

use std::borrow::Cow;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use poem_openapi::{Object, types::ParseFromParameter};
use serde_json::Value;

use crate::domain::Money;
use crate::i18n::Lang;

/// The language a request asks for (`Accept-Language`; Ukrainian by default).
pub fn request_lang(req: &poem::Request) -> Lang {
    Lang::negotiate(
        req.headers()
            .get("accept-language")
            .and_then(|v| v.to_str().ok()),
    )
}

/// An amount in hryvnias as a decimal string with up to two decimals, e.g. `"1999999.99"`.
/// Text, not a JSON number, so no client ever rounds it through a float. Whether the text is
/// valid money is checked by the application, which answers with a specific problem code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyText(pub String);

impl From<Money> for MoneyText {
    fn from(money: Money) -> Self {
        MoneyText(money.to_string())
    }
}

impl Type for MoneyText {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_money".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        let mut schema = MetaSchema::new_with_format("string", "money");
        schema.pattern = Some(r"^-?\d+(\.\d{1,2})?$".into());
        schema.example = Some(Value::String("1999999.99".into()));
        MetaSchemaRef::Inline(Box::new(schema))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ParseFromJSON for MoneyText {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(text)) => Ok(MoneyText(text)),
            Some(Value::Number(_)) => Err(ParseError::custom(
                "money is a string such as \"1999999.99\", not a number",
            )),
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl ParseFromParameter for MoneyText {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(MoneyText(value.to_owned()))
    }
}

impl ToJSON for MoneyText {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

/// A response body that is `null` when there is nothing to show (a city without a commission
/// yet): `Json<Option<T>>` would document `T` alone, so the spec would not admit the `null`.
#[derive(Debug, Clone)]
pub struct OrNull<T>(pub Option<T>);

impl<T: Type> Type for OrNull<T> {
    const IS_REQUIRED: bool = true;
    type RawValueType = T::RawValueType;
    type RawElementValueType = T::RawElementValueType;

    fn name() -> Cow<'static, str> {
        format!("nullable_{}", T::name()).into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            nullable: true,
            all_of: vec![T::schema_ref()],
            ..MetaSchema::ANY
        }))
    }

    fn register(registry: &mut poem_openapi::registry::Registry) {
        T::register(registry);
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        self.0.as_ref().and_then(Type::as_raw_value)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        match &self.0 {
            Some(value) => value.raw_element_iter(),
            None => Box::new(std::iter::empty()),
        }
    }
}

impl<T: ToJSON> ToJSON for OrNull<T> {
    fn to_json(&self) -> Option<Value> {
        Some(
            self.0
                .as_ref()
                .and_then(ToJSON::to_json)
                .unwrap_or(Value::Null),
        )
    }
}

/// The cost reserve of an estimate, as its own line.
#[derive(Debug, Clone, Object)]
pub struct CostReserveOut {
    /// The share of the lines' sum, in percent (`20`, `12.5`).
    pub percent: String,
    /// Its amount, rounded to the kopiyka (halves up).
    pub amount: MoneyText,
}

impl CostReserveOut {
    /// The reserve line, when there is a reserve at all.
    pub fn of(reserve: crate::domain::estimate::Reserve, amount: Money) -> Option<Self> {
        (reserve.basis_points() > 0).then(|| CostReserveOut {
            percent: reserve.percent().to_string(),
            amount: amount.into(),
        })
    }
}

/// A name in both languages of the platform.
#[derive(Debug, Clone, Object)]
pub struct LocalizedName {
    pub uk: String,
    pub en: String,
}

impl LocalizedName {
    pub fn new(uk: &str, en: &str) -> Self {
        Self {
            uk: uk.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// An answer with no body.
#[derive(poem_openapi::ApiResponse)]
pub enum Done {
    #[oai(status = 204)]
    NoContent,
}
