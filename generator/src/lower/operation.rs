//! Operations: method, path and names; their inputs (`parameters.rs`), bodies (`bodies.rs`),
//! responses (`responses.rs`) and credentials (`operation_security.rs`) each have a file.

use openapiv3::ReferenceOr;

use super::names::{self, camel, Scope};
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeRef};

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self, schemes: &[ir::SecurityScheme]) -> Result<Vec<ir::Operation>, Error> {
        let mut fn_names = Scope::new();
        let mut builder_names = Scope::new();
        let mut test_names = Scope::new();
        let mut seen_ids: std::collections::BTreeMap<String, Pointer> = Default::default();
        let mut operations = Vec::new();
        let paths_at = Pointer::root().join("paths");
        for (path, item) in self.doc.paths.iter() {
            let path_at = paths_at.join(path);
            let ReferenceOr::Item(item) = item else {
                return Err(self.error(
                    &path_at,
                    "a $ref to a path item is not supported; write the path item inline",
                ));
            };
            for (method, op) in item.iter() {
                let at = path_at.join(method);
                let method = match method {
                    "get" => ir::Method::Get,
                    "put" => ir::Method::Put,
                    "post" => ir::Method::Post,
                    "delete" => ir::Method::Delete,
                    "options" => ir::Method::Options,
                    "head" => ir::Method::Head,
                    "patch" => ir::Method::Patch,
                    other => return Err(self.error(&at, format!("HTTP method `{other}` is not supported"))),
                };
                // An operation without an id is named for its method and path: `GET /v1/certs` → `get_v1_certs`.
                let wire_id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{} {}", method.as_str().to_ascii_lowercase(), path),
                };
                if let Some(first) = seen_ids.get(&wire_id) {
                    return Err(self.error(
                        &at.join("operationId"),
                        format!("duplicate operationId `{wire_id}`: {first} has it too"),
                    ));
                }
                seen_ids.insert(wire_id.clone(), at.join("operationId"));
                let fn_name = fn_names.claim(names::operation_fn(&wire_id), "_");
                let builder_name = builder_names.claim(format!("{}Request", camel(&wire_id)), "");
                let names = (fn_name, builder_name);
                let mut operation =
                    self.lower_operation((item, &path_at), op, method, path, wire_id, names, schemes, &at)?;
                for example in &mut operation.examples {
                    let name = names::snake(&format!("{} {} {}", operation.fn_name, example.status, example.name));
                    example.test_name = test_names.claim(name, "_");
                }
                if let Some(ir::Body::Form { examples, .. } | ir::Body::Json { examples, .. }) = &mut operation.body {
                    for example in examples {
                        let name = names::snake(&format!("{} sends {}", operation.fn_name, example.name));
                        example.test_name = test_names.claim(name, "_");
                    }
                }
                operations.push(operation);
            }
        }
        Ok(operations)
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        item: (&openapiv3::PathItem, &Pointer),
        op: &openapiv3::Operation,
        method: ir::Method,
        path: &str,
        wire_id: String,
        (fn_name, builder_name): (String, String),
        schemes: &[ir::SecurityScheme],
        at: &Pointer,
    ) -> Result<ir::Operation, Error> {
        let mut inputs = Scope::new();
        let params = self.lower_params(item, op, &builder_name, &mut inputs, at)?;
        let path = self.path_template(path, &params, at)?;
        let body = match &op.request_body {
            Some(body) => self.lower_body(body, &builder_name, &mut inputs, &at.join("requestBody"))?,
            None => None,
        };
        let responses = self.lower_responses(op, &wire_id, at)?;
        let successes = responses.iter().filter(|r| r.status.is_success());
        let result = successes.clone().find(|r| r.body.is_some());
        let output = result.and_then(|r| r.body.clone());
        let output_format = result.map(|r| r.format).unwrap_or_default();
        // A success without a body beside one with: the result may be absent (JSON only; text and
        // bytes are simply empty).
        let output_optional = output_format == ir::ReplyFormat::Json
            && result.is_some()
            && successes.clone().any(|r| r.body.is_none() && r.media_types.is_empty());
        let accept = match result {
            Some(r) => r.media_types.join(", "),
            None => "application/json".to_string(),
        };
        let mut reply_headers: Vec<String> = Vec::new();
        for header in successes.clone().flat_map(|r| &r.headers) {
            if !reply_headers.iter().any(|h| h.eq_ignore_ascii_case(header)) {
                reply_headers.push(header.clone());
            }
        }
        let examples = self.response_examples(op, &responses, output.as_ref(), at)?;
        let pagination = match (method, &output) {
            (ir::Method::Get, Some(TypeRef::Named(page))) => self.pagination(page),
            _ => None,
        };
        let result_statuses = successes
            .filter_map(|r| match r.status {
                ir::Status::Code(code) if !(200..300).contains(&code) => Some(code),
                _ => None,
            })
            .collect();
        let security = self.operation_security(op, schemes, at)?;
        let docs = self.docs(
            match (&op.summary, &op.description) {
                (Some(summary), Some(description)) if summary != description => {
                    Some(format!("{summary}\n\n{description}"))
                }
                (summary, description) => description.clone().or(summary.clone()),
            }
            .as_deref(),
        );
        let mut module = names::snake(op.tags.first().map(String::as_str).unwrap_or("default"));
        // `operations/operations.rs` would be a module named as its parent; `mod` is not a name.
        if matches!(module.as_str(), "operations" | "mod") {
            module.push_str("_tag");
        }
        Ok(ir::Operation {
            fn_name,
            builder_name,
            wire_id,
            module,
            method,
            path,
            params,
            body,
            responses,
            output,
            output_format,
            output_optional,
            accept,
            reply_headers,
            pagination,
            examples,
            result_statuses,
            security,
            docs,
            deprecated: op.deprecated,
        })
    }
}

/// `application/json` and structured `+json` types such as `application/scim+json`.
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}
