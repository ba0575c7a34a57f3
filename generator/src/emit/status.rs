//! The status dispatch of an operation's `decode`: one `match` arm per documented status,
//! exact codes before ranges before `default`, and any other status unexpected.

use crate::ir::StatusMatch;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The expression that turns `response` into the operation's result, given the expression
/// each documented status leads to.
///
/// When one expression covers every status (none documented: every response is unexpected;
/// only `default`), it stands alone: clippy refuses a `match` whose only arm is `_`
/// (`match_single_binding`).
pub(super) fn dispatch(mut arms: Vec<(StatusMatch, TokenStream)>) -> TokenStream {
    arms.sort_by_key(|(status, _)| match status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let unexpected = quote!(::std::result::Result::Err(response.unexpected()));
    match arms.as_slice() {
        [] => return unexpected,
        [(StatusMatch::Default, expr)] => return expr.clone(),
        _ => {}
    }
    let has_default = arms.iter().any(|(s, _)| *s == StatusMatch::Default);
    let codes: Vec<u16> = arms
        .iter()
        .filter_map(|(status, _)| match status {
            StatusMatch::Code(code) => Some(*code),
            _ => None,
        })
        .collect();
    let match_arms = arms.iter().map(|(status, expr)| {
        let pattern = status_pattern(status, &codes);
        quote!(#pattern => #expr,)
    });
    let fallback = (!has_default).then(|| quote!(_ => #unexpected,));
    quote! {
        match response.status.as_u16() {
            #(#match_arms)*
            #fallback
        }
    }
}

/// A match pattern on the numeric status; a range leaves out the `codes` that have arms of
/// their own, so no two arms overlap (`2XX` next to `200` is `201..=299`).
fn status_pattern(status: &StatusMatch, codes: &[u16]) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(*code);
            quote!(#code)
        }
        StatusMatch::Range(hundreds) => {
            let pieces = range_without(hundreds * 100, hundreds * 100 + 99, codes);
            let pieces = pieces.iter().map(|&(low, high)| {
                let (low_lit, high_lit) =
                    (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
                if low == high {
                    quote!(#low_lit)
                } else {
                    quote!(#low_lit..=#high_lit)
                }
            });
            quote!(#(#pieces)|*)
        }
        StatusMatch::Default => quote!(_),
    }
}

/// `low..=high` minus `codes`, as inclusive sub-ranges.
fn range_without(low: u16, high: u16, codes: &[u16]) -> Vec<(u16, u16)> {
    let mut pieces = Vec::new();
    let mut start = low;
    for code in low..=high {
        if codes.contains(&code) {
            if code > start {
                pieces.push((start, code - 1));
            }
            start = code + 1;
        }
    }
    if start <= high {
        pieces.push((start, high));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn no_documented_status_is_no_match() {
        assert_eq!(
            text(dispatch(Vec::new())),
            ":: std :: result :: Result :: Err (response . unexpected ())"
        );
    }

    #[test]
    fn a_lone_default_is_no_match() {
        assert_eq!(text(dispatch(vec![(StatusMatch::Default, quote!(d))])), "d");
    }

    #[test]
    fn ranges_leave_out_codes_with_arms_of_their_own() {
        let arms = vec![
            (StatusMatch::Range(2), quote!(b)),
            (StatusMatch::Code(204), quote!(a)),
        ];
        assert_eq!(
            text(dispatch(arms)),
            "match response . status . as_u16 () { 204 => a , 200 ..= 203 | 205 ..= 299 => b , \
             _ => :: std :: result :: Result :: Err (response . unexpected ()) , }"
        );
    }

    #[test]
    fn default_replaces_the_fallback() {
        let arms = vec![
            (StatusMatch::Default, quote!(d)),
            (StatusMatch::Code(200), quote!(a)),
        ];
        assert_eq!(
            text(dispatch(arms)),
            "match response . status . as_u16 () { 200 => a , _ => d , }"
        );
    }
}
