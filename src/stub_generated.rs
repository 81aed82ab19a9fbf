//! TEMPORARY stand-in for the generated code (client branch only).

use serde::{Deserialize, Serialize};

/// Outcome class of a result.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResultStatus {
    /// S
    Success,
    /// F
    Failure,
    /// U
    Undetermined,
    /// anything else
    Unknown(String),
}

impl Serialize for ResultStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            ResultStatus::Success => "S",
            ResultStatus::Failure => "F",
            ResultStatus::Undetermined => "U",
            ResultStatus::Unknown(v) => v,
        })
    }
}

impl<'de> Deserialize<'de> for ResultStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "S" => ResultStatus::Success,
            "F" => ResultStatus::Failure,
            "U" => ResultStatus::Undetermined,
            _ => ResultStatus::Unknown(s),
        })
    }
}

/// The `result` object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AntomResult {
    /// code
    pub result_code: String,
    /// status
    pub result_status: ResultStatus,
    /// message
    #[serde(default)]
    pub result_message: String,
}
