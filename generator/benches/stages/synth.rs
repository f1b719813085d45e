//! Synthesized OpenAPI documents of a chosen size, in the shape of Twilio's: so the benchmark shows
//! the cost curve on a machine without the Twilio documents.
//!
//! A document of `n` operations has `ceil(n / 5)` resources, each with a list (query parameters,
//! among them an enum and a date filter, and a paged reply), a create and an update (form bodies
//! with enums, arrays, integers and a date), a fetch (with a reply example) and a delete. Each
//! resource has its own tag (so its own operations file, as in Twilio's documents) and its own model
//! with nested objects, an array of nested objects, a date-time, a number sent as a string and an
//! enum component.

use serde_json::{json, Map, Value};

/// The YAML text of a document with exactly `operations` operations.
pub fn document(operations: usize) -> String {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let mut left = operations;
    let mut i = 0;
    while left > 0 {
        let (list_path, list_item, instance_path, instance_item, taken) = resource(i, left, &mut schemas);
        if !list_item.as_object().is_some_and(Map::is_empty) {
            paths.insert(list_path, list_item);
        }
        if !instance_item.as_object().is_some_and(Map::is_empty) {
            paths.insert(instance_path, instance_item);
        }
        left -= taken;
        i += 1;
    }
    let doc = json!({
        "openapi": "3.0.1",
        "info": {
            "title": "Synthesized",
            "description": "A document made by the benchmark.",
            "version": "1.0.0",
        },
        "servers": [{"url": "https://synth.example.com"}],
        "security": [{"accountSid_authToken": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "accountSid_authToken": {"type": "http", "scheme": "basic"},
            },
        },
    });
    serde_yaml::to_string(&doc).expect("a JSON value is always YAML")
}

/// Resource `i`: its two path items and how many operations they hold (at most `budget`, at most 5).
fn resource(i: usize, budget: usize, schemas: &mut Map<String, Value>) -> (String, Value, String, Value, usize) {
    let model = format!("synth.v1.widget{i}");
    let status = format!("widget{i}_enum_status");
    let model_ref = json!({"$ref": format!("#/components/schemas/{model}")});
    let status_ref = json!({"$ref": format!("#/components/schemas/{status}")});
    schemas.insert(
        status.clone(),
        json!({"type": "string", "enum": ["active", "suspended", "closed", "in-progress"]}),
    );
    schemas.insert(model.clone(), model_schema(&status_ref));

    let list_key = format!("Widgets{i}");
    let collection = format!("widgets{i}");
    let mut operations: Vec<(&str, &str, Value)> = vec![
        ("list", "get", list(i, &collection, &model_ref, &status_ref)),
        ("list", "post", create(i, &model_ref, &status_ref)),
        ("instance", "get", fetch(i, &model_ref)),
        ("instance", "post", update(i, &model_ref, &status_ref)),
        ("instance", "delete", delete(i)),
    ];
    operations.truncate(budget.min(5));
    let taken = operations.len();
    let mut list_item = Map::new();
    let mut instance_item = Map::new();
    // One tag per resource, as Twilio's documents have: one operations file per resource.
    let tag = json!([format!("SynthV1Widget{i}")]);
    for (place, method, mut operation) in operations {
        operation["tags"] = tag.clone();
        match place {
            "list" => list_item.insert(method.to_string(), operation),
            _ => instance_item.insert(method.to_string(), operation),
        };
    }
    (
        format!("/v1/{list_key}.json"),
        Value::Object(list_item),
        format!("/v1/{list_key}/{{Sid}}.json"),
        Value::Object(instance_item),
        taken,
    )
}

fn model_schema(status_ref: &Value) -> Value {
    json!({
        "type": "object",
        "properties": {
            "sid": {"type": "string", "minLength": 34, "maxLength": 34, "description": "The unique string that identifies the resource."},
            "account_sid": {"type": "string", "nullable": true},
            "friendly_name": {"type": "string", "nullable": true, "description": "A string that describes the resource."},
            "status": status_ref,
            "date_created": {"type": "string", "format": "date-time-rfc-2822", "nullable": true},
            "date_updated": {"type": "string", "format": "date-time", "nullable": true},
            "price": {"type": "number", "nullable": true, "x-twilio": {"overrideType": "string"}},
            "count": {"type": "integer", "format": "int64", "nullable": true},
            "enabled": {"type": "boolean", "nullable": true},
            "auth_token": {"type": "string", "nullable": true, "x-twilio": {"pii": {"handling": "sensitive"}}},
            "url": {"type": "string", "format": "uri", "nullable": true},
            "config": {
                "type": "object",
                "nullable": true,
                "properties": {
                    "mode": {"type": "string", "enum": ["fast", "slow"]},
                    "limits": {
                        "type": "object",
                        "properties": {
                            "max": {"type": "integer"},
                            "window": {"type": "string"},
                        },
                    },
                },
            },
            "entries": {
                "type": "array",
                "nullable": true,
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "value": {"type": "string"},
                        "weight": {"type": "number"},
                    },
                },
            },
            "subresource_uris": {"type": "object", "format": "uri-map", "nullable": true},
        },
    })
}

fn list(i: usize, collection: &str, model_ref: &Value, status_ref: &Value) -> Value {
    json!({
        "operationId": format!("ListWidget{i}"),
        "description": "Retrieves a page of widgets.",
        "parameters": [
            {"name": "FriendlyName", "in": "query", "schema": {"type": "string"}},
            {"name": "Status", "in": "query", "schema": status_ref},
            {"name": "DateCreated", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            {"name": "DateCreated<", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            {"name": "DateCreated>", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            {"name": "PageSize", "in": "query", "schema": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 1000}},
            {"name": "Page", "in": "query", "schema": {"type": "integer", "minimum": 0}},
            {"name": "PageToken", "in": "query", "schema": {"type": "string"}},
        ],
        "responses": {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {
                    "type": "object",
                    "title": format!("ListWidget{i}Response"),
                    "properties": {
                        collection: {"type": "array", "items": model_ref},
                        "meta": {
                            "type": "object",
                            "properties": {
                                "first_page_url": {"type": "string", "format": "uri"},
                                "key": {"type": "string"},
                                "next_page_url": {"type": "string", "format": "uri", "nullable": true},
                                "page": {"type": "integer"},
                                "page_size": {"type": "integer"},
                                "previous_page_url": {"type": "string", "format": "uri", "nullable": true},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                }}},
            },
        },
    })
}

fn form_body(title: String, required: &[&str], status_ref: &Value) -> Value {
    json!({
        "content": {"application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "title": title,
                "properties": {
                    "FriendlyName": {"type": "string", "description": "A descriptive string."},
                    "Status": status_ref,
                    "Tags": {"type": "array", "items": {"type": "string"}},
                    "Priority": {"type": "integer"},
                    "Enabled": {"type": "boolean"},
                    "StartTime": {"type": "string", "format": "date-time"},
                    "StatusCallback": {"type": "string", "format": "uri"},
                    "StatusCallbackMethod": {"type": "string", "enum": ["GET", "POST"]},
                },
                "required": required,
            },
            "examples": {"create": {"value": {"FriendlyName": "friendly_name", "Tags": ["a", "b"], "Priority": 1}}},
        }},
    })
}

fn create(i: usize, model_ref: &Value, status_ref: &Value) -> Value {
    json!({
        "operationId": format!("CreateWidget{i}"),
        "requestBody": form_body(format!("CreateWidget{i}Request"), &["FriendlyName"], status_ref),
        "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": model_ref}}}},
    })
}

fn sid() -> Value {
    json!({"name": "Sid", "in": "path", "required": true, "schema": {"type": "string", "minLength": 34, "maxLength": 34}})
}

fn fetch(i: usize, model_ref: &Value) -> Value {
    json!({
        "operationId": format!("FetchWidget{i}"),
        "parameters": [sid()],
        "responses": {"200": {"description": "OK", "content": {"application/json": {
            "schema": model_ref,
            "examples": {"fetch": {"value": {
                "sid": "WDaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "friendly_name": "friendly_name",
                "status": "active",
                "date_created": "Thu, 30 Jul 2015 20:00:00 +0000",
                "date_updated": "2015-07-30T20:00:00Z",
                "price": "-0.0025",
                "count": 3,
                "enabled": true,
                "config": {"mode": "fast", "limits": {"max": 10, "window": "1m"}},
                "entries": [{"name": "a", "value": "b", "weight": 0.5}],
            }}},
        }}}},
    })
}

fn update(i: usize, model_ref: &Value, status_ref: &Value) -> Value {
    json!({
        "operationId": format!("UpdateWidget{i}"),
        "parameters": [sid()],
        "requestBody": form_body(format!("UpdateWidget{i}Request"), &[], status_ref),
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": model_ref}}}},
    })
}

fn delete(i: usize) -> Value {
    json!({
        "operationId": format!("DeleteWidget{i}"),
        "parameters": [sid()],
        "responses": {"204": {"description": "The resource was deleted successfully."}},
    })
}
