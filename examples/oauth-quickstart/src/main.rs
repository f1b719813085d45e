//! A first call with the generated client: `cargo run -p oauth-quickstart`.
//!
//! Reads `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` from the environment, and `OAUTH_BASE_URL`
//! to call another server than Twilio's (a test server, a proxy). Prints the public keys Twilio
//! signs its tokens with, or what went wrong.

use std::time::Duration;

use twilio_oauth_v1::{Client, Credentials, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(sid), Ok(token)) = (std::env::var("TWILIO_ACCOUNT_SID"), std::env::var("TWILIO_AUTH_TOKEN")) else {
        eprintln!("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (and OAUTH_BASE_URL for another server)");
        std::process::exit(2);
    };
    let mut builder = Client::builder()
        .credentials(Credentials::basic(sid, token))
        .timeout(Duration::from_secs(20));
    if let Ok(base_url) = std::env::var("OAUTH_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = builder.build()?;

    match client.fetch_certs().send_with_metadata().await {
        Ok(reply) => {
            println!("{}: {:?}", reply.status(), reply.value());
            if let Some(id) = reply.header("twilio-request-id") {
                println!("request id: {id}");
            }
            Ok(())
        }
        // A program can tell what happened: the server's answer, or no answer at all.
        Err(Error::Api(api)) => Err(format!("Twilio answered {}: {}", api.status, api.body).into()),
        Err(e) if e.is_timeout() || e.is_connect() => Err(format!("no answer, try again later: {e}").into()),
        Err(e) => Err(e.into()),
    }
}
