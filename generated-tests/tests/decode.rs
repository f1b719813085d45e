//! What every operation decodes its JSON reply into, field by field.
mod common;

use common::*;
use serde_json::json;
use twilio_oauth_v1::models::{OauthV1Certs, OauthV1DeviceCode, OauthV1OpenidDiscovery, OauthV1Token, OauthV1UserInfo};

use twilio_oauth_v1::Timestamp;

/// 2024-01-30T18:45:10Z.
fn jan_30() -> Timestamp {
    Timestamp::from_unix(1_706_640_310, 0).expect("in range")
}

/// 2024-01-31T01:02:03Z.
fn jan_31() -> Timestamp {
    Timestamp::from_unix(1_706_662_923, 0).expect("in range")
}

/// Sends create_token against a server answering 201 with `body`, and returns the decoded token.
async fn token_from(body: &str) -> OauthV1Token {
    let server = server().await;
    reply_json(&server, 201, body).await;
    client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect("the reply decodes")
}

#[tokio::test]
async fn fetch_certs_decodes_keys_as_json_value_and_url() {
    let server = server().await;
    reply_json(
        &server,
        200,
        r#"{"keys":[{"kty":"RSA","use":"sig","kid":"k1","alg":"RS256","n":"0vx7agoebGc","e":"AQAB"}],
            "url":"https://oauth.twilio.com/v1/certs"}"#,
    )
    .await;
    let certs = client(&server).fetch_certs().send().await.expect("the reply decodes");
    assert_eq!(
        certs,
        OauthV1Certs {
            keys: Some(json!([{"kty":"RSA","use":"sig","kid":"k1","alg":"RS256","n":"0vx7agoebGc","e":"AQAB"}])),
            url: Some("https://oauth.twilio.com/v1/certs".to_owned()),
        }
    );
}

#[tokio::test]
async fn fetch_certs_keys_keeps_any_json_shape() {
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":{"nested":{"n":1.5,"b":true,"z":null}}}"#).await;
    let certs = client(&server).fetch_certs().send().await.expect("the reply decodes");
    assert_eq!(certs.keys, Some(json!({"nested":{"n":1.5,"b":true,"z":null}})));
    assert_eq!(certs.url, None);
}

#[tokio::test]
async fn create_device_code_decodes_every_field() {
    let server = server().await;
    reply_json(
        &server,
        201,
        r#"{"device_code":"4c9a8d8f-dc-jwt","user_code":"WDJB-MJHT","verification_uri":"https://www.twilio.com/device",
            "verification_uri_complete":"https://www.twilio.com/device?user_code=WDJB-MJHT",
            "expires_in":9007199254740993,"interval":5}"#,
    )
    .await;
    let code = client(&server)
        .create_device_code("OQ1", ["openid"])
        .send()
        .await
        .expect("the reply decodes");
    assert_eq!(
        code,
        OauthV1DeviceCode {
            device_code: Some("4c9a8d8f-dc-jwt".to_owned()),
            user_code: Some("WDJB-MJHT".to_owned()),
            verification_uri: Some("https://www.twilio.com/device".to_owned()),
            verification_uri_complete: Some("https://www.twilio.com/device?user_code=WDJB-MJHT".to_owned()),
            expires_in: Some(9_007_199_254_740_993_i64),
            interval: Some(5),
        }
    );
}

#[tokio::test]
async fn fetch_openid_discovery_decodes_every_field() {
    let server = server().await;
    reply_json(
        &server,
        200,
        r#"{
            "issuer":"https://oauth.twilio.com",
            "authorization_endpoint":"https://oauth.twilio.com/v1/authorize",
            "device_authorization_endpoint":"https://oauth.twilio.com/v1/device/code",
            "token_endpoint":"https://oauth.twilio.com/v1/token",
            "userinfo_endpoint":"https://oauth.twilio.com/v1/userinfo",
            "revocation_endpoint":"https://oauth.twilio.com/v1/revoke",
            "jwk_uri":"https://oauth.twilio.com/v1/certs",
            "response_type_supported":["code","token"],
            "subject_type_supported":["public"],
            "id_token_signing_alg_values_supported":["RS256"],
            "scopes_supported":["openid","profile","email","offline_access"],
            "claims_supported":["sub","iss","email"],
            "url":"https://oauth.twilio.com/v1/.well-known/openid-configuration"
        }"#,
    )
    .await;
    let discovery = client(&server)
        .fetch_openid_discovery()
        .send()
        .await
        .expect("the reply decodes");
    let strings = |items: &[&str]| Some(items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    assert_eq!(
        discovery,
        OauthV1OpenidDiscovery {
            issuer: Some("https://oauth.twilio.com".to_owned()),
            authorization_endpoint: Some("https://oauth.twilio.com/v1/authorize".to_owned()),
            device_authorization_endpoint: Some("https://oauth.twilio.com/v1/device/code".to_owned()),
            token_endpoint: Some("https://oauth.twilio.com/v1/token".to_owned()),
            userinfo_endpoint: Some("https://oauth.twilio.com/v1/userinfo".to_owned()),
            revocation_endpoint: Some("https://oauth.twilio.com/v1/revoke".to_owned()),
            jwk_uri: Some("https://oauth.twilio.com/v1/certs".to_owned()),
            response_type_supported: strings(&["code", "token"]),
            subject_type_supported: strings(&["public"]),
            id_token_signing_alg_values_supported: strings(&["RS256"]),
            scopes_supported: strings(&["openid", "profile", "email", "offline_access"]),
            claims_supported: strings(&["sub", "iss", "email"]),
            url: Some("https://oauth.twilio.com/v1/.well-known/openid-configuration".to_owned()),
        }
    );
}

#[tokio::test]
async fn fetch_user_info_decodes_every_field() {
    let server = server().await;
    reply_json(
        &server,
        200,
        r#"{"user_sid":"US0123456789abcdef0123456789abcdef","first_name":"Zoë","last_name":"O'Brien",
            "friendly_name":"Zoë \"Z\" O'Brien","email":"zoe@example.com","url":"https://oauth.twilio.com/v1/userinfo"}"#,
    )
    .await;
    let user = client(&server)
        .fetch_user_info()
        .send()
        .await
        .expect("the reply decodes");
    assert_eq!(
        user,
        OauthV1UserInfo {
            user_sid: Some("US0123456789abcdef0123456789abcdef".to_owned()),
            first_name: Some("Zoë".to_owned()),
            last_name: Some("O'Brien".to_owned()),
            friendly_name: Some("Zoë \"Z\" O'Brien".to_owned()),
            email: Some("zoe@example.com".to_owned()),
            url: Some("https://oauth.twilio.com/v1/userinfo".to_owned()),
        }
    );
}

#[tokio::test]
async fn empty_objects_decode_to_all_none_for_every_operation() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    let client = client(&server);
    assert_eq!(client.fetch_certs().send().await.unwrap(), OauthV1Certs::default());
    assert_eq!(
        client.create_device_code("OQ1", ["openid"]).send().await.unwrap(),
        OauthV1DeviceCode::default()
    );
    assert_eq!(
        client.fetch_openid_discovery().send().await.unwrap(),
        OauthV1OpenidDiscovery::default()
    );
    assert_eq!(
        client.create_token("client_credentials", "OQ1").send().await.unwrap(),
        OauthV1Token::default()
    );
    assert_eq!(
        client.fetch_user_info().send().await.unwrap(),
        OauthV1UserInfo::default()
    );
}

#[tokio::test]
async fn null_fields_decode_to_none() {
    let server = server().await;
    reply_json(
        &server,
        200,
        r#"{"keys":null,"url":null,"user_sid":null,"first_name":null,"last_name":null,"friendly_name":null,
            "email":null,"device_code":null,"user_code":null,"verification_uri":null,"verification_uri_complete":null,
            "expires_in":null,"interval":null,"issuer":null,"scopes_supported":null,"claims_supported":null}"#,
    )
    .await;
    let client = client(&server);
    assert_eq!(client.fetch_certs().send().await.unwrap(), OauthV1Certs::default());
    assert_eq!(
        client.fetch_user_info().send().await.unwrap(),
        OauthV1UserInfo::default()
    );
    assert_eq!(
        client.create_device_code("OQ1", ["openid"]).send().await.unwrap(),
        OauthV1DeviceCode::default()
    );
    assert_eq!(
        client.fetch_openid_discovery().send().await.unwrap(),
        OauthV1OpenidDiscovery::default()
    );
}

#[tokio::test]
async fn token_decodes_strings_and_rfc_2822_dates() {
    let token = token_from(
        r#"{"access_token":"eyJ.access","refresh_token":"eyJ.refresh","id_token":"eyJ.id",
            "refresh_token_expires_at":"Tue, 30 Jan 2024 18:45:10 +0000",
            "access_token_expires_at":"Wed, 31 Jan 2024 01:02:03 +0000"}"#,
    )
    .await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("eyJ.access".to_owned()),
            refresh_token: Some("eyJ.refresh".to_owned()),
            id_token: Some("eyJ.id".to_owned()),
            refresh_token_expires_at: Some(jan_30()),
            access_token_expires_at: Some(jan_31()),
        }
    );
}

#[tokio::test]
async fn token_decodes_rfc_2822_dates_written_in_gmt_and_with_an_offset() {
    let token = token_from(
        r#"{"refresh_token_expires_at":"Tue, 30 Jan 2024 18:45:10 GMT",
            "access_token_expires_at":"Tue, 30 Jan 2024 13:45:10 -0500"}"#,
    )
    .await;
    assert_eq!(token.refresh_token_expires_at, Some(jan_30()));
    assert_eq!(token.access_token_expires_at, Some(jan_30()));
}

#[tokio::test]
async fn token_decodes_rfc_3339_dates_and_converts_offsets_to_utc() {
    let token = token_from(
        r#"{"access_token":"at","refresh_token_expires_at":"2024-01-30T18:45:10Z",
            "access_token_expires_at":"2024-01-30T20:45:10+02:00"}"#,
    )
    .await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("at".to_owned()),
            refresh_token: None,
            id_token: None,
            refresh_token_expires_at: Some(jan_30()),
            access_token_expires_at: Some(jan_30()),
        }
    );
}

#[tokio::test]
async fn token_decodes_rfc_3339_fractional_seconds() {
    let token = token_from(r#"{"access_token_expires_at":"2024-01-30T18:45:10.250Z"}"#).await;
    let expected = Timestamp::from_unix(1_706_640_310, 250_000_000).expect("in range");
    assert_eq!(token.access_token_expires_at, Some(expected));
}

#[tokio::test]
async fn token_malformed_date_is_none_and_other_fields_still_decode() {
    let token = token_from(
        r#"{"access_token":"at","refresh_token":"rt","id_token":"it",
            "refresh_token_expires_at":"not a date",
            "access_token_expires_at":"Tue, 30 Jan 2024 18:45:10 +0000"}"#,
    )
    .await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("at".to_owned()),
            refresh_token: Some("rt".to_owned()),
            id_token: Some("it".to_owned()),
            refresh_token_expires_at: None,
            access_token_expires_at: Some(jan_30()),
        }
    );
}

#[tokio::test]
async fn token_dates_of_other_json_types_or_empty_are_none() {
    let token =
        token_from(r#"{"access_token":"at","refresh_token_expires_at":1706640310,"access_token_expires_at":""}"#).await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("at".to_owned()),
            ..OauthV1Token::default()
        }
    );
    let token =
        token_from(r#"{"refresh_token_expires_at":{"at":"x"},"access_token_expires_at":["2024-01-30T18:45:10Z"]}"#)
            .await;
    assert_eq!(token, OauthV1Token::default());
}

#[tokio::test]
async fn token_null_and_missing_fields_are_none() {
    let token =
        token_from(r#"{"access_token":"at","refresh_token":null,"id_token":null,"refresh_token_expires_at":null}"#)
            .await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("at".to_owned()),
            refresh_token: None,
            id_token: None,
            refresh_token_expires_at: None,
            access_token_expires_at: None,
        }
    );
}

#[tokio::test]
async fn unknown_extra_fields_are_ignored() {
    let token = token_from(
        r#"{"token_type":"Bearer","expires_in":3600,"scope":["openid"],"access_token":"at",
            "nested":{"a":[1,2,3]},"access_token_expires_at":"2024-01-30T18:45:10Z"}"#,
    )
    .await;
    assert_eq!(
        token,
        OauthV1Token {
            access_token: Some("at".to_owned()),
            access_token_expires_at: Some(jan_30()),
            ..OauthV1Token::default()
        }
    );

    let server = server().await;
    reply_json(
        &server,
        200,
        r#"{"user_sid":"US1","locale":"en-US","email_verified":true}"#,
    )
    .await;
    let user = client(&server)
        .fetch_user_info()
        .send()
        .await
        .expect("the reply decodes");
    assert_eq!(
        user,
        OauthV1UserInfo {
            user_sid: Some("US1".to_owned()),
            ..OauthV1UserInfo::default()
        }
    );
}

/// Keys with JSON escapes cannot be borrowed from the input; they are matched all the same.
#[test]
fn escaped_keys_decode() {
    let token: OauthV1Token =
        serde_json::from_str(r#"{"access\u005ftoken":"at","\u0069d_token":"it"}"#).expect("decodes");
    assert_eq!(token.access_token.as_deref(), Some("at"));
    assert_eq!(token.id_token.as_deref(), Some("it"));
}

/// Decoding is one pass over the entries: a key sent twice keeps its last value.
#[test]
fn a_key_sent_twice_keeps_its_last_value() {
    let token: OauthV1Token =
        serde_json::from_str(r#"{"access_token":"first","access_token":"second"}"#).expect("decodes");
    assert_eq!(token.access_token.as_deref(), Some("second"));
}

#[test]
fn a_reply_that_is_not_an_object_names_the_model() {
    let array = serde_json::from_str::<OauthV1Token>(r#"["at"]"#).expect_err("an array");
    assert_eq!(
        array.to_string(),
        "invalid type: sequence, expected struct OauthV1Token at line 1 column 0"
    );
    let text = serde_json::from_str::<OauthV1Token>(r#""at""#).expect_err("a string");
    assert_eq!(
        text.to_string(),
        "invalid type: string \"at\", expected struct OauthV1Token at line 1 column 4"
    );
}

/// Models encode to the JSON they decode from: wire names, `None` left out, dates in RFC 3339.
#[test]
fn models_encode_with_wire_names_and_without_none() {
    let token = OauthV1Token {
        access_token: Some("at".to_owned()),
        access_token_expires_at: Some(Timestamp::from_unix(1_706_640_310, 250_000_000).expect("in range")),
        ..OauthV1Token::default()
    };
    let text = serde_json::to_string(&token).expect("encodes");
    assert_eq!(
        text,
        r#"{"access_token":"at","access_token_expires_at":"2024-01-30T18:45:10.250Z"}"#
    );
    assert_eq!(
        serde_json::from_str::<OauthV1Token>(&text).expect("decodes again"),
        token
    );
    assert_eq!(serde_json::to_string(&OauthV1Token::default()).expect("encodes"), "{}");
}

#[tokio::test]
async fn any_2xx_status_is_a_success() {
    let server = server().await;
    reply_json(&server, 200, r#"{"access_token":"at"}"#).await;
    let token = client(&server)
        .create_token("client_credentials", "OQ1")
        .send()
        .await
        .expect("a 200 is a success");
    assert_eq!(token.access_token.as_deref(), Some("at"));

    let server = common::server().await;
    reply_json(&server, 202, r#"{"user_sid":"US1"}"#).await;
    let user = client(&server)
        .fetch_user_info()
        .send()
        .await
        .expect("a 202 is a success");
    assert_eq!(user.user_sid.as_deref(), Some("US1"));
}
