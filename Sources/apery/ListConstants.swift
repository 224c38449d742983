import ArgumentParser
import Constants
import Expressions
import Numbers

struct ListConstants: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "constants",
        abstract: "List the constants and functions that expressions may use.")

    @Option(help: "Digits of each constant's value to show.")
    var digits: String = "30"

    @OptionGroup var output: OutputOptions

    struct Listing: Encodable {
        struct Entry: Encodable {
            let name: String
            let aliases: [String]
            let expression: String
            let summary: String
            let value: String
        }
        struct Function: Encodable {
            let name: String
            let aliases: [String]
            let arguments: [Int]
            let summary: String
        }
        let constants: [Entry]
        let functions: [Function]
    }

    func run() throws {
        try reportingErrors {
            let digits = try digitCount(self.digits, range: 1...100_000)
            let listing = Listing(
                constants: ConstantLibrary.all.map {
                    .init(name: $0.name, aliases: $0.aliases, expression: $0.expression, summary: $0.summary,
                          value: $0.value(precision: bits(forDigits: digits + 5)).formatted(significantDigits: digits))
                },
                functions: FunctionLibrary.all.map { .init(name: $0.name, aliases: $0.aliases, arguments: $0.arities, summary: $0.summary) })
            if output.json { try printJSON(listing); return }
            print("Constants (name, value, meaning):")
            for c in listing.constants {
                let names = ([c.name] + c.aliases).joined(separator: ", ")
                print("  \(names.padding(toLength: 30, withPad: " ", startingAt: 0)) \(c.value.padding(toLength: digits + 3, withPad: " ", startingAt: 0)) \(c.summary)")
            }
            print("Functions (name, arguments, meaning):")
            for f in listing.functions {
                let names = ([f.name] + f.aliases).joined(separator: ", ")
                print("  \(names.padding(toLength: 30, withPad: " ", startingAt: 0)) \(f.arguments.map(String.init).joined(separator: " or ").padding(toLength: 7, withPad: " ", startingAt: 0)) \(f.summary)")
            }
        }
    }
}
