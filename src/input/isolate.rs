//! Spreadsheets (xlsx, xlsb, xls, ods) are parsed in a child process of the
//! `ramme` binary with a memory and processor-time limit, and their rows are
//! streamed back over a pipe.
//!
//! Why a process: calamine allocates what a file claims before reading it
//! (a shared-string count of 4 billion, an xls DIMENSIONS record of 4 billion
//! rows, ods cells repeated 16.384 times) and an allocation failure aborts the
//! whole process, which no `catch_unwind` catches; its ods reader also loops
//! forever on a truncated `content.xml`. Checking every claim beforehand would
//! chase each present and future calamine path one by one; a child with
//! `RLIMIT_AS` and `RLIMIT_CPU` turns all of them into a [`Limit`] of that one
//! file, and the run goes on.
//!
//! The child runs the same [`super::excel::read`] as an in-process read, with
//! a sink that writes frames to standard output: `S` (a sheet; the parent
//! answers on the child's standard input whether to read it), `R` (a row),
//! `E` (end of sheet), then `D` (done) or `X` (a [`ReadError`]). A frame is
//! its tag, a u32 length and the payload (little-endian throughout).
//!
//! Isolation is on only when [`enable`] was called (by `main.rs`, which knows
//! it is the `ramme` binary); library users and unit tests read in-process.

use super::limits::{Limit, ReadLimits};
use super::{excel, SparseCell};
use super::{Cell, FileFormat, ReadError, ReadNotes, ReadOptions, Row, RowSink, SheetInfo};
use std::ffi::OsString;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The hidden first argument that makes the binary a reader child.
pub const CHILD_ARG: &str = "__read";

/// Largest frame accepted from the child: far above any real row (Excel
/// holds at most 32.767 characters in a cell).
const MAX_FRAME: usize = 256 * 1024 * 1024;

static EXE: OnceLock<PathBuf> = OnceLock::new();

/// Turns isolation on: spreadsheets are read by running `exe __read …`.
pub fn enable(exe: PathBuf) {
    let _ = EXE.set(exe);
}

/// The executable that reads spreadsheets, when isolation is on.
pub fn executable() -> Option<&'static Path> {
    EXE.get().map(PathBuf::as_path)
}

// ---------------------------------------------------------------- child side

/// The child's `main`: `ramme __read FORMAT MEMORY_MB SECONDS PATH [SHEET]`.
/// Returns the exit code.
pub fn child_main(args: &[OsString]) -> u8 {
    let (Some(format), Some(memory), Some(seconds), Some(path)) =
        (args.first(), args.get(1), args.get(2), args.get(3))
    else {
        return 2;
    };
    let Some(format) = format.to_str().and_then(parse_format) else {
        return 2;
    };
    let (Some(memory), Some(seconds)) = (
        memory.to_str().and_then(|s| s.parse::<u64>().ok()),
        seconds.to_str().and_then(|s| s.parse::<u64>().ok()),
    ) else {
        return 2;
    };
    apply_rlimits(memory, seconds);
    let options = ReadOptions {
        sheet: args.get(4).map(|s| s.to_string_lossy().into_owned()),
    };
    let stdout = std::io::stdout();
    let mut sink = PipeSink {
        out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
        answers: std::io::stdin(),
        frame: Vec::new(),
    };
    let path = PathBuf::from(path);
    let result = super::catch_panic(|| excel::read(&path, format, &options, &mut sink));
    let result = result.unwrap_or_else(|message| {
        Err(ReadError::Corrupt {
            format: format.name(),
            detail: format!("the reader failed: {message}"),
        })
    });
    sink.frame.clear();
    match result {
        Ok(_) => sink.send(b'D'),
        Err(e) => {
            encode_error(&e, &mut sink.frame);
            sink.send(b'X');
        }
    }
    match sink.out.flush() {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

#[cfg(unix)]
fn apply_rlimits(memory_mb: u64, seconds: u64) {
    let set = |resource, soft: u64, hard: u64| {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this
        // process's limits; a failure leaves the old limits (checked below).
        unsafe { libc::setrlimit(resource, &limit) }
    };
    let bytes = memory_mb.saturating_mul(1024 * 1024);
    // The soft CPU limit sends SIGXCPU, which ends the process; the hard
    // limit one second later is SIGKILL in case the signal is caught.
    let ok = set(libc::RLIMIT_AS, bytes, bytes) == 0
        && set(libc::RLIMIT_CPU, seconds, seconds.saturating_add(1)) == 0;
    if !ok {
        // Never read without the budget the parent asked for.
        std::process::exit(4);
    }
}

#[cfg(not(unix))]
fn apply_rlimits(_memory_mb: u64, _seconds: u64) {}

fn parse_format(name: &str) -> Option<FileFormat> {
    [
        FileFormat::Xlsx,
        FileFormat::Xlsb,
        FileFormat::Xls,
        FileFormat::Ods,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

struct PipeSink<W: Write> {
    out: BufWriter<W>,
    answers: std::io::Stdin,
    frame: Vec<u8>,
}

impl<W: Write> PipeSink<W> {
    /// Writes the frame buffer with `tag`. A parent that went away (it hit
    /// its own limit, or was interrupted) ends the child.
    fn send(&mut self, tag: u8) {
        let len = u32::try_from(self.frame.len()).unwrap_or(u32::MAX);
        let ok = self.out.write_all(&[tag]).is_ok()
            && self.out.write_all(&len.to_le_bytes()).is_ok()
            && self.out.write_all(&self.frame).is_ok();
        if !ok {
            std::process::exit(3);
        }
    }
}

impl<W: Write> RowSink for PipeSink<W> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.frame.clear();
        self.frame.push(u8::from(sheet.visible));
        put_str(&mut self.frame, sheet.name.as_deref().unwrap_or_default());
        self.send(b'S');
        if self.out.flush().is_err() {
            std::process::exit(3);
        }
        let mut answer = [0u8; 1];
        match self.answers.read_exact(&mut answer) {
            Ok(()) => answer[0] == 1,
            Err(_) => std::process::exit(3),
        }
    }

    fn row(&mut self, row: Row<'_>) {
        self.frame.clear();
        self.frame.extend_from_slice(&row.number.to_le_bytes());
        for sc in row.cells {
            encode_cell(sc, &mut self.frame);
        }
        self.send(b'R');
    }

    fn end_sheet(&mut self) {
        self.frame.clear();
        self.send(b'E');
    }
}

fn put_str(frame: &mut Vec<u8>, s: &str) {
    let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(s.as_bytes().get(..len as usize).unwrap_or_default());
}

fn encode_cell(sc: &SparseCell<'_>, frame: &mut Vec<u8>) {
    frame.extend_from_slice(&sc.col.to_le_bytes());
    match sc.cell {
        Cell::Empty => frame.push(b'0'),
        Cell::Text(s) => {
            frame.push(b'T');
            put_str(frame, s);
        }
        Cell::Error(s) => {
            frame.push(b'!');
            put_str(frame, s);
        }
        Cell::Int(i) => {
            frame.push(b'I');
            frame.extend_from_slice(&i.to_le_bytes());
        }
        Cell::Float(f) => {
            frame.push(b'F');
            frame.extend_from_slice(&f.to_le_bytes());
        }
        Cell::Bool(b) => {
            frame.push(b'B');
            frame.push(u8::from(b));
        }
        Cell::DateTime(dt) => {
            let utc = dt.and_utc();
            frame.push(b'D');
            frame.extend_from_slice(&utc.timestamp().to_le_bytes());
            frame.extend_from_slice(&utc.timestamp_subsec_nanos().to_le_bytes());
        }
    }
}

fn encode_error(e: &ReadError, frame: &mut Vec<u8>) {
    let (kind, a, b): (u8, String, String) = match e {
        ReadError::Io(err) => (0, err.to_string(), String::new()),
        ReadError::Empty => (1, String::new(), String::new()),
        ReadError::Encrypted => (2, String::new(), String::new()),
        ReadError::NotSpreadsheet => (3, String::new(), String::new()),
        ReadError::Corrupt { format, detail } => (4, detail.clone(), (*format).to_string()),
        // The sheets there are, one per line.
        ReadError::NoSuchSheet(name, sheets) => (5, name.clone(), sheets.join("\n")),
        // Neither is produced by the spreadsheet readers themselves.
        ReadError::Unsupported(what) => (4, (*what).to_string(), "regneark".to_string()),
        ReadError::Limit(limit) => (4, limit.to_string(), "regneark".to_string()),
        ReadError::NotUtf8 { .. } => (4, e.to_string(), "csv".to_string()),
    };
    let b = b.as_str();
    frame.push(kind);
    put_str(frame, &a);
    put_str(frame, b);
}

// --------------------------------------------------------------- parent side

/// Reads `path` in a child process of `exe`; see the module documentation.
#[cfg(unix)]
pub fn read(
    exe: &Path,
    path: &Path,
    format: FileFormat,
    options: &ReadOptions,
    limits: &ReadLimits,
    sink: &mut dyn RowSink,
) -> Result<ReadNotes, ReadError> {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let mut command = Command::new(exe);
    command
        .arg(CHILD_ARG)
        .arg(format.name())
        .arg(limits.max_memory_mb.to_string())
        .arg(limits.max_read_seconds.to_string())
        .arg(path);
    if let Some(sheet) = &options.sheet {
        command.arg(sheet);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let (Some(answers), Some(rows)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ReadError::Io(std::io::Error::other(
            "no pipe to the reader",
        )));
    };
    widen_pipe(&rows);
    // The child has the processor-time limit; waiting is limited too (a
    // child blocked on a hung disk uses no processor time): twice that.
    let wait_limit = std::time::Duration::from_secs(limits.max_read_seconds.saturating_mul(2));
    let mut pipe = Pipe::new(rows, wait_limit);
    let outcome = relay(&mut pipe, answers, format, sink);
    if outcome.is_err() {
        let _ = child.kill();
    }
    let status = child.wait()?;
    match outcome {
        Ok(result) => result,
        Err(Broken::TimedOut) => Err(ReadError::Limit(Limit::Time {
            seconds: limits.max_read_seconds,
        })),
        Err(Broken::Pipe(detail)) => Err(match status.signal() {
            Some(libc::SIGXCPU) | Some(libc::SIGKILL) => ReadError::Limit(Limit::Time {
                seconds: limits.max_read_seconds,
            }),
            // Rust aborts when an allocation fails; under RLIMIT_AS a
            // failed mmap (a new stack, say) can also show as SIGSEGV.
            Some(libc::SIGABRT) | Some(libc::SIGSEGV) | Some(libc::SIGBUS) => {
                ReadError::Limit(Limit::Memory {
                    limit_mb: limits.max_memory_mb,
                })
            }
            _ => ReadError::Corrupt {
                format: format.name(),
                detail: format!("the reader stopped ({status}; {detail})"),
            },
        }),
    }
}

/// Why relaying ended without a `D` or `X` frame.
#[derive(Debug)]
enum Broken {
    TimedOut,
    Pipe(String),
}

/// Relays frames from the child to `sink` until `D` or `X`.
fn relay(
    pipe: &mut Pipe,
    mut answers: std::process::ChildStdin,
    format: FileFormat,
    sink: &mut dyn RowSink,
) -> Result<Result<ReadNotes, ReadError>, Broken> {
    let mut frame = Vec::new();
    let mut cells: Vec<SparseCell<'static>> = Vec::new();
    loop {
        let tag = pipe.frame(&mut frame)?;
        let mut r = Decoder { bytes: &frame };
        match tag {
            b'S' => {
                let visible = r.u8()? == 1;
                let name = r.str()?.to_string();
                let want = sink.begin_sheet(&SheetInfo {
                    name: Some(name),
                    visible,
                });
                answers
                    .write_all(&[u8::from(want)])
                    .and_then(|()| answers.flush())
                    .map_err(|e| Broken::Pipe(e.to_string()))?;
            }
            b'R' => {
                let number = r.u32()?;
                let mut row_cells = recycle(std::mem::take(&mut cells));
                while !r.bytes.is_empty() {
                    row_cells.push(r.cell()?);
                }
                sink.row(Row {
                    number,
                    cells: &row_cells,
                });
                cells = recycle(row_cells);
            }
            b'E' => sink.end_sheet(),
            b'D' => {
                return Ok(Ok(ReadNotes {
                    format: Some(format),
                    ..ReadNotes::default()
                }))
            }
            b'X' => return Ok(Err(r.error(format)?)),
            other => return Err(Broken::Pipe(format!("unknown frame {other}"))),
        }
    }
}

/// Reuses a vector's allocation for cells of another lifetime (see csv.rs).
#[allow(clippy::unnecessary_filter_map)] // `filter` could not change the lifetime
fn recycle<'b>(mut cells: Vec<SparseCell<'_>>) -> Vec<SparseCell<'b>> {
    cells.clear();
    cells.into_iter().filter_map(|_| None).collect()
}

/// Gives the rows' pipe room for a megabyte (Linux; 64 KiB by default), so
/// that the reader runs on while the validator takes a slow row, and the
/// two wake each other less often. Only a hint: a pipe left as it is works
/// the same.
fn widen_pipe(rows: &std::process::ChildStdout) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: F_SETPIPE_SZ on a pipe we hold open changes only its
        // buffer size; a refusal (over the system's maximum) is ignored.
        unsafe {
            libc::fcntl(rows.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = rows;
}

/// The read end of the child's standard output, with a limit on the total
/// time spent waiting for it.
struct Pipe {
    inner: std::process::ChildStdout,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    waited: std::time::Duration,
    limit: std::time::Duration,
}

impl Pipe {
    fn new(inner: std::process::ChildStdout, limit: std::time::Duration) -> Pipe {
        Pipe {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            len: 0,
            waited: std::time::Duration::ZERO,
            limit,
        }
    }

    /// Reads one frame into `payload`; returns its tag.
    fn frame(&mut self, payload: &mut Vec<u8>) -> Result<u8, Broken> {
        let mut head = [0u8; 5];
        self.fill_exact(&mut head)?;
        let [tag, l0, l1, l2, l3] = head;
        let len = u32::from_le_bytes([l0, l1, l2, l3]) as usize;
        if len > MAX_FRAME {
            return Err(Broken::Pipe(format!("frame of {len} bytes")));
        }
        payload.resize(len, 0);
        self.fill_exact(payload)?;
        Ok(tag)
    }

    fn fill_exact(&mut self, out: &mut [u8]) -> Result<(), Broken> {
        let mut done = 0;
        while done < out.len() {
            if self.pos >= self.len {
                self.refill()?;
            }
            let available = self.buf.get(self.pos..self.len).unwrap_or_default();
            let n = available.len().min(out.len() - done);
            if let (Some(dst), Some(src)) = (out.get_mut(done..done + n), available.get(..n)) {
                dst.copy_from_slice(src);
            }
            done += n;
            self.pos += n;
        }
        Ok(())
    }

    fn refill(&mut self) -> Result<(), Broken> {
        use std::os::fd::AsRawFd;
        loop {
            let left = self.limit.saturating_sub(self.waited);
            if left.is_zero() {
                return Err(Broken::TimedOut);
            }
            let mut poll = libc::pollfd {
                fd: self.inner.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = libc::c_int::try_from(left.as_millis()).unwrap_or(libc::c_int::MAX);
            let started = std::time::Instant::now();
            // SAFETY: one valid pollfd for a descriptor we own, for the
            // duration of the call.
            let ready = unsafe { libc::poll(&mut poll, 1, ms) };
            self.waited += started.elapsed();
            if ready < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(Broken::Pipe(e.to_string()));
            }
            if ready == 0 {
                continue;
            }
            return match self.inner.read(&mut self.buf) {
                Ok(0) => Err(Broken::Pipe("end of output".into())),
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                    Ok(())
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => Err(Broken::Pipe(e.to_string())),
            };
        }
    }
}

/// Reads a frame's payload; a short or malformed frame is [`Broken::Pipe`].
struct Decoder<'a> {
    bytes: &'a [u8],
}

impl<'a> Decoder<'a> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], Broken> {
        let (head, rest) = self
            .bytes
            .split_first_chunk::<N>()
            .ok_or_else(|| Broken::Pipe("short frame".into()))?;
        self.bytes = rest;
        Ok(*head)
    }
    fn u8(&mut self) -> Result<u8, Broken> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, Broken> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn str(&mut self) -> Result<&'a str, Broken> {
        let len = self.u32()? as usize;
        if len > self.bytes.len() {
            return Err(Broken::Pipe("short text".into()));
        }
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        simdutf8::basic::from_utf8(text).map_err(|_| Broken::Pipe("text not UTF-8".into()))
    }
    fn cell(&mut self) -> Result<SparseCell<'a>, Broken> {
        let col = self.u32()?;
        let cell = match self.u8()? {
            b'0' => Cell::Empty,
            b'T' => Cell::Text(self.str()?),
            b'!' => Cell::Error(self.str()?),
            b'I' => Cell::Int(i64::from_le_bytes(self.take()?)),
            b'F' => Cell::Float(f64::from_le_bytes(self.take()?)),
            b'B' => Cell::Bool(self.u8()? == 1),
            b'D' => {
                let secs = i64::from_le_bytes(self.take()?);
                let nanos = u32::from_le_bytes(self.take()?);
                let dt = chrono::DateTime::from_timestamp(secs, nanos)
                    .ok_or_else(|| Broken::Pipe("bad date".into()))?;
                Cell::DateTime(dt.naive_utc())
            }
            other => return Err(Broken::Pipe(format!("unknown cell {other}"))),
        };
        Ok(SparseCell { col, cell })
    }
    fn error(&mut self, format: FileFormat) -> Result<ReadError, Broken> {
        let kind = self.u8()?;
        let a = self.str()?.to_string();
        let b = self.str()?;
        Ok(match kind {
            0 => ReadError::Io(std::io::Error::other(a)),
            1 => ReadError::Empty,
            2 => ReadError::Encrypted,
            3 => ReadError::NotSpreadsheet,
            5 => ReadError::NoSuchSheet(
                a,
                b.lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            _ => ReadError::Corrupt {
                format: parse_format(b).map_or("regneark", |_| format.name()),
                detail: a,
            },
        })
    }
}

#[cfg(test)]
mod tests;
