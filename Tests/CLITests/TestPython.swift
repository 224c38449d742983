import Foundation

/// Python for the tests that check Apery against Python references (numpy, jax/optax, mpmath): the interpreter
/// `make test` prepares (APERY_TEST_PYTHON, a venv with those packages), else `python3`.
enum TestPython {
    static let interpreter = ProcessInfo.processInfo.environment["APERY_TEST_PYTHON"] ?? "python3"

    /// Runs `python -c script arguments...`; its exit status, stdout and the end of its stderr.
    static func run(_ script: String, _ arguments: [String] = [], interpreter: String = TestPython.interpreter) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter, "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors.suffix(800), as: UTF8.self))
    }
}
