//! The egui desktop app: a thin layer that draws the core's state and turns clicks into
//! commands. `app` holds the state and carries out commands; `view` draws the frame;
//! `screens` draws each step; `storage` keeps settings and the autosave.

pub mod app;
mod drafts;
pub mod fonts;
pub mod ime;
mod preview;
pub mod screens;
pub mod storage;
pub mod training;
mod view;
pub mod widgets;

use std::path::Path;

pub use app::{App, Command, Dialog, Screen};

/// Starts the app window. `rules_dir` overrides the remembered rules folder; `open` is a
/// case file to open at once.
pub fn run(rules_dir: Option<&Path>, cases_dir: Option<&Path>, open: Option<&Path>) -> anyhow::Result<()> {
    let open = open.map(Path::to_path_buf);
    // The case is read (parsed, its seal checked) and the rules loaded while the window is
    // made: for the largest case that is most of the time to the first frame. Both threads
    // start when the window is about to be made, not before: once a process has a second
    // thread, C's stdio locks every character it reads, and the X input method reads the
    // locale's whole Compose table a character at a time as the event loop is built (9 ms
    // of the start with the threads running, 1 ms without).
    let reading = std::sync::Arc::new(Ahead::new(open.clone().map(|p| {
        move || {
            let loaded = app::Loaded::read(&p);
            bench_mark("case_read");
            loaded
        }
    })));
    let cases = cases_dir.map(Path::to_path_buf);
    let storage = storage::Storage::new(storage::default_data_dir());
    let settings = storage.load_settings();
    crate::set_locale(&settings.language);
    let dir = rules_dir.map(Path::to_path_buf).or(settings.rules_dir.clone());
    let rules = {
        let dir = dir.clone();
        AheadRules::new(move || {
            let rules = crate::core::rules::load_rules(dir.as_deref()).map_err(|e| e.to_string());
            bench_mark("rules");
            rules
        })
    };
    let bench = std::env::var_os("ITAKU_NAVI_BENCH_FIRST_FRAME").is_some();
    let size = settings.window_size.unwrap_or(DEFAULT_SIZE);
    let look = settings.last_look.unwrap_or_default();
    let make_app = AppMaker {
        rules: rules.clone(),
        dir: dir.clone(),
        storage,
        open: open.clone(),
        cases,
        reading: reading.clone(),
    };
    let warm_ctx = egui::Context::default();
    setup(&warm_ctx);
    let warmed = std::sync::Arc::new(first_screen_ahead(warm_ctx.clone(), make_app.clone(), size, look));
    let unused_ctx = std::cell::Cell::new(Some(warm_ctx.clone()));
    // The window is made once per renderer tried. The app is made once, from the first
    // attempt's hook (after the event loop exists: before that nothing of the user's is
    // touched), and serves whichever window opens.
    let open_window = |renderer: eframe::Renderer| {
        if rules.failed() {
            // No window for rules that do not load (a first attempt found it): the error is
            // reported below, not as a renderer that failed.
            return Ok(());
        }
        let mut viewport = egui::ViewportBuilder::default()
            .with_title(crate::tr("app.title"))
            .with_inner_size(size)
            .with_min_inner_size(MIN_SIZE);
        if let Some(icon) = window_icon() {
            viewport = viewport.with_icon(icon);
        }
        // Called once the event loop (and its input method) exists, just before the window
        // is made: the reading threads start there (once, whatever the attempt).
        let starting = (rules.clone(), reading.clone(), warmed.clone());
        let window_builder: eframe::WindowBuilderHook = Box::new(move |viewport| {
            starting.0.start();
            starting.1.start();
            starting.2.start();
            viewport
        });
        // The first attempt's window gets the context its first screen is laid out in.
        let ctx = unused_ctx.take();
        let options = eframe::NativeOptions {
            viewport,
            renderer,
            window_builder: Some(window_builder),
            // The fonts are embedded; a system font provider would also make egui build its
            // fonts again, dropping the glyphs drawn ahead.
            system_font_fallback: false,
            ..Default::default()
        };
        let (warm_ctx, warmed, make_app) = (warm_ctx.clone(), warmed.clone(), make_app.clone());
        eframe::run_native_ext(
            "itaku-navi",
            options,
            ctx,
            Box::new(move |cc| {
                bench_mark("window");
                // The app made ahead, unless an earlier attempt took it. A later renderer's
                // window has a context of its own: the app made ahead still serves (its first
                // screen is laid out again there).
                let ahead = warmed.take();
                if cc.egui_ctx != warm_ctx {
                    setup(&cc.egui_ctx);
                }
                let app = match ahead {
                    Some(app) => app?,
                    None => make_app.make()?,
                };
                bench_mark("app");
                Ok(Box::new(Window {
                    app,
                    title: String::new(),
                    bench,
                    frames: 0,
                    parented: false,
                    fitted: false,
                    size: None,
                    look: None,
                }))
            }),
        )
    };
    let shown = renderers::run_with_fallback(open_window);
    // Rules that do not load are the error, whatever became of the window.
    match rules.get() {
        Err(e) => Err(anyhow::anyhow!("{}:\n{e}", crate::tr("app.rules_error"))),
        Ok(_) => shown,
    }
}

/// The widest font atlas the app asks for. The first screen's glyphs are drawn ahead, before
/// the renderer can tell its largest texture, and egui starts its font atlas again when that
/// largest side changes; a fixed side keeps them. (egui's atlas is as wide as the renderer
/// allows, up to 16 384 pixels: for a software renderer — a virtual desktop, Mesa's llvmpipe
/// — a narrower one is also quicker to upload: 4–5 ms of the bare window's first frame.)
pub const ATLAS_SIDE: usize = 8192;

/// Asks for a font atlas at most [`ATLAS_SIDE`] wide in a frame's input (eframe's
/// `raw_input_hook`: eframe puts the renderer's largest texture side there).
pub fn limit_atlas(raw_input: &mut egui::RawInput) {
    raw_input.max_texture_side = raw_input.max_texture_side.map(|side| side.min(ATLAS_SIDE));
}

/// What the app is made of at a start: the rules loading, the folders and the case given.
#[derive(Clone)]
struct AppMaker {
    rules: AheadRules,
    dir: Option<std::path::PathBuf>,
    storage: storage::Storage,
    open: Option<std::path::PathBuf>,
    cases: Option<std::path::PathBuf>,
    reading: std::sync::Arc<Ahead<app::Loaded>>,
}

impl AppMaker {
    /// The app with its rules (waits for them) and the case given at the start, or why the
    /// rules did not load.
    fn make(&self) -> Result<App, String> {
        let rules = self.rules.get()?;
        let mut app = App::new(rules, self.dir.clone(), self.storage.clone());
        if let Some(cases) = &self.cases {
            app.use_cases_dir(cases);
        }
        if let Some(path) = &self.open {
            // Taken once: a second renderer's attempt reads the file itself.
            match self.reading.take() {
                Some(loaded) => app.open_read(loaded),
                None => app.handle(Command::Open(path.clone())),
            }
        }
        Ok(app)
    }
}

/// The app made and its first screen laid out once, on a thread of its own while the window
/// is made, in `ctx`, the egui context the window then uses: drawing the screen's glyphs into
/// the font atlas is most of a first frame's work, and it is done beside the window's making.
fn first_screen_ahead(
    ctx: egui::Context,
    maker: AppMaker,
    size: [f32; 2],
    look: storage::LastLook,
) -> Ahead<Result<App, String>> {
    Ahead::new(Some(move || {
        let mut app = maker.make()?;
        let _ = warm_up(&ctx, &mut app, size, look);
        bench_mark("warmed");
        Ok(app)
    }))
}

/// Lays the app's first screen out in `ctx` as the window will show it (its size in
/// points, the display's scale and theme as `look` remembers them) and drops what it drew:
/// the glyphs stay in the context's font atlas, the laid-out texts in its cache, and the
/// atlas's image is kept for the window's first frame to upload. Returns what the last pass
/// drew (less the atlas), which nothing paints.
pub fn warm_up(ctx: &egui::Context, app: &mut App, size: [f32; 2], look: storage::LastLook) -> egui::FullOutput {
    app.apply_look(ctx);
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size.into())),
        max_texture_side: Some(ATLAS_SIDE),
        system_theme: Some(if look.dark { egui::Theme::Dark } else { egui::Theme::Light }),
        ..Default::default()
    };
    input.viewports.insert(
        egui::ViewportId::ROOT,
        egui::ViewportInfo { native_pixels_per_point: Some(look.scale), ..Default::default() },
    );
    // Twice: the second pass lays the screen out as a window's second frame does, once the
    // scroll areas know their content (a scroll bar narrows what wraps beside it).
    let mut atlas = Vec::new();
    let mut drawn = egui::FullOutput::default();
    for _ in 0..2 {
        drawn = ctx.run_ui(input.clone(), |ui| app.show(ui));
        atlas.extend(std::mem::take(&mut drawn.textures_delta.set));
        // Textures freed in a pass were never uploaded: nothing to tell the window.
        drawn.textures_delta.clear();
    }
    // The font atlas went out with these passes' output, which no window paints: it goes out
    // again with the first frame the window paints.
    let textures = ctx.tex_manager();
    let mut textures = textures.write();
    for (id, deltas) in atlas {
        if textures.meta(id).is_some() {
            for delta in deltas {
                textures.set(id, delta);
            }
        }
    }
    drawn
}

/// Work for a thread of its own, started once ([`Ahead::start`]) and taken once
/// ([`Ahead::take`], which starts it if nothing did and waits for it).
struct Ahead<T>(std::sync::Mutex<AheadState<T>>);

/// Where the work of an [`Ahead`] stands.
enum AheadState<T> {
    /// Not started yet.
    Waiting(Box<dyn FnOnce() -> T + Send>),
    /// Running on its thread.
    Running(std::thread::JoinHandle<T>),
    /// Taken, or there was none.
    Over,
}

impl<T: Send + 'static> Ahead<T> {
    /// Work to start later; `None` is none at all.
    fn new(work: Option<impl FnOnce() -> T + Send + 'static>) -> Self {
        let state = match work {
            Some(work) => AheadState::Waiting(Box::new(work)),
            None => AheadState::Over,
        };
        Ahead(std::sync::Mutex::new(state))
    }

    /// Starts the work on its thread, unless it started before.
    fn start(&self) {
        if let Ok(mut state) = self.0.lock() {
            *state = match std::mem::replace(&mut *state, AheadState::Over) {
                AheadState::Waiting(work) => AheadState::Running(std::thread::spawn(work)),
                other => other,
            };
        }
    }

    /// What the work gave, once (waits for it to end); `None` when it was taken before,
    /// there was none, or it stopped.
    fn take(&self) -> Option<T> {
        self.start();
        let running = self.0.lock().ok().map(|mut s| std::mem::replace(&mut *s, AheadState::Over));
        match running {
            Some(AheadState::Running(handle)) => handle.join().ok(),
            _ => None,
        }
    }
}

/// The rule set, loaded on its own thread while the window is made: the first to need it
/// waits for it; every later one gets a copy of the same result.
#[derive(Clone)]
struct AheadRules(std::sync::Arc<(Ahead<RulesLoaded>, std::sync::OnceLock<RulesLoaded>)>);

/// The rules, or why they did not load.
type RulesLoaded = Result<crate::core::rules::RuleSet, String>;

impl AheadRules {
    fn new(load: impl FnOnce() -> RulesLoaded + Send + 'static) -> Self {
        AheadRules(std::sync::Arc::new((Ahead::new(Some(load)), std::sync::OnceLock::new())))
    }

    /// Starts the loading, unless it started before.
    fn start(&self) {
        self.0.0.start();
    }

    /// The rules, or why they did not load (starts the loading if nothing did, and waits
    /// for it to end).
    fn get(&self) -> RulesLoaded {
        self.0
            .1
            .get_or_init(|| self.0.0.take().unwrap_or_else(|| Err("the rules' loading stopped".to_string())))
            .clone()
    }

    /// True when the loading ended with an error (false while it runs).
    fn failed(&self) -> bool {
        self.0.1.get().is_some_and(Result::is_err)
    }
}

/// Which renderer draws the window. OpenGL 2 (glow) first: every PC with a graphics
/// driver has it, and so has Wine. On Windows, a PC or remote desktop that offers only
/// Windows' own OpenGL 1.1 (virtual desktops, RDP without a GPU) cannot start it: the
/// window is then drawn with Direct3D 12 (wgpu), which Windows 10 and later provide even
/// without a GPU (WARP); builds with `--cfg itaku_glow_only` (CI's Wine smoke exe) have glow
/// only. `ITAKU_NAVI_RENDERER=glow|wgpu` forces one.
mod renderers {
    /// Opens the window with the first renderer that starts; the error names each failure.
    pub(super) fn run_with_fallback(open_window: impl Fn(eframe::Renderer) -> eframe::Result) -> anyhow::Result<()> {
        let forced = std::env::var("ITAKU_NAVI_RENDERER").ok();
        let mut failures = Vec::new();
        for (name, renderer) in candidates() {
            if forced.as_deref().is_some_and(|f| f != name) {
                continue;
            }
            match open_window(renderer) {
                Ok(()) => return Ok(()),
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
        if failures.is_empty() {
            anyhow::bail!("ITAKU_NAVI_RENDERER names no renderer of this build (there are: {})", names().join(", "));
        }
        anyhow::bail!(
            "cannot open the window; this PC offers no renderer the app can use ({}). The command line (memo, decide, verify) works without a window.",
            failures.join("; ")
        )
    }

    fn names() -> Vec<&'static str> {
        candidates().into_iter().map(|(n, _)| n).collect()
    }

    #[cfg(all(windows, not(itaku_glow_only)))]
    fn candidates() -> Vec<(&'static str, eframe::Renderer)> {
        vec![("glow", eframe::Renderer::Glow), ("wgpu", eframe::Renderer::Wgpu)]
    }

    #[cfg(not(all(windows, not(itaku_glow_only))))]
    fn candidates() -> Vec<(&'static str, eframe::Renderer)> {
        vec![("glow", eframe::Renderer::Glow)]
    }
}

/// The eframe wrapper: keeps the window title in step and reports the first frame when benchmarking.
struct Window {
    app: App,
    title: String,
    bench: bool,
    frames: u64,
    /// The app's file dialogs have been given this window as their owner.
    parented: bool,
    /// The first window has been fitted to the screen.
    fitted: bool,
    /// The window's inner size last frame, remembered at exit.
    size: Option<egui::Vec2>,
    /// The display's scale and the theme last frame, remembered at exit.
    look: Option<storage::LastLook>,
}

/// The window's icon: the exe's icon at 256 px (`assets/icon`, drawn by
/// `tools/windows/make-icon.sh`), shown in the title bar, the taskbar and Alt+Tab.
#[must_use]
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/itaku-navi-256.png")).ok()
}

/// The first window's size when none is remembered.
const DEFAULT_SIZE: [f32; 2] = [1200.0, 800.0];
/// The smallest window the layout is made for.
const MIN_SIZE: [f32; 2] = [720.0, 480.0];

/// The size a window of `inner` points should take on a monitor of `monitor` points: at most
/// 90 % of its width and of its height less the taskbar's and title bar's share (winit does not
/// tell the work area), never below the smallest layout unless the screen is smaller still.
#[must_use]
pub fn fitted_size(inner: egui::Vec2, monitor: egui::Vec2) -> egui::Vec2 {
    let limit = egui::vec2(monitor.x * 0.9, monitor.y * 0.9 - 40.0).max(egui::Vec2::splat(200.0));
    inner.min(limit).max(egui::Vec2::from(MIN_SIZE).min(limit))
}

/// The look every window of the app shares: the embedded fonts (the look must not depend
/// on the fonts of the PC) and scroll bars that are always drawn, thin until hovered, so a
/// form or table wider or taller than the window shows that it scrolls (egui's default
/// bars appear only under the pointer).
pub fn setup(ctx: &egui::Context) {
    fonts::install(ctx);
    ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::thin());
}

/// On the first frame that knows the monitor: shrinks a window larger than the screen allows
/// and centres it (a 1366×768 laptop, 1920×1080 at 150 %). Returns whether it could tell.
fn fit_to_monitor(ctx: &egui::Context) -> bool {
    let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
    let (Some(monitor), Some(inner)) = (monitor, inner) else { return false };
    let want = fitted_size(inner.size(), monitor);
    if (want - inner.size()).length() > 1.0 {
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(want));
        let corner = ((monitor - want) * 0.5 - egui::vec2(0.0, 20.0)).max(egui::Vec2::ZERO);
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(corner.to_pos2()));
    }
    true
}

impl eframe::App for Window {
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        limit_atlas(raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.parented {
            // Native file dialogs are owned by this window: in front of it, modal to it
            // (without an owner a Windows dialog can open behind the app).
            self.app.pickers.parent = rfd::FileDialog::new().set_parent(frame);
            self.parented = true;
        }
        if self.bench {
            self.frames += 1;
            if self.frames == 2 {
                // The first frame has been painted when the second one starts: report before
                // laying the second one out, so its time is not counted.
                bench_report();
            }
        }
        if !self.fitted {
            self.fitted = fit_to_monitor(ui.ctx());
        }
        self.size = ui.ctx().input(|i| i.viewport().inner_rect).map(|r| r.size()).or(self.size);
        if let Some(scale) = ui.ctx().input(|i| i.viewport().native_pixels_per_point) {
            self.look = Some(storage::LastLook { scale, dark: ui.ctx().theme() == egui::Theme::Dark });
        }
        self.app.show(ui);
        if self.bench && self.frames == 1 {
            bench_mark("first_layout");
        }
        let title = self.app.title();
        if title != self.title {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.autosave_now();
        let size = self.size.map(|size| [size.x.round(), size.y.round()]).or(self.app.settings.window_size);
        let look = self.look.or(self.app.settings.last_look);
        if (self.app.settings.window_size, self.app.settings.last_look) != (size, look) {
            self.app.settings.window_size = size;
            self.app.settings.last_look = look;
            self.app.save_settings();
        }
    }
}

/// The moments of a start (`ITAKU_NAVI_BENCH_FIRST_FRAME`): each phase's name and when it
/// ended, in milliseconds since the Unix epoch, printed with the first painted frame.
static BENCH_MARKS: std::sync::Mutex<Vec<(&str, u128)>> = std::sync::Mutex::new(Vec::new());

/// Notes that the phase `name` of the start ended now (when benchmarking; a no-op otherwise).
pub fn bench_mark(name: &'static str) {
    if std::env::var_os("ITAKU_NAVI_BENCH_FIRST_FRAME").is_some()
        && let Ok(mut marks) = BENCH_MARKS.lock()
    {
        marks.push((name, unix_ms()));
    }
}

/// Prints when the first frame was painted, the RSS, and the phases' ends noted before it
/// ([`bench_mark`]), for `tools/bench-ui.sh` and `tools/bench-large.sh`.
pub fn bench_report() {
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_default();
    let marks = BENCH_MARKS.lock().map(|m| {
        m.iter().fold(String::new(), |mut s, (n, t)| {
            use std::fmt::Write as _;
            let _ = write!(s, " {n}={t}");
            s
        })
    });
    println!("first-frame-painted unix_ms={} rss={rss}{}", unix_ms(), marks.unwrap_or_default());
}

/// Milliseconds since the Unix epoch.
#[must_use]
pub fn unix_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::storage::{LastLook, Storage};
    use super::{ATLAS_SIDE, Ahead, AheadRules, App, setup, warm_up};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, mpsc};

    /// Whether `galley` is one of `among` (the same laid-out text, not an equal one).
    fn is_in(galley: &Arc<egui::Galley>, among: &[Arc<egui::Galley>]) -> bool {
        among.iter().any(|g| Arc::ptr_eq(g, galley))
    }

    /// The work waits for `start` (the window's hook): no thread runs it before.
    #[test]
    fn ahead_work_waits_for_its_start_and_runs_once() {
        let runs = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let counted = runs.clone();
        let ahead = Ahead::new(Some(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            tx.send(()).ok();
            7
        }));
        assert!(rx.recv_timeout(std::time::Duration::from_millis(100)).is_err(), "ran before its start");
        ahead.start();
        ahead.start();
        rx.recv_timeout(std::time::Duration::from_secs(10)).expect("runs once started");
        assert_eq!(ahead.take(), Some(7));
        assert_eq!(ahead.take(), None, "taken once");
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    /// Taking work nothing started runs it then (a window that never called its hook).
    #[test]
    fn ahead_work_taken_unstarted_still_runs() {
        let ahead = Ahead::new(Some(|| "read"));
        assert_eq!(ahead.take(), Some("read"));
        assert_eq!(Ahead::<u8>::new(None::<fn() -> u8>).take(), None);
    }

    /// Every caller gets the same rules; a failed load is known as failed once it ended.
    #[test]
    fn ahead_rules_give_every_caller_the_same_result() {
        let failing = AheadRules::new(|| Err("broken flow.json".to_string()));
        assert!(!failing.failed(), "not known before it ended");
        assert_eq!(failing.get().err().as_deref(), Some("broken flow.json"));
        assert!(failing.clone().failed());
        assert_eq!(failing.get().err().as_deref(), Some("broken flow.json"));
        let loading = AheadRules::new(|| crate::core::rules::load_embedded().map_err(|e| e.to_string()));
        loading.start();
        let (a, b) = (loading.get().expect("rules"), loading.clone().get().expect("rules"));
        assert_eq!(a.fingerprint, b.fingerprint);
        assert!(!loading.failed());
    }

    /// A frame as the window sends it (1200×800 points at scale 1, in the system's `theme`):
    /// the texts it drew, and whether the whole font atlas went out with it.
    fn window_frame(ctx: &egui::Context, app: &mut App, theme: egui::Theme) -> (Vec<Arc<egui::Galley>>, bool) {
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1200.0, 800.0))),
            max_texture_side: Some(ATLAS_SIDE),
            system_theme: Some(theme),
            ..Default::default()
        };
        input.viewports.insert(
            egui::ViewportId::ROOT,
            egui::ViewportInfo { native_pixels_per_point: Some(1.0), ..Default::default() },
        );
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        let whole_atlas = out
            .textures_delta
            .set
            .get(&egui::TextureId::default())
            .is_some_and(|deltas| deltas.iter().any(|d| d.pos.is_none()));
        out.textures_delta.clear();
        (galleys(&out), whole_atlas)
    }

    /// The texts a frame drew (empty ones aside), as the laid-out galleys they point to (held,
    /// so that no later galley takes the address of one dropped).
    fn galleys(out: &egui::FullOutput) -> Vec<Arc<egui::Galley>> {
        fn walk(shape: &egui::Shape, found: &mut Vec<Arc<egui::Galley>>) {
            match shape {
                egui::Shape::Text(text) if !text.galley.is_empty() => found.push(text.galley.clone()),
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        out.shapes.iter().for_each(|s| walk(&s.shape, &mut found));
        found
    }

    /// How full the font atlas is.
    #[expect(clippy::redundant_closure_for_method_calls, reason = "the method's lifetimes do not fit `fonts`")]
    fn atlas_fill(ctx: &egui::Context) -> f32 {
        ctx.fonts(|f| f.font_atlas_fill_ratio())
    }

    /// The app as a start makes it, with the built-in rules and an empty data folder.
    fn started_app(dir: &std::path::Path) -> (egui::Context, App) {
        let ctx = egui::Context::default();
        setup(&ctx);
        let rules = crate::core::rules::load_embedded().expect("rules");
        (ctx, App::new(rules, None, Storage::new(dir.to_path_buf())))
    }

    /// The first screen drawn ahead serves the window's first frame: its glyphs are in the
    /// atlas (none drawn again), its texts come from the cache (none laid out again: egui
    /// kept its fonts and the scroll bars were settled), and the window gets the whole font
    /// atlas with that frame (without it the window stayed blank).
    #[test]
    fn the_first_screen_drawn_ahead_serves_the_windows_first_frame() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (ctx, mut app) = started_app(dir.path());
        let ahead = warm_up(&ctx, &mut app, [1200.0, 800.0], LastLook::default());
        assert!(ahead.textures_delta.set.is_empty(), "the atlas is kept for the window, not dropped");
        let ahead = galleys(&ahead);
        assert!(ahead.len() > 50, "the first screen has its texts: {}", ahead.len());
        let filled = atlas_fill(&ctx);
        let (texts, whole_atlas) = window_frame(&ctx, &mut app, egui::Theme::Light);
        assert!(whole_atlas, "the window gets the whole font atlas with its first frame");
        let grown = atlas_fill(&ctx) - filled;
        assert!(grown.abs() < f32::EPSILON, "no glyph drawn again: the atlas grew by {grown}");
        let again = texts.iter().filter(|g| !is_in(g, &ahead)).count();
        assert_eq!(again, 0, "{again} of {} texts laid out again", texts.len());
    }

    /// A window that turns out otherwise than remembered (scale 1 and light, where 150 % and
    /// dark were remembered) lays its texts out again at its own scale, as it would have
    /// without the head start, and gets the whole font atlas with its first frame.
    #[test]
    fn a_window_unlike_the_one_remembered_still_gets_its_whole_atlas() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (ctx, mut app) = started_app(dir.path());
        let remembered = LastLook { scale: 1.5, dark: true };
        let ahead = galleys(&warm_up(&ctx, &mut app, [1200.0, 800.0], remembered));
        let (texts, whole_atlas) = window_frame(&ctx, &mut app, egui::Theme::Light);
        assert!(whole_atlas, "the window gets the whole font atlas with its first frame");
        assert!((ctx.pixels_per_point() - 1.0).abs() < f32::EPSILON, "the window's own scale");
        assert!(ahead.len() > 50 && texts.len() > 50);
        assert!(texts.iter().all(|g| !is_in(g, &ahead)), "every text laid out again at scale 1");
    }
}
