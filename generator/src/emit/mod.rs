pub struct GeneratedFile; pub fn emit(_: &crate::ir::Api) -> Result<Vec<GeneratedFile>, String> { Ok(vec![]) }
