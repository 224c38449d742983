// The shims are header-only; this file gives SwiftPM a source to build.
