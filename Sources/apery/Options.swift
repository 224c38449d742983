import ArgumentParser

/// Options every command shares.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object on stdout instead of the human-readable report.")
    var json = false
}

/// The store that records what a command computed.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Record the results and their provenance in this SQLite database (created if missing).")
    var database: String?
}

/// The caps on the depth and time a formula may take.
struct DepthOptions: ParsableArguments {
    @Option(help: "The deepest depth of the continued fraction to use.")
    var maxDepth: Int = 1 << 22

    @Option(help: "Seconds after which deepening stops.")
    var timeout: Double = 120

    func validate() throws {
        guard maxDepth >= 32 else { throw ValidationError("--max-depth must be at least 32") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }
}

/// How formulas and closed forms print in text output.
struct SyntaxOptions: ParsableArguments {
    @Option(help: "How formulas print: apery (2n + 1, e**2) or python (ramanujantools' PCF and mpmath: 2*n + 1, mpf(1)/3).")
    var syntax: String = "apery"

    var python: Bool { syntax == "python" }

    func validate() throws {
        guard ["apery", "python"].contains(syntax) else { throw ValidationError("--syntax must be apery or python, not \(syntax)") }
    }
}
