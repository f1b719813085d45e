//! Polymorphic and recursive models on the wire: the clients generated from the fixture documents
//! `inheritance.yaml` and `recursion.yaml`, against a local server. Replies decode into the right
//! variant, a kind the client does not know is kept, and values a hundred levels deep decode and
//! encode again without overflowing the stack.

use inheritance::models::{Cat, Dog, DogBark, Owner, Pet, Shape};
use recursion::models::{Alpha, Beta, Expression, Gamma, ListNode, Literal, Sum, SumOp, TreeNode};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(body: &Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_string().into_bytes(), "application/json"))
        .mount(&server)
        .await;
    server
}

fn inheritance_client(server: &MockServer) -> inheritance::Client {
    inheritance::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client")
}

fn recursion_client(server: &MockServer) -> recursion::Client {
    recursion::Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a client")
}

#[tokio::test]
async fn a_reply_of_the_base_type_decodes_into_the_variant_its_discriminator_names() {
    let server = serving(&json!({"petType": "cat", "name": "Tom", "lives": 9})).await;
    let pet = inheritance_client(&server).get_pet("1").send().await.expect("a cat");
    assert_eq!(
        pet,
        Pet::Cat(Cat {
            pet_type: "cat".into(),
            name: "Tom".into(),
            lives: 9
        })
    );
}

#[tokio::test]
async fn schemas_that_extend_a_child_are_variants_of_the_base_too() {
    let server = serving(&json!({"petType": "kitten", "name": "Kit", "lives": 9, "toy": "yarn"})).await;
    let pet = inheritance_client(&server).get_pet("1").send().await.expect("a kitten");
    let Pet::Kitten(kitten) = pet else {
        panic!("not a kitten: {pet:?}")
    };
    assert_eq!(
        (kitten.name.as_str(), kitten.lives, kitten.toy.as_deref()),
        ("Kit", 9, Some("yarn"))
    );
}

#[tokio::test]
async fn a_kind_the_client_does_not_know_is_kept_not_refused() {
    let parrot = json!({"petType": "parrot", "name": "Polly", "words": 12});
    let server = serving(&parrot).await;
    let pet = inheritance_client(&server)
        .get_pet("1")
        .send()
        .await
        .expect("an unknown kind decodes");
    assert_eq!(pet, Pet::Unrecognized(parrot.clone()));
    assert_eq!(serde_json::to_value(&pet).unwrap(), parrot);
}

#[tokio::test]
async fn a_known_kind_missing_a_required_field_is_a_decode_error_naming_it() {
    let server = serving(&json!({"petType": "cat", "name": "Tom"})).await;
    let error = inheritance_client(&server).get_pet("1").send().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the 200 OK reply could not be decoded: missing field `lives` of Cat, which the document requires"
    );
}

#[tokio::test]
async fn names_are_the_discriminator_when_there_is_no_mapping() {
    let shapes = json!([{"kind": "Circle", "radius": 1.5}, {"kind": "Square", "side": 2.0}]);
    let server = serving(&shapes).await;
    let decoded = inheritance_client(&server).list_shapes().send().await.expect("shapes");
    assert!(matches!(&decoded[..], [Shape::Circle(c), Shape::Square(s)] if c.radius == 1.5 && s.side == 2.0));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), shapes);
}

#[tokio::test]
async fn a_polymorphic_body_goes_on_the_wire_as_its_variant_and_read_only_fields_stay_home() {
    let server = serving(&json!({"name": "Ann", "id": 7})).await;
    let mut owner = Owner::new("Ann".into());
    owner.id = Some(99);
    owner.pets = Some(vec![Pet::Dog(Dog {
        pet_type: "dog".into(),
        name: "Rex".into(),
        bark: Some(DogBark::Soft),
    })]);
    let created = inheritance_client(&server)
        .create_owner(owner)
        .send()
        .await
        .expect("created");
    assert_eq!(created.id, Some(7));
    let requests = server.received_requests().await.unwrap();
    let sent: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "Ann", "pets": [{"petType": "dog", "name": "Rex", "bark": "soft"}]})
    );
}

fn list(depth: i64) -> Value {
    (1..depth).rev().fold(
        json!({"value": depth}),
        |next, value| json!({"value": value, "next": next}),
    )
}

#[tokio::test]
async fn a_list_a_hundred_nodes_deep_decodes_and_encodes_again() {
    let server = serving(&list(100)).await;
    let head = recursion_client(&server).get_list().send().await.expect("a deep list");
    let mut count = 1;
    let mut node: &ListNode = &head;
    while let Some(next) = &node.next {
        count += 1;
        node = next;
    }
    assert_eq!((count, node.value), (100, 100));
    assert_eq!(serde_json::to_value(&head).unwrap(), list(100));
}

fn tree(depth: usize) -> Value {
    (1..depth).fold(
        json!({"name": "leaf", "children": []}),
        |child, level| json!({"name": format!("level {level}"), "children": [child]}),
    )
}

#[tokio::test]
async fn a_tree_a_hundred_levels_deep_decodes_though_its_json_nests_two_hundred_deep() {
    let server = serving(&tree(100)).await;
    let root = recursion_client(&server).get_tree().send().await.expect("a deep tree");
    let mut depth = 1;
    let mut node: &TreeNode = &root;
    while let Some(child) = node.children.first() {
        depth += 1;
        node = child;
    }
    assert_eq!((depth, node.name.as_str()), (100, "leaf"));
    assert_eq!(serde_json::to_value(&root).unwrap(), tree(100));
}

#[tokio::test]
async fn a_cycle_of_three_models_two_hundred_and_forty_deep_decodes() {
    // Eighty rounds of three models: 240 levels of JSON, within the client's limit of 256.
    let reply = (0..80).fold(
        json!({"label": "end"}),
        |alpha, _| json!({"beta": {"gamma": {"alpha": alpha}}}),
    );
    let server = serving(&reply).await;
    let mut alpha: Alpha = recursion_client(&server)
        .get_cycle()
        .send()
        .await
        .expect("a deep cycle");
    let mut rounds = 0;
    while let Some(beta) = alpha.beta.take() {
        let Beta { gamma } = *beta;
        let Gamma { alpha: next } = *gamma;
        alpha = *next.expect("every gamma has an alpha");
        rounds += 1;
    }
    assert_eq!((rounds, alpha.label.as_deref()), (80, Some("end")));
}

#[tokio::test]
async fn a_recursive_body_a_hundred_sums_deep_goes_on_the_wire() {
    let server = serving(&json!(5050.0)).await;
    let expression = (1..=100).fold(Expression::Literal(Literal::new(0.0)), |left, n| {
        Expression::Sum(Box::new(Sum::new(
            SumOp::Add,
            left,
            Expression::Literal(Literal::new(f64::from(n))),
        )))
    });
    let total = recursion_client(&server)
        .evaluate(expression)
        .send()
        .await
        .expect("a number");
    assert_eq!(total, 5050.0);
    let requests = server.received_requests().await.unwrap();
    let mut sent: Value = serde_json::from_slice(&requests[0].body).unwrap();
    let mut sums = 0;
    while sent.get("op") == Some(&json!("add")) {
        assert_eq!(sent["right"], json!({"number": f64::from(100 - sums)}));
        sent = sent["left"].take();
        sums += 1;
    }
    assert_eq!((sums, sent), (100, json!({"number": 0.0})));
}
