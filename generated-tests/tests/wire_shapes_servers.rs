//! The server URL's variables (`https://{region}.api.example.com/{version}`) as builder settings.

use wire_shapes::{Client, DEFAULT_BASE_URL};

#[test]
fn the_default_server_fills_every_variable_with_its_default() {
    assert_eq!(DEFAULT_BASE_URL, "https://us.api.example.com/v2");
    let client = Client::builder().build().expect("the client builds");
    assert_eq!(client.base_url(), "https://us.api.example.com/v2");
}

#[test]
fn variables_set_on_the_builder_fill_the_template() {
    let client = Client::builder()
        .region("eu")
        .version("v3")
        .build()
        .expect("the client builds");
    assert_eq!(client.base_url(), "https://eu.api.example.com/v3");
    let client = Client::builder()
        .region("ap")
        .region("eu")
        .build()
        .expect("the client builds");
    assert_eq!(
        client.base_url(),
        "https://eu.api.example.com/v2",
        "the last value set wins"
    );
}

#[test]
fn a_value_outside_the_documents_enum_is_refused() {
    let error = Client::builder().region("mars").build().expect_err("mars is no region");
    assert_eq!(
        error.to_string(),
        "the request could not be built: server variable `region` cannot be `mars`: the document allows `us`, `eu`, `ap`"
    );
}

#[test]
fn an_explicit_base_url_wins_over_variables() {
    let client = Client::builder()
        .region("eu")
        .base_url("http://127.0.0.1:8080/")
        .build()
        .expect("the client builds");
    assert_eq!(client.base_url(), "http://127.0.0.1:8080");
}
