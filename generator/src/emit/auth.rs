//! `src/auth.rs`: the credentials a client can be given, which of the document's schemes each one
//! answers, and how a call sends them.
//!
//! Each kind of credential (basic, a bearer token, OAuth 2 client credentials) contributes the same
//! set of pieces ([`Pieces`]); the file is those pieces assembled. A new security scheme kind: say in
//! [`families`] which credentials answer it, and, for a new kind of credential, write its pieces.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::files::{rust_file, PendingFile};
use crate::ir::{Api, SecurityKind};

/// The kinds of credential a client can hold, in the order `auth.rs` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Basic,
    Bearer,
    ClientCredentials,
}

/// Which credentials answer a scheme of this kind: OAuth 2 client credentials become a bearer token.
fn families(kind: &SecurityKind) -> &'static [Family] {
    match kind {
        SecurityKind::HttpBasic => &[Family::Basic],
        SecurityKind::HttpBearer => &[Family::Bearer],
        SecurityKind::OAuth2ClientCredentials { .. } => &[Family::Bearer, Family::ClientCredentials],
    }
}

/// What one kind of credential adds to each part of the file.
#[derive(Default)]
struct Pieces {
    /// A variant of `Kind`, the credentials as the user gives them.
    kind: TokenStream,
    /// A variant of `ActiveKind`, the credentials as a built client holds them (client credentials
    /// have none: they become a token source).
    active_kind: Option<TokenStream>,
    /// A variant of `Auth`, what one call sends.
    auth: Option<TokenStream>,
    constructors: TokenStream,
    debug: TokenStream,
    active_debug: Option<TokenStream>,
    activate: TokenStream,
    select: Option<TokenStream>,
    apply: Option<TokenStream>,
}

pub fn emit(api: &Api) -> PendingFile {
    let mut present: Vec<Family> = api
        .security_schemes
        .iter()
        .flat_map(|s| families(&s.kind))
        .copied()
        .collect();
    present.sort();
    present.dedup();
    let pieces: Vec<Pieces> = present
        .iter()
        .map(|family| {
            let accepting: Vec<Ident> = api
                .security_schemes
                .iter()
                .filter(|s| families(&s.kind).contains(family))
                .map(|s| format_ident!("{}", s.rust_name))
                .collect();
            match family {
                Family::Basic => basic(&accepting),
                Family::Bearer => bearer(&accepting),
                Family::ClientCredentials => client_credentials(),
            }
        })
        .collect();
    let has_bearer = present.contains(&Family::Bearer);
    let has_client_credentials = present.contains(&Family::ClientCredentials);
    rust_file(
        "src/auth.rs",
        assemble(api, &pieces, has_bearer, has_client_credentials),
    )
}

fn basic(accepting: &[Ident]) -> Pieces {
    let fields = quote!(Basic {
        username: ::std::string::String,
        password: ::std::string::String
    });
    let debug = quote! {
        f.debug_struct("Credentials::Basic")
            .field("username", username)
            .field("password", &crate::runtime::redact::Redacted)
            .finish()
    };
    Pieces {
        kind: fields.clone(),
        active_kind: Some(fields),
        auth: Some(quote!(Basic { username: &'a str, password: &'a str })),
        constructors: quote! {
            /// HTTP basic authentication: an Account SID and its Auth Token, or an API key SID and its secret.
            pub fn basic(username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Basic { username: username.into(), password: password.into() })
            }
        },
        debug: quote!(Kind::Basic { username, .. } => #debug,),
        active_debug: Some(quote!(ActiveKind::Basic { username, .. } => #debug,)),
        activate: quote!(Kind::Basic { username, password } => ActiveKind::Basic { username, password },),
        select: Some(quote! {
            ActiveKind::Basic { username, password } if accepted.iter().any(|s| matches!(s, #(Scheme::#accepting)|*)) => {
                Auth::Basic { username, password }
            }
        }),
        apply: Some(quote! {
            Auth::Basic { username, password } => ::std::result::Result::Ok((builder.basic_auth(username, ::std::option::Option::Some(password)), ::std::option::Option::None)),
        }),
    }
}

fn bearer(accepting: &[Ident]) -> Pieces {
    let source = quote!(Token(::std::sync::Arc<dyn crate::token::TokenSource>));
    let debug = quote! {
        f.debug_struct("Credentials::Bearer")
            .field("token", &crate::runtime::redact::Redacted)
            .finish()
    };
    Pieces {
        kind: source.clone(),
        active_kind: Some(source),
        auth: Some(quote!(Bearer(&'a dyn crate::token::TokenSource))),
        constructors: quote! {
            /// A fixed bearer token, sent as `Authorization: Bearer …`. A 401 is returned as is: the
            /// client cannot get another token (see [`Credentials::token_source`]).
            pub fn bearer(token: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Token(::std::sync::Arc::new(crate::token::AccessToken::new(token))))
            }

            /// Bearer tokens from your own provider, asked before every call that needs one (cache
            /// them: a [`crate::token::TokenCache`] does). After a 401 the client tells the source
            /// with [`crate::token::TokenSource::reject`] and may try once more.
            pub fn token_source(source: impl crate::token::TokenSource + 'static) -> Self {
                Credentials(Kind::Token(::std::sync::Arc::new(source)))
            }
        },
        debug: quote!(Kind::Token(_) => #debug,),
        active_debug: Some(quote!(ActiveKind::Token(_) => #debug,)),
        activate: quote!(Kind::Token(source) => ActiveKind::Token(source),),
        select: Some(quote! {
            ActiveKind::Token(source) if accepted.iter().any(|s| matches!(s, #(Scheme::#accepting)|*)) => Auth::Bearer(source.as_ref()),
        }),
        apply: Some(quote! {
            Auth::Bearer(source) => {
                let token = source.token().await.map_err(crate::Error::Token)?;
                ::std::result::Result::Ok((builder.bearer_auth(token.secret()), ::std::option::Option::Some(token)))
            }
        }),
    }
}

fn client_credentials() -> Pieces {
    Pieces {
        kind: quote!(ClientCredentials(crate::token::ClientCredentials)),
        constructors: quote! {
            /// OAuth 2 client credentials: the client fetches an access token from the document's
            /// token URL on first use, shares it between concurrent calls, and refreshes it before it
            /// expires and after a 401. Configure it with [`crate::token::ClientCredentials`] and
            /// `Credentials::from`.
            pub fn client_credentials(client_id: impl ::std::convert::Into<::std::string::String>, client_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::ClientCredentials(crate::token::ClientCredentials::new(client_id, client_secret)))
            }
        },
        debug: quote!(Kind::ClientCredentials(credentials) => fmt::Debug::fmt(credentials, f),),
        activate: quote! {
            Kind::ClientCredentials(credentials) => ActiveKind::Token(::std::sync::Arc::new(credentials.into_cache(http.clone(), max_body, clock.clone()))),
        },
        ..Pieces::default()
    }
}

/// The bodies of `Debug`, `activate` and `select`: over the credentials' kinds, or, for a document
/// without security schemes, over nothing.
struct Bodies {
    debug: TokenStream,
    active_debug: TokenStream,
    activate: TokenStream,
    select: TokenStream,
}

fn bodies(pieces: &[Pieces], has_client_credentials: bool) -> Bodies {
    if pieces.is_empty() {
        let nothing_to_print = quote!({
            let _ = f;
            match self.0 {}
        });
        return Bodies {
            debug: nothing_to_print.clone(),
            active_debug: nothing_to_print,
            activate: quote! {
                let _ = (http, max_body, clock);
                match self.0 {}
            },
            select: quote! {
                let _ = (credentials, accepted);
                Auth::None
            },
        };
    }
    let debug = pieces.iter().map(|p| &p.debug);
    let active_debug = pieces.iter().filter_map(|p| p.active_debug.as_ref());
    let activate = pieces.iter().map(|p| &p.activate);
    let select = pieces.iter().filter_map(|p| p.select.as_ref());
    let unused = (!has_client_credentials).then(|| quote!(let _ = (http, max_body, clock);));
    Bodies {
        debug: quote!(match &self.0 { #(#debug)* }),
        active_debug: quote!(match &self.0 { #(#active_debug)* }),
        activate: quote! {
            #unused
            Active(match self.0 { #(#activate)* })
        },
        select: quote! {
            let ::std::option::Option::Some(Active(kind)) = credentials else {
                return Auth::None;
            };
            match kind {
                #(#select)*
                _ => Auth::None,
            }
        },
    }
}

fn assemble(api: &Api, pieces: &[Pieces], has_bearer: bool, has_client_credentials: bool) -> TokenStream {
    let kinds = pieces.iter().map(|p| &p.kind);
    let constructors = pieces.iter().map(|p| &p.constructors);
    let Bodies {
        debug,
        active_debug,
        activate,
        select,
    } = bodies(pieces, has_client_credentials);
    let from_client_credentials = has_client_credentials.then(|| {
        quote! {
            impl ::std::convert::From<crate::token::ClientCredentials> for Credentials {
                fn from(credentials: crate::token::ClientCredentials) -> Self {
                    Credentials(Kind::ClientCredentials(credentials))
                }
            }
        }
    });
    let active = active_and_schemes(api, pieces, active_debug);
    let calls = calls(pieces, select, has_bearer);
    quote! {
        //! Credentials, and which operations they are sent to.

        use std::fmt;

        /// What the client authenticates with. Printing it never shows the secret.
        #[derive(Clone)]
        pub struct Credentials(Kind);

        #[derive(Clone)]
        enum Kind {
            #(#kinds,)*
        }

        impl Credentials {
            #(#constructors)*

            /// The credentials a built client holds: client credentials become a token cache that
            /// fetches with the client's own HTTP client.
            pub(crate) fn activate(self, http: &reqwest::Client, max_body: usize, clock: &::std::sync::Arc<dyn crate::clock::Clock>) -> Active {
                #activate
            }
        }

        #from_client_credentials

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #debug
            }
        }

        #active

        #calls
    }
}

/// `Active`, the credentials in a built client, and `Scheme`, the document's schemes.
fn active_and_schemes(api: &Api, pieces: &[Pieces], active_debug: TokenStream) -> TokenStream {
    let active_kinds = pieces.iter().filter_map(|p| p.active_kind.as_ref());
    let schemes = api.security_schemes.iter().map(|s| {
        let doc = format!(" `{}` in the document's `securitySchemes`.", s.key);
        let ident = format_ident!("{}", s.rust_name);
        quote!(#[doc = #doc] #ident,)
    });
    quote! {
        /// Credentials in a built client.
        pub(crate) struct Active(ActiveKind);

        enum ActiveKind {
            #(#active_kinds,)*
        }

        impl fmt::Debug for Active {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #active_debug
            }
        }

        /// The document's security schemes, as operations list the ones they accept.
        #[doc(hidden)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Scheme {
            #(#schemes)*
        }
    }
}

/// `Auth`, what one call sends, and how it is chosen, applied and rejected.
fn calls(pieces: &[Pieces], select: TokenStream, has_bearer: bool) -> TokenStream {
    let auth_kinds: Vec<_> = pieces.iter().filter_map(|p| p.auth.as_ref()).collect();
    let apply = pieces.iter().filter_map(|p| p.apply.as_ref());
    // Without credentials to borrow, `Auth` has no lifetime (an unused one does not compile).
    let (lifetime, anonymous, borrow) = if auth_kinds.is_empty() {
        (quote!(), quote!(), quote!())
    } else {
        (quote!(<'a>), quote!(<'_>), quote!('a))
    };
    let (sent, reject) = if has_bearer {
        (
            quote!(crate::token::AccessToken),
            quote! {
                match self {
                    Auth::Bearer(source) => source.reject(token),
                    _ => false,
                }
            },
        )
    } else {
        (quote!(::std::convert::Infallible), quote!(match *token {}))
    };
    quote! {
        /// What one call authenticates with, chosen once for all its attempts.
        pub(crate) enum Auth #lifetime {
            None,
            #(#auth_kinds,)*
        }

        /// A token that was sent, to reject after a 401.
        pub(crate) type Sent = #sent;

        /// The credentials a call sends: those of the client, if one of the schemes its operation
        /// accepts matches them.
        pub(crate) fn select #lifetime (credentials: ::std::option::Option<& #borrow Active>, accepted: &[Scheme]) -> Auth #lifetime {
            #select
        }

        impl Auth #anonymous {
            /// Adds the credentials to one attempt, with the token sent if there is one. A token that
            /// cannot be had fails the call: it is never sent without.
            pub(crate) async fn apply(&self, builder: reqwest::RequestBuilder) -> ::std::result::Result<(reqwest::RequestBuilder, ::std::option::Option<Sent>), crate::Error> {
                match self {
                    Auth::None => ::std::result::Result::Ok((builder, ::std::option::Option::None)),
                    #(#apply)*
                }
            }

            /// After a 401 with `token`: whether a new token may come, so the call is worth one more try.
            pub(crate) fn reject(&self, token: &Sent) -> bool {
                #reject
            }
        }
    }
}
