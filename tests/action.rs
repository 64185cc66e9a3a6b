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
#[cfg(unix)]
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
#[cfg(unix)]
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

/// A `curl` that serves `$FAKE_RELEASES/TAG/NAME` for any
/// `.../releases/download/TAG/NAME` URL, and fails like `curl -f` on a
/// missing file (a missing release, or an asset it lacks).
#[cfg(unix)]
const FAKE_CURL: &str = r#"#!/bin/sh
out='' url=''
while [ "$#" -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift ;;
    -*) ;;
    *) url=$1 ;;
  esac
  shift
done
printf '%s\n' "$url" >> "$FAKE_LOG"
file="$FAKE_RELEASES/${url#*/releases/download/}"
[ -f "$file" ] || exit 22
cp "$file" "$out"
"#;

/// What a run of one of the action's steps left: its exit status, output,
/// `$GITHUB_OUTPUT` as pairs, `$GITHUB_PATH` and the URLs curl was asked for.
#[cfg(unix)]
struct Ran {
    success: bool,
    stdout: String,
    outputs: Vec<(String, String)>,
    path: String,
    fetched: String,
}

#[cfg(unix)]
impl Ran {
    fn output(&self, key: &str) -> &str {
        self.outputs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Runs the action's step `name` in `dir` (the runner's temporary folder
/// is `dir/runner`), with the fake curl first on PATH and `env` set.
#[cfg(unix)]
fn run_step(dir: &Path, name: &str, env: &[(&str, &str)]) -> Ran {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let curl = bin.join("curl");
    fs::write(&curl, FAKE_CURL).unwrap();
    fs::set_permissions(&curl, fs::Permissions::from_mode(0o755)).unwrap();
    let runner = dir.join("runner");
    fs::create_dir_all(&runner).unwrap();
    let file = |name: &str| {
        let path = runner.join(name);
        fs::write(&path, "").unwrap();
        path
    };
    let (outputs, paths, log) = (file("output"), file("path"), file("curl.log"));
    let script = dir.join("step.sh");
    fs::write(&script, step(name)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .current_dir(dir)
        .env("PATH", path)
        .env("RUNNER_TEMP", &runner)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_PATH", &paths)
        .env("FAKE_RELEASES", dir.join("releases"))
        .env("FAKE_LOG", &log)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let outputs = fs::read_to_string(&outputs).unwrap();
    Ran {
        success: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
        outputs: outputs
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
        path: fs::read_to_string(&paths).unwrap(),
        fetched: fs::read_to_string(&log).unwrap(),
    }
}

/// The SHA-256 of a file, as sha256sum (or shasum) prints it.
#[cfg(unix)]
fn sha256(file: &Path) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi"#)
        .arg("sh")
        .arg(file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.split(' ').next().unwrap().to_owned()
}

/// An action checkout of okr 9.9.9 (what the fingerprint covers), and a
/// release v9.9.9 of it for x86_64 Linux whose okr prints its version; the
/// release's okr-source.sha256 is `fingerprint`, or the action's own.
#[cfg(unix)]
fn action_and_release(dir: &Path, fingerprint: Option<&str>) -> Vec<(&'static str, String)> {
    let source = dir.join("action");
    fs::create_dir_all(source.join("src")).unwrap();
    fs::write(
        source.join("Cargo.toml"),
        "[package]\nname = \"okr\"\nversion = \"9.9.9\"\n",
    )
    .unwrap();
    fs::write(source.join("Cargo.lock"), "version = 4\n").unwrap();
    fs::write(source.join("src/main.rs"), "fn main() {}\n").unwrap();
    let env = vec![
        ("OKR_SOURCE", source.display().to_string()),
        (
            "ACTION_REF",
            "0123456789abcdef0123456789abcdef01234567".to_owned(),
        ),
        ("ACTION_REPOSITORY", "acme/okr".to_owned()),
        ("SERVER_URL", "https://github.com".to_owned()),
        ("OKR_RUNNER_OS", "Linux".to_owned()),
        ("OKR_RUNNER_ARCH", "X64".to_owned()),
    ];
    // The action's own fingerprint: what the step computes with no release.
    let own = {
        let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let ran = run_step(dir, "Find okr's release", &pairs);
        assert!(ran.success, "{}", ran.stdout);
        assert_eq!(ran.output("found"), "false");
        ran.output("hash").to_owned()
    };
    assert_eq!(own.len(), 64, "{own}");
    let release = dir.join("releases/v9.9.9");
    let folder = release.join("okr-9.9.9-x86_64-unknown-linux-musl");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("okr"), "#!/bin/sh\necho 'okr 9.9.9'\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(folder.join("okr"), fs::Permissions::from_mode(0o755)).unwrap();
    }
    let archive = "okr-9.9.9-x86_64-unknown-linux-musl.tar.gz";
    let made = Command::new("tar")
        .args(["-czf", archive, "okr-9.9.9-x86_64-unknown-linux-musl"])
        .current_dir(&release)
        .status()
        .unwrap();
    assert!(made.success());
    fs::remove_dir_all(&folder).unwrap();
    let sum = sha256(&release.join(archive));
    fs::write(
        release.join("SHA256SUMS"),
        format!(
            "{}  okr-9.9.9-x86_64-pc-windows-msvc.zip\n{sum}  {archive}\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    fs::write(
        release.join("okr-source.sha256"),
        format!("{}\n", fingerprint.unwrap_or(&own)),
    )
    .unwrap();
    env
}

#[cfg(unix)]
fn pairs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// `@COMMIT_SHA` of a released version: the release's okr, checksum checked.
#[cfg(unix)]
#[test]
fn the_action_installs_the_release_built_from_its_own_sources() {
    let dir = tempfile::tempdir().unwrap();
    let env = action_and_release(dir.path(), None);
    let found = run_step(dir.path(), "Find okr's release", &pairs(&env));
    assert!(found.success, "{}", found.stdout);
    assert_eq!(found.output("found"), "true", "{}", found.stdout);
    assert_eq!(
        found.output("url"),
        "https://github.com/acme/okr/releases/download/v9.9.9"
    );
    assert_eq!(
        found.output("archive"),
        "okr-9.9.9-x86_64-unknown-linux-musl.tar.gz"
    );
    let download = [
        ("OKR_URL", found.output("url")),
        ("ARCHIVE", found.output("archive")),
        ("FOLDER", found.output("folder")),
    ];
    let ran = run_step(dir.path(), "Download okr", &download);
    assert!(ran.success, "{}", ran.stdout);
    assert!(ran.stdout.contains("okr 9.9.9"), "{}", ran.stdout);
    assert!(ran.stdout.contains("as in SHA256SUMS"), "{}", ran.stdout);
    assert!(
        ran.fetched.contains("/v9.9.9/SHA256SUMS"),
        "{}",
        ran.fetched
    );
    let bin = Path::new(ran.path.trim());
    assert!(bin.join("okr").is_file(), "{}", ran.path);

    // An archive that is not the one SHA256SUMS names is never installed.
    let sums = dir.path().join("releases/v9.9.9/SHA256SUMS");
    let text = fs::read_to_string(&sums).unwrap();
    let real = sha256(
        &dir.path()
            .join("releases/v9.9.9")
            .join(found.output("archive")),
    );
    fs::write(&sums, text.replace(&real, &"f".repeat(64))).unwrap();
    fs::remove_dir_all(dir.path().join("runner")).unwrap();
    let ran = run_step(dir.path(), "Download okr", &download);
    assert!(!ran.success, "{}", ran.stdout);
    assert!(
        ran.stdout.contains("::error title=okr::the SHA-256"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.path, "", "nothing was put on PATH");
    // Nor one SHA256SUMS does not list.
    fs::write(&sums, format!("{real}  okr-other.tar.gz\n")).unwrap();
    let ran = run_step(dir.path(), "Download okr", &download);
    assert!(!ran.success, "{}", ran.stdout);
}

/// No matching release: the action builds okr from its source instead.
#[cfg(unix)]
#[test]
fn the_action_builds_from_source_when_no_release_matches() {
    let dir = tempfile::tempdir().unwrap();
    // A release of the same version built from other sources (a commit
    // after the tag, say).
    let env = action_and_release(dir.path(), Some(&"a".repeat(64)));
    let ran = run_step(dir.path(), "Find okr's release", &pairs(&env));
    assert!(ran.success, "{}", ran.stdout);
    assert_eq!(ran.output("found"), "false");
    assert!(
        ran.stdout.contains("built from other sources"),
        "{}",
        ran.stdout
    );
    // Used by path: no repository, so no release is looked for.
    let mut by_path = env.clone();
    by_path.retain(|(k, _)| *k != "ACTION_REPOSITORY" && *k != "ACTION_REF");
    let ran = run_step(dir.path(), "Find okr's release", &pairs(&by_path));
    assert_eq!(ran.output("found"), "false");
    assert!(ran.stdout.contains("used by path"), "{}", ran.stdout);
    // A runner no archive is built for.
    let mut arm32 = env.clone();
    arm32.retain(|(k, _)| *k != "OKR_RUNNER_ARCH");
    arm32.push(("OKR_RUNNER_ARCH", "ARM".to_owned()));
    let ran = run_step(dir.path(), "Find okr's release", &pairs(&arm32));
    assert_eq!(ran.output("found"), "false");
    assert!(ran.stdout.contains("Linux ARM"), "{}", ran.stdout);
    // A tag with no release.
    let mut tag = env;
    tag.retain(|(k, _)| *k != "ACTION_REF");
    tag.push(("ACTION_REF", "v9.9.8".to_owned()));
    let ran = run_step(dir.path(), "Find okr's release", &pairs(&tag));
    assert_eq!(ran.output("found"), "false");
    assert!(ran.stdout.contains("no release v9.9.8"), "{}", ran.stdout);
}

/// Without a matching release, the cache and `cargo install` steps run; with
/// one, they are skipped.
#[test]
fn the_source_build_runs_only_without_a_release() {
    let text = fs::read_to_string(crate::util::root().join("action.yml")).unwrap();
    let action: Value = serde_saphyr::from_str(&text).unwrap();
    let steps = action["runs"]["steps"].as_array().unwrap();
    let condition = |name: &str| {
        let step = steps.iter().find(|s| s["name"] == name).unwrap();
        step["if"].as_str().unwrap_or("").to_owned()
    };
    assert_eq!(
        condition("Download okr"),
        "steps.release.outputs.found == 'true'"
    );
    for name in ["Cache okr", "Install okr from source"] {
        assert_eq!(
            condition(name),
            "steps.release.outputs.found != 'true'",
            "{name}"
        );
    }
}
