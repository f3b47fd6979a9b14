//! Gives the Windows exes what Explorer, the taskbar and IT inventories read: the icon, the
//! version information (from Cargo.toml) and the application manifest, compiled by MinGW's
//! `windres` through `winresource`. For any other target it does nothing.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/itaku-navi.ico");
    println!("cargo:rerun-if-changed=assets/windows/itaku-navi.exe.manifest");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let asset = |relative: &str| Path::new(&root).join(relative).display().to_string();
    // One resource per exe: Task Manager and the Properties sheet show FileDescription as
    // the program's name, so the two programs say which is which.
    for (binary, description) in
        [("itaku-navi", "外部委託 可否判断ナビ"), ("itaku-navi-cli", "外部委託 可否判断ナビ（コマンド用）")]
    {
        let mut resource = winresource::WindowsResource::new();
        resource
            .set_language(0x0411) // Japanese (Japan)
            .set_icon(&asset("assets/icon/itaku-navi.ico"))
            .set_manifest_file(&asset("assets/windows/itaku-navi.exe.manifest"))
            .set("FileDescription", description)
            .set("ProductName", "外部委託 可否判断ナビ (itaku-navi)")
            .set("InternalName", binary)
            .set("OriginalFilename", &format!("{binary}.exe"))
            .set("LegalCopyright", "MIT License");
        if let Err(e) = resource.compile_for(binary) {
            panic!("the Windows resources of {binary}.exe did not compile ({e}); is MinGW's windres installed?");
        }
    }
}
