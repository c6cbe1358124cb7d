//! The calendar and the clock, the two things from outside that the journal and the session need.
//! Both can be set through the environment, so that tests and demonstrations need not wait for
//! real days or real minutes.

use chrono::NaiveDate;

use crate::error::Error;

/// Sets "today" (YYYY-MM-DD) instead of the local date.
pub const TODAY_VARIABLE: &str = "BACKCARE_TODAY";
/// Multiplies every wait of a session: 0.02 runs a 30-second hold in 0.6 seconds.
pub const TIME_SCALE_VARIABLE: &str = "BACKCARE_TIME_SCALE";

/// Today's local calendar date, or the one in `BACKCARE_TODAY`.
pub fn today() -> Result<NaiveDate, Error> {
    let Some(value) = std::env::var_os(TODAY_VARIABLE).filter(|v| !v.is_empty()) else {
        return Ok(chrono::Local::now().date_naive());
    };
    let text = value.to_string_lossy();
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Error::Usage {
        what: format!("{TODAY_VARIABLE} is `{text}`, which is not a date"),
        fix: format!(
            "write it as YYYY-MM-DD, such as 2025-03-14, or unset {TODAY_VARIABLE} to use today's date"
        ),
    })
}

/// The factor applied to every wait: 1 unless `BACKCARE_TIME_SCALE` says otherwise.
pub fn time_scale() -> Result<f64, Error> {
    let Some(value) = std::env::var_os(TIME_SCALE_VARIABLE).filter(|v| !v.is_empty()) else {
        return Ok(1.0);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<f64>() {
        Ok(scale) if scale > 0.0 && scale <= 10.0 => Ok(scale),
        _ => Err(Error::Usage {
            what: format!("{TIME_SCALE_VARIABLE} is `{text}`, which cannot be used"),
            fix: format!(
                "give a number above 0 and at most 10 (0.02 makes every wait 50 times shorter), \
                 or unset {TIME_SCALE_VARIABLE} for real time"
            ),
        }),
    }
}
