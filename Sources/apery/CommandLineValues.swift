/// The command line as the user meant it: `--digits -5`, `identify -0.5`, `cf -2/3` and `guess -1,2,3` hold
/// negative numbers, which the argument parser would otherwise read as options.
enum CommandLineValues {
    /// Flags: options that take no value, so a negative number after one is a positional argument.
    static let flags: Set<String> = ["--json", "--yes", "--pattern", "--hits", "--no-relations", "--all", "--c-finite", "--help", "-h", "--version"]

    /// Whether an argument is a number or an expression that starts with a minus sign, not an option name.
    static func isNegativeValue(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        let second = argument[argument.index(after: argument.startIndex)]
        return second.isNumber || second == "." || second == "("
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
