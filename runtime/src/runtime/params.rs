//! Inputs on the wire: form bodies and query strings as `application/x-www-form-urlencoded` pairs,
//! arrays as repeated keys (the OpenAPI default, what Twilio expects) or comma-joined where the
//! document says `explode: false`.

/// How an input value is written on the wire.
pub trait ParamValue {
    fn to_param(&self) -> String;
}

impl ParamValue for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl ParamValue for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for i32 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for i64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for f64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// Free-form inputs go on the wire as JSON text; a bare string as itself.
impl ParamValue for serde_json::Value {
    fn to_param(&self) -> String {
        match self {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// Ordered key/value pairs, encoded as `application/x-www-form-urlencoded`.
#[derive(Default)]
pub struct Pairs {
    text: String,
}

impl Pairs {
    pub fn new() -> Self {
        Pairs::default()
    }

    fn append(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        self.text.extend(form_urlencoded::byte_serialize(key.as_bytes()));
        self.text.push('=');
        self.text.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    }

    /// Pieces already encoded by a style (`runtime/styles.rs`), each `key=value`.
    pub fn push_encoded(&mut self, pieces: Vec<String>) {
        for piece in pieces {
            if !self.text.is_empty() {
                self.text.push('&');
            }
            self.text.push_str(&piece);
        }
    }

    pub fn push<T: ParamValue>(&mut self, key: &str, value: &T) {
        self.append(key, &value.to_param());
    }

    /// Sends the value only when it was set.
    pub fn push_opt<T: ParamValue>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.push(key, value);
        }
    }

    /// One pair per element: `Scopes=a&Scopes=b`.
    pub fn push_each<T: ParamValue>(&mut self, key: &str, values: &[T]) {
        for value in values {
            self.push(key, value);
        }
    }

    /// One pair for all elements, comma-joined: `Ids=a,b` (`explode: false`). Nothing when empty.
    pub fn push_joined<T: ParamValue>(&mut self, key: &str, values: &[T]) {
        if !values.is_empty() {
            let joined: Vec<String> = values.iter().map(ParamValue::to_param).collect();
            self.append(key, &joined.join(","));
        }
    }

    pub fn finish(self) -> String {
        self.text
    }
}
