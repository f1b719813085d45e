//! `src/auth.rs`: the credentials a client can be given, which of the document's schemes each one
//! answers, and how a call sends them.
//!
//! Each kind of credential (basic, a bearer token, OAuth 2 client credentials, API keys) contributes
//! the same set of pieces ([`Pieces`]); the file is those pieces assembled. A new security scheme
//! kind: say in [`families`] which credentials answer it, and, for a new kind of credential, write
//! its pieces.
//!
//! A client holds a list of credentials (one of each kind, and one key per API key scheme). A call
//! sends the first of its operation's requirements that the list satisfies entirely, every scheme of
//! it at once.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::auth_pieces::{api_key, basic, bearer, client_credentials, Pieces};
use super::files::{rust_file, PendingFile};
use crate::ir::{Api, SecurityKind};

/// The kinds of credential a client can hold, in the order `auth.rs` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Basic,
    Bearer,
    ClientCredentials,
    ApiKey,
}

/// Which credentials answer a scheme of this kind: OAuth 2 and OpenID Connect take a bearer token
/// (client credentials become one), an API key scheme its own key.
fn families(kind: &SecurityKind) -> &'static [Family] {
    match kind {
        SecurityKind::HttpBasic => &[Family::Basic],
        SecurityKind::HttpBearer | SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => {
            &[Family::Bearer]
        }
        SecurityKind::OAuth2ClientCredentials { .. } => &[Family::Bearer, Family::ClientCredentials],
        SecurityKind::ApiKey { .. } => &[Family::ApiKey],
    }
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
                Family::ApiKey => api_key(api),
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

/// A `match` on `scrutinee` (a reference) over the kinds of credential, or, for a document without
/// them, over nothing (with `unused` naming what the arms would have used).
fn over<'p>(
    pieces: &'p [Pieces],
    scrutinee: TokenStream,
    unused: TokenStream,
    arm: impl Fn(&'p Pieces) -> Option<&'p TokenStream>,
) -> TokenStream {
    let arms: Vec<&TokenStream> = pieces.iter().filter_map(arm).collect();
    if arms.is_empty() && unused.is_empty() {
        return quote!(match *#scrutinee {});
    }
    if arms.is_empty() {
        return quote!({
            #unused
            match *#scrutinee {}
        });
    }
    quote!(match #scrutinee { #(#arms)* })
}

fn assemble(api: &Api, pieces: &[Pieces], has_bearer: bool, has_client_credentials: bool) -> TokenStream {
    let kinds = pieces.iter().map(|p| &p.kind);
    let constructors = pieces.iter().map(|p| &p.constructors);
    let debug = over(pieces, quote!(self), quote!(let _ = f;), |p| Some(&p.debug));
    let slot = over(pieces, quote!(self), quote!(), |p| Some(&p.slot));
    let activate = match pieces.is_empty() {
        true => quote!(match kind {}),
        false => over(pieces, quote!(kind), quote!(), |p| Some(&p.activate)),
    };
    let unused = (!has_client_credentials).then(|| quote!(let _ = (http, max_body, clock);));
    let from_client_credentials = has_client_credentials.then(|| {
        quote! {
            impl ::std::convert::From<crate::token::ClientCredentials> for Credentials {
                fn from(credentials: crate::token::ClientCredentials) -> Self {
                    Credentials(::std::vec![Kind::ClientCredentials(credentials)])
                }
            }
        }
    });
    let active = active_and_schemes(api, pieces);
    let calls = calls(pieces, has_bearer);
    quote! {
        //! Credentials, and which operations they are sent to.

        use std::fmt;

        /// What the client authenticates with: one credential, or several joined with
        /// [`Credentials::and`] for operations that need more than one at once or accept different
        /// ones. Printing it never shows a secret.
        #[derive(Clone)]
        pub struct Credentials(::std::vec::Vec<Kind>);

        #[derive(Clone)]
        enum Kind {
            #(#kinds,)*
        }

        impl Credentials {
            #(#constructors)*

            /// These credentials and `other`'s together: a call sends those its operation asks for
            /// (an API key and a token, say). Where both hold the same kind (two bearer tokens, two
            /// keys for one scheme), `other`'s is kept.
            pub fn and(mut self, other: Credentials) -> Self {
                for kind in other.0 {
                    self.0.retain(|mine| mine.slot() != kind.slot());
                    self.0.push(kind);
                }
                self
            }

            /// The credentials a built client holds: client credentials become a token cache that
            /// fetches with the client's own HTTP client.
            pub(crate) fn activate(self, http: &reqwest::Client, max_body: usize, clock: &::std::sync::Arc<dyn crate::clock::Clock>) -> Active {
                #unused
                Active(self.0.into_iter().map(|kind| #activate).collect())
            }
        }

        impl Kind {
            /// Which credential this is, so one given later replaces it: a key per API key scheme, one
            /// of every other kind (a token and client credentials are both bearer tokens).
            fn slot(&self) -> usize {
                #slot
            }
        }

        #from_client_credentials

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0.as_slice() {
                    [one] => fmt::Debug::fmt(one, f),
                    all => f.debug_list().entries(all).finish(),
                }
            }
        }

        impl fmt::Debug for Kind {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #debug
            }
        }

        #active

        #calls
    }
}

/// `Active`, the credentials in a built client, and `Scheme`, the document's schemes.
fn active_and_schemes(api: &Api, pieces: &[Pieces]) -> TokenStream {
    let active_kinds = pieces.iter().filter_map(|p| p.active_kind.as_ref());
    let active_debug = over(pieces, quote!(self), quote!(let _ = f;), |p| p.active_debug.as_ref());
    let schemes = api.security_schemes.iter().map(|s| {
        let doc = format!(" `{}` in the document's `securitySchemes`.", s.key);
        let ident = format_ident!("{}", s.rust_name);
        quote!(#[doc = #doc] #ident,)
    });
    quote! {
        /// Credentials in a built client.
        pub(crate) struct Active(::std::vec::Vec<ActiveKind>);

        enum ActiveKind {
            #(#active_kinds,)*
        }

        impl fmt::Debug for Active {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0.as_slice() {
                    [one] => fmt::Debug::fmt(one, f),
                    all => f.debug_list().entries(all).finish(),
                }
            }
        }

        impl fmt::Debug for ActiveKind {
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
fn calls(pieces: &[Pieces], has_bearer: bool) -> TokenStream {
    let parts: Vec<_> = pieces.iter().filter_map(|p| p.part.as_ref()).collect();
    let extra = pieces.iter().filter_map(|p| p.extra.as_ref());
    let answer = over(pieces, quote!(kind), quote!(), |p| p.answer.as_ref());
    let apply = over(pieces, quote!(part), quote!(), |p| p.apply.as_ref());
    // With no kind of credential there is nothing to send (and a loop over nothing never loops).
    let apply = match parts.is_empty() {
        true => quote!(let _ = &self.0;),
        false => quote!(for part in &self.0 { #apply }),
    };
    // Without credentials to borrow, `Part` has no lifetime (an unused one does not compile).
    let (lifetime, anonymous, borrow) = if parts.is_empty() {
        (quote!(), quote!(), quote!())
    } else {
        (quote!(<'a>), quote!(<'_>), quote!('a))
    };
    let cookie_keys = pieces.iter().any(|p| p.cookies);
    let (cookies_init, cookies) = if cookie_keys {
        (quote!(let mut cookies = cookies.to_vec();), quote!(&cookies))
    } else {
        (quote!(), quote!(cookies))
    };
    let unused_scheme = parts.is_empty().then(|| quote!(let _ = scheme;));
    let secrets = secrets_body(pieces);
    let Sent {
        sent,
        sent_init,
        reject,
        sent_secret,
    } = sent(has_bearer);
    quote! {
        /// One credential as a call sends it.
        pub(crate) enum Part #lifetime {
            #(#parts,)*
        }

        #(#extra)*

        /// What one call authenticates with, chosen once for all its attempts: every part of the
        /// first requirement the client's credentials satisfy, or nothing.
        pub(crate) struct Auth #lifetime (::std::vec::Vec<Part #lifetime>);

        /// A token that was sent, to reject after a 401.
        pub(crate) type Sent = #sent;

        /// The secret of a token that was sent, masked wherever its reply echoes it.
        pub(crate) fn sent_secret(token: &Sent) -> ::std::string::String {
            #sent_secret
        }

        /// How `kind` is sent for `scheme`, if it answers that scheme.
        fn answer #lifetime (kind: & #borrow ActiveKind, scheme: Scheme) -> ::std::option::Option<Part #lifetime> {
            #unused_scheme
            #answer
        }

        /// The credentials a call sends: the first of its operation's requirements (each a set of
        /// schemes sent together) that the client's credentials satisfy in full. With none
        /// satisfied, nothing is sent, and the server decides.
        pub(crate) fn select #lifetime (credentials: ::std::option::Option<& #borrow Active>, accepted: &[&[Scheme]]) -> Auth #lifetime {
            let ::std::option::Option::Some(Active(kinds)) = credentials else {
                return Auth(::std::vec::Vec::new());
            };
            for requirement in accepted {
                let parts: ::std::option::Option<::std::vec::Vec<Part>> = requirement
                    .iter()
                    .map(|scheme| kinds.iter().find_map(|kind| answer(kind, *scheme)))
                    .collect();
                if let ::std::option::Option::Some(parts) = parts {
                    return Auth(parts);
                }
            }
            Auth(::std::vec::Vec::new())
        }

        impl Auth #anonymous {
            /// Adds the credentials to one attempt, with the token sent if there is one, and the
            /// request's one `Cookie` header (its cookie parameters and any API key in a cookie). A
            /// token that cannot be had fails the call: it is never sent without.
            pub(crate) async fn apply(&self, mut builder: reqwest::RequestBuilder, cookies: &[::std::string::String]) -> ::std::result::Result<(reqwest::RequestBuilder, ::std::option::Option<Sent>), crate::Error> {
                #cookies_init
                #sent_init
                #apply
                builder = crate::runtime::http::with_cookies(builder, #cookies)?;
                ::std::result::Result::Ok((builder, sent))
            }

            /// The secrets this call sends that are known before sending (keys, passwords).
            pub(crate) fn secrets(&self) -> ::std::vec::Vec<::std::string::String> {
                #secrets
            }

            /// After a 401 with `token`: whether a new token may come, so the call is worth one more try.
            pub(crate) fn reject(&self, token: &Sent) -> bool {
                #reject
            }
        }
    }
}

/// What `Auth` says of the token it sent: its type, how `apply` starts, how a 401 rejects it, and
/// its secret. Without bearer schemes no token is ever sent (`Infallible`).
struct Sent {
    sent: TokenStream,
    sent_init: TokenStream,
    reject: TokenStream,
    sent_secret: TokenStream,
}

fn sent(has_bearer: bool) -> Sent {
    let sent_secret = match has_bearer {
        true => quote!(token.secret().to_owned()),
        false => quote!(match *token {}),
    };
    let (sent, sent_init, reject) = if has_bearer {
        (
            quote!(crate::token::AccessToken),
            quote!(let mut sent = ::std::option::Option::None;),
            quote! {
                self.0.iter().any(|part| matches!(part, Part::Bearer(source) if source.reject(token)))
            },
        )
    } else {
        (
            quote!(::std::convert::Infallible),
            quote!(let sent = ::std::option::Option::None;),
            quote!(match *token {}),
        )
    };
    Sent {
        sent,
        sent_init,
        reject,
        sent_secret,
    }
}

/// The body of `Auth::secrets`: every password and key the call sends.
fn secrets_body(pieces: &[Pieces]) -> TokenStream {
    let secret = over(pieces, quote!(part), quote!(), |p| p.secret.as_ref());
    let secrets = match !pieces.iter().any(|p| p.known_secret) {
        true => quote!({
            let _ = &self.0;
            ::std::vec::Vec::new()
        }),
        false => quote!({
            let mut secrets = ::std::vec::Vec::new();
            for part in &self.0 {
                #secret
            }
            secrets
        }),
    };
    secrets
}
