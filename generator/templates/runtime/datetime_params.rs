
/// Date-time inputs go on the wire in RFC 3339, in UTC.
impl crate::runtime::params::ParamValue for DateTime<Utc> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

/// Date inputs go on the wire as `YYYY-MM-DD`.
impl crate::runtime::params::ParamValue for chrono::NaiveDate {
    fn to_param(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}
