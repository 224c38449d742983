import Dispatch
import Foundation
import Expressions
import Formulas
import Numbers
import Relations

/// A cluster of one plane with what its anchors say about its members.
public struct LabelledCluster: Sendable {
    public let plane: MetricPlane
    public let label: Int
    /// Indices of the measured PCFs in the cluster.
    public let members: [Int]
    /// The anchor that names the cluster (the one most members relate to), and its index among the PCFs.
    public var anchor: Anchor?
    public var anchorIndex: Int?
    /// Whether the anchor came from the constants library rather than from a stored hit.
    public var identifiedFromLibrary = false
    /// Members (other than anchors) whose limits a degree-2 relation ties to an anchor's.
    public var related: [Int: AnchoredFormula] = [:]
}

/// Names the clusters of every plane (docs/ALGORITHMS.md §5): stored hits with known limits anchor the clusters they
/// fall in; a cluster without one has a representative identified against the constants library, which then
/// serves as its anchor; every other member is tested against the anchors by degree-2 relations.
public struct ClusterLabelling: Sendable {
    public var relations = AnchorRelations()
    /// Members tried against the constants library in a cluster without anchors (fastest converging first).
    public var representatives = 8
    /// Without relation tests the clusters are only named by the stored anchors that fall in them.
    public var testsRelations = true
    public var workers: Int

    public init(workers: Int = 1) { self.workers = max(1, workers) }

    /// `pcfs` may be lazy (a PCF is parsed when a test needs it): the whole NeurIPS space does not fit in memory as PCFs.
    public func label<Formulas: RandomAccessCollection>(_ pcfs: Formulas, planes: [PlaneClusters], anchors: [Int: Anchor], digitsPerTerm: [Double?],
                      progress: (_ phase: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) -> [LabelledCluster]
    where Formulas.Element == PCF, Formulas.Index == Int {
        var clusters = planes.flatMap { plane in
            plane.members.sorted { $0.key < $1.key }.map { LabelledCluster(plane: plane.plane, label: $0.key, members: $0.value) }
        }
        guard testsRelations else {
            return clusters.map { cluster in
                var cluster = cluster
                if let i = cluster.members.first(where: { anchors[$0] != nil }) { cluster.anchor = anchors[i]; cluster.anchorIndex = i }
                return cluster
            }
        }
        // Limits and identifications, computed once however many clusters (one per plane) a PCF is in.
        let shared = SharedResults()

        // Every member of an anchored cluster against its anchors (one per set of constants is enough: the others
        // are Moebius transforms of it).
        var tests: [(member: Int, anchor: Int)] = []
        var testClusters: [Int: [Int]] = [:]  // test index -> clusters it serves
        var seen: [String: Int] = [:]
        for (k, cluster) in clusters.enumerated() {
            var byConstants: [String: Int] = [:]
            for i in cluster.members where anchors[i] != nil {
                let key = anchors[i]!.constants.map(\.description).joined(separator: ",")
                // The simplest anchor of each set of constants (shortest limit, then formula) names what it relates.
                func size(_ j: Int) -> (Int, Int) { (anchors[j]!.closedForm?.description.count ?? .max, pcfs[j].description.count) }
                if byConstants[key].map({ size(i) < size($0) }) ?? true { byConstants[key] = i }
            }
            for member in cluster.members where anchors[member] == nil {
                for anchor in byConstants.values.sorted() {
                    let key = "\(member):\(anchor)"
                    if let t = seen[key] { testClusters[t, default: []].append(k); continue }
                    seen[key] = tests.count
                    testClusters[tests.count] = [k]
                    tests.append((member, anchor))
                }
            }
        }
        let outcomes = run(tests, pcfs: pcfs, shared: shared, progress: { progress("relation tests", $0, $1) }) { anchors[$0]! }
        for (t, outcome) in outcomes.enumerated() {
            guard let outcome else { continue }
            for k in testClusters[t] ?? [] where clusters[k].related[tests[t].member] == nil { clusters[k].related[tests[t].member] = outcome }
        }

        // A cluster without a stored anchor: its fastest member not yet explained is identified against the
        // constants library and, if it is, anchors the members it relates to; a candidate related to a member the
        // library could not name, or with a rational or quadratic limit, costs no attempt. Clusters are explored
        // in parallel.
        let unanchored = clusters.indices.filter { k in !clusters[k].members.contains { anchors[$0] != nil } }
        var explored = [Exploration?](repeating: nil, count: unanchored.count)
        let progressLock = NSLock()
        var done = 0
        explored.withUnsafeMutableBufferPointer { out in
            let out = out
            let body = { (j: Int) in
                out[j] = explore(clusters[unanchored[j]].members, pcfs: pcfs, digitsPerTerm: digitsPerTerm, shared: shared)
                progressLock.lock(); done += 1; progress("clusters without anchors", done, unanchored.count); progressLock.unlock()
            }
            if workers > 1 { DispatchQueue.concurrentPerform(iterations: unanchored.count, execute: body) } else { (0..<unanchored.count).forEach(body) }
        }
        for (j, k) in unanchored.enumerated() {
            guard let result = explored[j], let first = result.anchors.first else { continue }
            clusters[k].anchor = first.anchor; clusters[k].anchorIndex = first.index; clusters[k].identifiedFromLibrary = true
            clusters[k].related = result.related
        }

        // The naming anchor: the stored one most members relate to; among equals, the simplest limit and formula.
        for k in clusters.indices where !clusters[k].identifiedFromLibrary {
            let stored = clusters[k].members.filter { anchors[$0] != nil }
            guard !stored.isEmpty else { continue }
            let tally = Dictionary(grouping: clusters[k].related.values, by: { $0.anchor.pcf.description }).mapValues(\.count)
            func rank(_ i: Int) -> (Int, Int, Int) {
                (-(tally[pcfs[i].description] ?? 0), anchors[i]!.closedForm?.description.count ?? .max, pcfs[i].description.count)
            }
            let best = stored.min { rank($0) < rank($1) }!
            clusters[k].anchor = anchors[best]; clusters[k].anchorIndex = best
        }
        return clusters
    }

    /// What exploring a cluster without stored anchors found: the anchors identified (in order) and the members
    /// related to them.
    struct Exploration {
        var anchors: [(index: Int, anchor: Anchor)] = []
        var related: [Int: AnchoredFormula] = [:]
    }

    func explore<Formulas: RandomAccessCollection>(_ members: [Int], pcfs: Formulas, digitsPerTerm: [Double?], shared: SharedResults) -> Exploration
    where Formulas.Element == PCF, Formulas.Index == Int {
        let identifier = Identifier(detectionDigits: relations.screenDigits, confirmationDigits: relations.confirmDigits)
        var result = Exploration()
        var pool = members.sorted { (digitsPerTerm[$0] ?? 0) > (digitsPerTerm[$1] ?? 0) }
        // Representatives the library could not name: a later candidate related to one of them is the same
        // sub-family and costs no attempt. (Only an identified anchor is worth testing the whole pool against.)
        var unnamed: [AnchorRelations.Limits] = []
        var attempts = 0
        while attempts < representatives, !pool.isEmpty {
            let i = pool.removeFirst()
            let limits = shared.limits(i) { relations.limits(of: pcfs[i]) }
            // A limit below the confirmation digits is 0 as far as relations can tell: rational, no attempt.
            guard let value = limits.confirm, value.log10Magnitude > -Double(relations.confirmDigits) else { continue }
            if unnamed.contains(where: { relations.relation(limits, $0) != nil }) { continue }
            let outcome = shared.identification(i) { () -> SharedResults.Identified in
                let found = (try? identifier.identify { _ in value }) ?? []
                if let simple = found.first, simple.kind == .rational || simple.kind == .quadratic { return .simple }
                return found.lazy.compactMap { Anchor(pcf: pcfs[i], identification: $0) }.first.map { .anchor($0) } ?? .unknown
            }
            switch outcome {
            case .simple: continue
            case .unknown: unnamed.append(limits); attempts += 1
            case .anchor(let anchor):
                attempts += 1
                result.anchors.append((i, anchor))
                pool = pool.filter { member in
                    let memberLimits = shared.limits(member) { relations.limits(of: pcfs[member]) }
                    guard let formula = relations.relate(pcfs[member], memberLimits, to: anchor, limits) else { return true }
                    result.related[member] = formula
                    return false
                }
            }
        }
        return result
    }

    /// The relation tests, in batches (for progress), on the workers.
    func run<Formulas: RandomAccessCollection>(_ tests: [(member: Int, anchor: Int)], pcfs: Formulas, shared: SharedResults,
                                               progress: (Int, Int) -> Void, anchor: (Int) -> Anchor) -> [AnchoredFormula?]
    where Formulas.Element == PCF, Formulas.Index == Int {
        var outcomes: [AnchoredFormula?] = []
        let batch = 256
        while outcomes.count < tests.count {
            let slice = Array(tests[outcomes.count..<min(outcomes.count + batch, tests.count)])
            let anchorsOfSlice = slice.map { anchor($0.anchor) }
            outcomes += parallelMap(Array(slice.indices)) { j in
                let (member, anchor) = slice[j]
                return relations.relate(pcfs[member], shared.limits(member) { relations.limits(of: pcfs[member]) }, to: anchorsOfSlice[j],
                                        shared.limits(anchor) { relations.limits(of: pcfs[anchor]) })
            }
            progress(outcomes.count, tests.count)
        }
        return outcomes
    }

    /// `transform` over the items on `workers` threads, results in order.
    func parallelMap<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard workers > 1, items.count > 1 else { return items.map(transform) }
        var results = [R?](repeating: nil, count: items.count)
        let stride = (items.count + workers - 1) / workers
        results.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in (w * stride)..<min((w + 1) * stride, items.count) { out[i] = transform(items[i]) }
            }
        }
        return results.map { $0! }
    }
}

/// Limits and library identifications shared by the threads testing and exploring clusters; each is computed outside the
/// lock (two threads may rarely compute one twice, with the same result).
final class SharedResults: @unchecked Sendable {
    enum Identified { case simple, anchor(Anchor), unknown }

    private let lock = NSLock()
    private var limitsOf: [Int: AnchorRelations.Limits] = [:]
    private var identifiedOf: [Int: Identified] = [:]

    func limits(_ i: Int, _ compute: () -> AnchorRelations.Limits) -> AnchorRelations.Limits {
        lock.lock(); let known = limitsOf[i]; lock.unlock()
        if let known { return known }
        let value = compute()
        lock.lock(); limitsOf[i] = value; lock.unlock()
        return value
    }

    func identification(_ i: Int, _ compute: () -> Identified) -> Identified {
        lock.lock(); let known = identifiedOf[i]; lock.unlock()
        if let known { return known }
        let value = compute()
        lock.lock(); identifiedOf[i] = value; lock.unlock()
        return value
    }
}
