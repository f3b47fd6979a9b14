//! The console on Windows: the exe is a GUI program (no black console window on a
//! double-click), so a command typed in a terminal borrows that terminal's console to print.
//!
//! A Windows program is linked for one of two subsystems. A *console* program gets a console
//! window from the loader before any of its code runs, which is what users saw beside the app
//! when they double-clicked it. A *windows* program gets none — and so, started from
//! `cmd.exe` or PowerShell, has nowhere to print `itaku-navi decide …`'s report. On Windows
//! the exe is therefore linked as a windows program (`main.rs`) and [`attach_parent`] asks
//! for the console of the terminal it was started from. Output that is redirected to a file
//! or a pipe already has its handles and is left alone; from the Explorer there is no parent
//! console and nothing happens. Elsewhere this module does nothing.

/// Borrows the parent terminal's console when the process has no standard output or error
/// (a GUI-subsystem exe started from a terminal). Call once, first thing in `main`.
pub fn attach_parent() {
    #[cfg(windows)]
    windows::attach_parent();
}

/// Shows a fatal start-up error where the user will see it: on the terminal, and on Windows
/// also in a message box when the program has no console (started from the Explorer).
pub fn report_fatal(title: &str, message: &str) {
    eprintln!("itaku-navi: {message}");
    #[cfg(windows)]
    if !windows::has_console() {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[cfg(not(windows))]
    let _ = title;
}

#[cfg(windows)]
#[expect(unsafe_code, reason = "two Win32 calls without pointers: GetStdHandle and AttachConsole")]
mod windows {
    //! The Win32 calls behind [`super::attach_parent`].
    use std::sync::atomic::{AtomicBool, Ordering};

    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };

    static HAS_CONSOLE: AtomicBool = AtomicBool::new(false);

    pub(super) fn attach_parent() {
        // SAFETY: GetStdHandle takes a constant and returns a handle value (null when the
        // process has none); it dereferences nothing of ours.
        let (out, err) = unsafe { (GetStdHandle(STD_OUTPUT_HANDLE), GetStdHandle(STD_ERROR_HANDLE)) };
        if !out.is_null() || !err.is_null() {
            // Redirected to a file or pipe, or a console program: the handles work already.
            HAS_CONSOLE.store(true, Ordering::Relaxed);
            return;
        }
        // SAFETY: AttachConsole takes a process id constant and returns a BOOL.
        let attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } != 0;
        HAS_CONSOLE.store(attached, Ordering::Relaxed);
    }

    pub(super) fn has_console() -> bool {
        HAS_CONSOLE.load(Ordering::Relaxed)
    }
}
