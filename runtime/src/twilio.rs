//! Twilio's conventions, as its official helper libraries have them: credentials from the
//! environment, and the region and edge that route calls (`oauth.twilio.com` becomes
//! `oauth.sydney.au1.twilio.com`). Only crates generated from a document for a `*.twilio.com`
//! server with HTTP basic authentication carry this module.

use crate::auth::Credentials;
use crate::client::ClientBuilder;
use crate::error::Error;

/// The builder's names for the region and edge it was given.
const REGION: &str = "twilio.region";
const EDGE: &str = "twilio.edge";

impl Credentials {
    /// Credentials from the environment, as Twilio's helper libraries read them: an API key
    /// (`TWILIO_API_KEY` and `TWILIO_API_SECRET`) when both are set, else the account's
    /// `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`.
    pub fn from_env() -> Result<Credentials, Error> {
        if let (Some(key), Some(secret)) = (var("TWILIO_API_KEY"), var("TWILIO_API_SECRET")) {
            return Ok(Credentials::basic(key, secret));
        }
        match (var("TWILIO_ACCOUNT_SID"), var("TWILIO_AUTH_TOKEN")) {
            (Some(sid), Some(token)) => Ok(Credentials::basic(sid, token)),
            _ => Err(Error::InvalidRequest(
                "no Twilio credentials in the environment: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET"
                    .to_owned(),
            )),
        }
    }
}

impl ClientBuilder {
    /// Sends calls to Twilio's `region` (`au1`, `ie1`, …): `oauth.twilio.com` becomes
    /// `oauth.{edge}.{region}.twilio.com`, the edge `TWILIO_EDGE` or [`ClientBuilder::edge`] gives.
    pub fn region(self, region: impl Into<String>) -> Self {
        self.server_variable(REGION, region.into()).route_twilio()
    }

    /// Sends calls through Twilio's `edge` location (`sydney`, `dublin`, …); without a region, the
    /// region is `us1`, as Twilio's helper libraries do.
    pub fn edge(self, edge: impl Into<String>) -> Self {
        self.server_variable(EDGE, edge.into()).route_twilio()
    }

    /// The region and edge from `TWILIO_REGION` and `TWILIO_EDGE`, where they are set.
    pub fn twilio_env(mut self) -> Self {
        if let Some(region) = var("TWILIO_REGION") {
            self = self.region(region);
        }
        if let Some(edge) = var("TWILIO_EDGE") {
            self = self.edge(edge);
        }
        self
    }

    fn route_twilio(self) -> Self {
        let (region, edge) = (self.variable(REGION), self.variable(EDGE));
        let url = routed(crate::DEFAULT_BASE_URL, region, edge);
        self.base_url(url)
    }
}

/// An environment variable that is set and not empty.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// `https://{product}.twilio.com` with the edge and region in the host, as Twilio's helper
/// libraries build it: `{product}.{edge}.{region}.twilio.com`, the region `us1` when only an edge
/// is given, and no change without either.
pub fn routed(url: &str, region: Option<&str>, edge: Option<&str>) -> String {
    let region = match (region, edge) {
        (None, None) => return url.to_owned(),
        (Some(region), _) => region,
        (None, Some(_)) => "us1",
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(host, path)| (host, path));
    let Some(product) = host.strip_suffix(".twilio.com") else {
        return url.to_owned();
    };
    // A host already routed (`oauth.sydney.au1`) keeps only its product.
    let product = product.split('.').next().unwrap_or(product);
    let mut labels = vec![product];
    labels.extend(edge);
    labels.push(region);
    let host = format!("{}.twilio.com", labels.join("."));
    match path.is_empty() {
        true => format!("{scheme}://{host}"),
        false => format!("{scheme}://{host}/{path}"),
    }
}
