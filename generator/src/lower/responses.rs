//! Responses: the result type, the reply examples the emitted tests decode, and pagination.

use super::bodies::{is_text, media_examples};
use super::names::camel;
use super::operation::is_json;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeRef};

/// How a response's body is read, and its media types: JSON if it offers any (the first), else
/// text, else binary (every type of that kind, for `Accept`).
fn reply_media(content: &openapiv3::Content) -> (ir::ReplyFormat, Vec<String>) {
    if let Some(json) = content.keys().find(|media_type| is_json(media_type)) {
        return (ir::ReplyFormat::Json, vec![json.clone()]);
    }
    let (text, binary): (Vec<&String>, Vec<&String>) = content.keys().partition(|media_type| is_text(media_type));
    match text.is_empty() {
        false => (ir::ReplyFormat::Text, text.into_iter().cloned().collect()),
        true => (ir::ReplyFormat::Binary, binary.into_iter().cloned().collect()),
    }
}

impl Lowerer<'_> {
    pub(super) fn lower_responses(
        &mut self,
        op: &openapiv3::Operation,
        wire_id: &str,
        at: &Pointer,
    ) -> Result<Vec<ir::Response>, Error> {
        let responses_at = at.join("responses");
        let mut out = Vec::new();
        let all = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    openapiv3::StatusCode::Code(code) => ir::Status::Code(*code),
                    openapiv3::StatusCode::Range(class) => ir::Status::Range(*class as u8),
                };
                (status, code.to_string(), r)
            })
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| (ir::Status::Default, "default".to_string(), r)),
            );
        for (status, key, response) in all {
            let response_at = responses_at.join(&key);
            let response = self.resolve_response(response, &response_at)?;
            let (format, media_types) = reply_media(&response.content);
            let owner = format!(
                "{}Response{}",
                camel(wire_id),
                if status.is_success() {
                    String::new()
                } else {
                    key.clone()
                }
            );
            let body = match (format, media_types.first()) {
                (_, None) => None,
                (ir::ReplyFormat::Json, Some(media_type)) => match &response.content[media_type].schema {
                    Some(schema) => Some(self.type_of(
                        schema,
                        &owner,
                        &response_at.join("content").join(media_type).join("schema"),
                    )?),
                    None => None,
                },
                (ir::ReplyFormat::Text, Some(_)) => Some(TypeRef::String),
                (ir::ReplyFormat::Binary, Some(_)) => Some(TypeRef::Bytes),
            };
            out.push(ir::Response {
                status,
                body,
                format,
                media_types,
                headers: response.headers.keys().cloned().collect(),
                docs: self.docs(Some(&response.description)),
            });
        }
        Ok(out)
    }

    /// The examples of every success response whose body is the operation's result.
    pub(super) fn response_examples(
        &self,
        op: &openapiv3::Operation,
        responses: &[ir::Response],
        output: Option<&TypeRef>,
        at: &Pointer,
    ) -> Result<Vec<ir::ResponseExample>, Error> {
        let mut examples = Vec::new();
        let Some(output) = output else {
            return Ok(examples);
        };
        for ((code, response), lowered) in op.responses.responses.iter().zip(responses) {
            let openapiv3::StatusCode::Code(status) = code else {
                continue;
            };
            if !lowered.status.is_success() || lowered.body.as_ref() != Some(output) {
                continue;
            }
            let response = self.resolve_response(response, &at.join("responses").join(code))?;
            let Some((_, media)) = response.content.iter().find(|(media_type, _)| is_json(media_type)) else {
                continue;
            };
            for (name, value) in media_examples(media) {
                let value = self.example_as_json(output, value);
                examples.push(ir::ResponseExample {
                    test_name: String::new(),
                    status: *status,
                    name,
                    refusal: self.refusal(output, &value),
                    value,
                });
            }
        }
        Ok(examples)
    }
}
