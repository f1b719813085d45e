//! Every parameter style of OpenAPI 3.0 on the wire, against the examples of the specification's
//! style table (`color` as the string `blue`, the list `blue, black, brown`, the object
//! `R=100, G=200, B=150`), with `allowReserved`, a JSON `content` parameter and cookies.

use wire_shapes::models::{Color, Filter};
use wire_shapes::Client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("the client builds")
}

async fn only_request(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "expected one request, got {}", all.len());
    all.remove(0)
}

fn header(request: &Request, name: &str) -> Option<String> {
    let values: Vec<String> = request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("ASCII").to_owned())
        .collect();
    assert!(values.len() <= 1, "header `{name}` is repeated: {values:?}");
    values.into_iter().next()
}

fn table_color() -> Color {
    Color::new(100, 200, 150)
}

#[tokio::test]
async fn path_parameters_in_simple_label_and_matrix_styles() {
    let server = server().await;
    client(&server)
        .read_path_styles(
            "blue",
            ["blue", "black", "brown"],
            ["blue", "black", "brown"],
            table_color(),
        )
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    // simple list: `blue,black,brown`; label exploded: `.blue.black.brown`; matrix object, not
    // exploded: `;color=R,100,G,200,B,150` (the table's rows, with this fixture's names).
    assert_eq!(
        request.url.path(),
        "/styles/path/blue/blue,black,brown/.blue.black.brown;matrixColor=R,100,G,200,B,150"
    );
}

#[tokio::test]
async fn path_values_are_escaped_inside_their_style() {
    let server = server().await;
    client(&server)
        .read_path_styles("a/b c", ["x,y", "z"], ["p.q"], table_color())
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(
        only_request(&server).await.url.path(),
        "/styles/path/a%2Fb%20c/x%2Cy,z/.p.q;matrixColor=R,100,G,200,B,150"
    );
}

#[tokio::test]
async fn query_parameters_in_every_query_style() {
    let server = server().await;
    client(&server)
        .read_query_styles("s1")
        .ids([3, 4, 5])
        .tags(["blue", "black", "brown"])
        .names(["blue", "black", "brown"])
        .color(table_color())
        .shade(table_color())
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    // form, not exploded: `ids=3,4,5` (the comma escaped, as form encoding does); spaceDelimited
    // and pipeDelimited: the table's `blue%20black%20brown` and `blue|black|brown` (escaped);
    // deepObject: `color[R]=100&…` (the brackets as the table writes them); an exploded form object: `R=100&G=200&B=150`.
    assert_eq!(
        request.url.query(),
        Some(
            "ids=3%2C4%2C5&tags=blue%20black%20brown&names=blue%7Cblack%7Cbrown\
             &color[R]=100&color[G]=200&color[B]=150&R=100&G=200&B=150"
        )
    );
}

#[tokio::test]
async fn allow_reserved_keeps_reserved_characters_and_content_sends_json_text() {
    let server = server().await;
    let filter = Filter {
        status: Some("open".to_owned()),
        limit: Some(5),
    };
    client(&server)
        .read_query_styles("s1")
        .redirect("https://example.com/a?b=c&d=e f")
        .filter(filter)
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "redirect=https://example.com/a?b=c&d=e%20f\
             &filter=%7B%22status%22%3A%22open%22%2C%22limit%22%3A5%7D"
        )
    );
}

#[tokio::test]
async fn header_lists_and_objects_in_simple_style() {
    let server = server().await;
    client(&server)
        .read_query_styles("s1")
        .x_trace_ids(["a1", "b2"])
        .x_color(table_color())
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-trace-ids").as_deref(), Some("a1,b2"));
    // simple, exploded: `R=100,G=200,B=150`.
    assert_eq!(header(&request, "x-color").as_deref(), Some("R=100,G=200,B=150"));
}

#[tokio::test]
async fn cookie_parameters_share_one_cookie_header() {
    let server = server().await;
    client(&server)
        .read_query_styles("hint; with=odd chars")
        .flavors(["choc", "mint"])
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "cookie").as_deref(),
        Some("flavors=choc,mint; session_hint=hint%3B%20with=odd%20chars")
    );
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn unset_optional_parameters_send_nothing() {
    let server = server().await;
    client(&server)
        .read_query_styles("s")
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "x-trace-ids"), None);
    assert_eq!(header(&request, "x-color"), None);
    assert_eq!(header(&request, "cookie").as_deref(), Some("session_hint=s"));
}

#[tokio::test]
async fn an_empty_simple_path_list_is_refused_before_sending() {
    let server = server().await;
    let error = client(&server)
        .read_path_styles("blue", Vec::<String>::new(), ["x"], table_color())
        .send()
        .await
        .expect_err("an empty segment addresses another resource");
    assert_eq!(
        error.to_string(),
        "the request could not be built: path parameter `simpleList` cannot be ``: as a path segment it would address another resource"
    );
    assert!(server.received_requests().await.expect("recording").is_empty());
}
