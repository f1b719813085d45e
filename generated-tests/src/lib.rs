//! Behaviour tests of the generated `twilio-oauth-v1` crate live in `tests/`.
