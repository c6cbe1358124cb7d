//! Adding an entry at the end of the journal: one whole line in one write, under an exclusive lock,
//! then synced, and cut back off if it could not be written whole. Apart from the reading, as this
//! is the one place that changes the file.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::Entry;
use crate::error::{io_reason, Error};

/// Adds one entry at the end of the journal, creating it if need be. Never rewrites a byte.
pub fn append(path: &Path, entry: &Entry) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Append {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let dir = crate::storage::make_folder_for(path)?;
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    // A new journal holds health data: on Unix its owner alone may read it, as with the saved
    // answers. An existing journal keeps the permissions its owner gave it.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    file.lock().map_err(failed)?;
    let mut line = serde_json::to_string(entry).expect("an entry always serialises");
    line.push('\n');
    let length = file.metadata().map_err(failed)?.len();
    // A write cut off by a crash leaves no newline; the new entry starts on a line of its own so
    // that only the cut-off line is damaged.
    if length > 0 && last_byte(&mut file, length).map_err(failed)? != b'\n' {
        line.insert(0, '\n');
    }
    let written = file
        .write_all(line.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        // A full disk can take part of the line; cut it back off, or it would read as damage.
        let _ = file.set_len(length);
        return Err(failed(e));
    }
    if length == 0 {
        // A new file: make its name durable too.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

fn last_byte(file: &mut File, length: u64) -> std::io::Result<u8> {
    let mut byte = [0];
    file.seek(SeekFrom::Start(length - 1))?;
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}
