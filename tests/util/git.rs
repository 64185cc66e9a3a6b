//! Git repositories in temporary folders, for `okr diff`. Commits are made
//! with a fixed author and date, in the environment okr runs in (no user
//! or system git configuration), so their history is the same everywhere.

use std::path::Path;
use std::process::Command;

/// A git repository in a temporary folder, removed when dropped.
pub struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// An empty repository on the branch `main`.
    pub fn init() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the working tree, creating its folders.
    pub fn write(&self, path: &str, text: &str) {
        super::write(self.path(), path, text);
    }

    /// Deletes a file of the working tree.
    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    /// Commits the whole working tree, authored and committed at `date`
    /// (`2026-09-20T10:00:00`).
    pub fn commit(&self, message: &str, date: &str) {
        self.run(&["add", "-A"], Some(date));
        self.run(&["commit", "-q", "-m", message], Some(date));
    }

    /// Runs git in the repository; the test fails if git does.
    pub fn git(&self, args: &[&str]) {
        self.run(args, None);
    }

    fn run(&self, args: &[&str], date: Option<&str>) {
        let mut git = Command::new("git");
        super::command::clean(&mut git);
        git.args(args)
            .current_dir(self.path())
            .env("GIT_AUTHOR_NAME", "okr")
            .env("GIT_AUTHOR_EMAIL", "okr@example.com")
            .env("GIT_COMMITTER_NAME", "okr")
            .env("GIT_COMMITTER_EMAIL", "okr@example.com");
        if let Some(date) = date {
            git.env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date);
        }
        let status = git.status().expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
}
