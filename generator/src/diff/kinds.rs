//! What can change between two versions of a spec, and what each change means for HTTP
//! consumers and for code compiled against the generated crate.

use serde::Serialize;

/// Which way data flows where a change happened: readers and writers break differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Parameters and request bodies: the client writes.
    Request,
    /// Response bodies: the client reads.
    Response,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    OperationRenamed {
        old_id: String,
        new_id: String,
    },
    OperationDeprecated,
    /// A path parameter's name changed, the URL's shape did not (`/users/{user_id}` →
    /// `/users/{username}`).
    PathParameterRenamed {
        old: String,
        new: String,
    },
    ParameterAdded {
        required: bool,
    },
    ParameterRemoved,
    ParameterRequiredChanged {
        now_required: bool,
    },
    ParameterLocationChanged {
        old: String,
        new: String,
    },
    RequestBodyAdded {
        required: bool,
    },
    RequestBodyRemoved,
    RequestBodyRequiredChanged {
        now_required: bool,
    },
    PropertyAdded {
        required: bool,
    },
    PropertyRemoved,
    /// `was_nullable` and `nullable`: whether null is allowed before and after (a field's
    /// Rust type depends on both attributes, which may change together).
    PropertyRequiredChanged {
        now_required: bool,
        was_nullable: bool,
        nullable: bool,
    },
    /// `widened`: every value of the old type is one of the new (`string` → a union with a
    /// string variant, `integer` → `number`); `narrowed`: the other way round.
    TypeChanged {
        old: String,
        new: String,
        widened: bool,
        narrowed: bool,
    },
    /// `was_required` and `required`: whether the value must be there before and after.
    NullableChanged {
        now_nullable: bool,
        was_required: bool,
        required: bool,
    },
    ReadOnlyChanged {
        now_read_only: bool,
    },
    EnumValueAdded {
        value: String,
    },
    EnumValueRemoved {
        value: String,
    },
    ConstraintChanged {
        constraint: String,
        old: String,
        new: String,
        tightened: bool,
    },
    VariantAdded,
    VariantRemoved,
    StatusAdded {
        status: String,
        success: bool,
    },
    StatusRemoved {
        status: String,
        success: bool,
    },
    MediaTypeAdded {
        media_type: String,
    },
    MediaTypeRemoved {
        media_type: String,
    },
    SecuritySchemeAdded {
        scheme: String,
    },
    SecuritySchemeRemoved {
        scheme: String,
    },
    SecurityRequirementChanged,
    ServerAdded {
        url: String,
    },
    ServerRemoved {
        url: String,
    },
}

/// Effect on HTTP consumers of the API (any client, any language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HttpImpact {
    Compatible,
    /// Not breaking on the wire, but code that matches exhaustively or relies on it may misbehave.
    Warning,
    Breaking,
}

/// Effect on code compiled against the previous generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RustImpact {
    /// No public item changes.
    None,
    /// Something new; existing code still compiles.
    Additive,
    /// Existing code may no longer compile.
    Breaking,
}

/// The semver bump the generated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl RustImpact {
    pub fn bump(self) -> Bump {
        match self {
            RustImpact::None => Bump::Patch,
            RustImpact::Additive => Bump::Minor,
            RustImpact::Breaking => Bump::Major,
        }
    }
}

impl ChangeKind {
    /// The fixed classification rule: by kind and direction, following how the generator
    /// maps specs to Rust (non-exhaustive structs and enums, builders for optional
    /// parameters, `new(required...)` constructors for request models).
    pub fn classify(&self, direction: Direction) -> (HttpImpact, RustImpact) {
        use ChangeKind::*;
        use Direction::{Request, Response};
        use HttpImpact::{Breaking as HB, Compatible as HC, Warning as HW};
        use RustImpact::{Additive as RA, Breaking as RB, None as RN};
        match (self, direction) {
            (OperationAdded, _) => (HC, RA),
            (OperationRemoved, _) => (HB, RB),
            // The method is named after the operationId in snake_case: `getUser` → `get_user`
            // keeps it.
            (OperationRenamed { old_id, new_id }, _) => {
                let same_method =
                    crate::naming::value_name(old_id) == crate::naming::value_name(new_id);
                (HC, if same_method { RN } else { RB })
            }
            // Arguments are positional: their names are not part of the Rust API.
            (PathParameterRenamed { .. }, _) => (HC, RN),
            (OperationDeprecated, _) => (HW, RN),
            (ParameterAdded { required: true }, _) => (HB, RB),
            (ParameterAdded { required: false }, _) => (HC, RA),
            (ParameterRemoved, _) => (HW, RB),
            (ParameterRequiredChanged { now_required: true }, _) => (HB, RB),
            (
                ParameterRequiredChanged {
                    now_required: false,
                },
                _,
            ) => (HC, RB),
            (ParameterLocationChanged { .. }, _) => (HB, RN),
            (RequestBodyAdded { required: true }, _) => (HB, RB),
            (RequestBodyAdded { required: false }, _) => (HC, RA),
            (RequestBodyRemoved, _) => (HB, RB),
            (RequestBodyRequiredChanged { now_required: true }, _) => (HB, RB),
            (
                RequestBodyRequiredChanged {
                    now_required: false,
                },
                _,
            ) => (HC, RB),
            (PropertyAdded { required: true }, Request) => (HB, RB),
            (PropertyAdded { required: false }, Request) => (HC, RA),
            (PropertyAdded { .. }, Response) => (HC, RA),
            (PropertyRemoved, Request) => (HW, RB),
            (PropertyRemoved, Response) => (HB, RB),
            (
                PropertyRequiredChanged {
                    now_required: true, ..
                },
                Request,
            ) => (HB, RB),
            (
                PropertyRequiredChanged {
                    now_required: false,
                    ..
                },
                Request,
            ) => (HC, RB),
            // A response field is a plain `T` when it must be there and is never null, an
            // `Option` otherwise: the crate breaks when that changes.
            (
                PropertyRequiredChanged {
                    now_required,
                    was_nullable,
                    nullable,
                },
                Response,
            ) => (
                if *now_required { HC } else { HB },
                shape_change(!now_required && !was_nullable, *now_required && !nullable),
            ),
            // A request that accepts more, or a response that sends less, breaks no client.
            (TypeChanged { widened: true, .. }, Request) => (HC, RB),
            (TypeChanged { narrowed: true, .. }, Response) => (HC, RB),
            (TypeChanged { .. }, _) => (HB, RB),
            (
                NullableChanged {
                    now_nullable: true, ..
                },
                Request,
            ) => (HC, RB),
            (
                NullableChanged {
                    now_nullable: false,
                    ..
                },
                Request,
            ) => (HB, RB),
            (
                NullableChanged {
                    now_nullable,
                    was_required,
                    required,
                },
                Response,
            ) => (
                if *now_nullable { HB } else { HC },
                shape_change(*was_required && *now_nullable, *required && !now_nullable),
            ),
            (
                ReadOnlyChanged {
                    now_read_only: true,
                },
                _,
            ) => (HW, RB),
            (
                ReadOnlyChanged {
                    now_read_only: false,
                },
                _,
            ) => (HC, RA),
            (EnumValueAdded { .. }, Request) => (HC, RA),
            (EnumValueAdded { .. }, Response) => (HW, RA),
            (EnumValueRemoved { .. }, Request) => (HB, RB),
            (EnumValueRemoved { .. }, Response) => (HC, RB),
            (
                ConstraintChanged {
                    tightened: true, ..
                },
                Request,
            ) => (HB, RN),
            (
                ConstraintChanged {
                    tightened: false, ..
                },
                Request,
            ) => (HC, RN),
            (
                ConstraintChanged {
                    tightened: true, ..
                },
                Response,
            ) => (HC, RN),
            (
                ConstraintChanged {
                    tightened: false, ..
                },
                Response,
            ) => (HW, RN),
            (VariantAdded, Request) => (HC, RB),
            (VariantAdded, Response) => (HW, RB),
            (VariantRemoved, Request) => (HB, RB),
            (VariantRemoved, Response) => (HC, RB),
            (StatusAdded { success: true, .. }, _) => (HW, RB),
            (StatusAdded { success: false, .. }, _) => (HC, RA),
            (StatusRemoved { success: true, .. }, _) => (HB, RB),
            (StatusRemoved { success: false, .. }, _) => (HC, RB),
            (MediaTypeAdded { .. }, _) => (HC, RN),
            (MediaTypeRemoved { .. }, Request) => (HB, RN),
            (MediaTypeRemoved { .. }, Response) => (HW, RN),
            (SecuritySchemeAdded { .. }, _) => (HC, RA),
            (SecuritySchemeRemoved { .. }, _) => (HB, RB),
            (SecurityRequirementChanged, _) => (HB, RN),
            (ServerAdded { .. }, _) => (HC, RN),
            (ServerRemoved { .. }, _) => (HW, RN),
        }
    }

    /// One line for humans.
    pub fn describe(&self) -> String {
        use ChangeKind::*;
        match self {
            OperationAdded => "operation added".into(),
            OperationRemoved => "operation removed".into(),
            OperationRenamed { old_id, new_id } => {
                let method = if crate::naming::value_name(old_id) == crate::naming::value_name(new_id) {
                    "the client method keeps its name"
                } else {
                    "the client method is renamed"
                };
                format!("operationId renamed from `{old_id}` to `{new_id}` ({method})")
            }
            PathParameterRenamed { old, new } => format!(
                "path parameter renamed from `{old}` to `{new}` (same URL; the method's arguments are positional)"
            ),
            OperationDeprecated => "operation deprecated".into(),
            ParameterAdded { required } => format!("{} parameter added", req(*required)),
            ParameterRemoved => "parameter removed".into(),
            ParameterRequiredChanged { now_required } => {
                format!("parameter is now {}", req(*now_required))
            }
            ParameterLocationChanged { old, new } => format!("parameter moved from {old} to {new}"),
            RequestBodyAdded { required } => format!("{} request body added", req(*required)),
            RequestBodyRemoved => "request body removed".into(),
            RequestBodyRequiredChanged { now_required } => {
                format!("request body is now {}", req(*now_required))
            }
            PropertyAdded { required } => format!("{} property added", req(*required)),
            PropertyRemoved => "property removed".into(),
            PropertyRequiredChanged { now_required, .. } => {
                format!("property is now {}", req(*now_required))
            }
            TypeChanged { old, new, .. } => format!("type changed from {old} to {new}"),
            NullableChanged {
                now_nullable: true, ..
            } => "may now be null".into(),
            NullableChanged {
                now_nullable: false,
                ..
            } => "may no longer be null".into(),
            ReadOnlyChanged { now_read_only } => format!("readOnly is now {now_read_only}"),
            EnumValueAdded { value } => format!("enum value {value} added"),
            EnumValueRemoved { value } => format!("enum value {value} removed"),
            ConstraintChanged {
                constraint,
                old,
                new,
                tightened,
            } => format!(
                "{constraint} changed from {old} to {new} ({})",
                if *tightened { "tightened" } else { "loosened" }
            ),
            VariantAdded => "oneOf/anyOf variant added".into(),
            VariantRemoved => "oneOf/anyOf variant removed".into(),
            StatusAdded { status, success } => {
                format!("{} status {status} added", outcome(*success))
            }
            StatusRemoved { status, success } => {
                format!("{} status {status} removed", outcome(*success))
            }
            MediaTypeAdded { media_type } => format!("media type {media_type} added"),
            MediaTypeRemoved { media_type } => format!("media type {media_type} removed"),
            SecuritySchemeAdded { scheme } => format!("security scheme {scheme} added"),
            SecuritySchemeRemoved { scheme } => format!("security scheme {scheme} removed"),
            SecurityRequirementChanged => "security requirements changed".into(),
            ServerAdded { url } => format!("server {url} added"),
            ServerRemoved { url } => format!("server {url} removed"),
        }
    }
}

/// The Rust impact of a field's type turning from plain `T` to `Option<T>` or back.
fn shape_change(was_plain: bool, now_plain: bool) -> RustImpact {
    if was_plain == now_plain {
        RustImpact::None
    } else {
        RustImpact::Breaking
    }
}

fn req(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

fn outcome(success: bool) -> &'static str {
    if success {
        "success"
    } else {
        "error"
    }
}
