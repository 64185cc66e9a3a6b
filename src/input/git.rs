//! Reading a goals repository at a git revision with the `git` executable
//! (no libgit2): `ls-tree` lists the files, one `cat-file --batch` process
//! streams their contents. git always runs with a fixed argument list and no
//! shell, and a revision can never be read as an option.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not give okr what it needs. Each message says how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run `git`: {0}; install git and make sure it is on PATH")]
    Missing(std::io::Error),
    #[error("`{0}` does not exist or is not a folder")]
    NotAFolder(String),
    #[error(
        "`{0}` is not inside a git repository; okr diff compares git revisions (run it in a clone)"
    )]
    NotARepository(String),
    #[error("`{0}` is not a revision okr accepts: revisions may not begin with `-`")]
    OptionLike(String),
    #[error(
        "unknown revision `{0}`; in a shallow CI clone the base commit is often missing: fetch the full history (actions/checkout with `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`) or `git fetch origin {0}`"
    )]
    UnknownRevision(String),
    #[error(
        "no base revision: none of origin/HEAD, main or master exists; name one, e.g. `okr diff origin/main`"
    )]
    NoBase,
    #[error(
        "`{0}` exists but shares no history with HEAD here, as in a shallow CI clone: fetch the full history (actions/checkout with `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`)"
    )]
    NoMergeBase(String),
    #[error("git {command} failed: {message}")]
    Failed { command: String, message: String },
}

/// A git repository and the goals folder's place in it.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The work tree's top folder.
    pub root: PathBuf,
}

/// One file of a tree: path relative to the repository root, and its blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeFile {
    pub path: String,
    pub blob: String,
}

impl Repo {
    /// The repository containing `dir`.
    pub(crate) fn discover(dir: &Path) -> Result<Repo, GitError> {
        let top = run(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
            GitError::Failed { .. } => GitError::NotARepository(dir.display().to_string()),
            other => other,
        })?;
        Ok(Repo {
            root: PathBuf::from(top.trim_end_matches(['\n', '\r'])),
        })
    }

    fn git(&self, args: &[&str]) -> Result<String, GitError> {
        run(&self.root, args)
    }

    /// The commit a revision names, as a full hash.
    pub(crate) fn resolve(&self, revision: &str) -> Result<String, GitError> {
        if revision.starts_with('-') {
            return Err(GitError::OptionLike(revision.to_owned()));
        }
        let spec = format!("{revision}^{{commit}}");
        self.git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ])
        .map(|s| s.trim().to_owned())
        .map_err(|_| GitError::UnknownRevision(revision.to_owned()))
    }

    /// The base of a pull request: the merge base of `head` with origin/HEAD,
    /// else with main or master.
    pub(crate) fn default_base(&self, head: &str) -> Result<String, GitError> {
        let mut unrelated = None;
        for name in [
            "origin/HEAD",
            "main",
            "master",
            "origin/main",
            "origin/master",
        ] {
            let Ok(upstream) = self.resolve(name) else {
                continue;
            };
            match self.git(&["merge-base", "--end-of-options", head, &upstream]) {
                Ok(base) => return Ok(base.trim().to_owned()),
                Err(_) => unrelated = unrelated.or(Some(name)),
            }
        }
        Err(unrelated.map_or(GitError::NoBase, |name| {
            GitError::NoMergeBase(name.to_owned())
        }))
    }

    /// The committer date of a commit.
    pub(crate) fn commit_date(&self, commit: &str) -> Result<chrono::NaiveDate, GitError> {
        let text = self.git(&["show", "-s", "--format=%cs", "--end-of-options", commit])?;
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| GitError::Failed {
            command: "show".to_owned(),
            message: e.to_string(),
        })
    }

    /// Every file of `commit` below `folder` (relative to the root; empty for all).
    pub(crate) fn tree(&self, commit: &str, folder: &str) -> Result<Vec<TreeFile>, GitError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit];
        if !folder.is_empty() {
            args.push("--");
            args.push(folder);
        }
        let listing = self.git(&args)?;
        Ok(listing
            .split('\0')
            .filter_map(|entry| {
                // "<mode> <type> <object>\t<path>"
                let (meta, path) = entry.split_once('\t')?;
                let mut parts = meta.split(' ');
                let (mode, kind, blob) = (parts.next()?, parts.next()?, parts.next()?);
                // Regular files only: links (120000) and submodules are not followed.
                (kind == "blob" && mode.starts_with("100")).then(|| TreeFile {
                    path: path.to_owned(),
                    blob: blob.to_owned(),
                })
            })
            .collect())
    }

    /// The contents of blobs, in order, through one `git cat-file --batch`.
    /// A blob larger than `max_bytes` comes back as None (read and dropped).
    pub(crate) fn blobs(
        &self,
        blobs: &[&str],
        max_bytes: u64,
    ) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::Missing)?;
        let failed = |message: String| GitError::Failed {
            command: "cat-file".to_owned(),
            message,
        };
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| failed("no stdin".to_owned()))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| failed("no stdout".to_owned()))?;
        // Write the requests from another thread, so neither pipe can fill up and block.
        let requests: String = blobs.iter().map(|b| format!("{b}\n")).collect();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(requests.as_bytes());
        });
        let mut reader = BufReader::new(stdout);
        let mut out = Vec::with_capacity(blobs.len());
        for _ in blobs {
            let mut header = String::new();
            reader
                .read_line(&mut header)
                .map_err(|e| failed(e.to_string()))?;
            // "<object> blob <size>\n", or "<object> missing\n"
            let size: u64 = header
                .split(' ')
                .nth(2)
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| failed(format!("unexpected reply `{}`", header.trim())))?;
            let mut body = Vec::new();
            (&mut reader)
                .take(size + 1)
                .read_to_end(&mut body)
                .map_err(|e| failed(e.to_string()))?;
            body.pop(); // the newline after each object
            out.push((size <= max_bytes).then_some(body));
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(out)
    }
}

/// Runs git in `dir` and returns its standard output.
fn run(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    // Starting git in a missing folder fails like a missing git would.
    if !dir.is_dir() {
        return Err(GitError::NotAFolder(dir.display().to_string()));
    }
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        // Folder names are names: `:x` or `g[1]` are not pathspec magic or globs.
        .env("GIT_LITERAL_PATHSPECS", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Missing)?;
    if !output.status.success() {
        return Err(GitError::Failed {
            command: args.first().copied().unwrap_or_default().to_owned(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    String::from_utf8(output.stdout).map_err(|e| GitError::Failed {
        command: args.first().copied().unwrap_or_default().to_owned(),
        message: e.to_string(),
    })
}
