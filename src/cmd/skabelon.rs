//! `ramme skabelon NAME -o FILE.xlsx`: a blank template for a schema.

use super::Context;
use crate::cli::SkabelonArgs;
use crate::error::{Error, ExitStatus};
use crate::report::analysis::save_workbook;

pub fn run(ctx: &Context, args: &SkabelonArgs) -> Result<ExitStatus, Error> {
    let Some(schema) = ctx.catalog.schema(&args.name) else {
        return Err(Error::Setup(crate::validate::SetupError::UnknownSchema {
            name: args.name.clone(),
            known: ctx.catalog.known_names(),
        }));
    };
    let mut workbook = crate::report::skabelon::template(schema, &ctx.catalog.reference, ctx.lang)
        .map_err(|e| Error::Workbook {
            path: args.output.clone(),
            message: e.to_string(),
        })?;
    save_workbook(&mut workbook, &args.output)?;
    Ok(ExitStatus::Success)
}
