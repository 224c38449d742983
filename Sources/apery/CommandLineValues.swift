/// The command line as the user meant it: `--digits -5`, `identify -0.5`, `cf -2/3` and `guess -1,2,3` hold
/// negative numbers, which the argument parser would otherwise read as options.
enum CommandLineValues {
    /// Flags: options that take no value, so a negative number after one is a positional argument.
    static let flags: Set<String> = ["--json", "--yes", "--pattern", "--hits", "--no-relations", "--all", "--c-finite", "--help", "-h", "--version"]

    /// Whether an argument is a number or an expression that starts with a minus sign, not an option name.
    static func isNegativeValue(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1, argument != "--" else { return false }
        // Option names are -x or --name; anything after the dashes that cannot start a name is a value
        // (-2/3, -(1+e), ---1), and so is a run of three or more dashes.
        let dashes = argument.prefix { $0 == "-" }.count
        guard let first = argument.dropFirst(dashes).first else { return dashes > 2 }
        return dashes > 2 || first.isNumber || first == "." || first == "("
    }

    /// A negative value after an option that takes one joins it (`--digits=-5`); a negative positional
    /// argument goes after `--`, where nothing is read as an option.
    static func negativesAsValues(_ arguments: [String]) -> [String] {
        guard !arguments.contains("--") else { return arguments }
        var kept: [String] = [], positional: [String] = []
        for argument in arguments {
            if isNegativeValue(argument) {
                if let last = kept.last, last.hasPrefix("-"), !last.contains("="), !flags.contains(last), !isNegativeValue(last) {
                    kept[kept.count - 1] = last + "=" + argument
                } else {
                    positional.append(argument)
                }
            } else {
                kept.append(argument)
            }
        }
        return positional.isEmpty ? kept : kept + ["--"] + positional
    }
}
