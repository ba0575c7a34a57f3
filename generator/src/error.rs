//! Located problems found while reading or generating a spec, collected rather than fail-fast.

use std::fmt;

/// Where in the input a problem sits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A line and column (1-based) in the source text.
    LineColumn { line: usize, column: usize },
    /// A JSON pointer into the document (RFC 6901), e.g. `/paths/~1me/get`.
    Pointer(String),
    /// The document as a whole.
    Document,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::LineColumn { line, column } => write!(f, "{line}:{column}"),
            Location::Pointer(pointer) => write!(f, "#{pointer}"),
            Location::Document => f.write_str("(document)"),
        }
    }
}

/// One problem, with the file it was found in and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.location, self.message)
    }
}

/// Everything that can stop the generator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec cannot be turned into a client; every problem found is listed, sorted.
    #[error("{} problem(s) in the spec:\n{}", .0.len(), render_list(.0))]
    Spec(Vec<Diagnostic>),
    /// The generation config file is unreadable or invalid.
    #[error("{file}: {message}")]
    Config { file: String, message: String },
    /// Writing the crate into this directory could lose or expose something: nothing was written.
    #[error("refusing to write into {dir}: {message}")]
    Output { dir: String, message: String },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// A spec error with a single problem.
    pub(crate) fn spec(file: &str, location: Location, message: impl Into<String>) -> Self {
        Error::Spec(vec![Diagnostic {
            file: file.to_owned(),
            location,
            message: message.into(),
        }])
    }
}

fn render_list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
