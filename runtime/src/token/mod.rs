//! Access tokens: where a client gets the bearer token it sends, and a cache that fetches one when
//! needed, shares the fetch between concurrent callers and refreshes it before it expires.

mod cache;
mod client_credentials;

pub use cache::*;
pub use client_credentials::ClientCredentials;
