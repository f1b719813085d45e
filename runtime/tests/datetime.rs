//! The crate's own date and date-time types: RFC 3339 and RFC 2822 parsing, formatting, bounds, `SystemTime`, serde.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use client_runtime::datetime::{Date, Timestamp};
use client_runtime::runtime::model::Lenient;

/// 2024-01-31T12:00:00Z in Unix seconds.
const JAN_31_NOON: i64 = 1_706_702_400;

/// The parsed instant, as RFC 3339 in UTC.
fn utc(text: &str) -> Option<String> {
    Timestamp::parse(text).map(|ts| ts.to_string())
}

fn at(secs: i64, nanos: u32) -> Timestamp {
    Timestamp::from_unix(secs, nanos).expect("in range")
}

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("a valid date")
}

#[test]
fn rfc2822_as_twilio_sends_it() {
    let ts = Timestamp::parse("Wed, 31 Jan 2024 12:00:00 +0000").expect("parses");
    assert_eq!(ts.unix_seconds(), JAN_31_NOON);
    assert_eq!(ts.subsec_nanos(), 0);
    assert_eq!(ts.date(), date(2024, 1, 31));
    assert_eq!((ts.hour(), ts.minute(), ts.second()), (12, 0, 0));
    assert_eq!(ts, at(JAN_31_NOON, 0));
}

#[test]
fn rfc2822_variants() {
    let noon = Some("2024-01-31T12:00:00Z".to_owned());
    assert_eq!(utc("31 Jan 2024 12:00:00 +0000"), noon);
    assert_eq!(utc("wed, 31 JAN 2024 12:00:00 +0000"), noon);
    assert_eq!(utc("Wed,31 Jan 2024 12:00:00 +0000"), noon);
    assert_eq!(utc("Wed,  31   Jan 2024  12:00 +0000"), noon);
    assert_eq!(utc("  Wed, 31 Jan 2024 12:00:00 +0000\n"), noon);
    assert_eq!(
        utc("Thu, 1 Feb 2024 09:05:07 +0000").as_deref(),
        Some("2024-02-01T09:05:07Z")
    );
    assert_eq!(
        utc("Thu, 01 Feb 2024 09:05:07 +0000").as_deref(),
        Some("2024-02-01T09:05:07Z")
    );
    // RFC 2822's obsolete years: two digits below 50 are 20xx, others 19xx; three digits add 1900.
    assert_eq!(utc("31 Jan 24 12:00:00 +0000"), noon);
    assert_eq!(utc("31 Jan 124 12:00:00 +0000"), noon);
    assert_eq!(utc("31 Jan 50 12:00:00 +0000").as_deref(), Some("1950-01-31T12:00:00Z"));
    assert_eq!(
        utc("31 Jan 0024 12:00:00 +0000").as_deref(),
        Some("0024-01-31T12:00:00Z")
    );
}

#[test]
fn rfc2822_offsets_convert_to_utc() {
    assert_eq!(
        utc("Wed, 31 Jan 2024 12:00:00 +0530").as_deref(),
        Some("2024-01-31T06:30:00Z")
    );
    assert_eq!(
        utc("Wed, 31 Jan 2024 12:00:00 -0800").as_deref(),
        Some("2024-01-31T20:00:00Z")
    );
    assert_eq!(
        utc("Wed, 31 Jan 2024 20:00:00 -0800").as_deref(),
        Some("2024-02-01T04:00:00Z")
    );
    assert_eq!(
        utc("Wed, 31 Jan 2024 12:00:00 -0000").as_deref(),
        Some("2024-01-31T12:00:00Z")
    );
    assert_eq!(
        utc("Wed, 31 Jan 2024 12:00:00 +2359").as_deref(),
        Some("2024-01-30T12:01:00Z")
    );
}

#[test]
fn rfc2822_named_zones() {
    for zone in ["GMT", "UT", "UTC", "Z", "gmt", "utc"] {
        assert_eq!(
            utc(&format!("Wed, 31 Jan 2024 12:00:00 {zone}")).as_deref(),
            Some("2024-01-31T12:00:00Z")
        );
    }
    let zones = [
        ("EST", 17),
        ("EDT", 16),
        ("CST", 18),
        ("CDT", 17),
        ("MST", 19),
        ("MDT", 18),
        ("PST", 20),
        ("PDT", 19),
    ];
    for (zone, hour) in zones {
        let expected = format!("2024-01-31T{hour}:00:00Z");
        assert_eq!(
            utc(&format!("Wed, 31 Jan 2024 12:00:00 {zone}")),
            Some(expected),
            "{zone}"
        );
    }
    assert_eq!(
        utc("Wed, 31 Jan 2024 12:00:00 est").as_deref(),
        Some("2024-01-31T17:00:00Z")
    );
}

#[test]
fn rfc2822_refusals() {
    for text in [
        "Thu, 31 Jan 2024 12:00:00 +0000",       // the weekday does not match the date
        "Wednesday, 31 Jan 2024 12:00:00 +0000", // long names
        "Wed, 31 January 2024 12:00:00 +0000",
        "Wed , 31 Jan 2024 12:00:00 +0000",
        "Wed, 31 Jan 2024 12:00:00",
        "Wed, 31 Jan 2024 12:00:00 +00:00",
        "Wed, 31 Jan 2024 12:00:00 +000",
        "Wed, 31 Jan 2024 12:00:00 +2400",
        "Wed, 31 Jan 2024 12:00:00 +0060",
        "Wed, 31 Jan 2024 12:00:00 A", // military zones
        "Wed, 31 Jan 2024 12:00:00 CET",
        "Wed, 31 Jan 2024 12:00:00 +0000 (UTC)", // comments
        "Wed, 31 Jan 2024 1:00:00 +0000",
        "Wed, 31 Jan 2024 12:0:00 +0000",
        "Wed, 31 Jan 2024 12:00:00:00 +0000",
        "Wed, 031 Jan 2024 12:00:00 +0000",
        "Wed, 31 Jan 12024 12:00:00 +0000",
        "Wed, 31 Jan 2024 12:00:61 +0000",
        "Wed, 31 Jan 2024 12:60:00 +0000",
        "Wed, 31 Jan 2024 24:00:00 +0000",
        "Wed, 32 Jan 2024 12:00:00 +0000",
        "Wed, 0 Jan 2024 12:00:00 +0000",
    ] {
        assert_eq!(Timestamp::parse(text), None, "{text}");
    }
}

#[test]
fn rfc3339_forms() {
    let noon = Some(at(JAN_31_NOON, 0));
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00Z"), noon);
    assert_eq!(Timestamp::parse("2024-01-31t12:00:00z"), noon);
    assert_eq!(Timestamp::parse("2024-01-31 12:00:00Z"), noon);
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00+00:00"), noon);
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00-00:00"), noon);
    assert_eq!(Timestamp::parse(" 2024-01-31T12:00:00Z\t"), noon);
    // Twilio documents its times as UTC: no offset at all is read as UTC.
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00"), noon);
    assert_eq!(Timestamp::parse("2024-01-31 12:00:00"), noon);
}

#[test]
fn rfc3339_fractions() {
    let quarter = Timestamp::parse("2024-01-31T12:00:00.250Z").expect("parses");
    assert_eq!(
        (quarter.unix_seconds(), quarter.subsec_nanos()),
        (JAN_31_NOON, 250_000_000)
    );
    assert_eq!(
        Timestamp::parse("2024-01-31T12:00:00.5Z"),
        Some(at(JAN_31_NOON, 500_000_000))
    );
    assert_eq!(
        Timestamp::parse("2024-01-31T12:00:00.000000001Z"),
        Some(at(JAN_31_NOON, 1))
    );
    // Digits past the nanosecond are dropped, not rounded.
    assert_eq!(
        Timestamp::parse("2024-01-31T12:00:00.1234567899Z"),
        Some(at(JAN_31_NOON, 123_456_789))
    );
    assert_eq!(
        Timestamp::parse("2024-01-31T12:00:00.250"),
        Some(at(JAN_31_NOON, 250_000_000))
    );
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00.Z"), None);
    assert_eq!(Timestamp::parse("2024-01-31T12:00:00,5Z"), None);
}

#[test]
fn rfc3339_offsets_convert_to_utc() {
    assert_eq!(
        utc("2024-01-31T12:00:00+05:30").as_deref(),
        Some("2024-01-31T06:30:00Z")
    );
    assert_eq!(
        utc("2024-01-31T12:00:00-08:00").as_deref(),
        Some("2024-01-31T20:00:00Z")
    );
    assert_eq!(
        utc("2024-01-31T20:00:00.5-08:00").as_deref(),
        Some("2024-02-01T04:00:00.500Z")
    );
    assert_eq!(
        utc("2024-01-01T00:30:00+01:00").as_deref(),
        Some("2023-12-31T23:30:00Z")
    );
    for text in [
        "2024-01-31T12:00:00+0530",
        "2024-01-31T12:00:00+05",
        "2024-01-31T12:00:00+24:00",
        "2024-01-31T12:00:00+05:60",
        "2024-01-31T12:00:00 Z",
        "2024-01-31T12:00:00ZZ",
    ] {
        assert_eq!(Timestamp::parse(text), None, "{text}");
    }
}

#[test]
fn calendar_and_clock_are_validated() {
    assert_eq!(utc("2024-02-29T00:00:00Z").as_deref(), Some("2024-02-29T00:00:00Z"));
    assert_eq!(
        utc("Thu, 29 Feb 2024 00:00:00 +0000").as_deref(),
        Some("2024-02-29T00:00:00Z")
    );
    assert_eq!(utc("2000-02-29T00:00:00Z").as_deref(), Some("2000-02-29T00:00:00Z"));
    assert_eq!(utc("2024-12-31T23:59:59Z").as_deref(), Some("2024-12-31T23:59:59Z"));
    for text in [
        "2023-02-29T00:00:00Z",
        "29 Feb 2023 00:00:00 +0000",
        "1900-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "31 Apr 2024 00:00:00 +0000",
        "2024-13-01T00:00:00Z",
        "2024-00-01T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "2024-01-31T24:00:00Z",
        "2024-01-31T12:60:00Z",
        "2024-01-31T12:00:61Z",
        "2024-1-31T12:00:00Z",
        "2024-01-31T12:00Z",
        "+2024-01-31T12:00:00Z",
    ] {
        assert_eq!(Timestamp::parse(text), None, "{text}");
    }
}

#[test]
fn a_leap_second_is_the_last_nanosecond_of_the_minute() {
    let last = Some(at(1_483_228_799, 999_999_999));
    assert_eq!(Timestamp::parse("2016-12-31T23:59:60Z"), last);
    assert_eq!(Timestamp::parse("2016-12-31T23:59:60.5Z"), last);
    assert_eq!(Timestamp::parse("Sat, 31 Dec 2016 23:59:60 +0000"), last);
}

#[test]
fn garbage_is_refused() {
    for text in [
        "",
        "   ",
        "yesterday",
        "2024",
        "2024-01-31",
        "12:00:00",
        "1706702400",
        "Wed,",
        ",",
        "2024-01-31T12:00:00Z and more",
        "２０２４-01-31T12:00:00Z",
        "2024-01-31T12:00:00Ž",
        "2024-01-31T12:00:00+05:3０",
        "2024-01-31T12:00:00.２Z",
        "Wéd, 31 Jan 2024 12:00:00 +0000",
        "Mi., 31 Jän. 2024 12:00:00 +0000",
        "31 Jan 2024 12:00:00 +0000\u{0}",
        "🕛🕛🕛🕛-01-31T12:00:00Z",
        "Wed,\u{a0}31 Jan 2024 12:00:00 +0000",
    ] {
        assert_eq!(Timestamp::parse(text), None, "{text:?}");
        assert!(text.parse::<Timestamp>().is_err(), "{text:?}");
    }
}

#[test]
fn display_uses_the_fewest_exact_fraction_digits() {
    assert_eq!(at(JAN_31_NOON, 0).to_string(), "2024-01-31T12:00:00Z");
    assert_eq!(at(JAN_31_NOON, 250_000_000).to_string(), "2024-01-31T12:00:00.250Z");
    assert_eq!(at(JAN_31_NOON, 250_000).to_string(), "2024-01-31T12:00:00.000250Z");
    assert_eq!(at(JAN_31_NOON, 250_100_000).to_string(), "2024-01-31T12:00:00.250100Z");
    assert_eq!(at(JAN_31_NOON, 250).to_string(), "2024-01-31T12:00:00.000000250Z");
    assert_eq!(
        at(JAN_31_NOON, 999_999_999).to_string(),
        "2024-01-31T12:00:00.999999999Z"
    );
    assert_eq!(format!("{:?}", at(JAN_31_NOON, 0)), "Timestamp(2024-01-31T12:00:00Z)");
}

#[test]
fn before_1970() {
    let ts = Timestamp::parse("1969-12-31T23:59:59Z").expect("parses");
    assert_eq!((ts.unix_seconds(), ts.subsec_nanos()), (-1, 0));
    assert_eq!(ts.date(), date(1969, 12, 31));
    assert_eq!((ts.hour(), ts.minute(), ts.second()), (23, 59, 59));
    assert_eq!(at(-1, 500_000_000).to_string(), "1969-12-31T23:59:59.500Z");
    assert_eq!(at(-86_400, 0).to_string(), "1969-12-31T00:00:00Z");
    assert_eq!(
        utc("Mon, 1 Jan 1900 00:00:00 +0000").as_deref(),
        Some("1900-01-01T00:00:00Z")
    );
    assert_eq!(
        Timestamp::parse("1900-01-01T00:00:00Z").map(Timestamp::unix_seconds),
        Some(-2_208_988_800)
    );
    assert!(at(-1, 999_999_999) < at(0, 0));
}

#[test]
fn years_1_to_9999_only() {
    let first = Timestamp::parse("0001-01-01T00:00:00Z").expect("parses");
    assert_eq!((first.unix_seconds(), first.date()), (-62_135_596_800, date(1, 1, 1)));
    assert_eq!(first.to_string(), "0001-01-01T00:00:00Z");
    let last = Timestamp::parse("9999-12-31T23:59:59.999999999Z").expect("parses");
    assert_eq!(
        (last.unix_seconds(), last.subsec_nanos()),
        (253_402_300_799, 999_999_999)
    );
    assert_eq!(last.to_string(), "9999-12-31T23:59:59.999999999Z");

    assert_eq!(Timestamp::from_unix(-62_135_596_800, 0), Some(first));
    assert_eq!(Timestamp::from_unix(-62_135_596_801, 999_999_999), None);
    assert_eq!(Timestamp::from_unix(253_402_300_800, 0), None);
    assert_eq!(Timestamp::from_unix(0, 1_000_000_000), None);
    assert_eq!(Timestamp::from_unix(i64::MIN, 0), None);
    assert_eq!(Timestamp::from_unix(i64::MAX, 0), None);
    // Also after the offset is applied.
    assert_eq!(Timestamp::parse("0001-01-01T00:30:00+01:00"), None);
    assert_eq!(Timestamp::parse("9999-12-31T23:30:00-01:00"), None);
    assert_eq!(Timestamp::parse("Fri, 31 Dec 9999 23:59:59 -0001"), None);
    assert_eq!(Timestamp::parse("0000-12-31T23:59:59Z"), None);
}

#[test]
fn system_time_round_trips() {
    for ts in [
        at(0, 0),
        at(JAN_31_NOON, 250),
        at(-1, 500_000_000),
        at(-2_208_988_800, 1),
    ] {
        let time = SystemTime::try_from(ts).expect("fits this platform");
        assert_eq!(Timestamp::try_from(time), Ok(ts));
    }
    assert_eq!(
        SystemTime::try_from(at(JAN_31_NOON, 5)),
        Ok(UNIX_EPOCH + Duration::new(1_706_702_400, 5))
    );
    assert_eq!(
        SystemTime::try_from(at(-2, 750_000_000)),
        Ok(UNIX_EPOCH - Duration::new(1, 250_000_000))
    );
    assert_eq!(
        Timestamp::try_from(UNIX_EPOCH - Duration::new(1, 250_000_000)),
        Ok(at(-2, 750_000_000))
    );
    let too_late = Timestamp::try_from(UNIX_EPOCH + Duration::from_secs(253_402_300_800)).expect_err("year 10000");
    assert_eq!(
        too_late.to_string(),
        "the time is outside the years 1 to 9999, or outside what this platform's clock can hold"
    );
}

#[test]
fn from_str_names_the_text() {
    assert_eq!("2024-01-31T12:00:00Z".parse(), Ok(at(JAN_31_NOON, 0)));
    assert_eq!(" Wed, 31 Jan 2024 12:00:00 GMT ".parse(), Ok(at(JAN_31_NOON, 0)));
    let error = "31/01/2024".parse::<Timestamp>().expect_err("not a date-time");
    assert_eq!(
        error.to_string(),
        "`31/01/2024` is neither an RFC 3339 nor an RFC 2822 date-time"
    );
}

#[test]
fn timestamps_in_json() {
    let ts: Timestamp = serde_json::from_str(r#""Wed, 31 Jan 2024 12:00:00 +0000""#).expect("decodes");
    assert_eq!(ts, at(JAN_31_NOON, 0));
    let ts: Timestamp = serde_json::from_str(r#""2024-01-31T12:00:00.250Z""#).expect("decodes");
    assert_eq!(ts, at(JAN_31_NOON, 250_000_000));
    assert_eq!(
        serde_json::to_string(&ts).expect("encodes"),
        r#""2024-01-31T12:00:00.250Z""#
    );
    assert_eq!(
        serde_json::to_value(at(-1, 0)).expect("encodes"),
        "1969-12-31T23:59:59Z"
    );

    let malformed = serde_json::from_str::<Timestamp>(r#""yesterday""#).expect_err("malformed");
    assert_eq!(
        malformed.to_string(),
        "`yesterday` is neither an RFC 3339 nor an RFC 2822 date-time at line 1 column 11"
    );
    let number = serde_json::from_str::<Timestamp>("1706702400").expect_err("not a string");
    assert_eq!(
        number.to_string(),
        "invalid type: integer `1706702400`, expected an RFC 3339 or RFC 2822 date-time at line 1 column 10"
    );
    let null = serde_json::from_value::<Timestamp>(serde_json::Value::Null).expect_err("not a string");
    assert_eq!(
        null.to_string(),
        "invalid type: null, expected an RFC 3339 or RFC 2822 date-time"
    );
}

#[test]
fn lenient_timestamps_never_fail() {
    let values: Vec<serde_json::Value> = serde_json::from_str(
        r#"[null, 1706702400, {"at": "2024-01-31T12:00:00Z"}, ["x"], true, "", "soon",
            "2024-02-30T00:00:00Z", "2024-01-31T12:00:00Z", " Wed, 31 Jan 2024 12:00:00 +0000"]"#,
    )
    .expect("decodes");
    let noon = Some(at(JAN_31_NOON, 0));
    let expected = [None, None, None, None, None, None, None, None, noon, noon];
    assert_eq!(
        values.into_iter().map(Timestamp::from_json).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn dates() {
    let day = date(2024, 1, 31);
    assert_eq!((day.year(), day.month(), day.day()), (2024, 1, 31));
    assert_eq!(day.to_string(), "2024-01-31");
    assert_eq!(format!("{day:?}"), "Date(2024-01-31)");
    assert_eq!(date(1, 2, 3).to_string(), "0001-02-03");
    assert_eq!(date(999, 12, 31).to_string(), "0999-12-31");
    assert_eq!("2024-01-31".parse(), Ok(day));
    assert_eq!("2024-02-29".parse(), Ok(date(2024, 2, 29)));
    assert!(date(2023, 12, 31) < day && day < date(2024, 2, 1));

    assert_eq!(Date::new(2023, 2, 29), None);
    assert_eq!(Date::new(2024, 4, 31), None);
    assert_eq!(Date::new(2024, 13, 1), None);
    assert_eq!(Date::new(2024, 1, 0), None);
    assert_eq!(Date::new(0, 1, 1), None);
    assert_eq!(Date::new(10_000, 1, 1), None);
    assert_eq!(Date::new(9999, 12, 31).map(Date::year), Some(9999));
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    for text in [
        "",
        "2024-1-31",
        "2024-01-31T00:00:00Z",
        " 2024-01-31",
        "2024-01-31 ",
        "2024/01/31",
        "+2024-01-31",
        "0000-01-01",
        "2023-02-29",
        "2024-00-10",
        "2024-01-32",
        "２０２４-01-31",
        "20240131",
    ] {
        let error = text.parse::<Date>().expect_err(text);
        assert_eq!(
            error.to_string(),
            format!("`{text}` is not a date in the form YYYY-MM-DD")
        );
    }
}

#[test]
fn dates_in_json() {
    let day: Date = serde_json::from_str(r#""2024-01-31""#).expect("decodes");
    assert_eq!(day, date(2024, 1, 31));
    assert_eq!(serde_json::to_string(&day).expect("encodes"), r#""2024-01-31""#);
    let malformed = serde_json::from_str::<Date>(r#""31/01/2024""#).expect_err("malformed");
    assert_eq!(
        malformed.to_string(),
        "`31/01/2024` is not a date in the form YYYY-MM-DD at line 1 column 12"
    );
    let number = serde_json::from_str::<Date>("20240131").expect_err("not a string");
    assert_eq!(
        number.to_string(),
        "invalid type: integer `20240131`, expected a date in the form YYYY-MM-DD at line 1 column 8"
    );

    let values: Vec<serde_json::Value> =
        serde_json::from_str(r#"[null, 20240131, {}, "2024-02-30", "31/01/2024", "2024-01-31"]"#).expect("decodes");
    let expected = [None, None, None, None, None, Some(date(2024, 1, 31))];
    assert_eq!(values.into_iter().map(Date::from_json).collect::<Vec<_>>(), expected);
}
