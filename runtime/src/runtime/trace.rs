//! `tracing` spans and events, with the crate's `tracing` feature: one span per call (operation,
//! method, path template, attempt), and events for retries, rejected tokens and failures. Nothing
//! secret goes in a field: the path template, not the path; errors as they display (masked).
//! Without the feature every function here does nothing and `tracing` is not a dependency.

use std::future::Future;

use crate::error::Error;

/// What names a call in its span: the operation id, the method and the path template.
pub struct CallName {
    pub operation: &'static str,
    pub method: reqwest::Method,
    pub path_template: &'static str,
}

/// `call` run inside the call's span.
pub fn in_span<F: Future>(name: CallName, call: F) -> impl Future<Output = F::Output> {
    #[cfg(feature = "tracing")]
    {
        use tracing::Instrument;
        let span = tracing::info_span!(
            "call",
            operation = name.operation,
            method = %name.method,
            path = name.path_template,
            attempt = tracing::field::Empty,
        );
        call.instrument(span)
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = name;
        call
    }
}

/// Attempt `number` of the call begins.
pub fn attempt(number: u32) {
    #[cfg(feature = "tracing")]
    tracing::Span::current().record("attempt", number);
    #[cfg(not(feature = "tracing"))]
    let _ = number;
}

/// The attempt failed and the call is sent again after `delay`.
pub fn retrying(error: &Error, delay: std::time::Duration) {
    #[cfg(feature = "tracing")]
    tracing::warn!(error = %error, delay_ms = delay.as_millis() as u64, "retrying");
    #[cfg(not(feature = "tracing"))]
    let _ = (error, delay);
}

/// The server refused the access token sent; a new one is fetched and the call sent again.
pub fn token_rejected() {
    #[cfg(feature = "tracing")]
    tracing::info!("the access token was refused (401); sending again with a new one");
}

/// The call failed for good.
pub fn failed(error: &Error) {
    #[cfg(feature = "tracing")]
    tracing::warn!(error = %error, status = error.status().map(|s| s.as_u16()), "the call failed");
    #[cfg(not(feature = "tracing"))]
    let _ = error;
}
