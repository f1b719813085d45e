//! What `Debug` prints of secrets (`runtime::redact`): never the secret, and for an optional one
//! only whether it is set.
use std::collections::BTreeMap;
use std::fmt;

use client_runtime::runtime::redact::{redacted, Redacted};
use client_runtime::Credentials;
use serde_json::json;

const SECRET: &str = "s3cret";

#[test]
fn redacted_prints_a_placeholder() {
    assert_eq!(format!("{Redacted:?}"), "[redacted]");
    assert_eq!(format!("{Redacted:#?}"), "[redacted]");
}

#[test]
fn options_say_only_whether_they_are_set() {
    assert_eq!(
        format!("{:?}", redacted(&Some(String::from(SECRET)))),
        "Some([redacted])"
    );
    assert_eq!(format!("{:?}", redacted(&None::<String>)), "None");
    assert_eq!(format!("{:?}", redacted(&Some(vec![SECRET]))), "Some([redacted])");
    assert_eq!(format!("{:?}", redacted(&Some(json!(SECRET)))), "Some([redacted])");
    assert_eq!(format!("{:?}", redacted(&Some(String::new()))), "Some([redacted])");
    assert_eq!(
        format!("{:#?}", redacted(&Some(String::from(SECRET)))),
        "Some(\n    [redacted],\n)"
    );
}

#[test]
fn every_secret_type_prints_the_placeholder() {
    assert_eq!(format!("{:?}", redacted(&String::from(SECRET))), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&String::new())), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&vec![String::from(SECRET)])), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&Vec::<String>::new())), "[redacted]");
    let map = BTreeMap::from([(String::from("key"), String::from(SECRET))]);
    assert_eq!(format!("{:?}", redacted(&map)), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&json!({"password": SECRET}))), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&json!(SECRET))), "[redacted]");
    assert_eq!(format!("{:?}", redacted(&json!(null))), "[redacted]");
}

/// A model with secret fields, printed the way generated models print theirs.
struct Login {
    user: String,
    password: String,
    otp: Option<String>,
    recovery: Option<String>,
    keys: Vec<String>,
    extra: BTreeMap<String, serde_json::Value>,
    meta: serde_json::Value,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("password", redacted(&self.password))
            .field("otp", redacted(&self.otp))
            .field("recovery", redacted(&self.recovery))
            .field("keys", redacted(&self.keys))
            .field("extra", redacted(&self.extra))
            .field("meta", redacted(&self.meta))
            .finish()
    }
}

fn login() -> Login {
    Login {
        user: String::from("bob"),
        password: String::from(SECRET),
        otp: Some(format!("{SECRET}-otp")),
        recovery: None,
        keys: vec![format!("{SECRET}-key")],
        extra: BTreeMap::from([(String::from("pin"), json!(SECRET))]),
        meta: json!({"token": SECRET}),
    }
}

#[test]
fn secrets_never_appear_in_a_debug_struct() {
    let compact = format!("{:?}", login());
    assert_eq!(
        compact,
        "Login { user: \"bob\", password: [redacted], otp: Some([redacted]), recovery: None, \
         keys: [redacted], extra: [redacted], meta: [redacted] }"
    );
    assert!(!compact.contains(SECRET), "{compact}");

    let pretty = format!("{:#?}", login());
    assert_eq!(
        pretty,
        "Login {\n    user: \"bob\",\n    password: [redacted],\n    otp: Some(\n        [redacted],\n    ),\n    \
         recovery: None,\n    keys: [redacted],\n    extra: [redacted],\n    meta: [redacted],\n}"
    );
    assert!(!pretty.contains(SECRET), "{pretty}");
}

#[test]
fn credentials_never_print_their_secret() {
    let bearer = format!("{:?}", Credentials::bearer(SECRET));
    assert_eq!(bearer, "Credentials::Bearer { token: [redacted] }");
    let client = format!("{:?}", Credentials::client_credentials("AC123", SECRET));
    assert_eq!(
        client,
        "ClientCredentials { client_id: \"AC123\", client_secret: [redacted], \
         token_url: \"https://api.example.com/oauth2/token\", .. }"
    );
    assert!(!client.contains(SECRET), "{client}");
}
