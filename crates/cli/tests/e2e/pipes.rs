//! A reader that goes away (`dossier export | head -1`) ends a command
//! quietly with exit code 0, for every command that writes to stdout.

use std::io::Read;
use std::process::Stdio;

use crate::util::*;

/// Runs dossier with `args`, reads one byte of its output and closes the
/// pipe; returns the exit code and what it wrote to stderr.
fn closed_after_one_byte(args: &[std::ffi::OsString]) -> (Option<i32>, String) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dossier");
    let mut out = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    let _ = out.read(&mut one).expect("read one byte");
    drop(out);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let out = run(bin().arg("ingest").arg(examples_dir()).arg("--db").arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let os = |v: &[&str]| -> Vec<std::ffi::OsString> {
        let mut a: Vec<std::ffi::OsString> = v.iter().map(Into::into).collect();
        if v[0] != "extract" {
            a.push("--db".into());
            a.push(db.clone().into());
        }
        a
    };
    let mut extract = os(&["extract", "--with-text"]);
    extract.extend(example_files().into_iter().map(Into::into));
    let commands = [
        extract,
        os(&["export", "--with-text"]),
        os(&["export", "--format", "ftm"]),
        os(&["export", "--format", "graphml"]),
        os(&["export", "--format", "acled"]),
        os(&["entities"]),
        os(&["profile", "ISIS-K"]),
        os(&["profile", "ISIS-K", "--format", "json"]),
        os(&["conflicts", "--changes"]),
        os(&["timeline", "ISIS-K"]),
        os(&["sources", "ISIS-K"]),
    ];
    for args in &commands {
        let (code, err) = closed_after_one_byte(args);
        assert_eq!(code, Some(0), "{args:?} exited {code:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
    }
}
