//! Where backcare keeps a person's files, and how it writes them without ever leaving half a file.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{io_reason, Error};

/// Overrides the data folder; tests and people with unusual setups use it.
pub const DATA_DIR_VARIABLE: &str = "BACKCARE_DATA_DIR";

/// The platform's data folder for backcare (on Linux `~/.local/share/backcare`).
pub fn data_dir() -> Result<PathBuf, Error> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VARIABLE).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "backcare")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| Error::Write {
            path: "the data folder".to_owned(),
            reason: format!(
                "no home folder was found; set {DATA_DIR_VARIABLE} to a folder backcare may use"
            ),
        })
}

/// Creates the folder a file goes in, if need be, and returns it.
pub fn make_folder_for(path: &Path) -> Result<&Path, Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.display().to_string(),
        reason: io_reason(&e),
    })?;
    Ok(dir)
}

/// Replaces `path` with `contents` in one step: a crash leaves either the old file or the new one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let dir = make_folder_for(path)?;
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    // The temporary file sits beside the target so that the rename stays on one file system.
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("answers.json");
        write_atomically(&path, b"first, and longer").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
