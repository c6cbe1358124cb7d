//! Where backcare keeps a person's files, and how it writes them without ever leaving half a file.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

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
        // The folder's name is taken by a file: the system says only that it "exists".
        reason: if e.kind() == std::io::ErrorKind::AlreadyExists {
            "it is a file, where backcare needs a folder".to_owned()
        } else {
            io_reason(&e)
        },
    })?;
    Ok(dir)
}

/// Replaces `path` with `contents` in one step: a crash leaves either the old file or the new one.
/// On Unix the file can be read by its owner alone, as it holds health data.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let dir = make_folder_for(path)?;
    // Beside the target, so that the rename stays on one file system. The name is random and the
    // file created anew (never one someone placed there), mode 0600 on Unix, which the rename
    // keeps; dropped on an error, it is removed.
    let mut file = NamedTempFile::new_in(dir).map_err(failed)?;
    file.write_all(contents).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    // The rename itself lasts through a crash only once the folder is synced; not every system
    // can open a folder for that, and the file is already whole either way.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
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
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["answers.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_may_read_the_file_even_one_that_was_readable_before() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    #[test]
    fn a_failed_write_is_reported_in_words() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder, so the rename over it fails.
        let path = dir.path().join("answers.json");
        fs::create_dir(&path).unwrap();
        let Err(Error::Write {
            path: named,
            reason,
        }) = write_atomically(&path, b"new")
        else {
            panic!("writing over a folder must fail");
        };
        assert_eq!(named, path.display().to_string());
        assert!(!reason.contains("os error"), "{reason}");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary is left behind");
    }
}
