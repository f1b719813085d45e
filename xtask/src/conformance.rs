//! `cargo xtask conformance [--spec FILE]`: the generated client against Stoplight Prism.
//!
//! Installs Prism with npm at the version pinned in `xtask/prism/package-lock.json` (into the
//! git-ignored `xtask/prism/node_modules`, reused when already there), starts `prism mock` on a free
//! 127.0.0.1 port, waits until it answers, runs the conformance tests with `PRISM_URL` set, and
//! stops Prism on every way out: success, failure, panic and Ctrl-C.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// The version in `xtask/prism/package.json`; a different installed one is reinstalled.
const PRISM_VERSION: &str = "5.16.0";
/// Prism takes a few seconds to start on a slow machine.
const STARTUP_LIMIT: Duration = Duration::from_secs(90);

/// Prism's process id, for the Ctrl-C handler.
static PRISM_PID: AtomicU32 = AtomicU32::new(0);

/// The documents checked, each with its test binary in `generated-tests`: the project's OAuth v1
/// document, and the wire-shapes fixture (multipart, binary, cookies, API keys, parameter styles).
const DOCUMENTS: &[(&str, &str)] = &[
    ("spec/twilio_oauth_v1.yaml", "conformance"),
    ("generator/tests/fixtures/wire_shapes.yaml", "conformance_wire"),
];

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let root = crate::workspace_root();
    let documents = parse_args(args, &root)?;
    let prism_dir = root.join("xtask/prism");
    check_node()?;
    install(&prism_dir)?;
    std::fs::create_dir_all(root.join("target")).context("cannot create target/")?;
    for (spec, test) in &documents {
        check_document(&root, &prism_dir, spec, test)?;
    }
    Ok(())
}

/// Serves `spec` with Prism and runs the test binary `test` against it.
fn check_document(root: &Path, prism_dir: &Path, spec: &Path, test: &str) -> anyhow::Result<()> {
    let port = free_port()?;
    let log_path = root.join(format!("target/{test}-prism.log"));
    let prism = Prism::start(prism_dir, spec, port, &log_path)?;
    let url = format!("http://127.0.0.1:{port}");
    prism.wait_until_ready(port, &log_path)?;
    println!("Prism {PRISM_VERSION} serves {} at {url}", spec.display());
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root)
        .args([
            "test",
            "-p",
            "twilio-oauth-v1-tests",
            "--features",
            "conformance",
            "--test",
            test,
        ])
        .env("PRISM_URL", &url)
        .status()
        .context("cannot run cargo test")?;
    drop(prism);
    if !status.success() {
        bail!(
            "the conformance tests of {} failed against Prism; its log is {}",
            spec.display(),
            log_path.display()
        );
    }
    Ok(())
}

/// The documents to check and their tests: every one of [`DOCUMENTS`], or `--spec FILE` in place
/// of the OAuth v1 document alone (its tests must fit that file).
fn parse_args(args: &[String], root: &Path) -> anyhow::Result<Vec<(PathBuf, &'static str)>> {
    let mut documents: Vec<(PathBuf, &'static str)> =
        DOCUMENTS.iter().map(|(spec, test)| (root.join(spec), *test)).collect();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--spec" => {
                let file = iter.next().context("--spec needs a FILE")?;
                let spec = std::env::current_dir()
                    .context("cannot read the current directory")?
                    .join(file);
                documents = vec![(spec, DOCUMENTS[0].1)];
            }
            other => bail!("unknown argument `{other}`\n{}", crate::USAGE),
        }
    }
    for (spec, _) in &documents {
        if !spec.is_file() {
            bail!("{} does not exist", spec.display());
        }
    }
    Ok(documents)
}

fn check_node() -> anyhow::Result<()> {
    for tool in ["node", "npm"] {
        match Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
        {
            Ok(status) if status.success() => {}
            Ok(status) => bail!("`{tool} --version` failed ({status}); conformance needs a working Node.js and npm"),
            Err(_) => bail!(
                "`{tool}` is not installed: conformance runs Stoplight Prism, a Node.js program. \
                 Install Node.js 18 or newer with npm (for example `apt-get install nodejs npm`), then run again"
            ),
        }
    }
    Ok(())
}

/// `npm ci` from the committed lockfile, unless the pinned Prism is already installed.
fn install(prism_dir: &Path) -> anyhow::Result<()> {
    let installed = prism_dir.join("node_modules/@stoplight/prism-cli/package.json");
    let version = std::fs::read_to_string(&installed)
        .ok()
        .and_then(|text| serde_version(&text))
        .unwrap_or_default();
    if version == PRISM_VERSION && prism_dir.join("node_modules/.bin/prism").exists() {
        return Ok(());
    }
    println!(
        "installing Prism {PRISM_VERSION} with npm into {}",
        prism_dir.join("node_modules").display()
    );
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(prism_dir)
        .status()
        .context("cannot run npm")?;
    if !status.success() {
        bail!("`npm ci` failed in {} ({status})", prism_dir.display());
    }
    Ok(())
}

/// The `"version"` of a package.json, without a JSON parser in xtask.
fn serde_version(package_json: &str) -> Option<String> {
    let after = package_json.split("\"version\"").nth(1)?;
    let start = after.find('"')? + 1;
    let end = after[start..].find('"')? + start;
    Some(after[start..end].to_string())
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// A running `prism mock`, stopped when dropped.
struct Prism {
    child: Child,
}

impl Prism {
    fn start(prism_dir: &Path, spec: &Path, port: u16, log_path: &Path) -> anyhow::Result<Prism> {
        let log = std::fs::File::create(log_path).with_context(|| format!("cannot create {}", log_path.display()))?;
        let child = Command::new(prism_dir.join("node_modules/.bin/prism"))
            .arg("mock")
            .arg("--host")
            .arg("127.0.0.1")
            .arg("--port")
            .arg(port.to_string())
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start prism")?;
        PRISM_PID.store(child.id(), Ordering::SeqCst);
        // Ctrl-C: stop Prism, then leave as an interrupted program does.
        let _ = ctrlc::set_handler(|| {
            stop_pid(PRISM_PID.load(Ordering::SeqCst));
            std::process::exit(130);
        });
        Ok(Prism { child })
    }

    fn wait_until_ready(&self, port: u16, log_path: &Path) -> anyhow::Result<()> {
        let started = Instant::now();
        while started.elapsed() < STARTUP_LIMIT {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let mut log = String::new();
        let _ = std::fs::File::open(log_path).and_then(|mut f| f.read_to_string(&mut log));
        let tail: Vec<&str> = log
            .lines()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        bail!(
            "Prism did not answer on port {port} within {STARTUP_LIMIT:?}; its log ends:\n{}",
            tail.join("\n")
        )
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        stop_pid(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        PRISM_PID.store(0, Ordering::SeqCst);
    }
}

/// Asks a process to stop (SIGTERM), so Prism can close its port.
fn stop_pid(pid: u32) {
    if pid != 0 {
        let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
    }
}
