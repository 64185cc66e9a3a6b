//! The catalog of every rule okr checks: codes, names, default severities and documentation.
//! The rows follow the order of `Code`, which `Code::rule` relies on; the
//! assertion at the end of this file checks that when okr is compiled.

use super::{Code, Family, Rule};
use crate::diagnostic::Severity;

pub static RULES: &[Rule] = &[
    // ------------------------------------------------------------------
    // Loading and structure
    // ------------------------------------------------------------------
    Rule {
        code: Code::L001,
        name: "yaml-syntax",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "Malformed YAML that the parser cannot read",
        what: r#"The file is not well-formed YAML: a wrong indent, an unclosed quote or bracket, a tab used for indentation, a stray `:` in a plain value. The finding is reported at the line and column where the parser stopped. Nothing else in that file is checked; every other file still is."#,
        why: r#"The YAML 1.2 specification defines which documents are well-formed; from anything else a parser cannot build a tree, so okr cannot know what you meant. Stopping at the first syntax error in a file avoids a cascade of misleading findings."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O1
     title: Grow self-serve revenue"#,
        fix: r#"Go to the reported line and column and correct the syntax; the mistake is often just before it (an unclosed quote or bracket, or a wrong indent). Once the file parses, its other rules run."#,
    },
    Rule {
        code: Code::L002,
        name: "schema",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "A field is unknown, has the wrong type, is missing, or holds an invalid value",
        what: r#"A field is not part of the format (okr suggests the field it was likely meant to be: a close typo, "did you mean `key_results`?", or another tool's name, "okr calls this `target`"), a value has the wrong type (text where a number or a list is expected; a number in disguise such as `$1.2M`, `1,200,000` or `12 ms` gets the exact rewrite, `target: 1200000` and `unit: USD`), a required field is missing, or a field is null where a value is needed (a bare `title:`). Dates must be written `YYYY-MM-DD` and be real calendar dates (`11/01/2026` gets both ISO readings in the hint). A percentage (`45%`) is a number with unit `%`: a `unit:` that says otherwise is reported. Enumerations take only their listed values: `kind` is `committed` or `aspirational`, `direction` is `up` or `down`, and an initiative's `status` is `planned`, `active`, `done` or `dropped`, while an objective's or key result's `status` is only ever `dropped` (okr works out every other status). Ids are at most 64 characters on one line (no line breaks or control characters), a `team:` cannot contain `/` (it would break `TEAM/ID` references), and `objectives:` or `key_results:` written with nothing after them are null, not empty lists. Every problem of a file is its own finding in one run: the rest of the file is still read and checked, and nothing that follows from a reported value is reported again (a misspelt `titel:` is not also a missing title; a list that could not be read is not also "too few" for O001, O002, B001 or B002)."#,
        why: r#"A typo such as `key_result:` would otherwise be ignored without a word, and the objective would silently lose its key results. Rejecting unknown fields and invalid values keeps every file meaning exactly what it says."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O1
    title: Grow self-serve revenue
    kind: stretch
    key_result:
      - title: Raise trial-to-paid conversion from 4% to 6%"#,
        fix: r#"Rename the field to the suggested name, give the value the expected type, add the missing field, or use one of the allowed values. docs/format.md lists every field."#,
    },
    Rule {
        code: Code::L003,
        name: "duplicate-key",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "A mapping repeats a key",
        what: r#"The same key appears twice in one mapping, for example two `title:` lines in one objective or two `financial:` entries under `perspectives`. The finding points at the repeated key; okr reads the first and goes on checking the rest of the file."#,
        why: r#"The YAML 1.2 specification requires the keys of a mapping to be unique, so such a file is not valid YAML. Many parsers silently keep the last value, which hides the mistake: one of the two values is simply lost."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O1
    title: Grow self-serve revenue
    title: Grow revenue from self-serve plans"#,
        fix: r#"Delete one of the two keys, keeping the value you meant. If both values matter, they belong in different places (for example two key results)."#,
    },
    Rule {
        code: Code::L004,
        name: "unreadable-file",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "A file cannot be read, is not UTF-8, or exceeds a size or YAML resource limit",
        what: r#"The file cannot be opened or read, is not valid UTF-8, is not a regular file, or is larger than `max_file_bytes` in okr.yaml (default 8 MiB). It is also reported when parsing exceeds the YAML resource limits on nesting depth, aliases or node count, which protect against alias bombs ("billion laughs"). The file is skipped; every other file is still checked. A symbolic link or a folder named like a goals file is reported too, and never followed or opened. When okr.yaml itself cannot be read, okr stops with exit code 2."#,
        why: r#"A goals repository holds small text files; anything else is a mistake (a binary or a generated dump committed by accident) or hostile input. Refusing it up front keeps okr fast and safe in CI, where a crafted file of a few hundred bytes could otherwise expand into gigabytes through YAML aliases."#,
        example: r#"# goals/okr.yaml
max_file_bytes: 65536
# goals/2026-Q4.yaml is 200 KB, or saved as UTF-16 by a spreadsheet export,
# or nests lists 100 levels deep: each is reported as L004 and not read"#,
        fix: r#"Check the file's permissions and save it as UTF-8 text; remove binary or generated files from the goals directory. Split a genuinely large file (or raise `max_file_bytes` in okr.yaml), and write plain values instead of deep alias chains."#,
    },
    Rule {
        code: Code::L005,
        name: "misnamed-file",
        family: Family::Loading,
        severity: Severity::Warning,
        summary: "A YAML file okr does not read: misnamed, or another goals folder's settings",
        what: r#"A `.yaml` or `.yml` file okr does not read, though it looks like goals:
- a name that holds a quarter but is not exactly `YYYY-QN.yaml` or `YYYY-QN.yml` with N from 1 to 4 (`2026-q4.yaml`, `Q4-2026.yaml`, `2026Q4.yml`, `2026-Q5.yaml`, `growth-2026-Q4.yaml`, `2026-Q4-sales.yaml`, `FY26-Q4.yaml`); the hint gives the name to use, with the team as the folder (`okrs/growth-2026-Q4.yaml` -> `growth/2026-Q4.yaml`) and, for a fiscal quarter, its dates under okr.yaml's fiscal year;
- a name for another period (`2027.yaml`, `2026-H2.yaml`, `2026-11.yaml`): okr has quarterly files only, and the hint names the quarter files to write;
- `okr.yaml` or `strategy.yaml` in a folder below the root: that folder is another goals repository (okr run in it finds it as the root), so neither it nor any file below it is read as part of this one; the hint gives the command to check it (run one level above `goals/`: "`goals/okr.yaml` is the settings of another goals folder, `goals`", `okr check goals`);
- a second settings or strategy file beside the first (`okr.yml` beside `okr.yaml`, `strategy.yml` beside `strategy.yaml`): only the `.yaml` one is read.

YAML files that are clearly something else (no period in the name, as `docker-compose.yml` or `mkdocs.yml`; a year beside another word, as `team-2026.yaml`; hidden files and folders, as `.github/` or `.gitlab-ci.yml`) are not reported. A run of `okr check` that checks no goals file at all exits with 2."#,
        why: r#"okr finds quarter files by their name and teams by their folder. Without this warning, a near-miss name, a yearly file, or a run in the wrong folder would make goals silently disappear from checks and reports."#,
        example: r#"# goals/platform/2026-q4.yaml
quarter: 2026-Q4
objectives:
  - id: P1
    title: Make deploys boring"#,
        fix: r#"Rename or move the file as the hint says, e.g. `2026-q4.yaml` to `2026-Q4.yaml`, `okrs/growth-2026-Q4.yaml` to `growth/2026-Q4.yaml`; split a yearly, half-year or monthly file into quarter files. For another goals folder's okr.yaml, run okr on that folder. If the file is not goals, give it a name without a period in it."#,
    },
    Rule {
        code: Code::L006,
        name: "quarter-mismatch",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "The `quarter:` field differs from the quarter in the file name",
        what: r#"A quarter file has a `quarter:` field whose value is not the quarter of its file name, e.g. `quarter: 2026-Q3` in `2026-Q4.yaml`. The field is optional; when present it must match."#,
        why: r#"Two sources of truth that disagree mean one of them is wrong, most often a file copied from the previous quarter and not updated. Quarter dates, check-in windows and scoring all depend on knowing the quarter."#,
        example: r#"# goals/2026-Q4.yaml
quarter: 2026-Q3
objectives:
  - id: O1
    title: Grow self-serve revenue"#,
        fix: r#"Make the field match the file name, or remove the `quarter:` field; if the field is right, rename the file instead."#,
    },
    Rule {
        code: Code::L007,
        name: "duplicate-team-quarter",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "Two files resolve to the same team and quarter",
        what: r#"Two quarter files end up with the same team and the same quarter. A file's team is its folder's path below the goals folder (`sales/emea`), with the folder's own part renamed by a `team:` field, and `company` for files at the repository root; so `infra/2026-Q4.yaml` with `team: platform` collides with `platform/2026-Q4.yaml`, and `2026-Q4.yaml` collides with `2026-Q4.yml` in the same folder. Two folders with the same last name (`sales/emea`, `support/emea`) are two teams and never collide."#,
        why: r#"Objective counts, ids and `aligns_to` references are all per team and quarter. With two files for one team's quarter it is ambiguous which holds the truth, and every cross-file check becomes unreliable."#,
        example: r#"# goals/infra/2026-Q4.yaml  (goals/platform/2026-Q4.yaml also exists)
team: platform
objectives:
  - id: P1
    title: Halve cloud spend per customer"#,
        fix: r#"Merge the two files into one, or correct the `team:` field (or remove it, so the folder's path applies)."#,
    },
    Rule {
        code: Code::L008,
        name: "invalid-config",
        family: Family::Loading,
        severity: Severity::Error,
        summary: "okr.yaml itself is invalid, so okr cannot trust its settings",
        what: r#"okr.yaml holds a setting that cannot be right: a limit whose `min` is greater than its `max`, an unknown rule code or severity under `rules:`, a `fiscal_year_start_month` outside 1-12, `grades.yellow` greater than `grades.green`, `pacing.on_track` greater than `pacing.at_risk`, a scoring goal outside 0..1, an empty or duplicated `perspectives` list, or a `checkin_cadence_days` of zero. okr reports it and exits with code 2, because it cannot trust its settings."#,
        why: r#"A configuration mistake silently changes what every rule checks: a misspelled code under `rules:` would leave on a rule you meant to turn off. Failing loudly, with its own exit code, separates "the goals are wrong" from "the tool is misconfigured"."#,
        example: r#"# goals/okr.yaml
fiscal_year_start_month: 13
limits:
  objectives: {min: 5, max: 3}
rules: {O099: off}"#,
        fix: r#"Correct the reported setting; docs/format.md lists every key of okr.yaml and its allowed values, and `okr rules` lists every rule code."#,
    },
    // ------------------------------------------------------------------
    // OKR rules
    // ------------------------------------------------------------------
    Rule {
        code: Code::O001,
        name: "objective-count",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "A team's quarter has too few or too many objectives",
        what: r#"A team's quarter has fewer objectives than `limits.objectives.min` or more than `limits.objectives.max` (set in okr.yaml). Objectives are counted per team per quarter; a dropped one (`status: dropped`) counts toward neither limit, so a team whose objectives are all dropped has too few live ones."#,
        why: r#"Google's re:Work guide "Set goals with OKRs" recommends three to five objectives; more spreads attention thin, fewer may leave important work without a goal. John Doerr's *Measure What Matters* (2018) names focus on a few priorities as the first OKR superpower."#,
        example: r#"# goals/platform/2026-Q4.yaml  (limits.objectives: {min: 3, max: 5})
objectives:
  - id: P1
    title: Make deploys boring
  # P2 to P5 omitted
  - id: P6
    title: Migrate the build to Bazel"#,
        fix: r#"Keep the few objectives that matter most this quarter and drop or merge the rest; if a team truly needs another range, change `limits.objectives` in okr.yaml."#,
    },
    Rule {
        code: Code::O002,
        name: "key-result-count",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "An objective has too few or too many key results",
        what: r#"An objective has fewer key results than `limits.key_results.min` or more than `limits.key_results.max` (set in okr.yaml). A dropped key result counts toward neither limit, and a dropped objective's key results are not counted at all. A parent objective, with no key results of its own and objectives of the quarter aligned to it (`aligns_to`), is scored from them and needs none."#,
        why: r#"Google's re:Work guide suggests about three key results per objective, and Doerr's *Measure What Matters* (2018) advises no more than five. An objective with none has no measure of success; one with many dilutes attention and usually mixes tasks in with results."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O1
    title: Delight enterprise customers
    key_results: []"#,
        fix: r#"Keep the key results that best show the objective is achieved and move the rest to a team's OKRs or a task tracker. If the objective has none, add at least one measurable result."#,
    },
    Rule {
        code: Code::O003,
        name: "kr-not-measurable",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "A key result is not exactly one of metric, milestone or threshold",
        what: r#"Each key result must be exactly one kind: a metric (`target`, with optional `start` and `current`), a milestone (`done`), or a threshold (`keep_above` and/or `keep_below`). okr reports a key result with none of these, one that mixes kinds (e.g. both `target` and `done`), a `start` on a milestone or threshold (start belongs to metrics), a `current` on a milestone (its state is `done`), and a `due` date on a metric or threshold (it says when a milestone is planned). A threshold may have `current`: it is the value held within the bounds. A dropped key result (`status: dropped`, or of a dropped objective) is measured by nothing and not checked."#,
        why: r#"Google's re:Work guide asks for key results that are measurable, so that each can be graded from 0.0 to 1.0 at the end of the quarter without argument. A key result with no way to measure it is a wish; one with two ways is ambiguous to score."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O1
    title: Grow self-serve revenue
    key_results:
      - title: Improve the onboarding flow"#,
        fix: r#"Give the key result exactly one way to be measured: `target` (with `start`) for a number to move, `done: false` for a milestone, or `keep_above`/`keep_below` for a level to hold. Remove the fields of the other kinds."#,
    },
    Rule {
        code: Code::O004,
        name: "kr-no-distance",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "A metric key result's target equals its start",
        what: r#"A metric key result whose `target` equals its `start` (which defaults to 0), so there is no distance to travel and progress cannot be computed."#,
        why: r#"A metric key result measures change; when start and target coincide it is met on day one and its 0.0-1.0 grade is undefined (a division by zero). Holding a level is what threshold key results are for."#,
        example: r#"# goals/2026-Q4.yaml
    key_results:
      - title: Net Promoter Score of 40
        start: 40
        target: 40"#,
        fix: r#"Set `start` to the real value at the beginning of the quarter. If the aim is to hold the value, make it a threshold instead, e.g. `keep_above: 40`."#,
    },
    Rule {
        code: Code::O005,
        name: "duplicate-id",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "Objective or key result ids repeat within a team's quarter",
        what: r#"Two objectives share an `id`, or two key results do, within one team's quarter (a key result without `id` counts with its default `<objective id>.<position>`). The same holds for strategic objective ids in strategy.yaml, which `supports` and `contributes_to` refer to."#,
        why: r#"Ids are how `aligns_to` links and reports refer to goals; with a repeated id, a link or a score may land on the wrong one."#,
        example: r#"# goals/platform/2026-Q4.yaml
objectives:
  - id: P1
    title: Make deploys boring
  - id: P1
    title: Cut cloud spend per customer"#,
        fix: r#"Give each objective and key result its own id, and update any `aligns_to` entries that point at the one you renamed."#,
    },
    Rule {
        code: Code::O006,
        name: "unknown-reference",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "`supports` or `aligns_to` names something that does not exist",
        what: r#"An entry of `supports` names no objective in strategy.yaml, or an entry of `aligns_to` names no objective of the same quarter. `aligns_to` entries are `TEAM/ID`, or a bare `ID` for an objective of the same team; TEAM is a team's full name (`sales/emea`) or a shorter tail of it (`emea`) that one team of the repository alone ends with, and a tail several teams end with is reported with the candidates. References into a quarter file that failed to load are not reported, since its objectives are unknown."#,
        why: r#"These links connect team OKRs to each other and to the strategy; Doerr's *Measure What Matters* (2018) names alignment as the second OKR superpower. A dangling link, usually a typo or a renamed objective, claims an alignment that does not exist."#,
        example: r#"# goals/platform/2026-Q4.yaml
objectives:
  - id: P1
    title: Make deploys boring
    supports: [I9]          # strategy.yaml has no I9
    aligns_to: [company/O7] # company has no O7 in 2026-Q4"#,
        fix: r#"Correct the id so it names an existing objective, or remove the entry. `aligns_to` only links objectives of the same quarter."#,
    },
    Rule {
        code: Code::O007,
        name: "alignment-cycle",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "`aligns_to` links form a cycle",
        what: r#"Following `aligns_to` from objective to objective leads back to where it started, e.g. company/O2 aligns to platform/P1, which aligns to company/O2. Each group of objectives linked into cycles is one finding, showing one cycle through it."#,
        why: r#"Alignment says how a goal contributes to a broader one, so it must lead up toward the company's objectives. A cycle has no top: the objectives in it only serve each other."#,
        example: r#"# goals/2026-Q4.yaml
objectives:
  - id: O2
    title: Make the platform enterprise-ready
    aligns_to: [platform/P1]

# goals/platform/2026-Q4.yaml
objectives:
  - id: P1
    title: Make deploys boring
    aligns_to: [company/O2]"#,
        fix: r#"Decide which objective is the broader one and remove the `aligns_to` link that points from it to the narrower one."#,
    },
    Rule {
        code: Code::O008,
        name: "orphan-objective",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "An objective supports no strategy objective and aligns to nothing",
        what: r#"When a strategy.yaml exists: an objective whose `supports` and `aligns_to` are both missing or empty. Without a strategy.yaml the rule does not run."#,
        why: r#"OKRs are meant to carry out the strategy, and Doerr's *Measure What Matters* (2018) names alignment as one of the four OKR superpowers. An objective linked to neither the strategy nor another objective may still be valuable, but nobody can see why."#,
        example: r#"# goals/platform/2026-Q4.yaml
objectives:
  - id: P3
    title: Rewrite the CLI in Rust
    key_results:
      - title: Ship the new CLI to 100% of users
        target: 100"#,
        fix: r#"Add `supports:` with the BSC objective it serves, or `aligns_to:` with the objective it contributes to. If it serves neither, consider dropping it; to turn the rule off, set `O008: off` under `rules:` in okr.yaml."#,
    },
    Rule {
        code: Code::O009,
        name: "checkin-outside-quarter",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "A check-in is dated outside its quarter",
        what: r#"A check-in's `date` falls before the first day of its file's quarter, or more than `grading_days` (okr.yaml, default 14) after its last day: check-ins in the days after a quarter are its final grades, and count in its final score. Quarter dates follow the fiscal calendar set by `fiscal_year_start_month`. The hint names the quarter the date belongs to."#,
        why: r#"OKRs are set and graded per quarter. A check-in from another quarter was usually pasted from last quarter's file or mistyped, and it distorts progress and pacing."#,
        example: r#"# goals/2026-Q4.yaml
    key_results:
      - title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        checkins:
          - {date: 2026-09-28, value: 11}"#,
        fix: r#"Correct the date, or move the check-in to the file of the quarter it belongs to."#,
    },
    Rule {
        code: Code::O010,
        name: "checkin-in-future",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "A check-in is dated after today (or `--as-of`)",
        what: r#"A check-in's `date` is later than the as-of date: the `--as-of YYYY-MM-DD` option if given, else today's date."#,
        why: r#"A check-in records a measurement already taken, so a future date is a typo. Left in place it counts as the latest check-in and skews `current`, progress and pacing."#,
        example: r#"# goals/2026-Q4.yaml  (okr check --as-of 2026-10-20)
        checkins:
          - {date: 2026-10-14, value: 9}
          - {date: 2026-12-14, value: 7}"#,
        fix: r#"Correct the date. In CI, pass `--as-of` so results do not change with the calendar."#,
    },
    Rule {
        code: Code::O011,
        name: "checkins-unordered",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "Check-ins are not in date order",
        what: r#"A key result's `checkins` list is not sorted oldest first: a check-in is dated before the one listed above it."#,
        why: r#"Check-ins are a history read top to bottom, in the file and in reviews. Entries out of order hide which value is the latest and often point to a mistyped date."#,
        example: r#"# goals/2026-Q4.yaml
        checkins:
          - {date: 2026-11-01, value: 7}
          - {date: 2026-10-14, value: 9}"#,
        fix: r#"Reorder the check-ins by date, oldest first, and check whether the out-of-place date is a typo."#,
    },
    Rule {
        code: Code::O012,
        name: "value-out-of-range",
        family: Family::Okr,
        severity: Severity::Error,
        summary: "A number is out of range: confidence, weight, threshold range, NaN or infinity",
        what: r#"A check-in `confidence` outside 0..1, a `weight` that is not greater than 0, a `keep_above` greater than `keep_below` (a range no value can be in), or a number that is NaN or infinite (`.nan`, `.inf`). The rule applies to the numbers of measures in strategy.yaml too."#,
        why: r#"Confidence is a probability, so it lies between 0 and 1; weights scale scores in an average and must be positive. A NaN or infinite value makes every score it enters meaningless, and an impossible range can never be kept."#,
        example: r#"# goals/2026-Q4.yaml
      - title: Keep p99 latency between 50 and 200 ms
        keep_above: 200
        keep_below: 50
        weight: 0
        checkins:
          - {date: 2026-10-14, value: 180, confidence: 60}"#,
        fix: r#"Write confidence as a fraction (0.6, not 60), give weights a positive value (delete a key result rather than weighting it 0), make `keep_above` no greater than `keep_below`, and replace `.nan`/`.inf` with real numbers."#,
    },
    Rule {
        code: Code::O013,
        name: "current-disagrees",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "`current` or `score` differs from the latest check-in's",
        what: r#"A key result sets `current` and has check-ins, and `current` differs from the `value` of the latest check-in that has one; or it sets `score` (a grade) and differs from the `score` of the latest graded check-in."#,
        why: r#"Two records of the same measurement that disagree mean one is stale; usually a check-in was added and `current` was not updated. An explicit `current` takes precedence, so the stale number would end up in reports."#,
        example: r#"# goals/2026-Q4.yaml
      - title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        current: 9
        checkins:
          - {date: 2026-10-14, value: 9}
          - {date: 2026-11-04, value: 6}"#,
        fix: r#"Remove `current`, so it defaults to the latest check-in's value, or correct it (or the check-in) so both agree."#,
    },
    Rule {
        code: Code::O014,
        name: "stale-checkin",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "A key result has had no check-in for longer than `checkin_cadence_days`",
        what: r#"While the as-of date (`--as-of`, default today) is inside the quarter: a key result, other than a milestone done at the as-of date (`done: true` with no check-in after the date, or a check-in of 1 or more as the latest known), whose last check-in (or the quarter's first day, if it has none) is more than `checkin_cadence_days` days before the as-of date. Check-ins dated after the as-of date do not count as recent. A dropped key result is never stale."#,
        why: r#"Doerr's *Measure What Matters* (2018) names tracking progress as one of the four OKR superpowers: goals are reviewed through the quarter, not only graded at its end. A key result without recent check-ins is usually a forgotten one."#,
        example: r#"# goals/2026-Q4.yaml  (okr check --as-of 2026-11-20; checkin_cadence_days: 14)
      - title: Cut failed deploys from 12% to 3%
        start: 12
        target: 3
        checkins:
          - {date: 2026-10-14, value: 9}"#,
        fix: r#"Add a check-in with today's value and date. If the cadence does not fit how your teams work, change `checkin_cadence_days` in okr.yaml."#,
    },
    Rule {
        code: Code::O015,
        name: "activity-key-result",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "A key result or objective is worded as an activity, not an outcome",
        what: r#"A key result or objective whose title starts with an activity word. The default words are consult, help, analyze, analyse, participate, attend, support, work on, assist, research, investigate, explore, plan, prepare, try, review, discuss, meet, coordinate and organize; set your own under `wording: {activity: [...]}` in okr.yaml. Not when the word's object is a quantity, a number right after it ("Support 10,000 concurrent drivers", "Help up to 5 partners go live"), nor when a relative pronoun follows, which makes the word a noun ("Research that shapes the roadmap"), nor, for `support`, when its object is a capability rather than people or work ("Support LSIF-based code intel" is an outcome, "Support the sales team" an activity). A milestone key result (`done`) whose title states no number, in digits or in words ("two", "one more", "a dozen"), is reported too."#,
        why: r#"Google's OKR guidance says key results must describe outcomes, not activities, and names words such as "consult", "help", "analyze" and "participate" as the sign of an activity; Doerr's *Measure What Matters* (2018) makes the same point. "Research pricing" can be finished without changing anything; "Raise average deal size from $8k to $10k" cannot."#,
        example: r#"# goals/2026-Q4.yaml
    key_results:
      - title: Research competitor pricing
        done: false"#,
        fix: r#"Rewrite the key result as the measurable result the activity should produce, e.g. "Raise trial-to-paid conversion from 4% to 6%" instead of "Analyze the trial funnel". For a milestone, name a concrete deliverable with a number in it (a count, a date, a version)."#,
    },
    Rule {
        code: Code::O016,
        name: "business-as-usual",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "An objective is worded as business as usual",
        what: r#"An objective whose title starts with a business-as-usual word. The default words are keep, maintain, continue, sustain, preserve and retain; set your own under `wording: {business_as_usual: [...]}` in okr.yaml."#,
        why: r#"Google's OKR guidance lists "business as usual" OKRs, describing what the team would do anyway, as a classic mistake: objectives should describe a change. Ongoing health is better expressed as a threshold key result (`keep_below`, `keep_above`) under an objective that aims somewhere."#,
        example: r#"# goals/platform/2026-Q4.yaml
objectives:
  - id: P3
    title: Maintain platform reliability"#,
        fix: r#"State the change you want this quarter (e.g. "Make checkout survive a region outage") and keep health metrics as threshold key results. Work that is genuinely ongoing may not need an OKR at all."#,
    },
    Rule {
        code: Code::O017,
        name: "grade-disagrees",
        family: Family::Okr,
        severity: Severity::Warning,
        summary: "A key result's grade differs from its measured score by more than 0.3",
        what: r#"A key result graded by people (`score:` on it, or on its check-ins) also has a measure (a target, a milestone, bounds) that scores it, and at the as-of date the grade and the measured score differ by more than 0.3."#,
        why: r#"Google's OKR practice grades key results 0.0-1.0 by judgment, and a grade may rightly differ a little from the numbers; but a grade of 0.9 on a key result that measures 0.4 is either a stale measure or a grade that hides a miss. The grade counts as the score, so reviewers should see the gap."#,
        example: r#"# goals/2026-Q4.yaml
      - title: Sign 20 new logos
        target: 20
        current: 8
        score: 0.9"#,
        fix: r#"Bring the measure up to date, or correct the grade; when the grade is right, say why in the key result's `note:` (and turn the rule off for such goals in okr.yaml if your organization grades by judgment alone)."#,
    },
    // ------------------------------------------------------------------
    // Balanced Scorecard rules
    // ------------------------------------------------------------------
    Rule {
        code: Code::B001,
        name: "missing-perspective",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "A configured perspective has no objective, or a perspective key is unknown",
        what: r#"A perspective of the configured `perspectives` list (by default financial, customer, internal, learning) has no objective in strategy.yaml, or strategy.yaml has a key under `perspectives:` that is not a configured perspective; okr suggests the closest one (e.g. `learnings` to `learning`)."#,
        why: r#"Kaplan and Norton's *The Balanced Scorecard* (1996) balances four perspectives: financial, customer, internal business process, and learning and growth. A scorecard missing one is no longer balanced, typically leaning on lagging financial results without the drivers behind them."#,
        example: r#"# goals/strategy.yaml
perspectives:
  financial:
    - {id: F1, title: Grow recurring revenue}
  customer:
    - {id: C1, title: Win mid-size retailers}
  internal:
    - {id: I1, title: Ship every week}
  learnings:
    - {id: L1, title: Grow data-science skills}"#,
        fix: r#"Add at least one objective for each configured perspective and correct misspelled keys. If your organization uses other perspectives, list them under `perspectives:` in okr.yaml, top of the strategy map first."#,
    },
    Rule {
        code: Code::B002,
        name: "strategy-objective-count",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "The number of BSC objectives is outside `limits.strategy_objectives`",
        what: r#"strategy.yaml has, over all perspectives, fewer objectives than `limits.strategy_objectives.min` or more than `limits.strategy_objectives.max` (set in okr.yaml)."#,
        why: r#"Kaplan and Norton's *The Balanced Scorecard* (1996) and *Strategy Maps* (2004) describe a strategy with a limited set of objectives, on the order of 10 to 25 across the four perspectives. Fewer rarely covers every perspective and the links between them; many more stops being a strategy and becomes a list of everything. The right range depends on the organization, so it is configurable."#,
        example: r#"# goals/strategy.yaml  (limits.strategy_objectives: {min: 10, max: 15})
perspectives:
  financial:
    - {id: F1, title: Grow recurring revenue}
  customer:
    - {id: C1, title: Win mid-size retailers}
  # four objectives in all"#,
        fix: r#"Add the missing drivers, or merge and drop objectives that are operational rather than strategic. If your organization needs another range, change `limits.strategy_objectives` in okr.yaml."#,
    },
    Rule {
        code: Code::B003,
        name: "objective-without-measure",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "A BSC objective has no measure",
        what: r#"An objective in strategy.yaml whose `measures` list is missing or empty."#,
        why: r#"In Kaplan and Norton's *The Balanced Scorecard* (1996), every strategic objective is translated into measures with targets. An objective without a measure cannot be tracked or reviewed, so nobody can tell whether the strategy is working."#,
        example: r#"# goals/strategy.yaml
perspectives:
  customer:
    - id: C1
      title: Win mid-size retailers
      contributes_to: [F1]"#,
        fix: r#"Add at least one measure with a `target` and a `baseline` (or a `direction`) that shows whether the objective is achieved."#,
    },
    Rule {
        code: Code::B004,
        name: "measure-without-target",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "A measure has no target, no direction, or a target equal to its baseline",
        what: r#"A measure in strategy.yaml with no `target` (and no `targets` by period, no `keep_above`/`keep_below` to hold it within, no `data_only: true`, nor `target: tbd`, which is B012); a `keep_above` above its `keep_below`; or with no `direction` and no `baseline` to infer it from (a baseline below the target implies `up`, above it `down`); or whose `target` equals its `baseline`. Also a written `direction` that contradicts baseline -> target (`direction: up` with a target below the baseline); both `target` and `targets` written; two `targets` with the same `by`; a `data_only` measure with a target, floor or ceiling; and `bands` whose `yellow` is beyond (or equal to) `green` for the measure's direction (for lower is better, `green` must be below `yellow`)."#,
        why: r#"Kaplan and Norton pair every scorecard measure with a target (*The Balanced Scorecard*, 1996). Without a target, and without knowing whether higher is better, an actual value cannot be read as progress; a target equal to the baseline asks for no change at all."#,
        example: r#"# goals/strategy.yaml
      measures:
        - id: nps
          name: Net Promoter Score
          actual: 31"#,
        fix: r#"Add a `target` (or `targets` by period), and a `baseline` different from it (or an explicit `direction: up` or `down`). A figure that is only recorded, such as the input of a ratio, is `data_only: true`. Write `targets` or `target`, not both; bands run from `green` to `yellow` in the measure's worse direction."#,
    },
    Rule {
        code: Code::B005,
        name: "unknown-map-link",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "`contributes_to` or an initiative's `objectives` names no BSC objective",
        what: r#"An entry of an objective's `contributes_to` list, or of an initiative's `objectives` list (the further objectives it serves), is not the id of any objective in strategy.yaml."#,
        why: r#"The arrows of a strategy map state Kaplan and Norton's cause-and-effect hypotheses (*Strategy Maps*, 2004). An arrow to nowhere, usually a typo or a renamed id, breaks the chain it was meant to show."#,
        example: r#"# goals/strategy.yaml
perspectives:
  customer:
    - id: C1
      title: Win mid-size retailers
      contributes_to: [F9]   # there is no F9"#,
        fix: r#"Correct the id so it names an existing BSC objective, or remove the entry."#,
    },
    Rule {
        code: Code::B006,
        name: "strategy-map-cycle",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "Strategy-map arrows (`contributes_to`) form a cycle",
        what: r#"Following `contributes_to` from objective to objective leads back to where it started, e.g. C1 contributes to I1 and I1 contributes to C1. Each group of objectives linked into cycles is one finding, showing one cycle through it."#,
        why: r#"Kaplan and Norton's strategy maps (*Strategy Maps*, 2004) read as a chain of cause and effect, from learning and growth through internal processes and customers up to financial results. In a cycle, causes and effects can no longer be told apart."#,
        example: r#"# goals/strategy.yaml
perspectives:
  customer:
    - {id: C1, title: Win mid-size retailers, contributes_to: [I1]}
  internal:
    - {id: I1, title: Ship every week, contributes_to: [C1]}"#,
        fix: r#"Decide which objective drives the other and remove the reverse arrow."#,
    },
    Rule {
        code: Code::B007,
        name: "backwards-map-link",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A strategy-map arrow points down the perspective order",
        what: r#"An objective's `contributes_to` names an objective of a perspective lower in the configured `perspectives` order, e.g. financial F1 to learning L1. Arrows within one perspective, and arrows up the order, are allowed."#,
        why: r#"In Kaplan and Norton's strategy maps (*Strategy Maps*, 2004) cause and effect runs upward: learning and growth enables internal processes, which create customer value, which produces financial results. A downward arrow usually means the link was written on the wrong objective."#,
        example: r#"# goals/strategy.yaml
perspectives:
  financial:
    - id: F1
      title: Grow recurring revenue
      contributes_to: [L1]"#,
        fix: r#"Reverse the arrow: remove L1 from F1's `contributes_to` and add `contributes_to: [F1]` to L1. If your map is ordered differently, change `perspectives:` in okr.yaml."#,
    },
    Rule {
        code: Code::B008,
        name: "unlinked-objective",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A BSC objective is not connected to the strategy map",
        what: r#"An objective of the top perspective (financial by default) that no `contributes_to` points to, or an objective of any other perspective with no `contributes_to` of its own."#,
        why: r#"In a strategy map (Kaplan and Norton, *Strategy Maps*, 2004) every objective below the top drives something above it, and every financial objective is driven by something below. An unconnected objective is either missing its links or not part of the strategy."#,
        example: r#"# goals/strategy.yaml
perspectives:
  learning:
    - id: L2
      title: Grow data-science skills
      measures: [{id: certs, name: Certified analysts, baseline: 4, target: 12}]"#,
        fix: r#"Add the missing arrow: `contributes_to:` on this objective toward what it drives, or, for a financial objective, on a lower objective that drives it. Drop objectives that drive nothing."#,
    },
    Rule {
        code: Code::B009,
        name: "quarter-outside-strategy",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A quarter file's dates are not entirely within the strategy `period`",
        what: r#"A quarter file whose quarter (on the fiscal calendar) starts before `period.start` or ends after `period.end` in strategy.yaml."#,
        why: r#"OKRs carry out the strategy for its period. A quarter outside it serves a strategy that is not yet, or no longer, in force, and its `supports` links may point to stale objectives."#,
        example: r#"# goals/strategy.yaml
period: {start: 2026-01-01, end: 2026-12-31}

# goals/2027-Q1.yaml
objectives:
  - id: O1
    title: Grow self-serve revenue"#,
        fix: r#"Extend or roll over `period` in strategy.yaml when a new strategy cycle starts, or move past quarter files out of the goals directory."#,
    },
    Rule {
        code: Code::B010,
        name: "unsupported-strategy-objective",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "No OKR of the running quarter supports a BSC objective",
        what: r#"A BSC objective that no objective of the quarter running at the as-of date (across all teams; or, without a file for it, the latest quarter before it) lists in its `supports`. A draft of a later quarter is not judged while this one runs. Not reported when a quarter file of that quarter failed to load or has objectives that could not be read."#,
        why: r#"The Balanced Scorecard exists to translate strategy into action (Kaplan and Norton, 1996). A strategy objective that no current OKR serves is not being worked on: a gap in execution, or a sign that it is no longer a priority."#,
        example: r#"# goals/strategy.yaml
perspectives:
  customer:
    - {id: C2, title: Expand into Germany}

# goals/2026-Q4.yaml, platform/2026-Q4.yaml, ...: no objective has supports: [C2]"#,
        fix: r#"Add `supports: [C2]` to the OKR objectives that serve it, or write one that does. If the objective is deliberately parked this quarter, lower this rule to `info` in okr.yaml."#,
    },
    Rule {
        code: Code::B011,
        name: "overdue-initiative",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "An initiative is past its `due` date and not done or dropped",
        what: r#"An initiative in strategy.yaml whose `due` date is before the as-of date (`--as-of`, default today) and whose `status` is neither `done` nor `dropped`."#,
        why: r#"In the Balanced Scorecard, initiatives are the action programmes meant to close the gap between a measure's actual value and its target (Kaplan and Norton, 1996 and 2004). An overdue initiative still marked active hides that the plan has slipped."#,
        example: r#"# goals/strategy.yaml  (okr check --as-of 2026-10-15)
      initiatives:
        - {title: Launch enterprise tier, owner: vp-product, due: 2026-09-30, status: active}"#,
        fix: r#"Update the initiative: mark it `done` or `dropped`, or set a new `due` date that its owner commits to."#,
    },
    Rule {
        code: Code::B012,
        name: "target-to-be-decided",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A measure's target is still to be decided",
        what: r#"A measure in strategy.yaml written with `target: tbd` (also `tba`, `to be decided`, `to be determined`): the scorecard names what it will measure, but not yet how much. The measure is unscored until it has a target, and its objective's coverage says so."#,
        why: r#"Published scorecards often list measures whose targets are still being set ("target to be decided"). Kaplan and Norton's scorecard pairs every measure with a target: without one the measure cannot tell whether the strategy is working, so the gap should stay visible until it is closed."#,
        example: r#"# goals/strategy.yaml
      measures:
        - {id: volunteer_hours, name: Volunteer hours, target: tbd}"#,
        fix: r#"Write the target once it is decided (`target: 12000`). For a level to hold rather than reach, write `keep_above` and/or `keep_below` instead."#,
    },
    Rule {
        code: Code::B013,
        name: "stale-measure",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A measure's latest value is older than its `frequency` allows",
        what: r#"A measure with `frequency: monthly`, `quarterly` or `annual` whose latest value at the as-of date (the latest history point on or before it, or `actual` from its `actual_date`) is older than one period (a calendar month, three months, twelve months) plus okr.yaml `checkin_cadence_days`. Not reported before the strategy period starts, nor for a measure with no dated value (an `actual` without `actual_date` and without history counts at every date)."#,
        why: r#"Scorecard software (BSC Designer, Spider Impact) gives every measure an update interval and flags the ones past due: a scorecard reviewed on old numbers misleads the strategy review. O014 does the same for key results."#,
        example: r#"# goals/strategy.yaml  (okr check --as-of 2026-11-28)
      measures:
        - id: nps
          name: Net Promoter Score
          frequency: monthly
          baseline: 20
          target: 40
          history: [{date: 2026-08-31, value: 27}]"#,
        fix: r#"Add the latest value to `history` (or update `actual` with its `actual_date`). If the measure is updated less often, change `frequency`."#,
    },
    Rule {
        code: Code::B014,
        name: "measure-value-in-future",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "A measure's history point or `actual_date` is after today (or `--as-of`)",
        what: r#"A history point of a measure, or its `actual_date`, dated after the as-of date (`--as-of`, default today). Such a value does not count until its date: the report uses the latest value on or before the as-of date, and an undated `actual` is dated at the last history date, so it does not count either."#,
        why: r#"A measure's history records what was measured. A date in the future is almost always a typo (2027 for 2026), and it would otherwise silently hide the current value. O010 is the same rule for check-ins."#,
        example: r#"# goals/strategy.yaml  (okr check --as-of 2026-11-28)
      measures:
        - id: nps
          name: Net Promoter Score
          baseline: 20
          target: 40
          actual: 31
          history: [{date: 2027-10-31, value: 31}]"#,
        fix: r#"Fix the date. A value planned for later belongs in `targets`, not in `history`."#,
    },
    Rule {
        code: Code::B015,
        name: "measure-value-outside-period",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A measure's history point is dated outside the strategy `period`",
        what: r#"A history point of a measure dated before `period.start` or after `period.end` in strategy.yaml."#,
        why: r#"A scorecard's history covers its strategy period: a value from before it is the baseline, and one after it belongs to the next strategy. A date outside the period is usually a typo. O009 is the same rule for check-ins."#,
        example: r#"# goals/strategy.yaml
period: {start: 2026-01-01, end: 2026-12-31}
      measures:
        - id: nps
          name: Net Promoter Score
          baseline: 20
          target: 40
          history: [{date: 2025-12-31, value: 20}]"#,
        fix: r#"Fix the date, or move a value from before the period into `baseline`."#,
    },
    Rule {
        code: Code::B016,
        name: "actual-disagrees",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A measure's `actual` differs from its latest history value",
        what: r#"A measure whose `actual` differs from the value of its latest history point on or before the as-of date, while `actual` is not dated later (`actual_date` after that point). Without `actual_date`, the actual is dated at the last history date, so it claims to be the same reading."#,
        why: r#"Two different numbers for one reading leave the reader guessing which one the scorecard shows. O013 is the same rule for a key result's `current` and its check-ins."#,
        example: r#"# goals/strategy.yaml
      measures:
        - id: nps
          name: Net Promoter Score
          baseline: 20
          target: 40
          actual: 35
          history: [{date: 2026-09-30, value: 31}]"#,
        fix: r#"Update `actual` to the latest history value, or add the new value to `history`; if `actual` was measured later, write its `actual_date`."#,
    },
    Rule {
        code: Code::B017,
        name: "formula-invalid",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "A measure's `formula` does not parse, names an unknown measure, or has its own data",
        what: r#"A calculated measure (`formula:`) whose formula does not parse (the finding names the column inside the formula), refers to a measure id the scorecard does not have (with the closest id as a suggestion), or that also writes its own `actual` or `history`. A formula is numbers, measure ids, `+ - * /`, parentheses and unary minus; such a measure has no value at any date."#,
        why: r#"Scorecard software (BSC Designer, Spider Impact) computes ratios such as cost per case from their recorded inputs so the numbers cannot drift apart. A formula that cannot be computed would silently leave its objective unscored, and a hand-written `actual` beside a formula is a second, competing number."#,
        example: r#"# goals/strategy.yaml
      measures:
        - {id: opex, name: Operating expenses, data_only: true, actual: 1200000}
        - {id: discharges, name: Adjusted discharges, data_only: true, actual: 400}
        - id: cost_per_case
          name: Cost per discharge
          formula: opex / dischrges
          baseline: 3200
          target: 2800"#,
        fix: r#"Fix the formula (the hint suggests the closest measure id), or remove `actual` and `history` from the calculated measure: record them on its inputs."#,
    },
    Rule {
        code: Code::B018,
        name: "formula-cycle",
        family: Family::Strategy,
        severity: Severity::Error,
        summary: "Calculated measures refer to each other in a cycle",
        what: r#"Following the measure ids of `formula:` from measure to measure leads back to where it started, e.g. `a: b * 2` and `b: a / 2`. Each group of formulas linked into cycles is one finding, showing one cycle through it. None of them has a value."#,
        why: r#"A measure cannot be computed from itself: the numbers of a cycle are undefined, and a scorecard that showed them would be inventing data."#,
        example: r#"# goals/strategy.yaml
      measures:
        - {id: margin, name: Margin, formula: profit / revenue, direction: up, target: 0.2}
        - {id: profit, name: Profit, formula: margin * revenue, data_only: true}
        - {id: revenue, name: Revenue, data_only: true, actual: 100}"#,
        fix: r#"Record one of the measures (`actual`, `history`, often with `data_only: true`) and compute the other from it."#,
    },
    Rule {
        code: Code::B019,
        name: "formula-divides-by-zero",
        family: Family::Strategy,
        severity: Severity::Warning,
        summary: "A calculated measure divides by zero at the as-of date",
        what: r#"A calculated measure whose formula divides by zero at the as-of date (`--as-of`, default today), with its inputs' values at that date. The measure is unscored at that date, never shown as infinite; history dates at which it divides by zero are left out of its history."#,
        why: r#"A ratio over an empty denominator (no discharges, no customers yet) has no value. Saying so is better than a score computed from infinity, and usually the denominator's value is missing or mistyped."#,
        example: r#"# goals/strategy.yaml  (okr check --as-of 2026-11-28)
      measures:
        - {id: opex, name: Operating expenses, data_only: true, actual: 1200000}
        - {id: discharges, name: Adjusted discharges, data_only: true, actual: 0}
        - {id: cost_per_case, name: Cost per discharge, formula: opex / discharges, baseline: 3200, target: 2800}"#,
        fix: r#"Record the divisor's value at that date, or change the formula so it cannot divide by zero."#,
    },
];

// Every `Code` has its row, once and in order: `Code::rule` indexes this
// table, so a missing, repeated or misplaced row stops the build here
// rather than naming the wrong rule at run time.
const _: () = {
    assert!(
        RULES.len() == Code::ALL.len(),
        "RULES must have one row per Code"
    );
    let mut i = 0;
    while i < RULES.len() {
        assert!(
            RULES[i].code.index() == i,
            "RULES must list the codes in the order of Code"
        );
        i += 1;
    }
};
