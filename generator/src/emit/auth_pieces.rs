//! What each kind of credential adds to `src/auth.rs` (see [`super::auth`]).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::ir::{Api, ApiKey, ApiKeyLocation, SecurityScheme};

/// What one kind of credential adds to each part of the file. Match arms take their scrutinee by
/// reference (`Kind::activate` by value).
#[derive(Default)]
pub(super) struct Pieces {
    /// A variant of `Kind`, the credentials as the user gives them.
    pub kind: TokenStream,
    /// A variant of `ActiveKind`, the credentials as a built client holds them (client credentials
    /// have none: they become a token source).
    pub active_kind: Option<TokenStream>,
    /// A variant of `Part`, what one call sends.
    pub part: Option<TokenStream>,
    /// Items of their own.
    pub extra: Option<TokenStream>,
    pub constructors: TokenStream,
    /// Arms of `Debug` for `Kind` and `ActiveKind`.
    pub debug: TokenStream,
    pub active_debug: Option<TokenStream>,
    /// An arm of `Kind::slot`.
    pub slot: TokenStream,
    /// An arm turning a `Kind` into an `ActiveKind`.
    pub activate: TokenStream,
    /// An arm of `answer`: how an `ActiveKind` is sent for a scheme, if it answers it.
    pub answer: Option<TokenStream>,
    /// An arm of `apply`'s loop: how a `Part` goes on the request.
    pub apply: Option<TokenStream>,
    /// An arm of `secrets`: the secret a `Part` sends, if it is known before sending.
    pub secret: Option<TokenStream>,
    /// The credential's secret is known before sending (a password, a key; not a token).
    pub known_secret: bool,
    /// Some key goes in a cookie, so `apply` adds to the request's cookies.
    pub cookies: bool,
}

const REDACTED: &str = "crate::runtime::redact::Redacted";

pub(super) fn basic(accepting: &[Ident]) -> Pieces {
    let fields = quote!(Basic {
        username: ::std::string::String,
        password: ::std::string::String
    });
    let redacted: TokenStream = REDACTED.parse().unwrap_or_default();
    let debug = quote! {
        f.debug_struct("Credentials::Basic")
            .field("username", username)
            .field("password", &#redacted)
            .finish()
    };
    Pieces {
        kind: fields.clone(),
        active_kind: Some(fields),
        part: Some(quote!(Basic { username: &'a str, password: &'a str })),
        constructors: quote! {
            /// HTTP basic authentication: a username and a password (for Twilio, an Account SID and its
            /// Auth Token, or an API key SID and its secret).
            pub fn basic(username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(::std::vec![Kind::Basic { username: username.into(), password: password.into() }])
            }
        },
        debug: quote!(Kind::Basic { username, .. } => #debug,),
        active_debug: Some(quote!(ActiveKind::Basic { username, .. } => #debug,)),
        slot: quote!(Kind::Basic { .. } => 0,),
        activate: quote!(Kind::Basic { username, password } => ActiveKind::Basic { username, password },),
        answer: Some(quote! {
            ActiveKind::Basic { username, password } => matches!(scheme, #(Scheme::#accepting)|*)
                .then_some(Part::Basic { username: username.as_str(), password: password.as_str() }),
        }),
        secret: Some(quote!(Part::Basic { password, .. } => secrets.push((*password).to_owned()),)),
        known_secret: true,
        apply: Some(quote! {
            Part::Basic { username, password } => {
                builder = builder.basic_auth(username, ::std::option::Option::Some(password));
            }
        }),
        ..Pieces::default()
    }
}

pub(super) fn bearer(accepting: &[Ident]) -> Pieces {
    let source = quote!(Token(::std::sync::Arc<dyn crate::token::TokenSource>));
    let redacted: TokenStream = REDACTED.parse().unwrap_or_default();
    let debug = quote! {
        f.debug_struct("Credentials::Bearer")
            .field("token", &#redacted)
            .finish()
    };
    Pieces {
        kind: source.clone(),
        active_kind: Some(source),
        part: Some(quote!(Bearer(&'a dyn crate::token::TokenSource))),
        constructors: quote! {
            /// A fixed bearer token, sent as `Authorization: Bearer …` (an OAuth 2 or OpenID Connect
            /// access token your application got). A 401 is returned as is: the client cannot get
            /// another token (see [`Credentials::token_source`]).
            pub fn bearer(token: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(::std::vec![Kind::Token(::std::sync::Arc::new(crate::token::AccessToken::new(token)))])
            }

            /// Bearer tokens from your own provider, asked before every call that needs one (cache
            /// them: a [`crate::token::TokenCache`] does). After a 401 the client tells the source
            /// with [`crate::token::TokenSource::reject`] and may try once more.
            pub fn token_source(source: impl crate::token::TokenSource + 'static) -> Self {
                Credentials(::std::vec![Kind::Token(::std::sync::Arc::new(source))])
            }
        },
        debug: quote!(Kind::Token(_) => #debug,),
        active_debug: Some(quote!(ActiveKind::Token(_) => #debug,)),
        slot: quote!(Kind::Token(_) => 1,),
        activate: quote!(Kind::Token(source) => ActiveKind::Token(source),),
        answer: Some(quote! {
            ActiveKind::Token(source) => matches!(scheme, #(Scheme::#accepting)|*)
                .then(|| Part::Bearer(source.as_ref())),
        }),
        secret: Some(quote!(Part::Bearer(_) => {})),
        apply: Some(quote! {
            Part::Bearer(source) => {
                let token = source.token().await.map_err(crate::Error::Token)?;
                builder = builder.bearer_auth(token.secret());
                sent = ::std::option::Option::Some(token);
            }
        }),
        ..Pieces::default()
    }
}

pub(super) fn client_credentials() -> Pieces {
    Pieces {
        kind: quote!(ClientCredentials(crate::token::ClientCredentials)),
        constructors: quote! {
            /// OAuth 2 client credentials: the client fetches an access token from the document's
            /// token URL on first use, shares it between concurrent calls, and refreshes it before it
            /// expires and after a 401. Configure it with [`crate::token::ClientCredentials`] and
            /// `Credentials::from`.
            pub fn client_credentials(client_id: impl ::std::convert::Into<::std::string::String>, client_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(::std::vec![Kind::ClientCredentials(crate::token::ClientCredentials::new(client_id, client_secret))])
            }
        },
        debug: quote!(Kind::ClientCredentials(credentials) => fmt::Debug::fmt(credentials, f),),
        slot: quote!(Kind::ClientCredentials(_) => 1,),
        activate: quote! {
            Kind::ClientCredentials(credentials) => ActiveKind::Token(::std::sync::Arc::new(credentials.into_cache(http.clone(), max_body, clock.clone()))),
        },
        ..Pieces::default()
    }
}

/// API keys: a constructor per scheme, and a table of where each scheme's key goes.
pub(super) fn api_key(api: &Api) -> Pieces {
    let keys: Vec<_> = api
        .security_schemes
        .iter()
        .filter_map(|s| s.kind.api_key().map(|key| (s, key)))
        .collect();
    let mut places: Vec<ApiKeyLocation> = keys.iter().map(|(_, key)| key.location).collect();
    places.sort();
    places.dedup();
    let place_ident = |location: ApiKeyLocation| match location {
        ApiKeyLocation::Header => format_ident!("Header"),
        ApiKeyLocation::Query => format_ident!("Query"),
        ApiKeyLocation::Cookie => format_ident!("Cookie"),
    };
    let constructors = api_key_constructors(&keys);
    let table = keys.iter().map(|(scheme, key)| {
        let variant = format_ident!("{}", scheme.rust_name);
        let (name, place) = (key.name, place_ident(key.location));
        quote!(Scheme::#variant => ::std::option::Option::Some((#name, Place::#place)),)
    });
    let others = (keys.len() < api.security_schemes.len()).then(|| quote!(_ => ::std::option::Option::None,));
    let place_variants = places.iter().map(|p| place_ident(*p));
    let place_arms = places.iter().map(|location| match location {
        ApiKeyLocation::Header => quote! {
            Place::Header => builder = builder.header(*name, crate::runtime::http::secret_header(name, value)?),
        },
        ApiKeyLocation::Query => quote!(Place::Query => builder = builder.query(&[(name, value)]),),
        ApiKeyLocation::Cookie => quote!(Place::Cookie => cookies.push(::std::format!("{name}={value}")),),
    });
    let redacted: TokenStream = REDACTED.parse().unwrap_or_default();
    let debug = quote! {
        f.debug_struct("Credentials::ApiKey")
            .field("scheme", scheme)
            .field("key", &#redacted)
            .finish()
    };
    Pieces {
        kind: quote!(ApiKey(Scheme, ::std::string::String)),
        active_kind: Some(quote!(ApiKey(Scheme, ::std::string::String))),
        part: Some(quote!(ApiKey { place: Place, name: &'static str, value: &'a str })),
        extra: Some(quote! {
            /// Where an API key goes.
            #[derive(Clone, Copy)]
            pub(crate) enum Place {
                #(#place_variants,)*
            }

            /// The name and place of an API key scheme's key.
            fn api_key_place(scheme: Scheme) -> ::std::option::Option<(&'static str, Place)> {
                match scheme {
                    #(#table)*
                    #others
                }
            }
        }),
        constructors,
        debug: quote!(Kind::ApiKey(scheme, _) => #debug,),
        active_debug: Some(quote!(ActiveKind::ApiKey(scheme, _) => #debug,)),
        slot: quote!(Kind::ApiKey(scheme, _) => 2 + *scheme as usize,),
        activate: quote!(Kind::ApiKey(scheme, key) => ActiveKind::ApiKey(scheme, key),),
        answer: Some(quote! {
            ActiveKind::ApiKey(key_scheme, value) if *key_scheme == scheme => api_key_place(scheme)
                .map(|(name, place)| Part::ApiKey { place, name, value: value.as_str() }),
            ActiveKind::ApiKey(..) => ::std::option::Option::None,
        }),
        secret: Some(quote!(Part::ApiKey { value, .. } => secrets.push((*value).to_owned()),)),
        known_secret: true,
        apply: Some(quote! {
            Part::ApiKey { place, name, value } => match place {
                #(#place_arms)*
            },
        }),
        cookies: places.contains(&ApiKeyLocation::Cookie),
    }
}

/// A `Credentials` constructor per API key scheme.
fn api_key_constructors(keys: &[(&SecurityScheme, ApiKey<'_>)]) -> TokenStream {
    let constructors = keys.iter().map(|(scheme, key)| {
        let ident = format_ident!("{}", key.constructor);
        let variant = format_ident!("{}", scheme.rust_name);
        let place = match key.location {
            ApiKeyLocation::Header => "header",
            ApiKeyLocation::Query => "query parameter",
            ApiKeyLocation::Cookie => "cookie",
        };
        let summary = format!(
            " The API key of `{}` in the document's `securitySchemes`, sent as the {place} `{}`.",
            scheme.key, key.name
        );
        let more = scheme.docs.is_some().then(|| {
            let text = docs::outer(&scheme.docs);
            quote!(#[doc = ""] #text)
        });
        quote! {
            #[doc = #summary]
            #more
            pub fn #ident(key: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(::std::vec![Kind::ApiKey(Scheme::#variant, key.into())])
            }
        }
    });
    quote!(#(#constructors)*)
}
