//! The GitHub Action (action.yml): the step that posts the okr diff comment
//! runs here with a fake `gh`, so what it edits or posts is checked, not
//! only read. Anyone can comment on a pull request, so it may edit only
//! okr's own comment: written by the token's user, starting with the marker.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const MARKER: &str = "<!-- okr-diff -->";

/// The `run` script of the action's step named `name`.
fn step(name: &str) -> String {
    let text = fs::read_to_string(crate::util::root().join("action.yml")).unwrap();
    let action: Value = serde_saphyr::from_str(&text).unwrap();
    let steps = action["runs"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == name).unwrap();
    step["run"].as_str().unwrap().to_owned()
}

/// A `gh` that answers `api user` with `FAKE_LOGIN` (or fails, like the
/// default GITHUB_TOKEN), lists `FAKE_COMMENTS` as the comment listing's
/// `--jq` output, and logs every edit or post to `FAKE_LOG`.
const FAKE_GH: &str = r#"#!/bin/sh
case "$*" in
  "api user"*) [ -n "$FAKE_LOGIN" ] || exit 1; printf '%s\n' "$FAKE_LOGIN" ;;
  *--paginate*) cat "$FAKE_COMMENTS" ;;
  *--method*) printf '%s\n' "$*" >> "$FAKE_LOG" ;;
  *) exit 1 ;;
esac
"#;

/// Runs the comment step with `login` as the token's user (None: the
/// default GITHUB_TOKEN) and `comments` as the "ID AUTHOR" lines of the
/// comments starting with the marker; returns the edits and posts made.
fn post(login: Option<&str>, comments: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let gh = bin.join("gh");
    fs::write(&gh, FAKE_GH).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&gh, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let diff = file("diff.md", &format!("{MARKER}\n### okr diff: 1 change\n"));
    let listing = file("comments.txt", comments);
    let log = file("log.txt", "");
    let script = file("step.sh", &step("Post the okr diff comment"));
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path)
        .env("RUNNER_TEMP", dir.path())
        .env("GH_TOKEN", "token")
        .env("REPOSITORY", "acme/goals")
        .env("PR_NUMBER", "7")
        .env("DIFF_FILE", &diff)
        .env("RUN_URL", "https://github.com/acme/goals/actions/runs/1")
        .env("FAKE_LOGIN", login.unwrap_or(""))
        .env("FAKE_COMMENTS", &listing)
        .env("FAKE_LOG", &log)
        .status()
        .unwrap();
    assert!(status.success(), "the step failed: {status}");
    let posted = fs::read_to_string(dir.path().join("okr-comment.md")).unwrap();
    assert!(posted.starts_with(MARKER), "{posted}");
    fs::read_to_string(Path::new(&log)).unwrap()
}

#[cfg(unix)]
#[test]
fn the_comment_step_edits_only_okrs_own_comment() {
    let bot = "github-actions[bot]";
    let post_new = "api --method POST repos/acme/goals/issues/7/comments";
    let edit = |id: &str| format!("api --method PATCH repos/acme/goals/issues/comments/{id}");
    // The default token: its comment is github-actions[bot]'s, not the one
    // a commenter wrote with the marker first.
    let log = post(None, &format!("11 mallory\n12 {bot}\n13 {bot}\n"));
    assert!(log.starts_with(&edit("12")), "{log}");
    assert_eq!(log.lines().count(), 1, "{log}");
    // Only someone else's comment starts with the marker: post a new one.
    let log = post(None, "11 mallory\n");
    assert!(log.starts_with(post_new), "{log}");
    // A personal access token: its own login, not the bot's.
    let log = post(Some("okr-bot"), &format!("11 {bot}\n12 okr-bot\n"));
    assert!(log.starts_with(&edit("12")), "{log}");
    let log = post(Some("okr-bot"), &format!("11 {bot}\n"));
    assert!(log.starts_with(post_new), "{log}");
    // A login that only begins like the token's is someone else.
    let log = post(None, "11 github-actions[bot]x\n12 github-actions\n");
    assert!(log.starts_with(post_new), "{log}");
}

#[test]
fn the_comment_is_found_by_a_marker_at_the_start_and_its_author() {
    let run = step("Post the okr diff comment");
    let filter = format!("startswith(\"{MARKER}\")");
    assert!(run.contains(&filter), "{run}");
    assert!(!run.contains("contains(\"<!--"), "{run}");
    assert!(run.contains(".user.login"), "{run}");
    assert!(run.contains("gh api user"), "{run}");
    assert!(run.contains("github-actions[bot]"), "{run}");
}
