//! The README's example output blocks are what the commands print.
//!
//! A fenced `text` block right after a `<!-- output of: ARGS; ARGS -->`
//! comment in README.md shows the output of those `dossier` commands, run in
//! order on a fresh database of the bundled example corpus (`--db` is added).
//! A block whose first command is `ingest PATH...` runs instead on a fresh
//! database of its own, from the repository root (the PDF example).
//! Every line of the block, except a lone `...` standing for lines left out,
//! must be a line of their output (standard output and error together).

use super::util::{bin, examples_dir, run, workspace};

struct Block {
    commands: Vec<Vec<String>>,
    lines: Vec<String>,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(l) = lines.next() {
        let Some(spec) =
            l.trim().strip_prefix("<!-- output of:").and_then(|r| r.strip_suffix("-->"))
        else {
            continue;
        };
        let commands = spec
            .split(';')
            .map(|c| c.split_whitespace().map(|w| w.replace("%20", " ")).collect::<Vec<_>>())
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(lines.next().map(str::trim), Some("```text"), "a text block follows {l}");
        let body: Vec<String> = lines
            .by_ref()
            .take_while(|b| b.trim() != "```")
            .map(|b| b.trim_end().to_string())
            .filter(|b| !b.is_empty() && b.trim() != "...")
            .collect();
        out.push(Block { commands, lines: body });
    }
    out
}

#[test]
fn readme_output_blocks_match_real_output() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let found = blocks(&readme);
    assert!(found.len() >= 2, "README marks its example outputs with <!-- output of: ... -->");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("readme.db");
    let out = run(bin().arg("ingest").arg(examples_dir()).arg("--db").arg(&db));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ingest_text = String::from_utf8_lossy(&out.stderr).to_string();
    for (i, block) in found.iter().enumerate() {
        let mut printed = String::new();
        let own = block.commands[0].len() > 1 && block.commands[0][0] == "ingest";
        let db = if own { dir.path().join(format!("block{i}.db")) } else { db.clone() };
        for args in &block.commands {
            if args[0] == "ingest" && !own {
                printed.push_str(&ingest_text);
                continue;
            }
            let out = run(bin()
                .args(args)
                .arg("--db")
                .arg(&db)
                .env("NO_COLOR", "1")
                .current_dir(workspace()));
            assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
            printed.push_str(&String::from_utf8_lossy(&out.stdout));
            printed.push_str(&String::from_utf8_lossy(&out.stderr));
        }
        let real: std::collections::HashSet<&str> = printed.lines().map(str::trim_end).collect();
        for line in &block.lines {
            assert!(
                real.contains(line.as_str()),
                "README line not in the output of {:?}:\n{line}\n--- real output ---\n{printed}",
                block.commands
            );
        }
    }
}
