import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How puzzle code is confined: the worker's address space, each sat call's time, and whether z3 is loaded.
public struct SandboxLimits: Sendable {
    public var memoryBytes: Int = 2 << 30
    public var callMilliseconds: Int = 200
    public var z3: Bool = true
    public init() {}
}

/// Why talking to a worker failed: it died (a crash, `os._exit`, the CPU limit) or stopped answering.
struct WorkerFailure: Error, CustomStringConvertible {
    let description: String
}

/// One persistent `python3 -I -S` process that loads a sat and checks candidate values against it, over
/// pipes, in an empty directory it cannot write to; see `WorkerScript` for its side of the sandbox. Not
/// thread-safe: each engine worker thread owns one.
public final class PythonWorker {
    let limits: SandboxLimits
    private(set) var pid: pid_t = 0
    private var toChild: Int32 = -1
    private var fromChild: Int32 = -1
    private var buffer: [UInt8] = []
    /// The empty directory the process works in. The process removes it once it has moved in (it keeps a
    /// deleted directory as its working directory, where nothing can be created); removed here too if the
    /// process died before, so an interrupted run leaves nothing behind.
    private var directory: String?

    init(limits: SandboxLimits) throws {
        self.limits = limits
        signal(SIGPIPE, SIG_IGN)
        try start()
    }

    deinit {
        stop()
    }

    private func removeDirectory() {
        if let directory { rmdir(directory) }
        directory = nil
    }

    /// Pipes are made and marked close-on-exec under one lock, so that a worker started on another thread
    /// at the same moment cannot inherit them.
    private static let spawning = NSLock()

    /// Starts (or restarts) the process.
    func start() throws {
        stop()
        var template = Array((NSTemporaryDirectory() + "/apery-puzzle-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw WorkerFailure(description: "cannot make a working directory for puzzle workers") }
        let directory = String(cString: made)
        chmod(directory, 0o555)
        self.directory = directory
        PythonWorker.spawning.lock()
        defer { PythonWorker.spawning.unlock() }
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw WorkerFailure(description: "cannot make a pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            throw WorkerFailure(description: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var arguments = [Python.interpreter, "-I", "-S", "-c", WorkerScript.source, String(limits.memoryBytes), directory]
        if limits.z3 { arguments += Python.z3Paths }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, Python.interpreter, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        guard status == 0 else {
            close(input[1]); close(output[0])
            throw WorkerFailure(description: "cannot start \(Python.interpreter): \(String(cString: strerror(status)))")
        }
        pid = child
        toChild = input[1]
        fromChild = output[0]
        buffer.removeAll(keepingCapacity: true)
    }

    /// Kills the process (and its process group: the worker makes its own) and reaps it.
    func stop() {
        if toChild >= 0 { close(toChild); toChild = -1 }
        if fromChild >= 0 { close(fromChild); fromChild = -1 }
        if pid > 0 {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        removeDirectory()
    }

    /// Sends one request line and waits up to `seconds` for the reply line; a dead or silent worker is
    /// stopped and reported.
    func request(_ line: String, seconds: Double) throws -> JSONNode {
        guard pid > 0 else { throw WorkerFailure(description: "worker not running") }
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(toChild, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                stop()
                throw WorkerFailure(description: "worker died")
            }
            written += n
        }
        let deadline = Date().addingTimeInterval(seconds)
        var scanned = 0
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let reply = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                removeDirectory()
                do { return try JSONNode.parse(reply) } catch {
                    stop()
                    throw WorkerFailure(description: "worker sent an unreadable reply")
                }
            }
            scanned = buffer.count
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                stop()
                throw WorkerFailure(description: "worker stopped answering")
            }
            var poller = pollfd(fd: fromChild, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left * 1000, 60_000)) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(fromChild, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                stop()
                throw WorkerFailure(description: "worker died")
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}

/// The Python interpreter workers run, and where z3 is found.
enum Python {
    /// `APERY_PYTHON`, or the real executable behind `python3` on PATH (resolved once: a version manager's
    /// shim would cost a shell start per worker).
    static let interpreter: String = {
        if let chosen = ProcessInfo.processInfo.environment["APERY_PYTHON"], !chosen.isEmpty { return chosen }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-I", "-S", "-c", "import sys; print(sys.executable)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 0, !path.isEmpty { return path }
        } catch {}
        return "/usr/bin/python3"
    }()

    /// Directories holding the `z3` package: `APERY_Z3_PATH` (colon-separated), else Debian's python3-z3.
    static let z3Paths: [String] = {
        if let paths = ProcessInfo.processInfo.environment["APERY_Z3_PATH"], !paths.isEmpty {
            return paths.split(separator: ":").map(String.init)
        }
        return ["/usr/lib/python3/dist-packages"].filter { FileManager.default.fileExists(atPath: $0 + "/z3/__init__.py") }
    }()
}
