//! Emits `auth.rs`: the credentials a client holds, how each is sent, and their builder setters.

use super::docs::doc_attrs;
use super::types::ident;
use crate::ir::{Api, AuthKind, ParamLocation};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit_auth(api: &Api) -> TokenStream {
    let variants: Vec<_> = api
        .auth
        .iter()
        .map(|s| format_ident!("{}", s.variant_name))
        .collect();
    let fields: Vec<_> = api.auth.iter().map(|s| ident(&s.rust_name)).collect();
    let field_types = api.auth.iter().map(|s| match s.kind {
        AuthKind::Basic => quote!(::std::option::Option<(::std::string::String, crate::Secret)>),
        _ => quote!(::std::option::Option<crate::Secret>),
    });
    let apply_arms =
        api.auth.iter().zip(&fields).map(|(scheme, field)| {
            let variant = format_ident!("{}", scheme.variant_name);
            let send =
                match &scheme.kind {
                    AuthKind::Bearer => quote!(builder.bearer_auth(secret.expose())),
                    AuthKind::Basic => quote!(builder
                        .basic_auth(&secret.0, ::std::option::Option::Some(secret.1.expose()))),
                    AuthKind::ApiKey {
                        location: ParamLocation::Query,
                        name,
                    } => {
                        quote!(builder.query(&[(#name, secret.expose())]))
                    }
                    AuthKind::ApiKey {
                        location: ParamLocation::Cookie,
                        name,
                    } => {
                        quote!(builder.header(
                            ::reqwest::header::COOKIE,
                            format!("{}={}", #name, secret.expose())
                        ))
                    }
                    AuthKind::ApiKey { name, .. } => quote! {
                        match ::reqwest::header::HeaderValue::from_str(secret.expose()) {
                            ::std::result::Result::Ok(mut value) => {
                                value.set_sensitive(true);
                                builder.header(#name, value)
                            }
                            ::std::result::Result::Err(_) => builder,
                        }
                    },
                };
            // `Authorization` is sent once: by the first scheme that has a credential.
            match scheme.kind {
                AuthKind::Bearer | AuthKind::Basic => quote! {
                    Scheme::#variant => {
                        if let (false, ::std::option::Option::Some(secret)) = (authorized, &self.#field) {
                            builder = #send;
                            authorized = true;
                        }
                    }
                },
                AuthKind::ApiKey { .. } => quote! {
                    Scheme::#variant => {
                        if let ::std::option::Option::Some(secret) = &self.#field {
                            builder = #send;
                        }
                    }
                },
            }
        });
    let setters = api.auth.iter().zip(&fields).map(|(scheme, field)| {
        let how = match &scheme.kind {
            AuthKind::Bearer => "Sends `token` as `Authorization: Bearer <token>`".to_owned(),
            AuthKind::Basic => "Sends HTTP basic authentication".to_owned(),
            AuthKind::ApiKey { location, name } => {
                let place = match location {
                    ParamLocation::Query => "query parameter",
                    ParamLocation::Cookie => "cookie",
                    _ => "header",
                };
                format!("Sends the key as the `{name}` {place}")
            }
        };
        let intro = if scheme.generic {
            format!(" {how} on every request (for APIs that describe their authentication in prose rather than as a security scheme).")
        } else {
            format!(" {how} (security scheme `{}`) on operations that accept it.", scheme.scheme_name)
        };
        let docs = doc_attrs(scheme.description.as_deref());
        let separator = scheme.description.as_ref().map(|_| quote!(#[doc = ""]));
        match scheme.kind {
            AuthKind::Basic => quote! {
                #[doc = #intro]
                #separator
                #docs
                pub fn #field(
                    mut self,
                    username: impl ::std::convert::Into<::std::string::String>,
                    password: impl ::std::convert::Into<::std::string::String>,
                ) -> Self {
                    self.credentials.#field = ::std::option::Option::Some((username.into(), crate::Secret::new(password)));
                    self
                }
            },
            _ => quote! {
                #[doc = #intro]
                #separator
                #docs
                pub fn #field(mut self, secret: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.credentials.#field = ::std::option::Option::Some(crate::Secret::new(secret));
                    self
                }
            },
        }
    });
    let authorized = api
        .auth
        .iter()
        .any(|s| matches!(s.kind, AuthKind::Bearer | AuthKind::Basic))
        .then(|| quote!(let mut authorized = false;));
    let apply = if api.auth.is_empty() {
        quote! {
            pub(crate) fn apply(&self, _schemes: &[Scheme], builder: ::reqwest::RequestBuilder) -> ::reqwest::RequestBuilder {
                builder
            }
        }
    } else {
        quote! {
            pub(crate) fn apply(&self, schemes: &[Scheme], mut builder: ::reqwest::RequestBuilder) -> ::reqwest::RequestBuilder {
                #authorized
                for scheme in schemes {
                    match scheme {
                        #(#apply_arms)*
                    }
                }
                builder
            }
        }
    };
    quote! {
        //! Credentials for the API's security schemes.

        /// A security scheme of the API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(dead_code, reason = "schemes no operation accepts are still listed")]
        #[allow(clippy::enum_variant_names, reason = "variants are the API's scheme names")]
        pub(crate) enum Scheme {
            #(#variants,)*
        }

        /// The credentials a client was given; `Debug` shows no secret.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct Credentials {
            #(#fields: #field_types,)*
        }

        impl Credentials {
            /// Adds the credentials of every scheme the operation accepts that the client has.
            #apply
        }

        impl crate::ClientBuilder {
            #(#setters)*
        }
    }
}
