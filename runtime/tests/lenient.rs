//! Optional fields read leniently (`runtime::model::Lenient`, `runtime/lenient.rs`,
//! `runtime/lenient_dates.rs`): numbers as JSON numbers or in strings, anything that does not fit
//! as `None`, and the model pieces that read them.
use client_runtime::datetime::{Date, Timestamp};
use client_runtime::runtime::model::{object, required, Entries, Fields, Key, Lenient, Object};
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};

fn lenient<T: Lenient>(value: Value) -> Option<T> {
    T::from_json(value)
}

/// Values of no numeric shape: never a number of any type.
fn junk() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!([]),
        json!([1]),
        json!({}),
        json!({"value": 1}),
        json!(""),
        json!("   "),
        json!("abc"),
        json!("12abc"),
        json!("1,5"),
        json!("1 000"),
        json!("1_000"),
        json!("0x10"),
        json!("+1"),
        json!("NaN"),
        json!("inf"),
        json!("."),
        json!("-"),
        json!("1.2.3"),
        json!("\"1\""),
    ]
}

#[test]
fn junk_is_none_for_every_number_type() {
    for value in junk() {
        assert_eq!(lenient::<f64>(value.clone()), None, "{value}");
        assert_eq!(lenient::<i64>(value.clone()), None, "{value}");
        assert_eq!(lenient::<i32>(value.clone()), None, "{value}");
    }
}

#[test]
fn floats_from_numbers_and_strings() {
    assert_eq!(lenient::<f64>(json!(1.5)), Some(1.5));
    assert_eq!(lenient::<f64>(json!(-3)), Some(-3.0));
    assert_eq!(lenient::<f64>(json!(u64::MAX)), Some(18_446_744_073_709_551_615.0));
    assert_eq!(lenient::<f64>(json!("-0.0025")), Some(-0.0025));
    assert_eq!(lenient::<f64>(json!("19.720000")), Some(19.72));
    assert_eq!(lenient::<f64>(json!("7")), Some(7.0));
    assert_eq!(lenient::<f64>(json!("1e3")), Some(1000.0));
    assert_eq!(lenient::<f64>(json!("2.5E-1")), Some(0.25));
    // Surrounding whitespace is ignored.
    assert_eq!(lenient::<f64>(json!(" 19.72\n")), Some(19.72));
    assert_eq!(lenient::<f64>(json!("\t-1 ")), Some(-1.0));
    // Outside what an f64 holds: JSON's number grammar refuses it.
    assert_eq!(lenient::<f64>(json!("1e400")), None);
}

#[test]
fn i64_from_numbers_and_strings() {
    assert_eq!(lenient::<i64>(json!(42)), Some(42));
    assert_eq!(lenient::<i64>(json!(-42)), Some(-42));
    assert_eq!(lenient::<i64>(json!("42")), Some(42));
    assert_eq!(lenient::<i64>(json!(" -7 ")), Some(-7));
    assert_eq!(lenient::<i64>(json!("0")), Some(0));
    assert_eq!(lenient::<i64>(json!("9223372036854775807")), Some(i64::MAX));
    assert_eq!(lenient::<i64>(json!("-9223372036854775808")), Some(i64::MIN));
    assert_eq!(lenient::<i64>(json!(i64::MAX)), Some(i64::MAX));
    // Past i64, or not whole: None.
    assert_eq!(lenient::<i64>(json!("9223372036854775808")), None);
    assert_eq!(lenient::<i64>(json!(u64::MAX)), None);
    assert_eq!(lenient::<i64>(json!(1.5)), None);
    assert_eq!(lenient::<i64>(json!("1.5")), None);
    // A whole number written as a float is a float to serde_json: None too.
    assert_eq!(lenient::<i64>(json!(1.0)), None);
    assert_eq!(lenient::<i64>(json!("1.0")), None);
    assert_eq!(lenient::<i64>(json!("1e3")), None);
    // JSON's grammar: no leading zeros.
    assert_eq!(lenient::<i64>(json!("007")), None);
}

#[test]
fn i32_overflow_is_none() {
    assert_eq!(lenient::<i32>(json!(7)), Some(7));
    assert_eq!(lenient::<i32>(json!("7")), Some(7));
    assert_eq!(lenient::<i32>(json!("-7")), Some(-7));
    assert_eq!(lenient::<i32>(json!(2_147_483_647)), Some(i32::MAX));
    assert_eq!(lenient::<i32>(json!("2147483647")), Some(i32::MAX));
    assert_eq!(lenient::<i32>(json!(-2_147_483_648i64)), Some(i32::MIN));
    assert_eq!(lenient::<i32>(json!("-2147483648")), Some(i32::MIN));
    assert_eq!(lenient::<i32>(json!(2_147_483_648i64)), None);
    assert_eq!(lenient::<i32>(json!("2147483648")), None);
    assert_eq!(lenient::<i32>(json!(-2_147_483_649i64)), None);
    assert_eq!(lenient::<i32>(json!("-2147483649")), None);
    assert_eq!(lenient::<i32>(json!(i64::MAX)), None);
    assert_eq!(lenient::<i32>(json!(u64::MAX)), None);
    assert_eq!(lenient::<i32>(json!(2.0)), None);
}

#[test]
fn timestamps_in_either_format() {
    let noon = Timestamp::from_unix(1_706_702_400, 0);
    assert_eq!(lenient::<Timestamp>(json!("2024-01-31T12:00:00Z")), noon);
    assert_eq!(lenient::<Timestamp>(json!("2024-01-31T13:00:00+01:00")), noon);
    assert_eq!(lenient::<Timestamp>(json!("Wed, 31 Jan 2024 12:00:00 +0000")), noon);
    assert_eq!(lenient::<Timestamp>(json!(" 2024-01-31T12:00:00Z ")), noon);
    assert_eq!(
        lenient::<Timestamp>(json!("2024-01-31T12:00:00.5Z")),
        Timestamp::from_unix(1_706_702_400, 500_000_000)
    );
    for value in [
        json!(null),
        json!(1_706_702_400),
        json!(["2024-01-31T12:00:00Z"]),
        json!({"at": "2024-01-31T12:00:00Z"}),
        json!(""),
        json!("2024-01-31"),
        json!("2024-02-30T00:00:00Z"),
        json!("Thu, 31 Jan 2024 12:00:00 +0000"),
        json!("yesterday"),
    ] {
        assert_eq!(lenient::<Timestamp>(value.clone()), None, "{value}");
    }
}

#[test]
fn dates_exactly_yyyy_mm_dd() {
    assert_eq!(lenient::<Date>(json!("2024-01-31")), Date::new(2024, 1, 31));
    assert_eq!(lenient::<Date>(json!("2024-02-29")), Date::new(2024, 2, 29));
    for value in [
        json!(null),
        json!(20_240_131),
        json!({}),
        json!(""),
        json!("2023-02-29"),
        json!("2024-1-31"),
        json!("31/01/2024"),
        json!("2024-01-31T00:00:00Z"),
        // Unlike numbers and date-times, a date's whitespace is not trimmed.
        json!(" 2024-01-31"),
        json!("2024-01-31 "),
    ] {
        assert_eq!(lenient::<Date>(value.clone()), None, "{value}");
    }
}

/// A model written the way generated models are: one pass over the object through `Object`, lenient
/// optional fields, a required field, entries only for what is set.
#[derive(Debug, PartialEq)]
struct Call {
    sid: String,
    price: Option<f64>,
    duration: Option<i32>,
    bytes: Option<i64>,
    start_time: Option<Timestamp>,
    day: Option<Date>,
}

impl Object for Call {
    const EXPECTING: &'static str = "struct Call";

    fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut sid = None;
        let (mut price, mut duration, mut bytes, mut start_time, mut day) = (None, None, None, None, None);
        while let Some(key) = map.next_key::<Key>()? {
            match key.as_str() {
                "sid" => sid = Some(map.next_value()?),
                "price" => price = map.next_lenient()?,
                "duration" => duration = map.next_lenient()?,
                "bytes" => bytes = map.next_lenient()?,
                "start_time" => start_time = map.next_lenient()?,
                "day" => day = map.next_lenient()?,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(Call {
            sid: required(sid, "Call", "sid")?,
            price,
            duration,
            bytes,
            start_time,
            day,
        })
    }
}

impl<'de> Deserialize<'de> for Call {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object(deserializer)
    }
}

impl Serialize for Call {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("sid", &self.sid)?;
        map.optional("price", &self.price)?;
        map.optional("duration", &self.duration)?;
        map.optional("bytes", &self.bytes)?;
        map.optional("start_time", &self.start_time)?;
        map.optional("day", &self.day)?;
        map.end()
    }
}

#[test]
fn a_model_reads_odd_fields_as_none_instead_of_failing() {
    let call: Call = serde_json::from_str(
        r#"{"sid": "CA1", "price": "-0.0025", "duration": "4294967296", "bytes": "12",
            "start_time": "Wed, 31 Jan 2024 12:00:00 +0000", "day": "2024-02-30",
            "unknown": {"nested": [1, 2]}}"#,
    )
    .expect("decodes");
    assert_eq!(
        call,
        Call {
            sid: "CA1".to_owned(),
            price: Some(-0.0025),
            duration: None,
            bytes: Some(12),
            start_time: Timestamp::from_unix(1_706_702_400, 0),
            day: None,
        }
    );
    assert_eq!(
        serde_json::to_string(&call).expect("encodes"),
        r#"{"sid":"CA1","price":-0.0025,"bytes":12,"start_time":"2024-01-31T12:00:00Z"}"#
    );

    let sparse: Call =
        serde_json::from_str(r#"{"price": null, "sid": "CA2", "duration": 30, "day": "2024-01-31", "duration": "x"}"#)
            .expect("decodes");
    // A key sent twice keeps its last value, even when that value is junk.
    assert_eq!(
        sparse,
        Call {
            sid: "CA2".to_owned(),
            price: None,
            duration: None,
            bytes: None,
            start_time: None,
            day: Date::new(2024, 1, 31),
        }
    );
    assert_eq!(
        serde_json::to_string(&sparse).expect("encodes"),
        r#"{"sid":"CA2","day":"2024-01-31"}"#
    );
}

#[test]
fn a_model_still_fails_on_what_is_not_lenient() {
    let missing = serde_json::from_str::<Call>(r#"{"price": 1}"#).expect_err("no sid");
    assert_eq!(
        missing.to_string(),
        "missing field `sid` of Call, which the document requires at line 1 column 12"
    );
    let not_object = serde_json::from_str::<Call>("[1]").expect_err("an array");
    assert_eq!(
        not_object.to_string(),
        "invalid type: sequence, expected struct Call at line 1 column 0"
    );
    let bad_sid = serde_json::from_str::<Call>(r#"{"sid": 5}"#).expect_err("a number");
    assert_eq!(
        bad_sid.to_string(),
        "invalid type: integer `5`, expected a string at line 1 column 9"
    );
    // Lenient fields still need valid JSON.
    assert!(serde_json::from_str::<Call>(r#"{"sid": "CA1", "price": 1.2.3}"#).is_err());
}
