//! Tolerant decoding of date-times, because real servers send values strict RFC 3339 rejects.

use ::chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Parses RFC 3339, then common sloppy forms: no offset (taken as UTC), a space instead of
/// `T`, a seconds field with extra digits (`00:00:000Z`), or a bare date (midnight UTC).
pub fn parse_date_time(text: &str) -> ::std::option::Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(parsed) = DateTime::parse_from_rfc3339(text) {
        return ::std::option::Option::Some(parsed.with_timezone(&Utc));
    }
    let (date, time) = match text.split_once(['T', 't', ' ']) {
        ::std::option::Option::Some((date, time)) => (date, time),
        ::std::option::Option::None => (text, "00:00:00"),
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = time.trim_end_matches(['Z', 'z']);
    let (time, offset_seconds) = split_offset(time)?;
    let mut fields = time.splitn(3, ':');
    let hour: u32 = fields.next()?.parse().ok()?;
    let minute: u32 = fields.next().unwrap_or("0").parse().ok()?;
    let seconds = fields.next().unwrap_or("0");
    let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
    let second: u32 = whole.parse().ok()?;
    let nanos: u32 = format!("{fraction:0<9}").get(..9)?.parse().ok()?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let local = NaiveDateTime::new(date, time);
    let utc = local - ::chrono::TimeDelta::try_seconds(i64::from(offset_seconds))?;
    ::std::option::Option::Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// Splits `10:00:00+02:00` into the time and the offset in seconds east of UTC.
fn split_offset(time: &str) -> ::std::option::Option<(&str, i32)> {
    let ::std::option::Option::Some(at) = time.rfind(['+', '-']) else {
        return ::std::option::Option::Some((time, 0));
    };
    let (clock, offset) = time.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: ::std::string::String = offset[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = digits.split_at(digits.len().min(2));
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = if minutes.is_empty() {
        0
    } else {
        minutes.parse().ok()?
    };
    ::std::option::Option::Some((clock, sign * (hours * 3600 + minutes * 60)))
}

fn invalid<E: ::serde::de::Error>(text: &str) -> E {
    E::custom(format_args!("invalid date-time {text:?}"))
}

/// Reads a required date-time field's value into its slot.
#[allow(dead_code, reason = "not every API has required date-time fields")]
pub(crate) fn put_date_time<'de, A: ::serde::de::MapAccess<'de>>(
    map: &mut A,
    slot: &mut ::std::option::Option<DateTime<Utc>>,
) -> ::std::result::Result<(), A::Error> {
    let text: ::std::string::String = map.next_value()?;
    *slot = ::std::option::Option::Some(parse_date_time(&text).ok_or_else(|| invalid(&text))?);
    ::std::result::Result::Ok(())
}

/// Reads an optional or nullable date-time field's value (a date-time or null) into it.
#[allow(dead_code, reason = "not every API has optional date-time fields")]
pub(crate) fn set_date_time<'de, A: ::serde::de::MapAccess<'de>>(
    map: &mut A,
    field: &mut ::std::option::Option<DateTime<Utc>>,
) -> ::std::result::Result<(), A::Error> {
    let text: ::std::option::Option<::std::string::String> = map.next_value()?;
    *field = match text {
        ::std::option::Option::Some(text) => {
            ::std::option::Option::Some(parse_date_time(&text).ok_or_else(|| invalid(&text))?)
        }
        ::std::option::Option::None => ::std::option::Option::None,
    };
    ::std::result::Result::Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_date_time;

    #[test]
    fn accepts_strict_and_sloppy_forms() {
        let strict = parse_date_time("2024-01-15T09:30:00Z").unwrap();
        assert_eq!(strict.to_rfc3339(), "2024-01-15T09:30:00+00:00");
        let sloppy = parse_date_time("1998-04-19T00:00:000Z").unwrap();
        assert_eq!(sloppy.to_rfc3339(), "1998-04-19T00:00:00+00:00");
        let offset = parse_date_time("2024-01-15 11:30:00.5+02:00").unwrap();
        assert_eq!(offset.to_rfc3339(), "2024-01-15T09:30:00.500+00:00");
        assert!(parse_date_time("2024-01-15").is_some());
        assert!(parse_date_time("yesterday").is_none());
    }
}
