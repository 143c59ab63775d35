//! Exact pricing of cost estimates.

use poem::Result;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use super::types::MoneyText;
use crate::app::estimates::{self, LineInput};

pub struct EstimatesApi;

#[derive(Debug, Object)]
pub struct EstimateLineIn {
    pub name: String,
    /// A whole number, at least 1.
    pub quantity: i64,
    pub unit_price: MoneyText,
}

#[derive(Debug, Object)]
pub struct EstimateIn {
    pub items: Vec<EstimateLineIn>,
}

#[derive(Debug, Object)]
pub struct EstimateLineOut {
    pub name: String,
    pub quantity: i64,
    pub unit_price: MoneyText,
    /// quantity × unit price
    pub total: MoneyText,
}

#[derive(Debug, Object)]
pub struct EstimateOut {
    pub items: Vec<EstimateLineOut>,
    pub total: MoneyText,
}

#[OpenApi]
impl EstimatesApi {
    /// Prices a cost estimate exactly: each line's total and the sum, to the kopiyka.
    #[oai(
        path = "/estimates/price",
        method = "post",
        tag = "ApiTags::Estimates",
        operation_id = "priceEstimate"
    )]
    async fn price(&self, body: Json<EstimateIn>) -> Result<Json<EstimateOut>> {
        let lines = body
            .0
            .items
            .into_iter()
            .map(|l| LineInput {
                name: l.name,
                quantity: l.quantity,
                unit_price: l.unit_price.0,
            })
            .collect();
        let estimate = estimates::price(lines)?;
        Ok(Json(EstimateOut {
            items: estimate
                .lines
                .into_iter()
                .map(|p| EstimateLineOut {
                    name: p.line.name,
                    quantity: p.line.quantity,
                    unit_price: p.line.unit_price.into(),
                    total: p.total.into(),
                })
                .collect(),
            total: estimate.total.into(),
        }))
    }
}
